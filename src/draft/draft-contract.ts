import type { JsonObject, JsonValue } from '../contract/json-document.js';
import { dottedName } from '../json-pointer.js';
import { WirepinError, type SourceLocation } from '../errors.js';
import type { ExtractResult, WireField, WireType } from '../wire.js';

/** The contract header a draft carries; every value already decided by the caller. */
export interface DraftHeader {
  readonly title: string;
  readonly endpoint: string;
  readonly producer: { readonly name: string; readonly repo: string; readonly type: string };
  readonly consumer: { readonly name: string; readonly repo: string; readonly type: string };
}

export interface DraftInput {
  readonly header: DraftHeader;
  readonly source: ExtractResult;
  /** Doc comments by declaration: the root type's becomes the contract's description, each field's its own. */
  readonly descriptions: ReadonlyMap<SourceLocation, string>;
}

/** A place the source does not say enough to draft: the draft is refused rather than guessed. */
export interface UnresolvedField {
  readonly pointer: string;
  readonly sourceType: string;
  readonly reason: string;
  readonly location: SourceLocation;
}

/** Sets a key without ever touching a prototype (`__proto__` is an ordinary field name). */
function put(target: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The JSON type keyword: "string", or ["string", "null"] when the value may travel as null. */
function typeKeyword(kind: string, nullable: boolean): JsonValue {
  return nullable ? [kind, 'null'] : kind;
}

/** Every field or place the extractor could not see into, in source order. */
export function unresolvedFields(source: ExtractResult): UnresolvedField[] {
  const out: UnresolvedField[] = [];
  const seen = new Set<string>();
  const opaqueIn = (type: WireType): string | undefined => {
    if (type.kind === 'opaque') return type.reason;
    if (type.kind === 'map') return opaqueIn(type.values);
    if (type.kind === 'array') return opaqueIn(type.items);
    return undefined;
  };
  for (const field of source.fields) {
    const reason = opaqueIn(field.type);
    if (reason === undefined) continue;
    seen.add(field.pointer);
    out.push({ pointer: field.pointer, sourceType: field.sourceType, reason, location: field.location });
  }
  for (const o of source.opaque) {
    if (!seen.has(o.pointer)) out.push({ pointer: o.pointer, sourceType: o.typeName, reason: o.reason, location: o.location });
  }
  return out;
}

/**
 * Drafts a contract from a source's wire fields: every field with its type,
 * `required` from the source (encoding/json's rules for Go, `?` for TS),
 * nested objects closed with `additionalProperties: false`, maps as
 * `additionalProperties` schemas, nullability as `["kind", "null"]`, doc
 * comments as descriptions. `cp_consumes` is left out on every property, so
 * the draft fails lint (CONSUMES_FLAG_MISSING) until each field is decided.
 *
 * Key order is fixed (header, then per field: type, description, items or
 * additionalProperties, required, properties; fields in source order), so the
 * same source always gives the same bytes. A field whose type the extractor
 * could not resolve stops the draft (E_UNKNOWN_TYPE naming each one).
 */
export function draftContract(input: DraftInput): JsonObject {
  const unresolved = unresolvedFields(input.source);
  if (unresolved.length > 0) throw unresolvedError(input.source.root.name, unresolved);
  const children = new Map<string, WireField[]>();
  for (const field of input.source.fields) {
    const parent = field.pointer.slice(0, field.pointer.lastIndexOf('/'));
    const list = children.get(parent) ?? [];
    list.push(field);
    children.set(parent, list);
  }
  const describe = (target: JsonObject, location: SourceLocation): void => {
    const text = input.descriptions.get(location);
    if (text !== undefined) put(target, 'description', text);
  };
  /** The members of an object schema whose fields sit below `pointer`. */
  const objectMembers = (target: JsonObject, pointer: string): void => {
    put(target, 'additionalProperties', false);
    const fields = children.get(pointer) ?? [];
    const required = fields.filter((f) => f.required).map((f) => f.jsonName);
    if (required.length > 0) put(target, 'required', required);
    const properties: JsonObject = {};
    for (const field of fields) {
      const schema = schemaOf(field.type, field.pointer);
      describe(schema, field.location);
      put(properties, field.jsonName, reorder(schema));
    }
    put(target, 'properties', properties);
  };
  /** The schema of a value of `type` whose nested fields sit below `pointer`. */
  const schemaOf = (type: WireType, pointer: string): JsonObject => {
    const schema: JsonObject = {};
    switch (type.kind) {
      case 'any':
        break;
      case 'null':
        put(schema, 'type', 'null');
        break;
      case 'object':
        put(schema, 'type', typeKeyword('object', type.nullable));
        objectMembers(schema, pointer);
        break;
      case 'map':
        put(schema, 'type', typeKeyword('object', type.nullable));
        put(schema, 'additionalProperties', reorder(schemaOf(type.values, `${pointer}/*`)));
        break;
      case 'array':
        put(schema, 'type', typeKeyword('array', type.nullable));
        put(schema, 'items', reorder(schemaOf(type.items, `${pointer}/*`)));
        break;
      case 'opaque':
        // unresolvedFields refused these above.
        throw new Error(`unreachable: opaque type at ${pointer}`);
      default:
        put(schema, 'type', typeKeyword(type.kind, type.nullable));
    }
    return schema;
  };

  const root: JsonObject = {};
  put(root, 'title', input.header.title);
  describe(root, input.source.root.location);
  put(root, 'endpoint', input.header.endpoint);
  put(root, 'producer', { name: input.header.producer.name, repo: input.header.producer.repo, type: input.header.producer.type });
  put(root, 'consumer', { name: input.header.consumer.name, repo: input.header.consumer.repo, type: input.header.consumer.type });
  put(root, 'type', 'object');
  objectMembers(root, '');
  return root;
}

const FIELD_KEY_ORDER = ['type', 'description', 'items', 'additionalProperties', 'required', 'properties'];

/** A field schema with its keys in FIELD_KEY_ORDER (the description is added after the type's keys). */
function reorder(schema: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key of FIELD_KEY_ORDER) if (Object.hasOwn(schema, key)) put(out, key, schema[key] as JsonValue);
  return out;
}

function unresolvedError(root: string, unresolved: readonly UnresolvedField[]): WirepinError {
  const list = unresolved
    .map((u) => `${u.location.file}:${u.location.line}:${u.location.column}: ${u.pointer === '' ? root : `"${dottedName(u.pointer)}"`} (${u.sourceType}): ${u.reason}`)
    .join('; ');
  const first = unresolved[0] as UnresolvedField;
  return new WirepinError(
    'E_UNKNOWN_TYPE',
    `wirepin cannot see the wire shape of ${unresolved.length === 1 ? 'one field' : `${unresolved.length} fields`} of ${root}, so it drafts no contract rather than guess: ${list}.`,
    {
      location: first.location,
      hint: 'Declare those types in the same package (or file), or write the contract by hand from the payload the producer really sends.',
    },
  );
}
