/**
 * The TypeScript extractor's reading of types as written: the integer
 * convention (`integer`, `Integer`, `int`, through aliases, imports,
 * qualified names, parentheses, `| null | undefined | void`, and the JSDoc
 * tag `@asType integer`), the alias-hop limit, and arrays and maps through
 * aliases. The result is a table: test/extract/ts/tables/integer.json.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tsExtractor } from '../../../src/extract/ts/index.js';
import { errorFacts, expectTable } from '../../support/facts.js';

const dir = mkdtempSync(join(tmpdir(), 'wirepin-ts-integer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const chain = Array.from({ length: 20 }, (_, i) => `type Hop${i} = ${i === 19 ? 'integer' : `Hop${i + 1}`};`).join(
  '\n',
);

const SOURCE = `
import type { Imported } from './other.js';
import type * as ns from './other.js';

type integer = number;
type Integer = number;
type int = number;
type Count = integer;
type Count2 = Count;
type Generic<T> = T;
type Ints = integer[];
type Table = Record<string, Count>;
${chain}

export interface Req {
  a: integer;
  b: Integer | null;
  c: (int);
  d: Count;
  e?: Count2;
  f: Generic<integer>;
  /** @asType integer */
  g: number;
  /** @asType   integer   */
  h: number;
  /** @asType string */
  i: number;
  j: integer | undefined;
  k: integer | void;
  m: ns.Imported;
  n: readonly integer[];
  o: ReadonlyArray<integer>;
  p: Array<Count>;
  q: Record<string, integer>;
  r: { [k: string]: integer };
  s: { [k: string]: integer; extra: string };
  t: Hop0;
  u: Imported;
  v: Ints | null;
  w: Table;
  x: readonly Count[] | null;
  y: number;
  z: string | integer;
}
`;

describe('TypeScript types as written', () => {
  it('reads the integer convention and arrays and maps through aliases', async () => {
    writeFileSync(join(dir, 'req.ts'), SOURCE);
    writeFileSync(join(dir, 'other.ts'), 'type integer = number;\nexport type Imported = integer;\n');
    const out: string[] = [];
    try {
      const result = await tsExtractor.extract({ path: 'req.ts', typeName: 'Req', cwd: dir });
      for (const f of result.fields)
        out.push(
          `${f.pointer} ${JSON.stringify(f.type)} ${f.required ? 'required' : 'optional'} ${f.location.line}:${f.location.column} "${f.sourceType}"`,
        );
      for (const o of result.opaque) out.push(`opaque ${o.pointer} ${o.typeName}: ${o.reason}`);
    } catch (error) {
      out.push(JSON.stringify(errorFacts(error)));
    }
    expectTable(out, 'test/extract/ts/tables/integer.json');
  }, 60_000);

  // hasIntegerTag (src/extract/ts/type-nodes.ts): only the tag named asType with the text "integer" counts.
  it('reads the @asType tag only with the text integer; a bare tag or another tag name is no integer', async () => {
    writeFileSync(
      join(dir, 'tags.ts'),
      [
        'export interface T {',
        '  /** @asType */',
        '  bare: number;',
        '  /** @astype integer */',
        '  lower_name: number;',
        '  /** @type integer */',
        '  other_name: number;',
        '  /** @asType integers */',
        '  longer_text: number;',
        '  /** @deprecated @asType integer */',
        '  second_tag: number;',
        '}',
        '',
      ].join('\n'),
    );
    const result = await tsExtractor.extract({ path: 'tags.ts', typeName: 'T', cwd: dir });
    expect(Object.fromEntries(result.fields.map((f) => [f.pointer, f.type.kind]))).toEqual({
      '/bare': 'number',
      '/lower_name': 'number',
      '/other_name': 'number',
      '/longer_text': 'number',
      '/second_tag': 'integer',
    });
  }, 60_000);

  // withoutNullish (src/extract/ts/type-nodes.ts) peels nested unions level by level.
  it('reads integer through a nested nullable union', async () => {
    writeFileSync(
      join(dir, 'nested.ts'),
      'type integer = number;\nexport interface N {\n  l?: (integer | null) | undefined;\n}\n',
    );
    const result = await tsExtractor.extract({ path: 'nested.ts', typeName: 'N', cwd: dir });
    expect(result.fields[0]?.type).toEqual({ kind: 'integer', nullable: true });
  }, 60_000);
});

/** `type Name0 = Name1; ...; type Name<last> = <target>`: resolving Name0 takes `last + 1` alias hops. */
function aliasChain(name: string, last: number, target: string): string {
  return Array.from(
    { length: last + 1 },
    (_, i) => `type ${name}${i} = ${i === last ? target : `${name}${i + 1}`};`,
  ).join('\n');
}

// expand (src/extract/ts/type-nodes.ts) follows at most 16 aliases to find an array's element or a map's value as written.
describe('arrays and maps behind chains of aliases', () => {
  it('reads integer elements and values through 16 aliases and stops at the 17th; the integer name itself within 16 names', async () => {
    writeFileSync(
      join(dir, 'chains.ts'),
      [
        'type integer = number;',
        aliasChain('NearList', 15, 'integer[]'),
        aliasChain('FarList', 16, 'integer[]'),
        aliasChain('NearMap', 15, 'Record<string, integer>'),
        aliasChain('FarMap', 16, 'Record<string, integer>'),
        aliasChain('NearInt', 14, 'integer'),
        aliasChain('FarInt', 15, 'integer'),
        'export interface Chains {',
        '  near_list: NearList0;',
        '  far_list: FarList0;',
        '  near_map: NearMap0;',
        '  far_map: FarMap0;',
        '  near_int: NearInt0;',
        '  far_int: FarInt0;',
        '}',
        '',
      ].join('\n'),
    );
    const result = await tsExtractor.extract({ path: 'chains.ts', typeName: 'Chains', cwd: dir });
    expect(Object.fromEntries(result.fields.map((f) => [f.pointer, f.type]))).toEqual({
      '/near_list': { kind: 'array', nullable: false, items: { kind: 'integer', nullable: false } },
      '/far_list': { kind: 'array', nullable: false, items: { kind: 'number', nullable: false } },
      '/near_map': { kind: 'map', nullable: false, values: { kind: 'integer', nullable: false } },
      '/far_map': { kind: 'map', nullable: false, values: { kind: 'number', nullable: false } },
      '/near_int': { kind: 'integer', nullable: false },
      '/far_int': { kind: 'number', nullable: false },
    });
  }, 60_000);
});
