import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../src/rules/registry.js';
import { MESSAGES_GOLDEN, parseRuleDoc, REPO_ROOT, RULE_FIXTURES } from './rule-tester.js';

const rules = allRules();
const DOCS = join(REPO_ROOT, 'docs', 'rules');
const template = parseRuleDoc(readFileSync(join(DOCS, 'TEMPLATE.md'), 'utf8'));

describe('the rule registry', () => {
  it('includes the eleven lint rules and the generate rule', () => {
    expect(rules.filter((r) => r.stage === 'lint')).toHaveLength(11);
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
  it('have a folder for every rule and no folder without a rule', () => {
    const folders = readdirSync(join(REPO_ROOT, RULE_FIXTURES)).sort();
    expect(folders).toEqual(rules.map((r) => r.id));
  });

  // Good and bad cases are contracts (lint, diff, sync), Go packages or traces (guards), or small repositories (generate).
  it.each(rules.map((r) => [r.id]))('%s has valid and invalid cases', (id) => {
    const entries = readdirSync(join(REPO_ROOT, RULE_FIXTURES, id));
    expect(
      entries.some((f) => /^good[\w.-]*$/u.test(f)),
      `${id}: no good* case`,
    ).toBe(true);
    expect(
      entries.some((f) => /^bad-[\w.-]+$/u.test(f)),
      `${id}: no bad-* case`,
    ).toBe(true);
    const stray = entries.filter(
      (f) =>
        !/^(?:good|bad-)/u.test(f) &&
        !['wire.contract.json', 'base.contract.json', 'source.contract.json', MESSAGES_GOLDEN].includes(f),
    );
    expect(stray, `${id}: files that are neither a case nor the shared input`).toEqual([]);
  });

  it('are each tested by the family test file that names the rule', () => {
    const tests = ['lint', 'pin', 'consumes', 'diff', 'sync', 'generate']
      .map((family) => readFileSync(join(REPO_ROOT, 'test', 'rules', `${family}.test.ts`), 'utf8'))
      .join('\n');
    const untested = rules
      .filter(
        (r) =>
          !new RegExp(`(?:ruleTester|guardRuleTester|diffRuleTester|generateRuleTester)\\(\\s*${r.id}\\b`, 'u').test(
            tests,
          ),
      )
      .map((r) => r.id);
    expect(untested).toEqual([]);
  });
});

describe('the rule files', () => {
  const ruleFiles = (dir: string): string[] =>
    readdirSync(join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? ruleFiles(`${dir}/${entry.name}`)
        : /^[A-Z][A-Z0-9_]*\.ts$/u.test(entry.name)
          ? [`${dir}/${entry.name}`]
          : [],
    );
  const files = ruleFiles('src/rules');

  // The text, not the module: importing a rule inside a test would make Stryker count its module-level
  // metadata as covered by this test alone. The check allows for Stryker's instrumented copy.
  it.each(rules.map((r) => [r.id]))('%s is declared in one file named after its ID, exported under its ID', (id) => {
    const own = files.filter((f) => f.endsWith(`/${id}.ts`));
    expect(own, `src/rules/**/${id}.ts`).toHaveLength(1);
    const text = readFileSync(join(REPO_ROOT, own[0] ?? ''), 'utf8');
    expect(text).toMatch(new RegExp(`export const ${id}\\b`, 'u'));
    expect(text).toMatch(new RegExp(`\\bid: [^\\n]*'${id}'`, 'u'));
  });

  it('are all rules: no UPPER_SNAKE file under src/rules outside the registry', () => {
    const ids = new Set(rules.map((r) => r.id));
    expect(files.filter((f) => !ids.has(basename(f, '.ts')))).toEqual([]);
  });

  // What a rule means lives in its file: no other module decides by its ID (issue 13). The registry imports rules
  // by identifier, so a rule ID spelled as a string anywhere else in src/ is a switch on it, or wording about it.
  it('are the only place a rule ID is spelled as a string in src/', () => {
    const sources = (dir: string): string[] =>
      readdirSync(join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
          ? sources(`${dir}/${entry.name}`)
          : entry.name.endsWith('.ts')
            ? [`${dir}/${entry.name}`]
            : [],
      );
    const spelled: string[] = [];
    for (const file of sources('src')) {
      const text = readFileSync(join(REPO_ROOT, file), 'utf8');
      for (const { id } of rules) {
        if (file.endsWith(`/${id}.ts`)) continue;
        if (new RegExp(`['"\x60]${id}['"\x60]`, 'u').test(text)) spelled.push(`${file}: ${id}`);
      }
    }
    expect(spelled).toEqual([]);
  });
});

describe('the README', () => {
  it('lists exactly the rules of the registry under "## Rules"', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf('\n## Rules\n');
    expect(start).toBeGreaterThan(-1);
    const end = readme.indexOf('\n## ', start + 1);
    const section = readme.slice(start, end === -1 ? undefined : end);
    const listed = [...section.matchAll(/`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`/gu)].map((m) => m[1]);
    expect([...new Set(listed)].sort()).toEqual(rules.map((r) => r.id));
    expect(listed.length, 'a rule listed twice').toBe(new Set(listed).size);
  });
});

describe('the exit code', () => {
  it('treats exactly the rules declared blocksInput as "could not run"', async () => {
    const { INPUT_BLOCKING_RULES } = await import('../../src/run/exit-code.js');
    expect([...INPUT_BLOCKING_RULES].sort()).toEqual(
      allRules()
        .filter((r) => r.blocksInput)
        .map((r) => r.id)
        .sort(),
    );
  });
});
