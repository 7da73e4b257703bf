import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { goExtractor } from '../../../src/extract/go/index.js';

const STRUCTS = 2_000;
let dir = '';
let lines = 0;

/**
 * A generated package of 2,000 structs (about 50,000 lines over 10 files):
 * each struct has 18 fields, embeds the previous struct's base and refers to
 * its neighbours, so resolution touches many declarations.
 */
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wirepin-go-perf-'));
  const perFile = STRUCTS / 10;
  for (let file = 0; file < 10; file++) {
    const out = ['package big', '', 'import "time"', ''];
    for (let i = file * perFile; i < (file + 1) * perFile; i++) {
      out.push(`// S${i} is generated.`, `type S${i} struct {`);
      if (i > 0) out.push(`\tBase${i - 1}`);
      for (let f = 0; f < 16; f++) {
        const type = ['string', '*int64', 'map[string][]string', 'time.Time', '[]byte'][f % 5] as string;
        out.push(`\tField${f} ${type} \`json:"field_${f},omitempty"\``);
      }
      out.push(`\tNext *S${(i + 1) % STRUCTS} \`json:"next,omitempty"\``, '}', '');
      out.push(
        `// Base${i} is embedded by S${i + 1}.`,
        `type Base${i} struct {`,
        `\tID${i} string \`json:"id_${i}"\``,
        '}',
        '',
      );
    }
    lines += out.length;
    writeFileSync(path.join(dir, `gen_${file}.go`), out.join('\n'));
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Its speed is measured by bench/ (BENCHMARKS.md), not asserted here.
test('extracts from a 2,000-struct, 50,000-line package, cutting the Next chain off as opaque', async () => {
  expect(lines).toBeGreaterThan(50_000);
  const result = await goExtractor.extract({ path: dir, typeName: 'S1999', cwd: dir });
  // Next-pointers chain every struct; nesting stops after 32 levels (reported as opaque).
  expect(result.fields.length).toBeGreaterThan(500);
  expect(result.opaque.some((ref) => ref.reason.includes('deeper than 32'))).toBe(true);
});
