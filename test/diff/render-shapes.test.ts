/**
 * The four diff renderers called directly on hand-built reports: colour, notes,
 * a contract added and one deleted next to a changed one, many unchanged
 * contracts, reports that pass, reports without changes, sync reports, and
 * cells that need escaping. Asserted as structure, not wording: the JSON
 * report without its sentences; the GitHub workflow commands with their
 * properties (file, line, col, title) and whether the message stayed on one
 * line; the markdown table rows with their cell counts and links; the links
 * and ANSI colours of the terminal report. The exact wording of each format is
 * pinned by the goldens (test/diff/golden.test.ts). Table:
 * test/diff/tables/render-shapes.json.
 */
import { describe, expect, it } from 'vitest';
import { expectTable, withoutWording } from '../support/facts.js';
import { analyzeContractText } from '../../src/run/analyze.js';
import type { ContractChange } from '../../src/diff/change.js';
import { diffContracts } from '../../src/run/diff-engine.js';
import { DIFF_RENDERERS } from '../../src/render/diff/index.js';
import { reportFails, type ComparedContract, type DiffReport } from '../../src/run/diff-report.js';
import type { Finding } from '../../src/finding.js';
import type { FailOn } from '../../src/diff/change.js';
import { BASE, HEAD } from './every-change-contracts.js';

const FORMATS = ['text', 'json', 'markdown', 'github'] as const;

const base = analyzeContractText({ file: 'contracts/every.contract.json', text: BASE });
const head = analyzeContractText({ file: 'contracts/every.contract.json', text: HEAD });
const changed = diffContracts(base, head);
const added = diffContracts(undefined, analyzeContractText({ file: 'contracts/new.contract.json', text: HEAD }));
const deleted = diffContracts(analyzeContractText({ file: 'contracts/old.contract.json', text: BASE }), undefined);
const safeOnly = changed.filter((c) => c.data.class === 'safe');

const unchanged = (n: number): ComparedContract[] =>
  Array.from({ length: n }, (_, i) => ({
    base: `v1:contracts/u${i}.contract.json`,
    head: `contracts/u${i}.contract.json`,
    file: `contracts/u${i}.contract.json`,
  }));

const COMPARED: ComparedContract[] = [
  {
    base: 'v1:contracts/every.contract.json',
    head: 'contracts/every.contract.json',
    file: 'contracts/every.contract.json',
  },
  { base: undefined, head: 'contracts/new.contract.json', file: 'contracts/new.contract.json' },
  { base: 'v1:contracts/old.contract.json', head: undefined, file: 'contracts/old.contract.json' },
];

function report(
  findings: readonly Finding[],
  failOn: FailOn | undefined,
  compared: readonly ComparedContract[],
  extra: Partial<DiffReport> = {},
): DiffReport {
  return {
    command: failOn === undefined ? 'sync' : 'diff',
    subject: 'v1 → working tree',
    findings,
    failOn,
    compared,
    framing: failOn === undefined ? 'What the mirror has wrong' : 'Changes',
    sides: failOn === undefined ? { base: 'source', head: 'mirror' } : { base: 'base', head: 'head' },
    ...extra,
  };
}

/** Markdown link targets and bare URLs, in order. */
function links(text: string): string[] {
  return [...text.matchAll(/\]\(([^)\s]+)\)|(https?:\/\/[^\s)>|]+)/gu)].map((m) => m[1] ?? m[2] ?? '');
}

/** What a rendering is made of, without its sentences. */
function shape(format: (typeof FORMATS)[number], text: string): unknown {
  if (format === 'json') return withoutWording(JSON.parse(text));
  if (format === 'github') {
    return text
      .split('\n')
      .filter((line) => line.startsWith('::'))
      .map((line) => {
        const m = /^::(\w+)(?: ([^:]*))?::/u.exec(line);
        const props = Object.fromEntries(
          (m?.[2] ?? '')
            .split(',')
            .filter(Boolean)
            .map((kv) => kv.split('=') as [string, string]),
        );
        return { command: m?.[1], ...props, messageChars: line.length - (m?.[0].length ?? 0) > 0 };
      });
  }
  if (format === 'markdown') {
    const rows = text.split('\n').filter((line) => line.startsWith('|'));
    // A cell boundary is a "|" not escaped as "\|".
    return {
      rows: rows.map((row) => row.split(/(?<!\\)\|/u).length - 2),
      links: links(text),
      rawNewlineInRow: rows.some((r) => r.includes('\r')),
    };
  }
  return { links: links(text), escapes: [...text.matchAll(/\u001b\[[0-9;]*m/gu)].length };
}

function renderAll(title: string, r: DiffReport, docsBase = 'docs/rules'): unknown {
  return {
    title,
    fails: reportFails(r),
    ...Object.fromEntries(
      FORMATS.map((format) => [format, shape(format, DIFF_RENDERERS[format](r, { color: false, docsBase }))]),
    ),
  };
}

/** A change with awkward text everywhere a renderer puts text. */
const awkward: ContractChange = {
  rule: 'FIELD_TYPE_CHANGED',
  severity: 'error',
  file: 'contracts/every.contract.json',
  line: 7,
  column: 9,
  path: '/properties/a|b',
  field: 'we|ird`\nna\r\nme\rx',
  message: 'A message with | a pipe,\na newline and `code`.',
  data: {
    class: 'breaking',
    kind: 'changed',
    pointer: '/a|b',
    before: 'map<`x`>',
    after: 'a|b',
    consumes: false,
    note: 'Kept | for `old` readers.',
  },
};

/** A drift finding as sync makes it, and one without data. */
const drift: Finding[] = [
  {
    rule: 'SYNC_DRIFT',
    severity: 'error',
    file: 'contracts/every.contract.json',
    line: 1,
    column: 1,
    path: '',
    message: 'The mirror has the document = [] where the source has {}.',
    data: { kind: 'changed', pointer: '', before: '{}', after: '[]' },
  },
  {
    rule: 'SYNC_DRIFT',
    severity: 'error',
    file: 'contracts/every.contract.json',
    line: 2,
    column: 3,
    path: '/x',
    message: 'Bare.',
  },
];

describe('diff renderers on hand-built reports', () => {
  it('render every shape of report', async () => {
    const all = [...changed, ...added, ...deleted];
    const out: unknown[] = [];
    out.push(
      renderAll(
        'changed, added and deleted contracts, 12 unchanged, notes',
        report(all, 'breaking', [...COMPARED, ...unchanged(12)], { notes: ['note one', 'note two'] }),
      ),
    );
    out.push(
      renderAll(
        'the same, failing on needs-both-sides, 10 unchanged, a docs URL',
        report(all, 'needs-both-sides', [...COMPARED, ...unchanged(10)]),
        'https://example.test/docs/rules',
      ),
    );
    out.push(
      renderAll(
        'only safe changes, 1 unchanged, docs elsewhere',
        report(safeOnly, 'needs-both-sides', [COMPARED[0] as ComparedContract, ...unchanged(1)]),
        'https://example.test/guide',
      ),
    );
    out.push(
      renderAll(
        'only safe changes, docs under a folder named like rules',
        report(safeOnly, 'breaking', [COMPARED[0] as ComparedContract]),
        'https://example.test/rules-docs/rules',
      ),
    );
    out.push(
      renderAll('only safe changes, failing on any', report(safeOnly, 'any', [COMPARED[0] as ComparedContract])),
    );
    out.push(renderAll('one change', report(safeOnly.slice(0, 1), 'breaking', [COMPARED[0] as ComparedContract])));
    out.push(renderAll('no changes in one contract', report([], 'breaking', unchanged(1))));
    out.push(renderAll('no changes in two contracts', report([], 'any', unchanged(2))));
    out.push(renderAll('sync without differences', report([], undefined, unchanged(1))));
    out.push(
      renderAll('sync with one difference', report(drift.slice(0, 1), undefined, [COMPARED[0] as ComparedContract])),
    );
    out.push(
      renderAll(
        'sync with changes and drift',
        report([...safeOnly.slice(0, 2), ...drift], undefined, [COMPARED[0] as ComparedContract], {
          notes: ['a note'],
        }),
      ),
    );
    out.push(renderAll('cells that need escaping', report([awkward], 'breaking', [COMPARED[0] as ComparedContract])));
    expectTable(out, 'test/diff/tables/render-shapes.json');
  });

  it('paint the terminal report, and only when asked', async () => {
    const out: unknown[] = [];
    const painted = (r: DiffReport): unknown => {
      const plain = DIFF_RENDERERS.text(r, { color: false, docsBase: 'docs/rules' });
      const text = DIFF_RENDERERS.text(r, { color: true, docsBase: 'docs/rules' });
      expect(plain).not.toContain('\u001b');
      // Colour wraps the plain text; it adds nothing else.
      expect(text.replace(/\u001b\[[0-9;]*m/gu, '')).toBe(plain);
      return [...text.matchAll(/\u001b\[([0-9;]*)m/gu)].map((m) => m[1]).join(' ');
    };
    out.push(painted(report([...changed, ...drift], 'breaking', COMPARED)));
    out.push(painted(report(safeOnly, 'breaking', COMPARED)));
    out.push(painted(report([], 'breaking', COMPARED)));
    out.push(painted(report([], undefined, COMPARED)));
    out.push(painted(report(drift, undefined, COMPARED)));
    expectTable(out, 'test/diff/tables/render-colour.json');
  });
});
