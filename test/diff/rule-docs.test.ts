import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeContractText, type AnalyzedContract } from '../../src/run/analyze.js';
import { diffContracts } from '../../src/run/diff-engine.js';
import { DIFF_RULES } from '../../src/rules/diff/index.js';
import { SYNC_DRIFT } from '../../src/rules/diff/SYNC_DRIFT.js';
import type { RuleMeta } from '../../src/rule.js';
import { syncContracts } from '../../src/run/sync-engine.js';
import { jsonBlocks, parseRuleDoc, REPO_ROOT } from '../rules/rule-tester.js';

const DOCS = join(REPO_ROOT, 'docs', 'rules');
const RULES: readonly RuleMeta[] = [...DIFF_RULES, SYNC_DRIFT];
const template = parseRuleDoc(readFileSync(join(DOCS, 'TEMPLATE.md'), 'utf8'));

function docOf(id: string) {
  return parseRuleDoc(readFileSync(join(DOCS, `${id}.md`), 'utf8'));
}

/** The example contracts under a heading, each linted clean: a diff example must be a valid pair. */
function examples(id: string, heading: string): AnalyzedContract[] {
  const body = docOf(id).sections.find((s) => s.heading === heading)?.body ?? '';
  return jsonBlocks(body).map((text, i) => {
    const analyzed = analyzeContractText({ file: `docs/rules/${id}.md#${heading}-${i + 1}`, text });
    expect(
      analyzed.findings.map((f) => f.rule),
      `${id} ${heading} block ${i + 1} lints clean`,
    ).toEqual([]);
    return analyzed;
  });
}

/** Base and head of a diff example; a single block is the head of a new contract, or the base of a deleted one. */
function sides(id: string, blocks: AnalyzedContract[]): [AnalyzedContract | undefined, AnalyzedContract | undefined] {
  if (blocks.length === 2) return [blocks[0], blocks[1]];
  expect(blocks, `${id}: one block only for an added or deleted contract`).toHaveLength(1);
  return id === 'CONTRACT_ADDED' ? [undefined, blocks[0]] : [blocks[0], undefined];
}

describe.each(RULES.map((r) => [r.id, r] as const))('docs/rules/%s.md', (id, rule) => {
  it('follows the template, with the rule summary word for word', () => {
    expect(existsSync(join(DOCS, `${id}.md`))).toBe(true);
    const doc = docOf(id);
    expect(doc.title).toBe(id);
    expect(doc.summary).toBe(rule.summary);
    expect(doc.sections.map((s) => s.heading)).toEqual(template.sections.map((s) => s.heading));
    for (const section of doc.sections) expect(section.body.trim(), `${id} ## ${section.heading}`).not.toBe('');
    expect(doc.sections.find((s) => s.heading === 'How to fix')?.body).toMatch(/repository/u);
  });

  it('has a failing example the rule reports and a passing example it does not', () => {
    const failing = examples(id, 'Failing example');
    const passing = examples(id, 'Passing example');
    if (id === 'SYNC_DRIFT') {
      const [source, mirror] = failing;
      expect(source && mirror && syncContracts(source, mirror).drift.map((f) => f.rule)).toContain(id);
      const [pSource, pMirror] = passing;
      expect(pSource && pMirror && syncContracts(pSource, pMirror).inSync).toBe(true);
      return;
    }
    expect(diffContracts(...sides(id, failing)).map((c) => c.rule)).toContain(id);
    expect(diffContracts(...sides(id, passing)).map((c) => c.rule)).not.toContain(id);
  });
});

describe('docs/diff.md', () => {
  it('links every diff rule doc', () => {
    const guide = readFileSync(join(REPO_ROOT, 'docs', 'diff.md'), 'utf8');
    for (const rule of RULES) expect(guide).toContain(`(rules/${rule.id}.md)`);
  });
});
