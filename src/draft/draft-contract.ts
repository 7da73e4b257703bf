import type { JsonObject, JsonValue } from '../contract/json-document.js';
import { dottedName, escapeSegment, parentPointer } from '../json-pointer.js';
import { WirepinError, type SourceLocation } from '../errors.js';
import type { ExtractResult, SourceGraph, SourceTypeFields, WireField, WireType } from '../wire.js';

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
  /**
   * Go's type graph, when some named struct type is used more than once or
   * recursively (`sharedTypes`): those types become `$defs` entries, used with
   * `$ref`; every other named type is spelled out at its one place. `source`
   * is then the root type's own fields.
   */
  readonly graph?: { readonly source: SourceGraph; readonly defs: ReadonlyMap<string, string> };
}

/**
 * The named struct types of a graph that a draft describes once, under
 * `$defs`, by identity → definition name: every type reached from more than
 * one place, and the root when anything refers back to it. Every cycle has
 * such a type (where it is entered), so spelling the rest out in place ends.
 * Names are the identities with anything but letters, digits and "_" made
 * "_", made unique with a number; in the graph's (breadth-first) order.
 */
export function sharedTypes(graph: SourceGraph): Map<string, string> {
  const inbound = new Map<string, number>();
  for (const type of graph.types.values())
    for (const target of type.links.values()) inbound.set(target, (inbound.get(target) ?? 0) + 1);
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const identity of graph.types.keys()) {
    const count = inbound.get(identity) ?? 0;
    if (count < 2 && !(identity === graph.rootType && count > 0)) continue;
    const base = identity.replace(/[^A-Za-z0-9_]/gu, '_');
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}${i}`;
    used.add(name);
    names.set(identity, name);
  }
  return names;
}

/** Every field and opaque place of every type of a graph, for the refusal of what the extractor could not see. */
export function graphFields(graph: SourceGraph): ExtractResult {
  const types = [...graph.types.values()];
  return { root: graph.root, fields: types.flatMap((t) => t.fields), opaque: types.flatMap((t) => t.opaque) };
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
    if (!seen.has(o.pointer))
      out.push({ pointer: o.pointer, sourceType: o.typeName, reason: o.reason, location: o.location });
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
  const graph = input.graph;
  const unresolved = unresolvedFields(graph === undefined ? input.source : graphFields(graph.source));
  if (unresolved.length > 0) throw unresolvedError(input.source.root.name, unresolved);
  /** A list of fields to draft from: the flat source, or one type of the graph (pointers relative to it). */
  type Scope = Pick<SourceTypeFields, 'fields' | 'links'>;
  const childrenByScope = new Map<Scope, Map<string, WireField[]>>();
  const childrenOf = (scope: Scope, pointer: string): WireField[] => {
    let children = childrenByScope.get(scope);
    if (children === undefined) {
      children = new Map<string, WireField[]>();
      for (const field of scope.fields) {
        const parent = parentPointer(field.pointer);
        const list = children.get(parent) ?? [];
        list.push(field);
        children.set(parent, list);
      }
      childrenByScope.set(scope, children);
    }
    return children.get(pointer) ?? [];
  };
  const describe = (target: JsonObject, location: SourceLocation): void => {
    const text = input.descriptions.get(location);
    if (text !== undefined) put(target, 'description', text);
  };
  /** The members of an object schema whose fields sit below `pointer` in `scope`. */
  const objectMembers = (target: JsonObject, scope: Scope, pointer: string): void => {
    put(target, 'additionalProperties', false);
    const fields = childrenOf(scope, pointer);
    const required = fields.filter((f) => f.required).map((f) => f.jsonName);
    if (required.length > 0) put(target, 'required', required);
    const properties: JsonObject = {};
    for (const field of fields) {
      const schema = schemaOf(field.type, scope, field.pointer);
      describe(schema, field.location);
      put(properties, field.jsonName, reorder(schema));
    }
    put(target, 'properties', properties);
  };
  /** The schema of a value of `type` whose nested fields sit below `pointer` in `scope`. */
  const schemaOf = (type: WireType, scope: Scope, pointer: string): JsonObject => {
    const schema: JsonObject = {};
    switch (type.kind) {
      case 'any':
        break;
      case 'null':
        put(schema, 'type', 'null');
        break;
      case 'object': {
        // A named type continues here: a reference to its definition, or its fields spelled out in place.
        const linked = scope.links.get(pointer);
        const def = linked === undefined ? undefined : graph?.defs.get(linked);
        const linkedType = linked === undefined ? undefined : graph?.source.types.get(linked);
        if (def !== undefined) {
          const ref = { $ref: `#/$defs/${escapeSegment(def)}` };
          if (type.nullable) put(schema, 'anyOf', [ref, { type: 'null' }]);
          else put(schema, '$ref', ref.$ref);
        } else {
          put(schema, 'type', typeKeyword('object', type.nullable));
          if (linkedType !== undefined) objectMembers(schema, linkedType, '');
          else objectMembers(schema, scope, pointer);
        }
        break;
      }
      case 'map':
        put(schema, 'type', typeKeyword('object', type.nullable));
        put(schema, 'additionalProperties', reorder(schemaOf(type.values, scope, `${pointer}/*`)));
        break;
      case 'array':
        put(schema, 'type', typeKeyword('array', type.nullable));
        put(schema, 'items', reorder(schemaOf(type.items, scope, `${pointer}/*`)));
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
  put(root, 'producer', {
    name: input.header.producer.name,
    repo: input.header.producer.repo,
    type: input.header.producer.type,
  });
  put(root, 'consumer', {
    name: input.header.consumer.name,
    repo: input.header.consumer.repo,
    type: input.header.consumer.type,
  });
  put(root, 'type', 'object');
  const rootScope: Scope =
    graph === undefined
      ? { fields: input.source.fields, links: new Map() }
      : (graph.source.types.get(graph.source.rootType) ?? { fields: [], links: new Map() });
  objectMembers(root, rootScope, '');
  if (graph !== undefined && graph.defs.size > 0) {
    const defs: JsonObject = {};
    for (const [identity, name] of graph.defs) {
      const type = graph.source.types.get(identity);
      if (type === undefined) continue;
      const schema: JsonObject = {};
      put(schema, 'type', 'object');
      describe(schema, type.location);
      objectMembers(schema, type, '');
      put(defs, name, schema);
    }
    put(root, '$defs', defs);
  }
  return root;
}

const FIELD_KEY_ORDER = [
  '$ref',
  'anyOf',
  'type',
  'description',
  'items',
  'additionalProperties',
  'required',
  'properties',
];

/** A field schema with its keys in FIELD_KEY_ORDER (the description is added after the type's keys). */
function reorder(schema: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key of FIELD_KEY_ORDER) if (Object.hasOwn(schema, key)) put(out, key, schema[key] as JsonValue);
  return out;
}

function unresolvedError(root: string, unresolved: readonly UnresolvedField[]): WirepinError {
  const list = unresolved
    .map(
      (u) =>
        `${u.location.file}:${u.location.line}:${u.location.column}: ${u.pointer === '' ? root : `"${dottedName(u.pointer)}"`} (${u.sourceType}): ${u.reason}`,
    )
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
