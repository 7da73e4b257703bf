import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { bigPackage, fibonacciGraph } from '../../../bench/lib/go-graphs.js';
import { goExtractor } from '../../../src/extract/go/index.js';
import { DEFAULT_EXPANSION_LIMITS, expansionLimits } from '../../../src/extract/go/wire-fields.js';
import { quotedNames, rejectionOf } from '../../support/facts.js';

const dirs: string[] = [];
function writePackage(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wirepin-go-scale-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the bound on the flat field list', () => {
  test('a 32-type graph where each type points at the next two is refused with E_UNSUPPORTED, naming the root and the repeating path', async () => {
    const dir = writePackage(fibonacciGraph(32));
    // How fast is bench/go-scale.js's to say; here, the refusal comes before the test's timeout instead of an abort.
    const error = await rejectionOf(goExtractor.extract({ path: dir, typeName: 'T0', cwd: dir }));
    expect(error.code).toBe('E_UNSUPPORTED');
    expect(error.location).toEqual({ file: 'graph.go', line: 3, column: 6 });
    expect(error.message).toContain('"T0" expands to more than 200,000 fields');
    expect(error.message).toMatch(/crossed at "\/a(\/[ab])*" \(T0 → T1 → /);
    expect(error.message).toMatch(/"T\d+" alone was unrolled [\d,]+ times/);
    expect(error.hint).toContain('$defs');
  });

  test('the decode direction is bounded the same way', async () => {
    const dir = writePackage(fibonacciGraph(32));
    const error = await rejectionOf(goExtractor.extract({ path: dir, typeName: 'T0', cwd: dir, direction: 'decode' }));
    expect(error.code).toBe('E_UNSUPPORTED');
  });

  test('the bounds can be lowered: a small graph passes under the default and is refused under a lower bound', async () => {
    const dir = writePackage(fibonacciGraph(8));
    const full = await goExtractor.extract({ path: dir, typeName: 'T0', cwd: dir });
    const entries = full.fields.length + full.opaque.length;
    expect(entries).toBeGreaterThan(50);
    const exact = await goExtractor.extract({
      path: dir,
      typeName: 'T0',
      cwd: dir,
      expansion: { maxEntries: entries },
    });
    expect(exact.fields).toHaveLength(full.fields.length);
    const error = await rejectionOf(
      goExtractor.extract({ path: dir, typeName: 'T0', cwd: dir, expansion: { maxEntries: entries - 1 } }),
    );
    expect(error.message).toContain(`more than ${entries - 1} fields`);
  });

  test('raising a bound above the default is ignored, and a lower depth cuts nesting to opaque', async () => {
    const dir = writePackage(fibonacciGraph(32));
    const error = await rejectionOf(
      goExtractor.extract({ path: dir, typeName: 'T0', cwd: dir, expansion: { maxEntries: 10_000_000 } }),
    );
    expect(error.message).toContain('more than 200,000 fields');
    const shallow = await goExtractor.extract({ path: dir, typeName: 'T0', cwd: dir, expansion: { maxDepth: 3 } });
    expect(shallow.fields.map((field) => field.pointer)).toContain('/a/b/name');
    expect(shallow.fields.some((field) => field.pointer.split('/').length > 4)).toBe(false);
    expect(shallow.opaque.find((ref) => ref.pointer === '/a/a/a')?.reason).toBe(
      'struct nesting deeper than 3 levels is not unrolled',
    );
  });
});

describe('the bounds a caller asks for', () => {
  test('each bound is lowered to a whole number; below 1, infinite and missing values keep the default', () => {
    expect(DEFAULT_EXPANSION_LIMITS).toEqual({ maxEntries: 200_000, maxDepth: 32 });
    expect(expansionLimits(undefined)).toEqual(DEFAULT_EXPANSION_LIMITS);
    expect(expansionLimits({})).toEqual(DEFAULT_EXPANSION_LIMITS);
    expect(expansionLimits({ maxEntries: 40.9, maxDepth: 3.2 })).toEqual({ maxEntries: 40, maxDepth: 3 });
    expect(expansionLimits({ maxEntries: 1, maxDepth: 1 })).toEqual({ maxEntries: 1, maxDepth: 1 });
    expect(expansionLimits({ maxEntries: 0, maxDepth: -4 })).toEqual(DEFAULT_EXPANSION_LIMITS);
    expect(expansionLimits({ maxEntries: 0.5, maxDepth: 0.5 })).toEqual(DEFAULT_EXPANSION_LIMITS);
    expect(expansionLimits({ maxEntries: Number.POSITIVE_INFINITY, maxDepth: Number.NaN })).toEqual(
      DEFAULT_EXPANSION_LIMITS,
    );
    expect(expansionLimits({ maxEntries: 300_000, maxDepth: 33 })).toEqual(DEFAULT_EXPANSION_LIMITS);
    expect(expansionLimits({ maxEntries: 200_000, maxDepth: 32 })).toEqual(DEFAULT_EXPANSION_LIMITS);
  });
});

describe('what the refusal names', () => {
  /** The refusal's facts: the names it quotes, the chain of types in parentheses, how often the named type was unrolled. */
  async function refusal(dir: string, maxEntries: number): Promise<{ quoted: string[]; chain: string; times: string }> {
    const error = await rejectionOf(goExtractor.extract({ path: dir, typeName: 'T0', cwd: dir, expansion: { maxEntries } }));
    expect(error.code).toBe('E_UNSUPPORTED');
    expect(error.location).toEqual({ file: 'graph.go', line: 3, column: 6 });
    return {
      quoted: quotedNames(error.message),
      chain: /\(([^)]*)\)/u.exec(error.message)?.[1] ?? '',
      times: /unrolled ([\d,]+) times/u.exec(error.message)?.[1] ?? '',
    };
  }

  test('the path being listed when the bound was crossed, its chain of types (cut in the middle past 12) and the type unrolled most', async () => {
    const dir = writePackage(fibonacciGraph(20));
    // Every type on the first path is unrolled once: the tie goes to the first name in order.
    expect(await refusal(dir, 5)).toEqual({ quoted: ['T0', '/a/a', 'T1'], chain: 'T0 → T1', times: '1' });
    expect(await refusal(dir, 35)).toEqual({
      quoted: ['T0', '/a/a/a/a/a/a/a/a/a/a/a/a', 'T1'],
      chain: 'T0 → T1 → T2 → T3 → T4 → T5 → T6 → T7 → T8 → T9 → T10 → T11',
      times: '1',
    });
    expect(await refusal(dir, 36)).toEqual({
      quoted: ['T0', '/a/a/a/a/a/a/a/a/a/a/a/a/name', 'T1'],
      chain: 'T0 → T1 → T2 → T3 → T4 → T5 → … → T8 → T9 → T10 → T11 → T12',
      times: '1',
    });
    expect(await refusal(dir, 1000)).toEqual({
      quoted: ['T0', '/a/a/a/a/a/a/a/a/b/b/a/a/a/count', 'T19'],
      chain: 'T0 → T1 → T2 → T3 → T4 → T5 → … → T10 → T12 → T13 → T14 → T15',
      times: '123',
    });
  });

  test('graph mode counts each type once: refused past the bound, naming the type being listed', async () => {
    const dir = writePackage(fibonacciGraph(20));
    const extractGraph = goExtractor.extractGraph;
    if (extractGraph === undefined) throw new Error('the Go extractor has a graph mode');
    const graph = await extractGraph({ path: dir, typeName: 'T0', cwd: dir });
    let total = 0;
    for (const type of graph.types.values()) total += type.fields.length + type.opaque.length;
    expect({ total, types: graph.types.size }).toEqual({ total: 77, types: 20 });
    const exact = await extractGraph({ path: dir, typeName: 'T0', cwd: dir, expansion: { maxEntries: total } });
    expect(exact.types.size).toBe(20);
    const error = await rejectionOf(
      extractGraph({ path: dir, typeName: 'T0', cwd: dir, expansion: { maxEntries: total - 1 } }),
    );
    expect(error.code).toBe('E_UNSUPPORTED');
    expect(error.location).toEqual({ file: 'graph.go', line: 3, column: 6 });
    expect(quotedNames(error.message)).toEqual(['T0', 'T19']);
    expect(error.message).toContain('more than 76 fields');
    const early = await rejectionOf(extractGraph({ path: dir, typeName: 'T0', cwd: dir, expansion: { maxEntries: 5 } }));
    expect(quotedNames(early.message)).toEqual(['T0', 'T1']);
  });
});

describe('a package is parsed once per process', () => {
  test('1,000 structs of a generated 100,000-line package', async () => {
    const generated = bigPackage({ lines: 100_000 });
    expect(generated.lines).toBeGreaterThanOrEqual(100_000);
    const dir = writePackage(generated.files);
    let fields = 0;
    for (const name of generated.structs.slice(0, 1_000)) {
      const result = await goExtractor.extract({ path: dir, typeName: name, cwd: dir });
      fields += result.fields.length;
    }
    // The target (< 10 s alone) is measured by bench/go-scale.js; a parse per struct (about 0.4 s each) would run
    // past this test's timeout.
    expect(fields).toBeGreaterThan(100_000);
  }, 120_000);

  test('an edited file is read again (the cache is keyed by file size and modification time)', async () => {
    const dir = writePackage({ 'a.go': 'package a\n\ntype A struct {\n\tX string `json:"x"`\n}\n' });
    const before = await goExtractor.extract({ path: dir, typeName: 'A', cwd: dir });
    expect(before.fields.map((field) => field.jsonName)).toEqual(['x']);
    writeFileSync(
      path.join(dir, 'a.go'),
      'package a\n\ntype A struct {\n\tX string `json:"x"`\n\tYy int `json:"yy"`\n}\n',
    );
    const after = await goExtractor.extract({ path: dir, typeName: 'A', cwd: dir });
    expect(after.fields.map((field) => field.jsonName)).toEqual(['x', 'yy']);
  });
});
