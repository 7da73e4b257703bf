/**
 * The JSON-sample extractor on how array elements merge: kinds that meet
 * (integer and number, null and anything, mixed and more mixed), arrays that
 * meet empty or nullable arrays, objects seen in only some elements, and how
 * each merged shape is spelled for messages. Each sample's fields and opaque
 * places are table rows in test/extract/json/tables/array-merge.json.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonSampleExtractor } from '../../../src/extract/json/index.js';
import { errorFacts, expectTableEntry, extractionRows } from '../../support/facts.js';

const dir = mkdtempSync(join(tmpdir(), 'wirepin-json-merge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SAMPLES: readonly [string, string][] = [
  [
    'numbers as written',
    '{"int": 3, "neg": -0, "frac": 3.0, "exp": 3e0, "upper": 3E2, "negexp": 2e-3, "big": 12345678901234567890}',
  ],
  ['integer then number, number then integer', '{"a": [1, 2.5], "b": [2.5, 1], "c": [1, 2], "d": [1.5, 2.5]}'],
  ['null first, null last, only nulls', '{"a": [null, 1], "b": [1, null], "c": [null, null], "d": [null, "x", null]}'],
  [
    'mixed kinds keep first-seen order, each once',
    '{"a": [1, "x", 2, true, "y"], "b": [true, 1.5, 1], "c": [[1], {"k": 1}, "s"], "d": [null, 1, "x"]}',
  ],
  ['mixed meets mixed', '{"a": [[1, "x"], ["y", true], [false]]}'],
  [
    'arrays meet arrays',
    '{"a": [[], [1]], "b": [[1], []], "c": [[], []], "d": [[1], null], "e": [null, []], "f": [["x", null], ["y"]]}',
  ],
  ['nested nullable arrays are spelled with parentheses', '{"a": [[1, null]], "b": [[[1, "x"]]], "c": [[[]], null]}'],
  [
    'objects seen in only some elements',
    '{"list": [{"x": 1}, {"x": 2, "y": "a"}, {"y": null}], "twice": [{"k": {"m": 1}}, {"k": {"n": "a"}}], "maybe": [{"a": 1}, null, {"a": 2}]}',
  ],
  ['an object next to other kinds', '{"a": [{"k": 1}, 1], "b": [1, {"k": 1}], "c": [{"k": 1}, [1]]}'],
  ['an array holding an array of objects', '{"rows": [[{"id": 1}], [{"id": 2, "extra": true}]]}'],
  ['keys are kept in first-seen order across elements', '{"list": [{"b": 1}, {"a": 2, "b": 3}, {"c": 4, "a": 5}]}'],
  ['a key seen at another position keeps the first one', '{"list": [\n  {"a": 1},\n  {"b": 2,\n   "a": 3}\n]}'],
  ['an empty object', '{}'],
  ['raw control character at the start of a later string', '{"a": "ok",\n "b": "\u001fz"}'],
  ['duplicate key at the top, on two lines', '{\n  "a": 1,\n  "a": 2\n}'],
  ['duplicate key inside array elements is fine across elements', '{"l": [{"a": 1}, {"a": 2}]}'],
  ['a raw control character in a key', '{"k\u0000": 1}'],
  ['a string with an escaped control character is fine', '{"k": "a\\u0001b"}'],
  ['unquoted key', '{a: 1}'],
  ['single-quoted string', "{'a': 1}"],
  ['trailing garbage', '{"a": 1} x'],
  ['Infinity', '{"a": Infinity}'],
];

describe('JSON samples whose arrays merge', () => {
  it.each(SAMPLES.map(([name, text], index) => [name, text, index] as const))('%s', async (name, text, index) => {
    const file = `sample-${index}.json`;
    writeFileSync(join(dir, file), text);
    const out: string[] = [];
    try {
      out.push(...extractionRows(await jsonSampleExtractor.extract({ path: file, cwd: dir })));
    } catch (error) {
      out.push(JSON.stringify(errorFacts(error)));
    }
    expectTableEntry(name, out, 'test/extract/json/tables/array-merge.json');
  });

  it('names the root after the type asked for, else after the file, in a subdirectory too', async () => {
    writeFileSync(join(dir, 'named.json'), '{"a": 1}');
    const named = await jsonSampleExtractor.extract({ path: 'named.json', typeName: 'Payload', cwd: dir });
    const unnamed = await jsonSampleExtractor.extract({ path: join(dir, 'named.json'), cwd: join(dir, '..') });
    expect([named.root, unnamed.root.name, unnamed.fields[0]?.location.file]).toEqual([
      { name: 'Payload', location: { file: 'named.json', line: 1, column: 1 } },
      'named.json',
      `${dir.slice(dir.lastIndexOf('/') + 1)}/named.json`,
    ]);
  });

  it('resolves and shows the path against the process working directory', async () => {
    const result = await jsonSampleExtractor.extract({ path: 'test/fixtures/json/provision_request.sample.json' });
    expect([result.root, result.fields[0]?.location]).toEqual([
      {
        name: 'provision_request.sample.json',
        location: { file: 'test/fixtures/json/provision_request.sample.json', line: 1, column: 1 },
      },
      { file: 'test/fixtures/json/provision_request.sample.json', line: 2, column: 3 },
    ]);
  });
});
