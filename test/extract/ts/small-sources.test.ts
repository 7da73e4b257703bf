/**
 * The TypeScript extractor on small sources written at test time, one case
 * per way a type can be sent (or not) by JSON.stringify: every field with its
 * wire type, required flag, position and type as written, every opaque place
 * with its reason, and every refusal with its code, location, message and
 * hint. Each case is a row of test/extract/ts/tables/small-sources.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tsExtractor } from '../../../src/extract/ts/index.js';
import { errorFacts, expectTableEntry, extractionRows } from '../../support/facts.js';

const root = mkdtempSync(join(tmpdir(), 'wirepin-ts-shapes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Case {
  readonly name: string;
  /** File path (relative to the case directory) to text; the first file is the one read. */
  readonly files: Record<string, string>;
  readonly type?: string;
  /** Only the last lines of the result (long generated cases). */
  readonly tail?: number;
}

const nest = (depth: number): string =>
  Array.from(
    { length: depth },
    (_, i) => `interface L${i} { v${i}: ${i === depth - 1 ? 'string' : `L${i + 1}`}; }`,
  ).join('\n');

const CASES: readonly Case[] = [
  {
    name: 'scalars, any, unknown and literal unions',
    files: {
      'a.ts': `export interface T {
  s: string;
  n: number;
  b: boolean;
  a: any;
  u: unknown;
  lit: 'x';
  strs: 'a' | 'b' | null;
  bools: true | false;
  nums: 1 | 2;
  tmpl: \`id-\${string}\`;
  big: bigint;
  sym: symbol;
  fn: () => void;
  tup: [string, number];
}`,
    },
  },
  {
    name: 'null, undefined and void as the only member',
    files: {
      'a.ts': `export interface T {
  onlyNull: null;
  onlyUndefined: undefined;
  nullOrUndefined: null | undefined;
  voidish: void;
  opt?: string;
  undef: string | undefined;
  vd: string | void;
  both?: number | null;
}`,
    },
  },
  {
    name: 'unions that cannot be one wire type',
    files: {
      'a.ts': `interface A { a: string; }
interface B { b: number; }
export interface T {
  objects: A | B;
  objectsNull: A | B | null;
  mixed: string | number;
  mixedUndefined?: boolean | string;
  inter: (A & { c: string }) | B;
}`,
    },
  },
  {
    name: 'unresolved names, type parameters, enums and branded primitives',
    files: {
      'a.ts': `enum Color { Red = 'red', Blue = 'blue' }
enum Level { Low, High }
type Id = string & { readonly __brand: 'Id' };
type integer = number;
type Count = integer & { readonly __brand: 'Count' };
export interface T<P> {
  missing: Missing;
  missingNull: Missing | null;
  param: P;
  color: Color;
  level: Level | null;
  id: Id;
  count: Count;
  both: { a: string } & { b: integer };
}`,
    },
  },
  {
    name: 'arrays of every kind',
    files: {
      'a.ts': `type integer = number;
interface Item { id: integer; }
export interface T {
  strs: string[];
  maybeStrs: (string | undefined)[];
  nullItems: Array<Item | null>;
  grid: integer[][];
  ro: readonly Item[];
  nullable: string[] | null;
  anys: any[];
  empty: never[];
  objects: { k: string }[];
}`,
    },
  },
  {
    name: 'maps and index signatures',
    files: {
      'a.ts': `type integer = number;
export interface T {
  rec: Record<string, integer>;
  idx: { [key: string]: string | undefined };
  nested: Record<string, { port: integer }>;
  numeric: { [index: number]: string };
  extra: { [key: string]: boolean; named: string };
  literalKeys: Record<'a' | 'b', string>;
  nullableMap: Record<string, string> | null;
}`,
    },
  },
  {
    name: 'Date, library types and toJSON',
    files: {
      'a.ts': `class Money { constructor(readonly cents: number) {} toJSON(): string { return String(this.cents); } }
interface Custom { toJSON(): unknown; }
export interface T {
  at: Date;
  maybeAt: Date | null;
  re: RegExp;
  err: Error;
  boxed: String;
  money: Money;
  custom: Custom;
}`,
    },
  },
  {
    name: 'classes lose methods, accessors, #private fields and symbol keys',
    files: {
      'a.ts': `const key = Symbol('k');
export class T {
  id = 'x';
  #secret = 1;
  private hidden: number = 2;
  protected kept?: string;
  [key]: string = 'y';
  static shared = 3;
  method(): void {}
  get size(): number { return 1; }
  set size(v: number) {}
  handler = (): void => {};
}`,
    },
  },
  {
    name: 'a type that refers to itself',
    files: {
      'a.ts': `export interface T {
  name: string;
  next: T | null;
  children: T[];
}`,
    },
  },
  {
    name: 'objects nested deeper than the limit',
    files: { 'a.ts': `${nest(50)}\nexport interface T { top: L0; }` },
    tail: 4,
  },
  {
    name: 'a type nested too deeply for the compiler itself',
    files: { 'a.ts': `export type T = ${'{ a: '.repeat(6000)}string${' }'.repeat(6000)};` },
  },
  {
    name: 'a union of undefined and void only',
    files: { 'a.ts': 'export interface T {\n  gone: undefined | void;\n  kept?: undefined | null;\n}' },
  },
  {
    name: 'declaration order across files and extends',
    files: {
      'a.ts': `import type { Base } from './base.js';
export interface T extends Base {
  z: string;
  a: string;
}`,
      'base.ts': `export interface Base {
  m: string;
  b: number;
}`,
    },
  },
  {
    name: 'intersection of types from two files, read in file order',
    files: {
      'a.ts': `import type { Base } from './base.js';
interface Local { y: string; x: string; }
export type T = Local & Base;`,
      'base.ts': `export interface Base {
  q: string;
  p: string;
}`,
    },
  },
  {
    name: 'mapped types keep or drop the written type',
    files: {
      'a.ts': `type integer = number;
interface Base { count: integer; name: string; }
export interface T {
  picked: Pick<Base, 'count'>;
  partial: Partial<Base>;
  renamed: { [K in keyof Base]: boolean };
  ints: { [K in keyof Base]: integer };
}`,
    },
  },
  {
    name: 'interfaces and classes from node_modules',
    files: {
      'a.ts': `import type { Plain, Klass } from 'dep';
export interface T {
  plain: Plain;
  klass: Klass;
}`,
      'node_modules/dep/package.json': '{"name": "dep", "version": "1.0.0", "types": "index.d.ts"}',
      'node_modules/dep/index.d.ts': `export interface Plain { a: string; }
export declare class Klass { b: string; }`,
    },
  },
  {
    name: 'property names that need escaping in a pointer',
    files: { 'a.ts': `export interface T {\n  'a/b': string;\n  'c~d': { 'e/f': number };\n}` },
  },
  {
    name: 'an inline object type spread over lines is spelled on one line',
    files: {
      'a.ts': `export interface T {
  inner: {
    a: string;
    b:   number;
  } | null;
}`,
    },
  },
  {
    name: 'a type alias of an object literal as root',
    files: { 'a.ts': `type integer = number;\nexport type T = {\n  n: integer;\n};` },
  },
  {
    name: 'a class as root, found by name',
    files: { 'a.ts': `export class Other { x = 1; }\nexport class T { y = 'a'; }` },
  },
  {
    name: 'a type found through a re-export',
    files: {
      'a.ts': `export type { Real as T } from './real.js';`,
      'real.ts': `export interface Real {\n  id: string;\n}`,
    },
  },
  {
    name: 'a type re-exported with export *',
    files: { 'a.ts': `export * from './real.js';`, 'real.ts': `export interface T {\n  id: string;\n}` },
  },
  { name: 'an empty interface', files: { 'a.ts': 'export interface T {}' } },
  {
    name: 'integer tags and written integers reach array items and map values, not nested properties',
    files: {
      'a.ts': `import type * as units from './units.js';
type integer = number;
type Ids = ReadonlyArray<integer>;
type Table = { [key: string]: integer };
interface Box<V> { v: V; }
export interface T {
  /** @asType integer */
  tagged: number[];
  /** @asType integer */
  taggedMap: Record<string, number | null>;
  /** @asType integer */
  taggedObject: { inner: number };
  /** @asType */
  bare: number;
  /** @asType Integer */
  wrongCase: number;
  /** @other integer */
  otherTag: number;
  qualified: units.Integer;
  qualifiedList: Array<units.Integer>;
  ids: Ids | undefined;
  table: Table;
  parens: (integer)[];
  nestedList: Array<Array<integer>>;
  readonlyAlias: readonly Ids[];
  genericArray: Array<integer | null>;
  notArray: Box<integer>;
  recordOfLists: Record<string, integer[]>;
  twoMembers: { [key: string]: integer; [index: number]: integer };
  method(): void;
}`,
      'units.ts': 'export type Integer = number;\n',
    },
  },
  {
    name: 'the reverse intersection reads the other file first',
    files: {
      'a.ts': `import type { Base } from './base.js';\ninterface Local { y: string; x: string; }\nexport type T = Base & Local;`,
      'base.ts': `export interface Base {\n  q: string;\n  p: string;\n}`,
    },
  },

  // Refusals.
  { name: 'no type name', files: { 'a.ts': 'export interface T { a: string; }' }, type: '' },
  {
    name: 'a type the file does not declare',
    files: {
      'a.ts': 'interface A { a: string; }\nexport type B = A;\nclass C {}\nexport const d = 1;\nfunction e() {}',
    },
  },
  { name: 'a file that declares no types', files: { 'a.ts': 'export const x = 1;\n' } },
  {
    name: 'names exported from other files are listed after local ones, once',
    files: {
      'a.ts': `export type { Real } from './real.js';\nexport { Real as Again } from './real.js';\nexport { value } from './real.js';\ninterface Local { a: string; }`,
      'real.ts': `export interface Real { id: string; }\nexport const value = 1;`,
    },
  },
  { name: 'a syntax error', files: { 'a.ts': 'export interface T {\n  a: string;\n  b: = 1;\n}' } },
  {
    name: 'an anonymous default class is skipped, its export listed',
    files: { 'a.ts': 'export default class { x = 1; }\ninterface Named { a: string; }' },
  },
  { name: 'a root that is a string', files: { 'a.ts': 'export type T = string;' } },
  { name: 'a root that is an array', files: { 'a.ts': 'type X = { a: string };\nexport type T = X[];' } },
  { name: 'a root that is an integer', files: { 'a.ts': 'type integer = number;\nexport type T = integer | null;' } },
  { name: 'a root that is a map', files: { 'a.ts': 'export type T = Record<string, string>;' } },
  {
    name: 'a root that is opaque',
    files: { 'a.ts': 'interface A { a: string; }\ninterface B { b: string; }\nexport type T = A | B;' },
  },
  { name: 'a file the compiler does not load', files: { 'a.txt': 'interface T { a: string; }' } },
  { name: 'a file that is not there', files: { 'other.ts': '' }, type: 'T' },
];

async function describeCase(testCase: Case): Promise<string[]> {
  const dir = join(root, testCase.name.replace(/\W+/g, '-'));
  for (const [file, text] of Object.entries(testCase.files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  const first = testCase.name === 'a file that is not there' ? 'missing.ts' : (Object.keys(testCase.files)[0] ?? '');
  const out: string[] = [];
  try {
    out.push(...extractionRows(await tsExtractor.extract({ path: first, typeName: testCase.type ?? 'T', cwd: dir })));
  } catch (error) {
    out.push(JSON.stringify(errorFacts(error)));
  }
  return testCase.tail === undefined ? out : out.slice(-testCase.tail);
}

describe('the TypeScript extractor on small sources', () => {
  it.each(CASES.map((c) => [c.name, c] as const))(
    '%s',
    async (name, testCase) => {
      expectTableEntry(name, await describeCase(testCase), 'test/extract/ts/tables/small-sources.json');
    },
    60_000,
  );
});

describe('the TypeScript extractor without a working directory', () => {
  it('resolves and shows the path against the process working directory', async () => {
    const result = await tsExtractor.extract({ path: 'test/fixtures/ts/basic/types.ts', typeName: 'Basic' });
    expect([result.root.location, result.fields[0]?.location]).toEqual([
      { file: 'test/fixtures/ts/basic/types.ts', line: 11, column: 18 },
      { file: 'test/fixtures/ts/basic/types.ts', line: 12, column: 3 },
    ]);
  }, 60_000);
});
