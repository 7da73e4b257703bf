import { wireTypeOf } from '../contract/field-table.js';
import { isJsonObject, member, type JsonObject, type JsonValue } from '../contract/json-document.js';
import { dottedName, joinPointer } from '../json-pointer.js';
import { WirepinError } from '../errors.js';
import type { PactContract } from './contract.js';
import { MAX_MADE_UP_LENGTH, patternExample } from './pattern-example.js';

/**
 * The example request body of a contract, as a typed tree the matchers are
 * derived from. Every field is present, optional and dead ones included
 * (Pact's request matching fails on a missing key as on an unexpected one, so
 * the example must carry the whole shape); maps get one entry, arrays one
 * item; nullable fields get their non-null value. Values are deterministic
 * (no randomness, no clock): an `examples` entry in the field's schema wins,
 * then `const`, then the first `enum` value, then a value made from the field
 * name that satisfies the field's format, length, range and pattern.
 */
export type BodyNode =
  | {
      readonly kind: 'string';
      readonly example: string;
      readonly nullable: boolean;
      readonly allowed: readonly string[] | undefined;
      /** The contract's string constraints, matched by regex (matchers.ts). Lengths count code points. */
      readonly format?: string;
      readonly pattern?: string;
      readonly minLength?: number;
      readonly maxLength?: number;
    }
  | {
      readonly kind: 'integer' | 'number';
      readonly example: number;
      readonly nullable: boolean;
      /** Inclusive bounds; for integers the exclusive ones are folded in. */
      readonly minimum?: number;
      readonly maximum?: number;
    }
  | { readonly kind: 'boolean'; readonly example: boolean; readonly nullable: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'any'; readonly example: JsonValue }
  | { readonly kind: 'object'; readonly members: readonly BodyMember[]; readonly nullable: boolean }
  | { readonly kind: 'map'; readonly key: string; readonly value: BodyNode; readonly nullable: boolean }
  | {
      readonly kind: 'array';
      readonly item: BodyNode;
      readonly nullable: boolean;
      readonly minItems?: number;
      readonly maxItems?: number;
    };

export interface BodyMember {
  readonly name: string;
  readonly node: BodyNode;
  /** Listed in the object's `required`: the producer always sends it. */
  readonly required: boolean;
  /**
   * For a field of a `$defs` definition: "Name/pointer-in-the-definition". The
   * same definition field reached along several paths has one origin, so the
   * covering set varies it once, not once per path.
   */
  readonly origin?: string;
}

/** The one key every example map gets. */
export const EXAMPLE_MAP_KEY = 'example_key';

const FORMAT_EXAMPLES: Readonly<Record<string, (slug: string) => string>> = {
  uri: (slug) => `https://example.test/${slug}`,
  'uri-reference': (slug) => `https://example.test/${slug}`,
  iri: (slug) => `https://example.test/${slug}`,
  'iri-reference': (slug) => `https://example.test/${slug}`,
  url: (slug) => `https://example.test/${slug}`,
  email: (slug) => `${slug}@example.test`,
  'idn-email': (slug) => `${slug}@example.test`,
  hostname: () => 'example.test',
  'idn-hostname': () => 'example.test',
  uuid: () => '00000000-0000-4000-8000-000000000000',
  'date-time': () => '2000-01-01T00:00:00Z',
  date: () => '2000-01-01',
  time: () => '00:00:00Z',
  duration: () => 'PT1M',
  ipv4: () => '192.0.2.1',
  ipv6: () => '2001:db8::1',
};

/** Where an example is being made, for messages and made-up values. */
export interface ExamplePlace {
  readonly contract: string;
  /** Wire pointer, for messages. */
  readonly pointer: string;
  /** A name for values made up from it ("org_id", "env-value"). */
  readonly name: string;
  /** The contract's `$defs` and what following them may still cost; absent: the schema has no definitions. */
  readonly definitions?: Definitions;
  /** The definitions being laid out on the way here (recursion), and the one whose fields these are with the pointer inside it. */
  readonly within?: { readonly path: ReadonlySet<string>; readonly def: string | undefined; readonly inner: string };
}

/** How many values one example body may hold when it follows `$ref`s; a denser graph is refused (exit 2), never expanded without end. */
export const MAX_EXAMPLE_VALUES = 10_000;

/** A contract's root `$defs` for the example, with a budget of values shared by the whole body. */
export interface Definitions {
  readonly schemas: JsonObject;
  readonly names: ReadonlySet<string>;
  left: number;
}

/** A contract document as the body's schema: its `$defs` are where references lead, not a keyword of the body. */
export function bodySchema(document: JsonObject): JsonObject {
  if (!Object.hasOwn(document, '$defs')) return document;
  const out: JsonObject = {};
  for (const key of Object.keys(document)) if (key !== '$defs') defineMember(out, key, document[key] as JsonValue);
  return out;
}

/** The `$defs` of a contract document, for `ExamplePlace.definitions`; undefined when it has none. */
export function definitionsOf(document: JsonObject): Definitions | undefined {
  const defs = member(document, '$defs');
  if (!isJsonObject(defs ?? null)) return undefined;
  const schemas = defs as JsonObject;
  return { schemas, names: new Set(Object.keys(schemas)), left: MAX_EXAMPLE_VALUES };
}

/** The definition a field's own object comes from, through arrays and maps; undefined for anything else. */
function referredDefinition(type: ReturnType<typeof wireTypeOf>): string | undefined {
  if (type.kind === 'object') return type.ref;
  if (type.kind === 'array') return referredDefinition(type.items);
  if (type.kind === 'map') return referredDefinition(type.values);
  return undefined;
}

function unsupported(place: ExamplePlace, why: string): never {
  throw new WirepinError('E_UNSUPPORTED', `Field "${dottedName(place.pointer)}" in ${place.contract}: ${why}.`, {
    hint: 'Give the field an "examples" entry in the contract; wirepin uses the first one as the Pact example.',
  });
}

function numberOr(schema: JsonObject, key: string): number | undefined {
  const value = member(schema, key);
  return typeof value === 'number' ? value : undefined;
}

/** The author's example: `examples[0]`, then `const`, then `enum[0]`. */
function givenExample(schema: JsonObject): JsonValue | undefined {
  const examples = member(schema, 'examples');
  if (Array.isArray(examples) && examples.length > 0) return examples[0];
  if (Object.hasOwn(schema, 'const')) return member(schema, 'const');
  const values = member(schema, 'enum');
  return Array.isArray(values) && values.length > 0 ? values.find((v) => v !== null) : undefined;
}

function lengthFits(schema: JsonObject, text: string): boolean {
  const length = [...text].length;
  const minLength = numberOr(schema, 'minLength');
  const maxLength = numberOr(schema, 'maxLength');
  return (minLength === undefined || length >= minLength) && (maxLength === undefined || length <= maxLength);
}

function patternValue(schema: JsonObject, pattern: string, place: ExamplePlace): string {
  const made = patternExample(pattern, (text) => lengthFits(schema, text));
  if (!made.ok) unsupported(place, made.reason);
  return made.value;
}

function stringExample(schema: JsonObject, place: ExamplePlace): string {
  const given = givenExample(schema);
  if (typeof given === 'string') return given;
  const slug = place.name.replace(/[^A-Za-z0-9_-]+/g, '-');
  const format = member(schema, 'format');
  const pattern = member(schema, 'pattern');
  if (typeof format === 'string' && !FORMAT_EXAMPLES[format] && typeof pattern !== 'string') {
    unsupported(place, `wirepin has no made-up value for format ${JSON.stringify(format)}`);
  }
  let text =
    typeof format === 'string' && FORMAT_EXAMPLES[format]
      ? FORMAT_EXAMPLES[format](slug)
      : typeof pattern === 'string'
        ? patternValue(schema, pattern, place)
        : `example-${slug}`;
  if (member(schema, 'contentEncoding') === 'base64') text = Buffer.from(text, 'utf8').toString('base64');
  const minLength = numberOr(schema, 'minLength');
  const maxLength = numberOr(schema, 'maxLength');
  // JSON Schema lengths count code points; the made-up text is ASCII.
  // A made-up example is bounded whatever the contract says; a longer minimum needs the author's own example.
  if (minLength !== undefined && minLength > MAX_MADE_UP_LENGTH)
    unsupported(place, `its minLength ${minLength} is over the ${MAX_MADE_UP_LENGTH} characters wirepin makes up`);
  if (minLength !== undefined && text.length < minLength) text = text.padEnd(minLength, 'x');
  if (maxLength !== undefined && text.length > maxLength) text = text.slice(0, maxLength);
  if (typeof pattern === 'string' && !new RegExp(pattern, 'u').test(text)) {
    unsupported(
      place,
      `the made-up example ${JSON.stringify(text)} does not match its pattern ${JSON.stringify(pattern)}`,
    );
  }
  return text;
}

function numberExample(schema: JsonObject, place: ExamplePlace, integer: boolean): number {
  const given = givenExample(schema);
  if (typeof given === 'number' && (!integer || Number.isInteger(given))) return given;
  const minimum = numberOr(schema, 'minimum');
  const maximum = numberOr(schema, 'maximum');
  const exclusiveMinimum = numberOr(schema, 'exclusiveMinimum');
  const exclusiveMaximum = numberOr(schema, 'exclusiveMaximum');
  const multipleOf = numberOr(schema, 'multipleOf');
  const fits = (n: number): boolean =>
    (!integer || Number.isInteger(n)) &&
    (minimum === undefined || n >= minimum) &&
    (maximum === undefined || n <= maximum) &&
    (exclusiveMinimum === undefined || n > exclusiveMinimum) &&
    (exclusiveMaximum === undefined || n < exclusiveMaximum) &&
    (multipleOf === undefined || Number.isInteger(n / multipleOf));
  const step = multipleOf ?? 1;
  const candidates = [integer ? 1 : 1.5, step];
  const lowest = Math.max(minimum ?? -Infinity, exclusiveMinimum ?? -Infinity);
  if (Number.isFinite(lowest)) candidates.push(Math.ceil(lowest / step) * step, (Math.floor(lowest / step) + 1) * step);
  const highest = Math.min(maximum ?? Infinity, exclusiveMaximum ?? Infinity);
  if (Number.isFinite(highest))
    candidates.push(Math.floor(highest / step) * step, (Math.ceil(highest / step) - 1) * step);
  const found = candidates.find(fits);
  if (found === undefined) unsupported(place, 'wirepin cannot make up a number within its range and multipleOf');
  return found;
}

/** The inclusive numeric bounds of a schema; an integer's exclusive bounds become the next integer in. */
function inclusiveBounds(schema: JsonObject, integer: boolean): { minimum?: number; maximum?: number } {
  const out: { minimum?: number; maximum?: number } = {};
  const minimum = numberOr(schema, 'minimum');
  const maximum = numberOr(schema, 'maximum');
  const exclusiveMinimum = numberOr(schema, 'exclusiveMinimum');
  const exclusiveMaximum = numberOr(schema, 'exclusiveMaximum');
  if (!integer) {
    // Pact has no range matcher and a regex over decimal numbers is not kept exact here: only integer ranges are matched.
    return out;
  }
  const lows = [
    minimum === undefined ? undefined : Math.ceil(minimum),
    exclusiveMinimum === undefined ? undefined : Math.floor(exclusiveMinimum) + 1,
  ];
  const highs = [
    maximum === undefined ? undefined : Math.floor(maximum),
    exclusiveMaximum === undefined ? undefined : Math.ceil(exclusiveMaximum) - 1,
  ];
  const low = lows.filter((n): n is number => n !== undefined);
  const high = highs.filter((n): n is number => n !== undefined);
  if (low.length > 0) out.minimum = Math.max(...low);
  if (high.length > 0) out.maximum = Math.min(...high);
  return out;
}

/** Builds the example tree for one schema. */
export function exampleNode(schema: JsonValue | undefined, place: ExamplePlace): BodyNode {
  const definitions = place.definitions;
  const type = wireTypeOf(schema, definitions?.names);
  if (definitions !== undefined && --definitions.left < 0) {
    unsupported(place, `following its "$ref"s, the example body would hold more than ${MAX_EXAMPLE_VALUES} values`);
  }
  if (type.kind === 'object' && type.ref !== undefined && definitions !== undefined) {
    // A reference: the definition's object, nullable as the reference says; its fields are the definition's.
    const path = new Set(place.within?.path ?? []);
    path.add(type.ref);
    const node = exampleNode(member(definitions.schemas, type.ref), {
      ...place,
      within: { path, def: type.ref, inner: '' },
    });
    return node.kind === 'object' ? { ...node, nullable: type.nullable } : node;
  }
  const object = isJsonObject(schema) ? schema : {};
  switch (type.kind) {
    case 'opaque':
      return unsupported(place, type.reason);
    case 'any': {
      const given = givenExample(object);
      return { kind: 'any', example: given ?? `example-${place.name}` };
    }
    case 'null':
      return { kind: 'null' };
    case 'string': {
      const values = member(object, 'enum');
      const allowed = Object.hasOwn(object, 'const')
        ? [member(object, 'const')]
        : Array.isArray(values)
          ? values
          : undefined;
      const strings = allowed?.filter((v): v is string => typeof v === 'string');
      const format = member(object, 'format');
      const pattern = member(object, 'pattern');
      const minLength = numberOr(object, 'minLength');
      const maxLength = numberOr(object, 'maxLength');
      return {
        kind: 'string',
        example: stringExample(object, place),
        nullable: type.nullable,
        allowed: strings,
        ...(typeof format === 'string' ? { format } : {}),
        ...(typeof pattern === 'string' ? { pattern } : {}),
        ...(minLength !== undefined ? { minLength } : {}),
        ...(maxLength !== undefined ? { maxLength } : {}),
      };
    }
    case 'integer':
    case 'number': {
      const integer = type.kind === 'integer';
      const bounds = inclusiveBounds(object, integer);
      return { kind: type.kind, example: numberExample(object, place, integer), nullable: type.nullable, ...bounds };
    }
    case 'boolean': {
      const given = givenExample(object);
      return { kind: 'boolean', example: typeof given === 'boolean' ? given : true, nullable: type.nullable };
    }
    case 'object': {
      const properties = member(object, 'properties');
      const members: BodyMember[] = [];
      const required = member(object, 'required');
      const requiredNames = new Set(
        Array.isArray(required) ? required.filter((r): r is string => typeof r === 'string') : [],
      );
      if (isJsonObject(properties)) {
        for (const name of Object.keys(properties)) {
          const fieldSchema = member(properties, name);
          const within = place.within && { ...place.within, inner: joinPointer(place.within.inner, name) };
          const fieldPlace: ExamplePlace = {
            ...place,
            pointer: joinPointer(place.pointer, name),
            name,
            ...(within ? { within } : {}),
          };
          const required = requiredNames.has(name);
          const origin = within?.def === undefined ? {} : { origin: `${within.def}${within.inner}` };
          const fieldType = wireTypeOf(fieldSchema, place.definitions?.names);
          const back = referredDefinition(fieldType);
          if (back !== undefined && place.within?.path.has(back)) {
            // Round a recursion a finite payload stops: an optional field is left out, a nullable one is null.
            if (!required) continue;
            if (fieldType.nullable) {
              members.push({ name, node: { kind: 'null' }, required, ...origin });
              continue;
            }
            unsupported(
              fieldPlace,
              `it is required, not nullable, and refers back to "$defs.${back}", which holds it, so no finite payload has it; make it optional or nullable`,
            );
          }
          members.push({ name, node: exampleNode(fieldSchema, fieldPlace), required, ...origin });
        }
      }
      return { kind: 'object', members, nullable: type.nullable };
    }
    case 'map':
      return {
        kind: 'map',
        key: EXAMPLE_MAP_KEY,
        value: exampleNode(member(object, 'additionalProperties'), {
          ...place,
          pointer: joinPointer(place.pointer, '*'),
          name: `${place.name}-value`,
          ...inside(place, '*'),
        }),
        nullable: type.nullable,
      };
    case 'array': {
      const minItems = numberOr(object, 'minItems');
      const maxItems = numberOr(object, 'maxItems');
      return {
        kind: 'array',
        item: exampleNode(member(object, 'items'), {
          ...place,
          pointer: joinPointer(place.pointer, '*'),
          name: `${place.name}-item`,
          ...inside(place, '*'),
        }),
        nullable: type.nullable,
        ...(minItems !== undefined ? { minItems } : {}),
        ...(maxItems !== undefined ? { maxItems } : {}),
      };
    }
  }
}

/** The place one level down (an array item or map value) inside a definition. */
function inside(place: ExamplePlace, segment: string): Pick<ExamplePlace, 'within'> {
  return place.within ? { within: { ...place.within, inner: joinPointer(place.within.inner, segment) } } : {};
}

/** The plain JSON value of an example tree. Objects are built in contract order. */
export function exampleValue(node: BodyNode): JsonValue {
  switch (node.kind) {
    case 'null':
      return null;
    case 'object': {
      const out: JsonObject = {};
      for (const m of node.members) defineMember(out, m.name, exampleValue(m.node));
      return out;
    }
    case 'map': {
      const out: JsonObject = {};
      defineMember(out, node.key, exampleValue(node.value));
      return out;
    }
    case 'array':
      return [exampleValue(node.item)];
    default:
      return node.example;
  }
}

/** defineProperty, so a field named "__proto__" is an ordinary member. */
export function defineMember(target: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The example tree of a contract's request body. */
export function exampleTree(contract: PactContract): BodyNode {
  const definitions = definitionsOf(contract.schema);
  return exampleNode(bodySchema(contract.schema), {
    contract: contract.file,
    pointer: '',
    name: 'body',
    ...(definitions ? { definitions } : {}),
  });
}

/** A request body with every field of the contract populated; valid against the generated wire schema. */
export function exampleBody(contract: PactContract): JsonObject {
  const value = exampleValue(exampleTree(contract));
  if (!isJsonObject(value))
    throw new WirepinError('E_UNSUPPORTED', `${contract.file} does not describe a JSON object body.`);
  return value;
}
