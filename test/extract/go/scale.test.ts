import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { bigPackage, fibonacciGraph } from '../../../bench/lib/go-graphs.js';
import { goExtractor } from '../../../src/extract/go/index.js';
import { rejectionOf } from '../../support/facts.js';

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
