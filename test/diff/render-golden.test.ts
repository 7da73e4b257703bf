import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEVERITY_OF_CLASS, type ChangeClass, type ChangeData, type ContractChange } from '../../src/diff/change.js';
import type { Finding } from '../../src/finding.js';
import { DIFF_RENDERERS } from '../../src/render/diff/index.js';
import { changeLabel, hasProseValues, noteColumn, rowFacts } from '../../src/render/diff/rows.js';
import type { DiffReport } from '../../src/run/diff-report.js';
import { REPO_ROOT } from './fixtures.js';

/**
 * The report-level wording of the diff renderers (headline, verdict, per-contract framing, the unchanged list,
 * notes, prose values, the JSON extras of a change), pinned once per format on reports built here; the golden of a
 * real run (golden.test.ts) shows one realistic diff. Regenerate with UPDATE_GOLDEN=1 and read the diff of the goldens.
 */
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const GOLDENS = join(REPO_ROOT, 'test/fixtures/render/diff');
const options = { color: false, docsBase: 'docs/rules' };

function change(
  rule: string,
  file: string,
  line: number,
  field: string | undefined,
  data: Partial<ChangeData> & { class: ChangeClass; kind: string },
  message: string,
): ContractChange {
  return {
    rule,
    severity: SEVERITY_OF_CLASS[data.class],
    file,
    line,
    column: 5,
    path: field === undefined ? '' : `/properties/${field}`,
    ...(field === undefined ? {} : { field }),
    message,
    data: {
      pointer: field === undefined ? '' : `/${field}`,
      before: null,
      after: null,
      consumes: null,
      note: null,
      ...data,
    },
  };
}

const A = 'contracts/a.contract.json';
const NEW = 'contracts/new.contract.json';
const GONE = 'contracts/gone.contract.json';

const diffReport = (
  findings: readonly Finding[],
  failOn: DiffReport['failOn'],
  compared: DiffReport['compared'],
  notes?: readonly string[],
): DiffReport => ({
  command: 'diff',
  subject: 'main → HEAD',
  findings,
  failOn,
  compared,
  framing: 'Changes',
  sides: { base: 'base', head: 'head' },
  names: { producer: 'orders', consumer: 'billing' },
  ...(notes === undefined ? {} : { notes }),
});

const unchanged = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    base: `contracts/u${i}.contract.json`,
    head: `contracts/u${i}.contract.json`,
    file: `contracts/u${i}.contract.json`,
  }));

const every = [
  change(
    'FIELD_REMOVED',
    A,
    9,
    'total',
    {
      class: 'breaking',
      kind: 'consumed',
      consumes: true,
      before: 'integer',
      possibleRename: 'amount',
      required: true,
    },
    'Field "total" was removed; billing reads it.',
  ),
  change(
    'FIELD_ADDED',
    A,
    12,
    'lines',
    { class: 'needs-both-sides', kind: 'consumed', consumes: true, after: 'array', nested: 3, required: false },
    'Field "lines" was added (with 3 nested fields).',
  ),
  change(
    'FIELD_ADDED',
    A,
    20,
    'Money',
    {
      class: 'dead-channel',
      kind: 'definition',
      consumes: false,
      note: 'kept for audits',
      def: 'Money',
      uses: ['/price', '/tax'],
      moreUses: 4,
      usesComplete: false,
    },
    'Definition "Money" was added.',
  ),
  change(
    'DESCRIPTION_CHANGED',
    A,
    30,
    'total',
    { class: 'safe', kind: 'changed', consumes: true, before: 'The sum.', after: 'The sum, in cents.' },
    'The description of "total" changed.',
  ),
  // The note is the value itself: no note column. Prose values, one of them absent.
  change(
    'NOTE_CHANGED',
    A,
    33,
    'legacy',
    { class: 'safe', kind: 'added', consumes: false, before: null, after: 'kept for audits', note: 'kept for audits' },
    'Field "legacy" gained a note.',
  ),
  // A definition change with no uses recorded: the JSON still lists uses, their count and completeness.
  change(
    'FIELD_REMOVED',
    A,
    40,
    'Old',
    { class: 'safe', kind: 'definition', consumes: false, def: 'Old' },
    'Definition "Old" was removed.',
  ),
  change(
    'CONTRACT_ADDED',
    NEW,
    1,
    undefined,
    { class: 'needs-both-sides', kind: 'added', after: '2 fields' },
    'New contract.',
  ),
  change(
    'CONTRACT_REMOVED',
    GONE,
    1,
    undefined,
    { class: 'breaking', kind: 'removed', before: '3 fields' },
    'Contract deleted.',
  ),
];

const CASES: Record<string, DiffReport> = {
  // Every class; a new, a deleted, a changed and two unchanged contracts; a note; prose values; failing.
  'every-class': diffReport(
    every,
    'breaking',
    [
      { base: `main:${A}`, head: A, file: A },
      { base: undefined, head: NEW, file: NEW },
      { base: `main:${GONE}`, head: undefined, file: GONE },
      ...unchanged(2),
    ],
    ['Compared against the merge base of main.'],
  ),
  // Only a safe change under --fail-on needs-both-sides: passes, and eleven unchanged contracts are only counted.
  'safe-passes': diffReport(every.slice(3, 4), 'needs-both-sides', [{ base: A, head: A, file: A }, ...unchanged(11)]),
  // Under --fail-on any every change fails; ten unchanged contracts are still listed by name.
  'any-fails': diffReport(every.slice(3, 4), 'any', [{ base: A, head: A, file: A }, ...unchanged(10)]),
  // Nothing changed.
  nothing: diffReport([], 'any', [{ base: A, head: A, file: A }]),
};

const drift: Finding = {
  rule: 'SYNC_DRIFT',
  severity: 'error',
  file: A,
  line: 2,
  column: 3,
  path: '/$id',
  message: 'The mirror lacks "/$id".',
  data: { kind: 'missing', pointer: '/$id', before: '"x"', after: null },
};
const syncReport = (findings: readonly Finding[]): DiffReport => ({
  command: 'sync',
  subject: 'orders → billing',
  findings,
  failOn: undefined,
  compared: [{ base: 'vendor/a.contract.json', head: A, file: A }],
  framing: 'What the mirror has wrong',
  sides: { base: 'source', head: 'mirror' },
});
CASES['sync-drift'] = syncReport([drift]);
CASES['sync-clean'] = syncReport([]);

const FORMATS = { markdown: 'md', text: 'txt', json: 'json', github: 'github' } as const;

describe('golden report framing of the diff renderers', () => {
  for (const [name, report] of Object.entries(CASES)) {
    it.each(Object.entries(FORMATS))(`${name}: %s matches ${name}.%s`, (format, extension) => {
      const out = DIFF_RENDERERS[format as keyof typeof FORMATS](report, options);
      const golden = join(GOLDENS, `${name}.${extension}`);
      if (UPDATE) writeFileSync(golden, out);
      expect(existsSync(golden), `${golden} is missing; run with UPDATE_GOLDEN=1`).toBe(true);
      expect(out).toBe(readFileSync(golden, 'utf8'));
    });
  }

  it('shows a finding of a rule it does not know by its kind, as a token', () => {
    const unknown: Finding = { ...drift, rule: 'NOT_A_RULE', data: { kind: 'odd', before: 'a b', after: null } };
    expect(changeLabel('NOT_A_RULE', 'odd')).toBe('odd');
    expect(hasProseValues('NOT_A_RULE')).toBe(false);
    expect(noteColumn(unknown, rowFacts(unknown))).toBeNull();
    expect(DIFF_RENDERERS.text(syncReport([unknown]), options)).toContain('NOT_A_RULE  /$id odd: a b → (none)');
  });

  it('links the classification guide beside the rule docs, wherever they are', () => {
    const md = DIFF_RENDERERS.markdown(CASES['nothing'] as DiffReport, {
      color: false,
      docsBase: 'https://x.test/docs',
    });
    expect(md).toContain('[diff.md](https://x.test/docs/diff.md)');
  });
});
