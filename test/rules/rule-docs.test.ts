import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeContractText } from '../../src/run/analyze.js';
import { LINT_RULES } from '../../src/rules/lint/index.js';
import { jsonBlocks, parseRuleDoc, REPO_ROOT } from './rule-tester.js';

/**
 * The examples in docs/rules/<ID>.md are contracts, and they run: the failing
 * one must make its rule report, the passing one must lint clean. A doc whose
 * example drifted from the rule fails here, not in a reader's hands.
 */
describe.each(LINT_RULES.map((r) => [r.id] as const))('docs/rules/%s.md', (id) => {
  const doc = parseRuleDoc(readFileSync(join(REPO_ROOT, 'docs', 'rules', `${id}.md`), 'utf8'));
  const blocksOf = (heading: string): string[] =>
    jsonBlocks(doc.sections.find((s) => s.heading === heading)?.body ?? '');

  it('has exactly one json contract under each example heading', () => {
    expect(blocksOf('Failing example')).toHaveLength(1);
    expect(blocksOf('Passing example')).toHaveLength(1);
  });

  it('has a failing example that triggers the rule', () => {
    const analyzed = analyzeContractText({ file: `docs/rules/${id}.md`, text: blocksOf('Failing example')[0] ?? '' });
    expect(analyzed.findings.map((f) => f.rule)).toContain(id);
  });

  it('has a passing example with no lint findings at all', () => {
    const analyzed = analyzeContractText({ file: `docs/rules/${id}.md`, text: blocksOf('Passing example')[0] ?? '' });
    expect(analyzed.findings.map((f) => f.rule)).not.toContain(id);
    expect(analyzed.findings.map((f) => `${f.rule} ${f.path}`)).toEqual([]);
  });
});
