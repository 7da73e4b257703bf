/**
 * The TypeScript extractor against the real JSON.stringify: the fixture is
 * compiled with the TypeScript compiler, its samples are serialized by Node,
 * and what travels is compared with the fields wirepin reads. Ground truth
 * from the real thing, not from our reading of the spec.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tsExtractor } from '../../../src/extract/ts/index.js';
import { WirepinError } from '../../../src/errors.js';
import { repoRoot } from '../../support/wire-fields.js';

const FIXTURE = 'test/fixtures/ts/stringify/types.ts';
let dir = '';
let samples: Record<string, readonly unknown[]> = {};

beforeAll(async () => {
  // ES2020 output turns `accessor` fields into the getter/setter pair on the prototype that the standard specifies.
  const output = ts.transpileModule(readFileSync(join(repoRoot, FIXTURE), 'utf8'), {
    compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ES2020 },
  });
  dir = mkdtempSync(join(tmpdir(), 'wirepin-stringify-'));
  writeFileSync(join(dir, 'types.mjs'), output.outputText);
  samples = (
    (await import(pathToFileURL(join(dir, 'types.mjs')).href)) as { samples: Record<string, readonly unknown[]> }
  ).samples;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The keys JSON.stringify sends for each sample, top level only. */
function sentKeys(typeName: string): string[][] {
  return (samples[typeName] ?? []).map((value) =>
    Object.keys(JSON.parse(JSON.stringify(value)) as Record<string, unknown>),
  );
}

async function read(typeName: string) {
  return tsExtractor.extract({ path: FIXTURE, typeName, cwd: repoRoot });
}

describe('the TypeScript extractor agrees with JSON.stringify', () => {
  it.each([
    'WithAccessor',
    'WithGetter',
    'WithInterfaceGetter',
    'WithLiteralGetter',
    'WithFunctions',
    'WithUndefined',
    'WithSymbol',
    'HoldsInherited',
  ])('%s: every key a sample sends is a field, and every required field is sent by every sample', async (typeName) => {
    const result = await read(typeName);
    const top = result.fields.filter((f) => f.pointer.lastIndexOf('/') === 0);
    const listed = new Set(top.map((f) => f.jsonName));
    const samplesSent = sentKeys(typeName);
    expect(samplesSent.length).toBeGreaterThan(0);
    const union = new Set(samplesSent.flat());
    // Exactly the keys some sample sends: nothing missing, nothing that never travels.
    expect([...listed].sort()).toEqual([...union].sort());
    for (const field of top.filter((f) => f.required)) {
      for (const keys of samplesSent)
        expect(keys, `${typeName}.${field.jsonName} is required`).toContain(field.jsonName);
    }
  });

  it('reads class getters, setters and `accessor` fields as not sent, interface and literal getters as sent', async () => {
    expect((await read('WithAccessor')).fields.map((f) => f.jsonName)).toEqual(['id']);
    expect((await read('WithGetter')).fields.map((f) => f.jsonName)).toEqual(['id']);
    expect((await read('WithInterfaceGetter')).fields.map((f) => [f.jsonName, f.required])).toEqual([
      ['id', true],
      ['size', true],
    ]);
    expect((await read('WithLiteralGetter')).fields.map((f) => f.jsonName)).toEqual(['id', 'size']);
  });

  it('leaves out methods and function-valued properties, and symbol keys', async () => {
    expect((await read('WithFunctions')).fields.map((f) => f.jsonName)).toEqual(['id']);
    expect((await read('WithSymbol')).fields.map((f) => f.jsonName)).toEqual(['id']);
  });

  it('reads a property whose type includes undefined as not always sent', async () => {
    expect((await read('WithUndefined')).fields.map((f) => [f.jsonName, f.required])).toEqual([
      ['id', true],
      ['maybe', false],
      ['optional', false],
    ]);
  });

  it('reads a type with an inherited toJSON() as opaque: what it sends is up to that method', async () => {
    const result = await read('HoldsInherited');
    expect(result.opaque.map((o) => o.pointer)).toEqual(['/stamp']);
    expect(JSON.stringify(samples['HoldsInherited']?.[0])).toContain('"stamp":"stamped"');
  });

  it.each([
    ['MaybeNull', 'null'],
    ['MaybeUndefined', 'undefined'],
  ])('refuses a root %s that may be %s: it is not an object contract', async (typeName, what) => {
    const error = await read(typeName).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WirepinError);
    expect((error as WirepinError).code).toBe('E_UNSUPPORTED');
    expect((error as WirepinError).message).toContain(`may be ${what}`);
    expect((error as WirepinError).location).toMatchObject({ file: FIXTURE, line: typeName === 'MaybeNull' ? 64 : 65 });
  });
});
