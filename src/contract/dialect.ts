/**
 * The contract dialect: every JSON Schema keyword wirepin understands, and at
 * which positions of a contract it may stand. Written once, here; the
 * UNSUPPORTED_SCHEMA lint rule rejects every keyword not listed for its
 * position, and docs/rules/UNSUPPORTED_SCHEMA.md shows this table (a test holds
 * the two equal). A keyword wirepin does not list would change what a
 * validator accepts while pin, consumes and diff look past it: a silent pass.
 */

/**
 * Where a schema sits in a contract: the contract itself (`root`), a wire
 * field under `properties` at any depth (`field`), the `items` of an array
 * (`items`), the `additionalProperties` schema of a map (`values`), or a
 * shared object shape under the root's `$defs` (`def`).
 */
export const SCHEMA_POSITIONS = ['root', 'field', 'items', 'values', 'def'] as const;
export type SchemaPosition = (typeof SCHEMA_POSITIONS)[number];

/**
 * What a keyword does for wirepin:
 * - `header`: the contract's own header (title, endpoint, sides), read by every command;
 * - `shape`: decides the wire type that pin and consumes compare with code;
 * - `ledger`: the consumption ledger (`cp_consumes`, `note`);
 * - `constraint`: narrows the values of a type; `diff` compares it and classifies each change (FIELD_CONSTRAINT_CHANGED);
 * - `annotation`: changes no validation result and nothing on the wire.
 */
export type KeywordRole = 'header' | 'shape' | 'ledger' | 'constraint' | 'annotation';

export interface DialectKeyword {
  readonly keyword: string;
  readonly role: KeywordRole;
  readonly positions: readonly SchemaPosition[];
  /** Why it is allowed where it is, one clause (shown in the rule doc). */
  readonly why: string;
  /** wirepin's own keyword, not JSON Schema's: a validator of the generated schema must know it as an annotation. */
  readonly own?: true;
}

/** The positions of a wire value: a field, array items, map values (where `items`, constraints and `$ref` may stand). */
export const NESTED: readonly SchemaPosition[] = ['field', 'items', 'values'];
const EVERYWHERE: readonly SchemaPosition[] = ['root', 'field', 'items', 'values', 'def'];

/** The dialect, in the order the rule doc lists it. */
export const DIALECT: readonly DialectKeyword[] = [
  {
    keyword: '$schema',
    role: 'header',
    positions: ['root'],
    why: 'editors read it; wirepin always validates with its own meta-schema',
  },
  {
    keyword: '$id',
    role: 'header',
    positions: ['root'],
    why: 'names the contract; nothing may refer to it, since `$ref` only points into `$defs`',
  },
  {
    keyword: '$defs',
    role: 'shape',
    positions: ['root'],
    why: 'named object shapes that fields share, each described once; recursion allowed',
  },
  {
    keyword: 'title',
    role: 'header',
    positions: ['root'],
    why: 'names the generated type; on a field it would name a separate generated type',
  },
  {
    keyword: 'endpoint',
    role: 'header',
    positions: ['root'],
    why: 'the method and path that carry the body',
    own: true,
  },
  { keyword: 'producer', role: 'header', positions: ['root'], why: 'the sending service and its type', own: true },
  {
    keyword: 'consumer',
    role: 'header',
    positions: ['root'],
    why: 'the receiving service and its type; `"reads": "strict"` there makes its read analysis strict',
    own: true,
  },
  {
    keyword: 'pact',
    role: 'header',
    positions: ['root'],
    why: 'headers, provider state and response for `wirepin pact`; left out of the generated schema',
    own: true,
  },
  { keyword: 'type', role: 'shape', positions: EVERYWHERE, why: 'one JSON type, optionally with "null"' },
  { keyword: 'properties', role: 'shape', positions: EVERYWHERE, why: 'the fields of an object' },
  { keyword: 'required', role: 'shape', positions: EVERYWHERE, why: 'the fields the producer always sends' },
  {
    keyword: 'additionalProperties',
    role: 'shape',
    positions: EVERYWHERE,
    why: '`false` closes an object; a schema makes a map',
  },
  { keyword: 'items', role: 'shape', positions: NESTED, why: 'the one type of every array item' },
  {
    keyword: '$ref',
    role: 'shape',
    positions: NESTED,
    why: 'a definition of this contract, `"#/$defs/Name"`; only `cp_consumes`, `note` and `description` may stand beside it',
  },
  { keyword: 'enum', role: 'constraint', positions: NESTED, why: 'the values of one type a field may take' },
  { keyword: 'const', role: 'constraint', positions: NESTED, why: 'the one value a field takes' },
  { keyword: 'pattern', role: 'constraint', positions: NESTED, why: 'a regular expression every string matches' },
  { keyword: 'format', role: 'constraint', positions: NESTED, why: 'a named string format; validators may assert it' },
  {
    keyword: 'contentEncoding',
    role: 'constraint',
    positions: NESTED,
    why: 'how bytes travel in a string (Go sends []byte as base64)',
  },
  { keyword: 'minimum', role: 'constraint', positions: NESTED, why: 'a lower bound on numbers' },
  { keyword: 'maximum', role: 'constraint', positions: NESTED, why: 'an upper bound on numbers' },
  { keyword: 'exclusiveMinimum', role: 'constraint', positions: NESTED, why: 'a strict lower bound on numbers' },
  { keyword: 'exclusiveMaximum', role: 'constraint', positions: NESTED, why: 'a strict upper bound on numbers' },
  { keyword: 'multipleOf', role: 'constraint', positions: NESTED, why: 'numbers are multiples of it' },
  { keyword: 'minLength', role: 'constraint', positions: NESTED, why: 'the shortest string' },
  { keyword: 'maxLength', role: 'constraint', positions: NESTED, why: 'the longest string' },
  { keyword: 'minItems', role: 'constraint', positions: NESTED, why: 'the fewest array items' },
  { keyword: 'maxItems', role: 'constraint', positions: NESTED, why: 'the most array items' },
  {
    keyword: 'cp_consumes',
    role: 'ledger',
    positions: ['field'],
    why: "whether the consumer reads the field; items and map values share their field's entry",
    own: true,
  },
  {
    keyword: 'note',
    role: 'ledger',
    positions: ['field'],
    why: 'why a field the consumer does not read is still sent',
    own: true,
  },
  {
    keyword: 'description',
    role: 'annotation',
    positions: EVERYWHERE,
    why: 'prose; becomes the generated doc comment',
  },
  {
    keyword: '$comment',
    role: 'annotation',
    positions: EVERYWHERE,
    why: 'a note to contract authors; no tool acts on it',
  },
  { keyword: 'examples', role: 'annotation', positions: NESTED, why: 'sample values; no validator checks them' },
  {
    keyword: 'deprecated',
    role: 'annotation',
    positions: NESTED,
    why: 'marks the generated property @deprecated; the wire is unchanged',
  },
];

const BY_KEYWORD: ReadonlyMap<string, DialectKeyword> = new Map(DIALECT.map((k) => [k.keyword, k]));

/**
 * Keywords refused on purpose, with the reason a finding gives. Any other
 * keyword not in DIALECT is refused as unknown. `default` is refused because
 * a validator that fills defaults hands the consumer a value the producer
 * never sent; `readOnly`/`writeOnly` mean nothing for a body that travels one
 * way; the rest change what is accepted in ways pin, consumes and diff do not model.
 */
export const REFUSED_REASONS: Readonly<Record<string, string>> = {
  $dynamicRef: 'inline the schema it points to',
  $anchor: 'a "$ref" names a definition, "#/$defs/Name", never an anchor',
  $dynamicAnchor: 'a "$ref" names a definition, "#/$defs/Name", never an anchor',
  $vocabulary: 'wirepin always validates with its own meta-schema',
  allOf: 'spell the one type out with "type"',
  anyOf:
    'spell the one type out with "type"; the one form allowed is a nullable reference, [{"$ref": "#/$defs/Name"}, {"type": "null"}]',
  oneOf: 'spell the one type out with "type"',
  not: 'spell the accepted values out with "type" and "enum"',
  if: 'spell the one shape out',
  then: 'spell the one shape out',
  else: 'spell the one shape out',
  dependentSchemas: 'spell the one shape out',
  dependentRequired: 'list always-sent fields in "required"',
  patternProperties: 'name every field under "properties", or make a map with "additionalProperties"',
  propertyNames: 'name every field under "properties"',
  unevaluatedProperties: 'close the object with "additionalProperties": false',
  unevaluatedItems: 'describe every item with "items"',
  prefixItems: 'give every item one type with "items"',
  contains: 'give every item one type with "items"',
  minContains: 'give every item one type with "items"',
  maxContains: 'give every item one type with "items"',
  uniqueItems: 'wirepin does not compare it; say it in the description',
  minProperties: 'list always-sent fields in "required"',
  maxProperties: 'close the object with "additionalProperties": false',
  default:
    'a validator that fills defaults hands the consumer a value the producer never sent; say the default in the description',
  readOnly: 'a body travels one way; say it in the description',
  writeOnly: 'a body travels one way; say it in the description',
  contentMediaType: 'wirepin does not compare it; say it in the description',
  contentSchema: 'wirepin does not compare it; say it in the description',
};

/** Where a keyword may stand, or undefined when the dialect does not have it at all. */
export function dialectKeyword(keyword: string): DialectKeyword | undefined {
  return BY_KEYWORD.get(keyword);
}

/** Whether `keyword` may stand in a schema at `position`. */
export function allowedAt(keyword: string, position: SchemaPosition): boolean {
  return BY_KEYWORD.get(keyword)?.positions.includes(position) ?? false;
}

/** wirepin's own keywords (the header's and the ledger's), which the generated wire schema keeps as annotations. */
export const OWN_KEYWORDS: readonly string[] = DIALECT.filter((k) => k.own === true).map((k) => k.keyword);

/** The value constraints `diff` compares, in the dialect's order. */

export const CONSTRAINT_KEYWORDS: readonly string[] = DIALECT.filter((k) => k.role === 'constraint').map(
  (k) => k.keyword,
);
