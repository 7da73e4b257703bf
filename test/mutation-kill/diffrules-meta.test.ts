/**
 * The metadata of every diff, lint and generate rule (id, stage, severity,
 * summary, why, blocksInput): what `wirepin rules` and the docs show. Pinned in
 * __snapshots__/diffrules-meta.txt.
 */
import { describe, expect, it } from 'vitest';
import { DIFF_RULES } from '../../src/rules/diff/index.js';
import { SYNC_DRIFT } from '../../src/rules/diff/SYNC_DRIFT.js';
import { GENERATED_FILE_STALE } from '../../src/rules/generate/GENERATED_FILE_STALE.js';
import { LINT_RULES } from '../../src/rules/lint/index.js';
import type { RuleMeta } from '../../src/rule.js';

function describeRule(rule: RuleMeta): string {
  const flags = [rule.blocksInput ? 'blocks input' : '', rule.deprecated ? `deprecated, replaced by ${String(rule.replacedBy)}` : ''].filter(Boolean).join('; ');
  return `${rule.id} [${rule.stage}/${rule.severity}]${flags ? ` (${flags})` : ''}\n  summary: ${rule.summary}\n  why: ${rule.why}`;
}

describe('rule metadata', () => {
  it('of the diff, lint and generate rules', async () => {
    const rules: RuleMeta[] = [...LINT_RULES, ...DIFF_RULES, SYNC_DRIFT, GENERATED_FILE_STALE];
    await expect(`${rules.map(describeRule).join('\n\n')}\n`).toMatchFileSnapshot('__snapshots__/diffrules-meta.txt');
  });
});
