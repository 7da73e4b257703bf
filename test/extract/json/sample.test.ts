import { describe, expect, it } from 'vitest';
import type { WirepinError } from '../../../src/errors.js';
import { jsonSampleExtractor } from '../../../src/extract/json/index.js';
import { rejectionOf } from '../../support/facts.js';
import { repoRoot, summarize } from '../../support/wire-fields.js';

function extract(fixture: string) {
  return jsonSampleExtractor.extract({ path: `test/fixtures/json/${fixture}`, cwd: repoRoot });
}

async function failure(fixture: string): Promise<WirepinError> {
  return rejectionOf(extract(fixture));
}

const shapeCases: readonly { name: string; fixture: string; fields: readonly string[]; opaque?: readonly string[] }[] =
  [
    {
      name: 'nested objects',
      fixture: 'nested.json',
      fields: [
        '/id: string',
        '/owner: object',
        '/owner/name: string',
        '/owner/address: object',
        '/owner/address/city: string',
      ],
    },
    {
      name: 'scalars: integer vs number by the literal, null',
      fixture: 'scalars.json',
      fields: [
        '/count: integer',
        '/negative: integer',
        '/zero: integer',
        '/ratio: number',
        '/whole_float: number',
        '/exponent: number',
        '/flag: boolean',
        '/nothing: null',
        '/label: string',
      ],
    },
    {
      name: 'arrays: elements merged, keys missing from some elements are optional',
      fixture: 'arrays.json',
      fields: [
        '/tags: array<string>',
        '/empty: array<any>',
        '/items: array<object>',
        '/items/*/name: string',
        '/items/*/qty: integer | null',
        '/items/*/price?: number',
        '/matrix: array<array<number>>',
        '/mixed: array<opaque>',
        '/maybe: array<string | null>',
      ],
      opaque: ['/mixed/*'],
    },
    {
      name: 'keys like __proto__ and constructor are ordinary names; pointers escape ~ and /',
      fixture: 'proto.json',
      fields: ['/__proto__: object', '/__proto__/polluted: boolean', '/constructor: string', '/a~1b~0c: integer'],
    },
    { name: 'a leading byte order mark is skipped', fixture: 'bom.json', fields: ['/bom: string'] },
  ];

describe('jsonSampleExtractor shapes', () => {
  it.each(shapeCases)('$name', async ({ fixture, fields, opaque = [] }) => {
    const result = await extract(fixture);
    expect(result.fields.map(summarize)).toEqual(fields);
    expect(result.opaque.map((place) => place.pointer)).toEqual(opaque);
  });

  it('reads the provision request sample; maps look like objects in a sample', async () => {
    const result = await extract('provision_request.sample.json');
    expect(result.fields.map(summarize)).toEqual([
      '/org_id: string',
      '/workspace_id: string',
      '/runtime: string',
      '/template: string',
      '/tier: integer',
      '/instance_type: string',
      '/disk_gb: integer',
      '/provider: string',
      '/data_persistence: string',
      '/kind: string',
      '/display: object',
      '/display/mode: string',
      '/display/width: integer',
      '/display/height: integer',
      '/display/protocol: string',
      '/platform_url: string',
      '/env: object',
      '/env/LANG: string',
      '/env/TZ: string',
      '/config_files: object',
      '/config_files/.bashrc: string',
      '/config_files/~1etc~1motd: string',
      '/template_assets: object',
      '/template_assets/requirements.txt: string',
      '/template_assets/notebooks~1welcome.ipynb: string',
    ]);
    expect(result.opaque).toEqual([]);
  });

  it('locates each key at its opening quote, 1-based; array element keys at their first occurrence', async () => {
    const result = await extract('arrays.json');
    const byPointer = new Map(result.fields.map((field) => [field.pointer, field]));
    expect(byPointer.get('/items')?.location).toEqual({ file: 'test/fixtures/json/arrays.json', line: 4, column: 3 });
    expect(byPointer.get('/items/*/qty')?.location).toEqual({
      file: 'test/fixtures/json/arrays.json',
      line: 5,
      column: 22,
    });
    expect(byPointer.get('/items/*/price')?.location).toMatchObject({ line: 6, column: 22 });
    expect(byPointer.get('/items')?.sourceType).toBe('object[]');
    expect(byPointer.get('/matrix')?.sourceType).toBe('number[][]');
    expect(result.root).toEqual({
      name: 'arrays.json',
      location: { file: 'test/fixtures/json/arrays.json', line: 1, column: 1 },
    });
  });

  it('counts columns after a byte order mark as if it were not there', async () => {
    const result = await extract('bom.json');
    expect(result.fields[0]?.location).toMatchObject({ line: 2, column: 3 });
  });
});

describe('jsonSampleExtractor errors', () => {
  it('rejects a duplicate key, naming it and both places', async () => {
    const error = await failure('duplicate-key.json');
    expect(error.code).toBe('E_PARSE');
    expect(error.location).toEqual({ file: 'test/fixtures/json/duplicate-key.json', line: 5, column: 5 });
    expect(error.message).toContain('"c"');
    expect(error.message).toContain('4:5');
    expect(error.message).toContain('5:5');
  });

  it('compares keys after unescaping', async () => {
    const error = await failure('duplicate-escaped.json');
    expect(error.code).toBe('E_PARSE');
    expect(error.location).toMatchObject({ line: 3, column: 3 });
  });

  it('reports invalid JSON with line and column', async () => {
    const error = await failure('invalid.json');
    expect(error.code).toBe('E_PARSE');
    expect(error.location).toEqual({ file: 'test/fixtures/json/invalid.json', line: 4, column: 1 });
    expect(error.message).not.toMatch(/\(\d+:\d+\)/);
  });

  it('rejects a root that is not an object', async () => {
    const error = await failure('root-array.json');
    expect(error.code).toBe('E_PARSE');
    expect(error.message).toContain('an array');
    expect(error.location).toMatchObject({ line: 1, column: 1 });
  });

  it('rejects raw control characters in strings, as JSON.parse does', async () => {
    const error = await failure('control-char.json');
    expect(error.code).toBe('E_PARSE');
    expect(error.message).toContain('U+0009');
    expect(error.location).toEqual({ file: 'test/fixtures/json/control-char.json', line: 3, column: 12 });
  });

  it('E_READ for a missing file', async () => {
    const error = await failure('no-such-sample.json');
    expect(error.code).toBe('E_READ');
    expect(error.message).toContain('JSON sample');
    expect(error.hint).toContain('working directory');
  });
});
