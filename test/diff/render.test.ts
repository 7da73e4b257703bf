import { describe, expect, it } from 'vitest';
import type { ContractChange } from '../../src/diff/change.js';
import { DIFF_RENDERERS } from '../../src/render/diff/index.js';
import type { DiffReport } from '../../src/run/diff-report.js';
import type { Finding } from '../../src/finding.js';

const change: ContractChange = {
  rule: 'NOTE_CHANGED',
  severity: 'notice',
  file: 'contracts/a,b:c.contract.json',
  line: 7,
  column: 3,
  path: '/properties/x/note',
  field: 'x',
  message: 'The note on field "x" changed: 100% | new\nline.',
  data: {
    class: 'safe',
    kind: 'changed',
    pointer: '/x',
    before: 'old | note',
    after: 'new\nnote with `tick`',
    consumes: false,
    note: 'new\nnote',
  },
};

const drift: Finding = {
  rule: 'SYNC_DRIFT',
  severity: 'error',
  file: 'contracts/a,b:c.contract.json',
  line: 2,
  column: 3,
  path: '/$id',
  message: 'The mirror lacks "/$id".',
  data: { kind: 'missing', pointer: '/$id', before: '"x"', after: null },
};

function report(findings: readonly Finding[], failOn: DiffReport['failOn']): DiffReport {
  return {
    command: failOn ? 'diff' : 'sync',
    subject: 'a → b',
    findings,
    failOn,
    compared: [{ base: 'base.json', head: 'contracts/a,b:c.contract.json', file: 'contracts/a,b:c.contract.json' }],
    framing: failOn ? 'Changes' : 'What the mirror has wrong',
    sides: failOn ? { base: 'base', head: 'head' } : { base: 'source', head: 'mirror' },
  };
}

const options = { color: false, docsBase: 'docs/rules' };

describe('diff renderers', () => {
  it('escape pipes, newlines and backticks in markdown cells', () => {
    const md = DIFF_RENDERERS.markdown(report([change], 'any'), options);
    const row = md.split('\n').find((l) => l.startsWith('| `x`'));
    expect(row).toBeDefined();
    expect(row).toContain('old \\| note');
    expect(row).toContain('new note with \\`tick\\`');
    expect(row).toContain('100% \\| new line.');
    expect(row?.split(/(?<!\\)\|/u)).toHaveLength(9);
    expect(md).toContain('❌ Fails `--fail-on any`');
  });

  it('escape workflow-command data and properties in github annotations', () => {
    const out = DIFF_RENDERERS.github(report([change], 'breaking'), options);
    expect(out).toBe(
      '::notice file=contracts/a%2Cb%3Ac.contract.json,line=7,col=3,title=NOTE_CHANGED::safe: The note on field "x" changed: 100%25 | new%0Aline.\n',
    );
  });

  it('render SYNC_DRIFT as drift, without a class', () => {
    const r = report([drift], undefined);
    expect(DIFF_RENDERERS.markdown(r, options)).toContain('❌ **drift**: The mirror lacks "/\\$id".');
    expect(DIFF_RENDERERS.text(r, options)).toContain('  drift  SYNC_DRIFT  /$id missing in mirror');
    const json = JSON.parse(DIFF_RENDERERS.json(r, options)) as {
      failed: boolean;
      summary: Record<string, number>;
      findings: { class: unknown; kind: string }[];
    };
    expect(json.failed).toBe(true);
    expect(json.summary['drift']).toBe(1);
    expect(json.findings[0]).toMatchObject({ class: null, kind: 'missing' });
  });

  it('give every JSON finding the same keys in the same order', () => {
    const json = JSON.parse(DIFF_RENDERERS.json(report([change, drift], 'breaking'), options)) as {
      findings: Record<string, unknown>[];
    };
    const keys = [
      'rule',
      'class',
      'kind',
      'severity',
      'file',
      'line',
      'column',
      'path',
      'pointer',
      'field',
      'before',
      'after',
      'consumes',
      'note',
      'message',
      'related',
    ];
    expect(json.findings.map((f) => Object.keys(f))).toEqual([keys, keys]);
  });

  it('colour the text report only when asked', () => {
    expect(DIFF_RENDERERS.text(report([change], 'breaking'), options)).not.toContain('\u001b[');
    expect(DIFF_RENDERERS.text(report([change], 'breaking'), { ...options, color: true })).toContain(
      '\u001b[36msafe\u001b[39m',
    );
  });

  it('say so when nothing changed', () => {
    expect(DIFF_RENDERERS.markdown(report([], 'breaking'), options)).toContain('### wirepin diff: no contract changes');
    expect(DIFF_RENDERERS.text(report([], 'breaking'), options)).toContain(
      '✔ diff: no changes, passes --fail-on breaking',
    );
    expect(DIFF_RENDERERS.github(report([], 'breaking'), options)).toBe('');
  });
});
