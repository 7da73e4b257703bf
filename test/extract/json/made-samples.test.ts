/**
 * The JSON-sample extractor on samples made at test time: every kind of
 * root, syntax errors at known positions, raw control characters, nesting at
 * and past its limit, arrays of objects with keys present in only some
 * elements, and nulls. Results (or errors, as data) are table rows in
 * test/extract/json/tables/made-samples.json.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonSampleExtractor } from '../../../src/extract/json/index.js';
import { errorFacts, expectTable, rejectionOf } from '../../support/facts.js';

const dir = mkdtempSync(join(tmpdir(), 'wirepin-json-sample-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SAMPLES: readonly [string, string][] = [
  ['root-string', '"text"'],
  ['root-number', '42'],
  ['root-true', 'true'],
  ['root-null', 'null'],
  ['root-array', '[{"a": 1}]'],
  ['empty', ''],
  ['syntax-line-2', '{\n  "a": 1,,\n}'],
  ['syntax-eof', '{"a": '],
  ['nan', '{"a": NaN}'],
  ['comment', '{"a": 1 /* no */}'],
  ['raw-tab', '{"a": "x\ty"}'],
  ['raw-newline-in-key', '{"a\nb": 1}'],
  ['raw-control-second-line', '{\n  "ok": 1,\n  "bad": "x\u0001"\n}'],
  ['depth-256', `${'{"a":'.repeat(255)}1${'}'.repeat(255)}`],
  ['depth-257', `${'{"a":'.repeat(257)}1${'}'.repeat(257)}`],
  ['depth-257-arrays', `{"a":${'['.repeat(257)}${']'.repeat(257)}}`],
  [
    'shapes',
    JSON.stringify({
      s: 's',
      i: 1,
      f: 1.5,
      e: 1e3,
      b: false,
      n: null,
      empty: {},
      list: [{ x: 1, y: 'a' }, { x: 2 }, { x: null, z: true }],
      mixed: [1, 'a'],
      nums: [1, 2.5],
      nested: [[{ deep: 1 }]],
      none: [],
      nulls: [null, { k: 1 }],
      obj: { inner: { v: 'x' } },
    }),
  ],
  ['bom', '\uFEFF{"a": 1}'],
  ['duplicate-nested', '{"o": {"k": 1, "k": 2}}'],
  ['escaped-keys', '{"a/b": 1, "c~d": 2, "\\u0041": 3}'],
];

describe('JSON samples made at test time', () => {
  it('reads or refuses each, saying where', async () => {
    const out: string[] = [];
    for (const [name, text] of SAMPLES) {
      writeFileSync(join(dir, `${name}.json`), text);
      out.push(`# ${name}`);
      try {
        const result = await jsonSampleExtractor.extract({ path: `${name}.json`, cwd: dir });
        out.push(`  root ${result.root.name} ${result.root.location.line}:${result.root.location.column}`);
        for (const f of result.fields)
          out.push(
            `  ${f.pointer} ${JSON.stringify(f.type)} ${f.required ? 'required' : 'optional'} ${f.location.line}:${f.location.column} "${f.sourceType}"`,
          );
        for (const o of result.opaque) out.push(`  opaque ${o.pointer} ${o.typeName}: ${o.reason}`);
      } catch (error) {
        out.push(JSON.stringify(errorFacts(error)));
      }
    }
    const named = await jsonSampleExtractor.extract({
      path: 'root-array.json'.replace('root-array', 'shapes'),
      typeName: 'Payload',
      cwd: dir,
    });
    out.push(`# named root: ${named.root.name}`);
    expectTable(out, 'test/extract/json/tables/made-samples.json');
  });
});

async function refusal(name: string, text: string) {
  writeFileSync(join(dir, `${name}.json`), text);
  return rejectionOf(jsonSampleExtractor.extract({ path: `${name}.json`, cwd: dir }));
}

describe('what a refused JSON sample is said to hold', () => {
  it.each([
    ['"text"', 'a string'],
    ['42', 'a number'],
    ['false', 'a boolean'],
    ['null', 'null'],
    ['[]', 'an array'],
  ])('a root %s is named as %s', async (text, kind) => {
    const error = await refusal(`kind-${kind.replace(' ', '-')}`, text);
    expect(error.code).toBe('E_PARSE');
    expect(error.message).toContain(` is ${kind}, not an object`);
  });

  it('names the control character by its code point, upper-case hex in the message and lower-case in the escape', async () => {
    const error = await refusal('control-1f', '{"a": "x\u001f"}');
    expect(error.message).toContain('U+001F');
    expect(error.hint).toContain('\\u001f');
    expect(error.location).toMatchObject({ line: 1, column: 9 });
  });

  it('lets a space and every printable character through', async () => {
    writeFileSync(join(dir, 'printable.json'), '{"a b": " ~\u007f\u00a0"}');
    const result = await jsonSampleExtractor.extract({ path: 'printable.json', cwd: dir });
    expect(result.fields.map((f) => f.pointer)).toEqual(['/a b']);
  });

  it('quotes a duplicate key with both places, line:column', async () => {
    const error = await refusal('duplicate-deep', '{\n "o": {"k": 1,\n  "k": 2}}');
    expect(error.message).toContain('"k"');
    expect(error.message).toContain('first at 2:8');
    expect(error.message).toContain('again at 3:3');
    expect(error.location).toMatchObject({ line: 3, column: 3 });
  });

  it('gives a syntax error its place and drops momoa\'s "(line:column)" from the detail', async () => {
    const error = await refusal('syntax-detail', '{\n  "a": tru\n}');
    expect(error.location).toMatchObject({ line: 2, column: 8 });
    expect(error.message).not.toMatch(/\(\d+:\d+\)\s*$/u);
    expect(error.message).toMatch(/is not valid JSON: \S/u);
  });

  it('drops the "(line:column)" of momoa however many digits each has', async () => {
    const error = await refusal('syntax-far', `{\n${'  "k": 1,\n'.repeat(10)}            "a": tru\n}`);
    expect(error.location).toMatchObject({ line: 12, column: 18 });
    expect(error.message).not.toMatch(/\(\d+:\d+\)/u);
  });
});
