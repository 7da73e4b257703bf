import { describe, expect, it } from 'vitest';
import { tsExtractor } from '../../../src/extract/ts/index.js';
import { repoRoot, summarize } from '../../support/wire-fields.js';

async function extract(fixture: string, typeName: string) {
  return tsExtractor.extract({ path: `test/fixtures/ts/${fixture}`, typeName, cwd: repoRoot });
}

interface ShapeCase {
  readonly name: string;
  readonly fixture: string;
  readonly typeName: string;
  readonly fields: readonly string[];
  /** Pointers of the opaque places, in order. */
  readonly opaque?: readonly string[];
}

const cases: readonly ShapeCase[] = [
  {
    name: 'interface with primitives, literal unions, template literals and enums',
    fixture: 'basic/types.ts',
    typeName: 'Basic',
    fields: [
      '/name: string',
      '/count: number',
      '/enabled: boolean',
      '/payload: any',
      '/anything: any',
      '/state: string',
      '/tag: string',
      '/color: string',
      '/level: number',
      '/flag: boolean',
    ],
  },
  {
    name: 'type alias of an object literal',
    fixture: 'alias/types.ts',
    typeName: 'Account',
    fields: ['/id: string', '/balance: number'],
  },
  {
    name: 'intersection',
    fixture: 'intersection/types.ts',
    typeName: 'Entity',
    fields: ['/name: string', '/created_at: string', '/updated_at?: string', '/id: string'],
  },
  {
    name: 'interface extending two interfaces',
    fixture: 'extends/types.ts',
    typeName: 'Project',
    fields: ['/id: string', '/owner: string', '/title: string'],
  },
  {
    name: 'optional and undefined properties',
    fixture: 'optional/types.ts',
    typeName: 'Options',
    fields: ['/required: string', '/optional?: string', '/maybe?: string', '/both?: string | null'],
  },
  {
    name: 'nested object literals',
    fixture: 'nested/types.ts',
    typeName: 'Settings',
    fields: [
      '/display: object',
      '/display/mode: string',
      '/display/size?: object',
      '/display/size/width: number',
      '/display/size/height: number',
      '/label: string',
    ],
  },
  {
    name: 'type imported from a sibling file',
    fixture: 'imported/types.ts',
    typeName: 'Screen',
    fields: ['/id: string', '/display: object', '/display/mode?: string', '/display/width: number'],
  },
  {
    name: 'type re-exported from a sibling file',
    fixture: 'imported/reexport.ts',
    typeName: 'Display',
    fields: ['/mode?: string', '/width: number'],
  },
  {
    name: 'Pick keeps declaration order, not the order of the key union',
    fixture: 'pick-omit/types.ts',
    typeName: 'PublicUser',
    fields: ['/id: string', '/name: string', '/email?: string'],
  },
  {
    name: 'Omit',
    fixture: 'pick-omit/types.ts',
    typeName: 'UserWithoutSecret',
    fields: ['/id: string', '/name: string', '/email?: string'],
  },
  {
    name: 'Partial of Pick',
    fixture: 'pick-omit/types.ts',
    typeName: 'PartialUser',
    fields: ['/id?: string', '/name?: string'],
  },
  {
    name: 'null unions',
    fixture: 'null-union/types.ts',
    typeName: 'Reply',
    fields: [
      '/note: string | null',
      '/count: number | null',
      '/nothing: null',
      '/child: object | null',
      '/child/id: string',
    ],
  },
  {
    name: 'Record and index signatures',
    fixture: 'map/types.ts',
    typeName: 'Maps',
    fields: [
      '/env: map<string>',
      '/labels: map<string>',
      '/nested: map<object>',
      '/nested/*/port: number',
      '/fixed: object',
      '/fixed/a: string',
      '/fixed/b: string',
      '/mixed: object',
      '/mixed/known: string',
      '/numeric: opaque',
    ],
    opaque: ['/mixed/*', '/numeric'],
  },
  {
    name: 'arrays',
    fixture: 'arrays/types.ts',
    typeName: 'Lists',
    fields: [
      '/tags: array<string>',
      '/ids: array<number>',
      '/frozen: array<string>',
      '/sealed: array<boolean>',
      '/items: array<object>',
      '/items/*/name: string',
      '/items/*/qty?: number',
      '/grid: array<array<string>>',
      // JSON.stringify writes undefined array elements as null.
      '/holes: array<string | null>',
      '/maybe: array<string> | null',
    ],
  },
  {
    name: 'Date is sent as a string',
    fixture: 'date/types.ts',
    typeName: 'Event',
    fields: ['/at: string', '/ended_at?: string | null'],
  },
  {
    name: 'integer convention: aliases named integer/Integer/int and @asType integer',
    fixture: 'integer/types.ts',
    typeName: 'Counts',
    fields: [
      '/plain: number',
      '/imported: integer',
      '/capital: integer',
      '/short: integer',
      '/via_alias: integer',
      '/nullable: integer | null',
      '/list: array<integer>',
      '/by_name: map<integer>',
      '/tagged: integer',
      '/tagged_list: array<integer>',
      '/other_tag: number',
    ],
  },
  {
    // `callback` and `method` are not fields: JSON.stringify leaves functions out (test/extract/ts/stringify.test.ts).
    name: 'types wirepin refuses to guess about',
    fixture: 'opaque/types.ts',
    typeName: 'Odd',
    fields: [
      '/mixed: opaque',
      '/big: opaque',
      '/sym: opaque',
      '/pet: opaque',
      '/pair: opaque',
      '/pattern: opaque',
      '/stamp: opaque',
      '/option: opaque',
      '/ok: string',
    ],
    opaque: ['/mixed', '/big', '/sym', '/pet', '/pair', '/pattern', '/stamp', '/option'],
  },
  {
    name: 'self-referential type stops at the cycle',
    fixture: 'cycle/types.ts',
    typeName: 'TreeNode',
    fields: ['/name: string', '/children: array<opaque>', '/parent?: opaque'],
    opaque: ['/children/*', '/parent'],
  },
  {
    name: 'property names that need quotes keep their literal names',
    fixture: 'names/types.ts',
    typeName: 'Headers',
    fields: [
      '/content-type: string',
      '/__proto__: string',
      '/constructor: string',
      '/a~1b~0c: number',
      '/double: boolean',
    ],
  },
  {
    name: 'class instances: fields only, no methods, accessors or #private fields',
    fixture: 'class/types.ts',
    typeName: 'Message',
    fields: ['/id: string', '/body?: string', '/seen: boolean'],
  },
  {
    name: 'a file that does not type-check is still read',
    fixture: 'type-error/types.ts',
    typeName: 'Loose',
    fields: ['/id: string', '/gone: opaque', '/unknown_name: opaque', '/list: array<opaque>'],
    opaque: ['/gone', '/unknown_name', '/list/*'],
  },
];

describe('tsExtractor shapes', () => {
  it.each(cases)('$name', async ({ fixture, typeName, fields, opaque = [] }) => {
    const result = await extract(fixture, typeName);
    expect(result.fields.map(summarize)).toEqual(fields);
    expect(result.opaque.map((place) => place.pointer)).toEqual(opaque);
  });
});

describe('tsExtractor details', () => {
  it('reports the root and each property at its name, 1-based, relative to cwd', async () => {
    const result = await extract('imported/types.ts', 'Screen');
    expect(result.root).toEqual({
      name: 'Screen',
      location: { file: 'test/fixtures/ts/imported/types.ts', line: 3, column: 18 },
    });
    const byPointer = new Map(result.fields.map((field) => [field.pointer, field]));
    expect(byPointer.get('/display')?.location).toEqual({
      file: 'test/fixtures/ts/imported/types.ts',
      line: 5,
      column: 3,
    });
    expect(byPointer.get('/display/width')?.location).toEqual({
      file: 'test/fixtures/ts/imported/display.ts',
      line: 3,
      column: 3,
    });
  });

  it('keeps the type as written in sourceType, on one line', async () => {
    const result = await extract('nested/types.ts', 'Settings');
    const spelled = new Map(result.fields.map((field) => [field.pointer, field.sourceType]));
    expect(spelled.get('/display/mode')).toBe('string');
    expect(spelled.get('/display/size')).toBe('{ width: number; height: number; }');
    const integers = await extract('integer/types.ts', 'Counts');
    expect(integers.fields.find((field) => field.pointer === '/nullable')?.sourceType).toBe('integer | null');
  });

  it('gives each opaque place a reason and the property location', async () => {
    const result = await extract('opaque/types.ts', 'Odd');
    const mixed = result.opaque.find((place) => place.pointer === '/mixed');
    expect(mixed).toMatchObject({ typeName: 'string | number', location: { line: 16, column: 3 } });
    expect(mixed?.reason).toContain('string | number');
    const field = result.fields.find((candidate) => candidate.pointer === '/mixed');
    expect(field?.type).toMatchObject({ kind: 'opaque', reason: mixed?.reason });
    const unresolved = (await extract('type-error/types.ts', 'Loose')).opaque.find(
      (place) => place.pointer === '/gone',
    );
    expect(unresolved?.reason).toContain('does not resolve');
  });

  it('gives the same result on a second run', async () => {
    const first = await extract('map/types.ts', 'Maps');
    const second = await extract('map/types.ts', 'Maps');
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });
});
