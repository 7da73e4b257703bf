import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../src/rules/registry.js';
import { parseRuleDoc, REPO_ROOT, RULE_FIXTURES } from './rule-tester.js';

const rules = allRules();
const DOCS = join(REPO_ROOT, 'docs', 'rules');
const template = parseRuleDoc(readFileSync(join(DOCS, 'TEMPLATE.md'), 'utf8'));

describe('the rule registry', () => {
  it('includes the ten lint rules and the generate rule', () => {
    expect(rules.filter((r) => r.stage === 'lint')).toHaveLength(10);
    expect(rules.map((r) => r.id)).toContain('GENERATED_FILE_STALE');
  });

  it('is sorted by ID, and IDs are unique and UPPER_SNAKE', () => {
    const ids = rules.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/u);
  });

  it.each(rules.map((r) => [r.id, r] as const))('%s has a one-line summary and a why', (_id, rule) => {
    expect(rule.summary.trim().length).toBeGreaterThan(20);
    expect(rule.summary).not.toContain('\n');
    expect(rule.why.trim().length).toBeGreaterThan(20);
    expect(['error', 'warning', 'notice']).toContain(rule.severity);
    if (rule.deprecated) expect(rules.map((r) => r.id)).toContain(rule.replacedBy);
  });
});

describe('the rule docs', () => {
  it('have a template with the fixed sections', () => {
    expect(template.sections.map((s) => s.heading)).toEqual([
      'What it checks',
      'Why it matters',
      'Failing example',
      'Passing example',
      'How to fix',
      'When to turn it off',
    ]);
  });

  it('belong to a rule each: no doc outlives its rule', () => {
    const ids = new Set(rules.map((r) => r.id));
    const orphans = readdirSync(DOCS).filter((name) => name !== 'TEMPLATE.md' && !ids.has(name.replace(/\.md$/u, '')));
    expect(orphans).toEqual([]);
  });

  it.each(rules.map((r) => [r.id, r] as const))('%s has a doc that follows the template', (id, rule) => {
    const path = join(DOCS, `${id}.md`);
    expect(existsSync(path), `docs/rules/${id}.md is missing`).toBe(true);
    const doc = parseRuleDoc(readFileSync(path, 'utf8'));
    expect(doc.title).toBe(id);
    expect(doc.summary).toBe(rule.summary);
    expect(doc.sections.map((s) => s.heading)).toEqual(template.sections.map((s) => s.heading));
    for (const section of doc.sections) expect(section.body.trim(), `${id} ## ${section.heading}`).not.toBe('');
    const how = doc.sections.find((s) => s.heading === 'How to fix')?.body ?? '';
    expect(how).toMatch(/repository/u);
  });
});

describe('the rule fixtures', () => {
  it('have a folder for every lint rule, holding good and bad contracts', () => {
    const folders = readdirSync(join(REPO_ROOT, RULE_FIXTURES)).sort();
    const lintIds = rules.filter((r) => r.stage === 'lint').map((r) => r.id);
    expect(folders).toEqual(lintIds);
    for (const id of lintIds) {
      const files = readdirSync(join(REPO_ROOT, RULE_FIXTURES, id));
      expect(files.some((f) => /^good[\w-]*\.contract\.json$/u.test(f)), `${id} good fixture`).toBe(true);
      expect(files.some((f) => /^bad-[\w-]+\.contract\.json$/u.test(f)), `${id} bad fixture`).toBe(true);
    }
  });
});

describe('the exit code', () => {
  it('treats exactly the rules declared blocksInput as "could not run"', async () => {
    const { INPUT_BLOCKING_RULES } = await import('../../src/run/exit-code.js');
    expect([...INPUT_BLOCKING_RULES].sort()).toEqual(allRules().filter((r) => r.blocksInput).map((r) => r.id).sort());
  });
});
