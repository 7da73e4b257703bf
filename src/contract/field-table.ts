import type { WireType } from '../wire.js';
import { emptyJsonObject, isJsonObject, member, type JsonObject, type JsonValue } from './json-document.js';
import { dottedName, escapeSegment, joinPointer, unescapeSegment } from '../json-pointer.js';

/** Who sends or receives the body, and the type that holds the shape on that side. */
export interface ContractSide {
  readonly name: string;
  readonly repo: string;
  readonly type: string;
}

/** The receiving side, and how strictly its read analysis judges a field it cannot prove read. */
export interface ConsumerSide extends ContractSide {
  /** `"reads": "strict"`: an unprovable read (CONSUMER_READ_UNPROVABLE) is an error wherever the analysis runs. */
  readonly strictReads: boolean;
}

/**
 * One wire field of a contract, at any depth. `pointer` addresses the field in
 * the payload ("/display/mode"); `schemaPointer` addresses its schema in the
 * contract file ("/properties/display/properties/mode").
 */
export interface ContractField {
  readonly pointer: string;
  readonly schemaPointer: string;
  readonly name: string;
  /** Wire pointer of the nearest enclosing field (through arrays and maps), "" for top-level fields. */
  readonly parent: string;
  readonly type: WireType;
  /** Listed in the parent's `required`: the producer always sends it. */
  readonly required: boolean;
  /** `cp_consumes`; undefined when missing or not a boolean (lint reports it). */
  readonly consumes: boolean | undefined;
  readonly note: string | undefined;
  readonly description: string | undefined;
  /** The field's schema node in the contract, for rules that look at keywords the table does not model. */
  readonly schema: JsonValue | undefined;
  /**
   * The `$defs` entry this field is declared in, by name; undefined for the
   * root's own fields. A definition's fields have pointers relative to the
   * definition ("/name", never a payload path) and schema pointers from the
   * contract root ("/$defs/Node/properties/name").
   */
  readonly def?: string;
}

/**
 * One entry of the contract's root `$defs`: a shared (or recursive) object
 * type that wire fields name with `"$ref": "#/$defs/Name"`. Its fields are a
 * field table of their own, keyed by pointer relative to the definition.
 */
export interface ContractDef {
  readonly name: string;
  /** "/$defs/Name" (the name escaped as a pointer segment). */
  readonly schemaPointer: string;
  readonly schema: JsonValue;
  /** Why the definition is not a usable object schema (UNSUPPORTED_SCHEMA reports it); undefined when it is. */
  readonly problem: string | undefined;
  /** Its fields in document order, pointers relative to the definition. */
  readonly fields: ReadonlyMap<string, ContractField>;
}

/** The normalized contract: header plus a field table keyed by wire pointer, in document order. */
export interface ContractModel {
  readonly title: string;
  readonly endpoint: string;
  readonly producer: ContractSide | undefined;
  readonly consumer: ConsumerSide | undefined;
  readonly fields: ReadonlyMap<string, ContractField>;
  /**
   * The root `$defs`, by name in document order; empty when the contract has
   * none. The root field table stops at a field whose type is a reference
   * (`WireType` object with `ref`): what lies below it is the definition's.
   */
  readonly defs: ReadonlyMap<string, ContractDef>;
}

/** Every field of the contract: the root's, then each definition's, in document order. */
export function* allContractFields(model: ContractModel): Generator<ContractField> {
  yield* model.fields.values();
  for (const def of model.defs.values()) yield* def.fields.values();
}

/** How messages name a field: "display.mode" for the root's, "$defs.Node.next" for a definition's. */
export function fieldLabel(field: Pick<ContractField, 'pointer' | 'def'>): string {
  const dotted = dottedName(field.pointer);
  return field.def === undefined ? dotted : `$defs.${field.def}.${dotted}`;
}

/** The only `$ref` form the dialect reads: a definition at the contract root, "#/$defs/Name". */
const DEF_REF = /^#\/\$defs\/((?:[^/~]|~[01])+)$/u;

/** The keywords allowed beside `"$ref"` in a wire field (2020-12 allows siblings; wirepin reads these). */
const REF_SIBLINGS = new Set(['$ref', 'cp_consumes', 'description', 'note', '$comment']);

const SCALAR_KINDS = new Set(['string', 'integer', 'number', 'boolean', 'null']);

/** Reads the declared JSON types of a schema: "string", ["string", "null"], or none. */
function declaredTypes(schema: JsonObject): string[] | undefined {
  const type = member(schema, 'type');
  if (typeof type === 'string') return [type];
  if (Array.isArray(type) && type.every((t): t is string => typeof t === 'string')) return type;
  return undefined;
}

/**
 * Maps a field schema to the wire type wirepin compares against sources.
 * Constructs wirepin does not model (anyOf, $ref, several non-null types, ...)
 * become `opaque` with the reason; the UNSUPPORTED_SCHEMA rule reports them.
 */
export function wireTypeOf(schema: JsonValue | undefined, defs?: ReadonlySet<string>): WireType {
  if (schema === true) return { kind: 'any', nullable: true };
  if (!isJsonObject(schema)) return { kind: 'opaque', nullable: false, reason: 'the schema is not an object' };
  if (Object.hasOwn(schema, '$defs'))
    return { kind: 'opaque', nullable: false, reason: '"$defs" is allowed only at the contract root' };
  if (Object.hasOwn(schema, '$ref')) return refType(schema, defs);
  const anyOf = member(schema, 'anyOf');
  if (anyOf !== undefined && nullableRefForm(schema, anyOf)) {
    const inner = refType((anyOf as JsonValue[])[0] as JsonObject, defs);
    return inner.kind === 'object' ? { ...inner, nullable: true } : inner;
  }
  // One look at each key: does any give the schema a shape, is any one wirepin does not model?
  let shaped = false;
  let unmodelled = false;
  for (const key of Object.keys(schema)) {
    if (SCHEMA_SHAPE_KEYWORDS.has(key)) shaped = true;
    if (UNMODELLED.has(key)) unmodelled = true;
  }
  if (!shaped) return { kind: 'any', nullable: true };
  if (unmodelled) {
    // Named in a fixed order, whatever the order of the keys.
    const keyword = UNMODELLED_KEYWORDS.find((k) => Object.hasOwn(schema, k)) as string;
    return {
      kind: 'opaque',
      nullable: false,
      reason: `"${keyword}" is not supported in wire fields; spell the type out with "type"`,
    };
  }
  const types = declaredTypes(schema);
  if (!types) {
    if (Object.hasOwn(schema, 'const') || Object.hasOwn(schema, 'enum')) return enumType(schema);
    return { kind: 'opaque', nullable: false, reason: 'the field has no "type"' };
  }
  const nullable = types.includes('null');
  const rest = types.filter((t) => t !== 'null');
  if (rest.length === 0) return { kind: 'null', nullable: true };
  if (rest.length > 1)
    return { kind: 'opaque', nullable, reason: `a field of several types (${rest.join(', ')}) is not supported` };
  const kind = rest[0] ?? '';
  if (SCALAR_KINDS.has(kind)) return { kind: kind as 'string' | 'integer' | 'number' | 'boolean', nullable };
  if (kind === 'array') {
    const items = member(schema, 'items');
    return {
      kind: 'array',
      items: items === undefined ? { kind: 'any', nullable: true } : wireTypeOf(items, defs),
      nullable,
    };
  }
  if (kind === 'object') {
    const properties = member(schema, 'properties');
    const additional = member(schema, 'additionalProperties');
    if (properties === undefined && additional !== undefined && additional !== false) {
      return { kind: 'map', values: wireTypeOf(additional, defs), nullable };
    }
    return { kind: 'object', nullable };
  }
  return { kind: 'opaque', nullable, reason: `unknown type "${kind}"` };
}

/**
 * A wire field that is `"$ref": "#/$defs/Name"`, optionally with the ledger and
 * prose beside it: an object of that definition. Any other reference (a file,
 * a URL, a pointer that is not a root definition, a name not in `$defs`) or a
 * keyword beside it that would change the shape is opaque, with the reason.
 */
function refType(schema: JsonObject, defs: ReadonlySet<string> | undefined): WireType {
  const ref = member(schema, '$ref');
  if (typeof ref !== 'string') return { kind: 'opaque', nullable: false, reason: '"$ref" is not a string' };
  const match = DEF_REF.exec(ref);
  if (!match) {
    return {
      kind: 'opaque',
      nullable: false,
      reason: `"$ref" is not supported for ${JSON.stringify(ref)}: a reference names a definition of this contract, "#/$defs/Name"`,
    };
  }
  const name = unescapeSegment(match[1] ?? '');
  if (!defs?.has(name))
    return {
      kind: 'opaque',
      nullable: false,
      reason: `"$ref": ${JSON.stringify(ref)} names no entry of the root "$defs"; add the definition or fix the name`,
    };
  const extra = Object.keys(schema)
    .filter((k) => !REF_SIBLINGS.has(k))
    .sort();
  if (extra.length > 0) {
    return {
      kind: 'opaque',
      nullable: false,
      reason: `"${extra[0] ?? ''}" beside "$ref" is not supported; only "cp_consumes", "description" and "note" may stand beside a reference (a nullable one is "anyOf": [{"$ref": ...}, {"type": "null"}])`,
    };
  }
  return { kind: 'object', nullable: false, ref: name };
}

/** `"anyOf": [{"$ref": "#/$defs/Name"}, {"type": "null"}]` exactly, with only the ledger and prose beside it: a nullable reference. */
export function nullableRefForm(schema: JsonObject, anyOf: JsonValue): boolean {
  if (!Array.isArray(anyOf) || anyOf.length !== 2) return false;
  const [first, second] = anyOf;
  if (!isJsonObject(first ?? null) || !isJsonObject(second ?? null)) return false;
  const refBranch = first as JsonObject;
  const nullBranch = second as JsonObject;
  if (Object.keys(refBranch).length !== 1 || !Object.hasOwn(refBranch, '$ref')) return false;
  if (Object.keys(nullBranch).length !== 1 || member(nullBranch, 'type') !== 'null') return false;
  return Object.keys(schema).every((k) => k === 'anyOf' || (REF_SIBLINGS.has(k) && k !== '$ref'));
}

function enumType(schema: JsonObject): WireType {
  const values = Object.hasOwn(schema, 'const') ? [member(schema, 'const')] : member(schema, 'enum');
  const list = Array.isArray(values) ? values : [];
  const kinds = new Set(
    list.map((v) =>
      v === null ? 'null' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v,
    ),
  );
  const nullable = kinds.delete('null');
  if (kinds.size === 1) {
    const only = [...kinds][0];
    if (only === 'string' || only === 'boolean' || only === 'integer' || only === 'number')
      return { kind: only, nullable };
  }
  return { kind: 'opaque', nullable, reason: 'an enum of mixed types is not supported' };
}

/** Keywords that give a schema a shape; a schema with none of them accepts anything. */
const SCHEMA_SHAPE_KEYWORDS = new Set([
  'type',
  'const',
  'enum',
  'properties',
  'items',
  'additionalProperties',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  '$ref',
  '$dynamicRef',
  'if',
  'prefixItems',
  'patternProperties',
  'unevaluatedProperties',
]);
const UNMODELLED_KEYWORDS = [
  '$ref',
  '$dynamicRef',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  'if',
  'prefixItems',
  'patternProperties',
];
const UNMODELLED = new Set(UNMODELLED_KEYWORDS);

function readSide(value: JsonValue | undefined): ContractSide | undefined {
  if (!isJsonObject(value)) return undefined;
  const name = member(value, 'name');
  const repo = member(value, 'repo');
  const type = member(value, 'type');
  if (typeof name !== 'string' || typeof repo !== 'string' || typeof type !== 'string') return undefined;
  return { name, repo, type };
}

function readConsumer(value: JsonValue | undefined): ConsumerSide | undefined {
  const side = readSide(value);
  return side === undefined || !isJsonObject(value)
    ? undefined
    : { ...side, strictReads: member(value, 'reads') === 'strict' };
}

/**
 * Builds the field table from a parsed contract. Tolerant by design: it never
 * throws on odd input (lint reports what is wrong), and it does not mutate it.
 */
export function buildContractModel(root: JsonValue): ContractModel {
  const fields = new Map<string, ContractField>();
  const doc = isJsonObject(root) ? root : emptyJsonObject();
  const defsValue = member(doc, '$defs');
  const defsObject = isJsonObject(defsValue ?? null) ? (defsValue as JsonObject) : emptyJsonObject();
  const names: ReadonlySet<string> = new Set(Object.keys(defsObject));
  const walk: Walk = { defs: names, def: undefined };
  collectFields(doc, '', '', '', fields, walk);
  const defs = new Map<string, ContractDef>();
  for (const name of names) {
    const schema = member(defsObject, name) as JsonValue;
    const schemaPointer = `/$defs/${escapeSegment(name)}`;
    const defFields = new Map<string, ContractField>();
    const problem = defProblem(schema, names);
    if (problem === undefined)
      collectFields(schema as JsonObject, '', schemaPointer, '', defFields, { defs: names, def: name });
    defs.set(name, { name, schemaPointer, schema, problem, fields: defFields });
  }
  const title = member(doc, 'title');
  const endpoint = member(doc, 'endpoint');
  return {
    title: typeof title === 'string' ? title : '',
    endpoint: typeof endpoint === 'string' ? endpoint : '',
    producer: readSide(member(doc, 'producer')),
    consumer: readConsumer(member(doc, 'consumer')),
    fields,
    defs,
  };
}

/** What a walk of one field table knows: the root's definition names, and which definition it walks (undefined: the root). */
interface Walk {
  readonly defs: ReadonlySet<string>;
  readonly def: string | undefined;
}

/** A definition is an object schema with named fields: "type": "object" (not nullable: a nullable use says so with anyOf) and "properties". */
function defProblem(schema: JsonValue, names: ReadonlySet<string>): string | undefined {
  if (!isJsonObject(schema))
    return 'a definition is an object schema ({"type": "object", "properties": {...}}), not a boolean';
  if (Object.hasOwn(schema, '$defs')) return '"$defs" is allowed only at the contract root';
  const type = wireTypeOf(schema, names);
  if (type.kind === 'opaque') return type.reason;
  if (
    type.kind !== 'object' ||
    type.ref !== undefined ||
    type.nullable ||
    !isJsonObject(member(schema, 'properties') ?? null)
  ) {
    return 'a definition is an object schema with named fields ({"type": "object", "properties": {...}}); a nullable use says "anyOf": [{"$ref": ...}, {"type": "null"}]';
  }
  return undefined;
}

/** Walks `properties` of an object schema, and into array items and map values that are objects. */
function collectFields(
  schema: JsonObject,
  wirePointer: string,
  schemaPointer: string,
  parentField: string,
  out: Map<string, ContractField>,
  walk: Walk,
): void {
  const properties = member(schema, 'properties');
  if (isJsonObject(properties)) {
    const requiredList = member(schema, 'required');
    const required = new Set(
      Array.isArray(requiredList) ? requiredList.filter((r): r is string => typeof r === 'string') : [],
    );
    for (const name of Object.keys(properties)) {
      const fieldSchema = member(properties, name);
      const segment = escapeSegment(name);
      const pointer = `${wirePointer}/${segment}`;
      const fieldSchemaPointer = `${schemaPointer}/properties/${segment}`;
      const consumes = isJsonObject(fieldSchema) ? member(fieldSchema, 'cp_consumes') : undefined;
      const note = isJsonObject(fieldSchema) ? member(fieldSchema, 'note') : undefined;
      const description = isJsonObject(fieldSchema) ? member(fieldSchema, 'description') : undefined;
      out.set(pointer, {
        pointer,
        schemaPointer: fieldSchemaPointer,
        name,
        parent: parentField,
        type: wireTypeOf(fieldSchema, walk.defs),
        required: required.has(name),
        consumes: typeof consumes === 'boolean' ? consumes : undefined,
        note: typeof note === 'string' ? note : undefined,
        description: typeof description === 'string' ? description : undefined,
        schema: fieldSchema,
        ...(walk.def === undefined ? {} : { def: walk.def }),
      });
      if (isJsonObject(fieldSchema)) descend(fieldSchema, pointer, fieldSchemaPointer, pointer, out, walk);
    }
  }
}

function descend(
  schema: JsonObject,
  wirePointer: string,
  schemaPointer: string,
  parentField: string,
  out: Map<string, ContractField>,
  walk: Walk,
): void {
  collectFields(schema, wirePointer, schemaPointer, parentField, out, walk);
  const items = member(schema, 'items');
  if (isJsonObject(items))
    descend(items, joinPointer(wirePointer, '*'), joinPointer(schemaPointer, 'items'), parentField, out, walk);
  const additional = member(schema, 'additionalProperties');
  if (isJsonObject(additional) && member(schema, 'properties') === undefined) {
    descend(
      additional,
      joinPointer(wirePointer, '*'),
      joinPointer(schemaPointer, 'additionalProperties'),
      parentField,
      out,
      walk,
    );
  }
}

/** Whether two wire types are spelled the same by `formatWireType`, without spelling them. */
export function sameWireType(a: WireType, b: WireType): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind !== 'null' && a.kind !== 'any' && a.nullable !== b.nullable) return false;
  if (a.kind === 'map') return sameWireType(a.values, (b as typeof a).values);
  if (a.kind === 'array') return sameWireType(a.items, (b as typeof a).items);
  return true;
}

/** "string", "integer|null", "map<string>", "array<object>": how reports spell a wire type. */
export function formatWireType(type: WireType): string {
  const base =
    type.kind === 'map'
      ? `map<${formatWireType(type.values)}>`
      : type.kind === 'array'
        ? `array<${formatWireType(type.items)}>`
        : type.kind;
  return type.nullable && type.kind !== 'null' && type.kind !== 'any' ? `${base}|null` : base;
}
