/**
 * fast-check arbitraries for wirepin contracts that lint clean, and a JSON
 * writer that emits object keys in any order. Objects are built without a
 * prototype (and written by our own writer), so "__proto__" and
 * "constructor" are ordinary field names here too.
 */
import fc from 'fast-check';

/** A JSON value as the generators build it: objects are [key, value] lists, so key order is explicit. */
export type Json =
  null | boolean | number | string | Json[] | { readonly entries: readonly (readonly [string, Json])[] };

export function obj(...entries: (readonly [string, Json] | undefined)[]): Json {
  return { entries: entries.filter((e): e is readonly [string, Json] => e !== undefined) };
}

function isObj(value: Json): value is { readonly entries: readonly (readonly [string, Json])[] } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deterministic permutation source (mulberry32), so a shuffle is reproducible from one integer. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * Writes JSON text. With `shuffleSeed`, the keys of every object (at every
 * depth) come out in a seeded random order; arrays keep their order.
 * `indent` 0 writes one line.
 */
export function writeJson(value: Json, options: { shuffleSeed?: number; indent?: number } = {}): string {
  const random = options.shuffleSeed === undefined ? undefined : prng(options.shuffleSeed);
  const indent = options.indent ?? 2;
  const write = (v: Json, depth: number): string => {
    const pad = indent ? `\n${' '.repeat(indent * (depth + 1))}` : '';
    const end = indent ? `\n${' '.repeat(indent * depth)}` : '';
    const sep = indent ? ': ' : ':';
    if (Array.isArray(v)) return v.length ? `[${v.map((x) => pad + write(x, depth + 1)).join(',')}${end}]` : '[]';
    if (isObj(v)) {
      const entries = random ? shuffled(v.entries, random) : v.entries;
      return entries.length
        ? `{${entries.map(([k, x]) => `${pad}${JSON.stringify(k)}${sep}${write(x, depth + 1)}`).join(',')}${end}}`
        : '{}';
    }
    return JSON.stringify(v);
  };
  return `${write(value, 0)}\n`;
}

/** Field names, including the awkward ones a contract may legitimately use. */
export const fieldName: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'a/b',
      'x~y',
      '~1',
      'größe',
      'with space',
      '$ref',
      'type',
      'properties',
      'required',
      '0',
      '*',
    ),
  },
);

/** The shape of one field, before the ledger is written. */
export type FieldShape =
  | { readonly kind: 'scalar'; readonly type: 'string' | 'integer' | 'number' | 'boolean'; readonly nullable: boolean }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'array'; readonly items: FieldShape }
  | { readonly kind: 'map'; readonly values: FieldShape }
  | { readonly kind: 'object'; readonly fields: readonly FieldNode[]; readonly nullable: boolean };

export interface FieldNode {
  readonly name: string;
  readonly shape: FieldShape;
  readonly consumes: boolean;
  readonly required: boolean;
  readonly description: string | undefined;
}

const scalar: fc.Arbitrary<FieldShape> = fc.record({
  kind: fc.constant('scalar' as const),
  type: fc.constantFrom('string' as const, 'integer' as const, 'number' as const, 'boolean' as const),
  nullable: fc.boolean(),
});

const enumShape: fc.Arbitrary<FieldShape> = fc.record({
  kind: fc.constant('enum' as const),
  values: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 1, maxLength: 4 }),
});

const description = fc.option(
  fc.constantFrom(
    'The organisation that owns it.',
    'Screen width in pixels.',
    'Opaque id; "quoted" and \\ escaped.',
    'ünïcödé ✓',
  ),
  {
    nil: undefined,
  },
);

/** Unique names per object; `depth` bounds nesting (objects, arrays, maps). */
function fieldsOf(depth: number): fc.Arbitrary<FieldNode[]> {
  return fc.uniqueArray(
    fc.record({ name: fieldName, shape: shapeOf(depth), consumes: fc.boolean(), required: fc.boolean(), description }),
    { minLength: 1, maxLength: depth >= 2 ? 5 : 3, selector: (f) => f.name },
  );
}

function shapeOf(depth: number): fc.Arbitrary<FieldShape> {
  if (depth <= 0) return fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 1, arbitrary: enumShape });
  const inner = shapeOf(depth - 1);
  return fc.oneof(
    { weight: 4, arbitrary: scalar },
    { weight: 1, arbitrary: enumShape },
    { weight: 1, arbitrary: inner.map((items): FieldShape => ({ kind: 'array', items })) },
    { weight: 1, arbitrary: fc.oneof(scalar, enumShape).map((values): FieldShape => ({ kind: 'map', values })) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('object' as const),
        fields: fieldsOf(depth - 1),
        nullable: fc.boolean(),
      }),
    },
  );
}

export const DEAD_NOTE = "Sent for core's own audit log; cp never reads it.";

/** The schema of a field's value (no ledger keywords): what `items` and map values hold. */
function valueSchema(shape: FieldShape, parentDead: boolean): Json {
  switch (shape.kind) {
    case 'scalar':
      return obj(['type', shape.nullable ? [shape.type, 'null'] : shape.type]);
    case 'enum':
      return obj(['type', 'string'], ['enum', [...shape.values]]);
    case 'array':
      return obj(['type', 'array'], ['items', valueSchema(shape.items, parentDead)]);
    case 'map':
      return obj(['type', 'object'], ['additionalProperties', valueSchema(shape.values, parentDead)]);
    case 'object':
      return obj(
        ['type', shape.nullable ? ['object', 'null'] : 'object'],
        ['additionalProperties', false],
        ['required', shape.fields.filter((f) => f.required).map((f) => f.name)],
        ['properties', obj(...shape.fields.map((f) => [f.name, fieldSchema(f, parentDead)] as const))],
      );
  }
}

/** A property's schema with its ledger entry; a field under a dead parent is dead too (else lint fails). */
export function fieldSchema(field: FieldNode, parentDead: boolean): Json {
  const consumes = field.consumes && !parentDead;
  const base = valueSchema(field.shape, !consumes) as { entries: readonly (readonly [string, Json])[] };
  return obj(
    ...base.entries,
    field.description === undefined ? undefined : ['description', field.description],
    ['cp_consumes', consumes],
    consumes ? undefined : ['note', DEAD_NOTE],
  );
}

export interface ContractSpec {
  readonly title: string;
  readonly fields: readonly FieldNode[];
}

export function contractJson(spec: ContractSpec): Json {
  return obj(
    ['$schema', '../schemas/contract.schema.json'],
    ['title', spec.title],
    ['endpoint', 'POST /cp/things'],
    ['producer', obj(['name', 'core'], ['repo', 'core'], ['type', 'coreThing'])],
    ['consumer', obj(['name', 'cp'], ['repo', 'cp'], ['type', 'cpThing'])],
    ['type', 'object'],
    ['additionalProperties', false],
    ['required', spec.fields.filter((f) => f.required).map((f) => f.name)],
    ['properties', obj(...spec.fields.map((f) => [f.name, fieldSchema(f, false)] as const))],
  );
}

/** Contracts that lint clean: up to 3 levels of nesting, every field with a ledger entry. */
export const contractSpec: fc.Arbitrary<ContractSpec> = fc.record({
  title: fc.stringMatching(/^[A-Z][A-Za-z]{0,8}(?:[0-9]{1,2}(?:[A-Z][A-Za-z]{0,3})?)?$/),
  fields: fieldsOf(2),
});

/** Every wire pointer of a contract spec, in document order ("/a", "/a/b", "/list/*\/x"). */
export function pointersOf(spec: ContractSpec): string[] {
  const out: string[] = [];
  const escape = (name: string): string => name.replaceAll('~', '~0').replaceAll('/', '~1');
  const walkShape = (shape: FieldShape, prefix: string): void => {
    if (shape.kind === 'object') for (const f of shape.fields) walkField(f, prefix);
    else if (shape.kind === 'array') walkShape(shape.items, `${prefix}/*`);
    else if (shape.kind === 'map') walkShape(shape.values, `${prefix}/*`);
  };
  const walkField = (field: FieldNode, prefix: string): void => {
    const pointer = `${prefix}/${escape(field.name)}`;
    out.push(pointer);
    walkShape(field.shape, pointer);
  };
  for (const f of spec.fields) walkField(f, '');
  return out;
}
