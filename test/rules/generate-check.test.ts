/**
 * GENERATED_FILE_STALE, the rule behind `wirepin generate --check`: one row per
 * case (fresh, missing, stale at a given line, a file that is a prefix of the
 * expected one), with the whole finding draft pinned, and the rule's metadata.
 */
import { describe, expect, it } from 'vitest';
import { GENERATED_FILE_STALE, type GeneratedComparison } from '../../src/rules/generate/GENERATED_FILE_STALE.js';
import { placeDrafts } from '../../src/rule.js';

const cmp = (path: string, expected: string, actual: string | undefined): GeneratedComparison => ({
  path,
  contract: 'contracts/x.contract.json',
  expected,
  actual,
});

/** A message that names this generated file and, when stale, the first line that differs; not the sentence. */
const naming = (path: string, line?: number): unknown =>
  expect.stringMatching(
    new RegExp(
      `^${path.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}\\b${line === undefined ? '' : `[\\s\\S]*\\b${line}\\b`}`,
      'u',
    ),
  );

describe('GENERATED_FILE_STALE', () => {
  it('declares itself as a generate-stage error', () => {
    expect({
      id: GENERATED_FILE_STALE.id,
      stage: GENERATED_FILE_STALE.stage,
      severity: GENERATED_FILE_STALE.severity,
    }).toEqual({
      id: 'GENERATED_FILE_STALE',
      stage: 'generate',
      severity: 'error',
    });
  });

  it('reports nothing when every file is byte-identical', () => {
    expect(GENERATED_FILE_STALE.check([cmp('a.ts', 'x\ny\n', 'x\ny\n'), cmp('b.json', '', '')])).toEqual([]);
  });

  it('reports a missing file at line 1', () => {
    expect(GENERATED_FILE_STALE.check([cmp('schemas/x.schema.json', 'a\nb\n', undefined)])).toEqual([
      {
        path: '',
        position: { line: 1, column: 1, offset: 0 },
        message: naming('schemas/x.schema.json'),
        data: { generated: 'schemas/x.schema.json', contract: 'contracts/x.contract.json', state: 'missing', line: 1 },
      },
    ]);
  });

  it.each([
    ['first line differs', 'a\nb\nc\n', 'z\nb\nc\n', 1],
    ['second line differs', 'a\nb\nc\n', 'a\nB\nc\n', 2],
    ['third line differs', 'a\nb\nc', 'a\nb\nC', 3],
    ['on disk has an extra last line', 'a\nb', 'a\nb\nc', 3],
    ['on disk lacks the last line', 'a\nb\nc', 'a\nb', 3],
    ['on disk lacks the final newline', 'a\nb\n', 'a\nb', 3],
    ['on disk is empty', 'a\n', '', 1],
  ])('reports a stale file at the first different line: %s', (_name, expected, actual, line) => {
    expect(GENERATED_FILE_STALE.check([cmp('p/t.ts', expected, actual)])).toEqual([
      {
        path: '',
        position: { line, column: 1, offset: 0 },
        message: naming('p/t.ts', line),
        data: { generated: 'p/t.ts', contract: 'contracts/x.contract.json', state: 'stale', line },
      },
    ]);
  });

  it('reports only the files that differ, in the order given, placed at their line', () => {
    const drafts = GENERATED_FILE_STALE.check([
      cmp('one.ts', 'a\n', 'a\n'),
      cmp('two.ts', 'a\nb\n', 'a\nc\n'),
      cmp('three.ts', 'q', undefined),
    ]);
    const findings = placeDrafts(GENERATED_FILE_STALE, drafts, 'gen', undefined);
    expect(
      findings.map(
        (f) =>
          `${f.rule} ${f.severity} ${f.file}:${f.line}:${f.column} ${String(f.data?.['generated'])} ${String(f.data?.['state'])}`,
      ),
    ).toEqual([
      'GENERATED_FILE_STALE error gen:2:1 two.ts stale',
      'GENERATED_FILE_STALE error gen:1:1 three.ts missing',
    ]);
  });
});
