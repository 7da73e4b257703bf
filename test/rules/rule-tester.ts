import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeContractFile, type AnalyzedContract } from '../../src/run/analyze.js';
import type { Finding } from '../../src/finding.js';
import type { RuleMeta } from '../../src/rule.js';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RULE_FIXTURES = 'test/fixtures/rules';

/** What a rule must report for a bad fixture. Never the message: wording is pinned by the render goldens. */
export interface ExpectedFinding {
  /** JSON pointer into the contract file. */
  readonly path: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, UTF-16 code units. */
  readonly column: number;
  readonly data: Readonly<Record<string, unknown>>;
  /** The dotted wire field, when the case is about how it is spelled. */
  readonly field?: string;
}

export interface InvalidCase {
  /** File name inside test/fixtures/rules/<RULE_ID>/, named bad-<defect>.contract.json. */
  readonly fixture: string;
  readonly expect: readonly ExpectedFinding[];
  /** Other rules that legitimately report the same single defect (default: none may). */
  readonly alsoReportedBy?: readonly string[];
}

export interface RuleCases {
  /** good*.contract.json files: the rule reports nothing, and neither does any other rule. */
  readonly valid: readonly string[];
  readonly invalid: readonly InvalidCase[];
}

/** Lints a file with the real pipeline (read, decode, parse, validate, normalize, rules), as the CLI does. */
export function lintFile(path: string, cwd: string = REPO_ROOT): Promise<AnalyzedContract> {
  return analyzeContractFile(path, cwd);
}

/** The comparable part of a finding: rule-relative position and data, plus `field` when the case asks for it. */
export function comparable(finding: Finding, withField: boolean): ExpectedFinding {
  return {
    path: finding.path,
    line: finding.line,
    column: finding.column,
    data: finding.data ?? {},
    ...(withField && finding.field !== undefined ? { field: finding.field } : {}),
  };
}

export function findingsOf(rule: RuleMeta, analyzed: AnalyzedContract): Finding[] {
  return analyzed.findings.filter((f) => f.rule === rule.id);
}

/**
 * Table-driven tests for one rule: each good fixture lints clean, each bad
 * fixture makes exactly this rule report exactly the expected findings, and
 * the table lists every file of the rule's fixture folder (no stray fixture).
 */
export function ruleTester(rule: RuleMeta, cases: RuleCases): void {
  const folder = `${RULE_FIXTURES}/${rule.id}`;
  describe(rule.id, () => {
    it('is proven both ways, and its table lists every fixture in its folder', () => {
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
      for (const name of cases.valid) expect(name).toMatch(/^good[\w-]*\.contract\.json$/u);
      for (const { fixture } of cases.invalid) expect(fixture).toMatch(/^bad-[\w-]+\.contract\.json$/u);
      const listed = [...cases.valid, ...cases.invalid.map((c) => c.fixture)].sort();
      expect(readdirSync(join(REPO_ROOT, folder)).sort()).toEqual(listed);
    });

    it.each(cases.valid.map((name) => [name]))('passes %s', async (name) => {
      const analyzed = await lintFile(`${folder}/${name}`);
      expect(findingsOf(rule, analyzed)).toEqual([]);
      expect(analyzed.findings.map((f) => `${f.rule} ${f.path}`)).toEqual([]);
    });

    it.each(cases.invalid.map((c) => [c.fixture, c] as const))('reports %s', async (_name, c) => {
      const analyzed = await lintFile(`${folder}/${c.fixture}`);
      const withField = c.expect.some((e) => e.field !== undefined);
      expect(findingsOf(rule, analyzed).map((f) => comparable(f, withField))).toEqual(c.expect);
      for (const f of findingsOf(rule, analyzed)) {
        expect(f.file).toBe(`${folder}/${c.fixture}`);
        expect(f.severity).toBe(rule.severity);
      }
      const others = [...new Set(analyzed.findings.filter((f) => f.rule !== rule.id).map((f) => f.rule))].sort();
      expect(others).toEqual([...(c.alsoReportedBy ?? [])].sort());
    });
  });
}

/** A rule doc split at its headings: `# ID`, the summary paragraph, then `## ` sections in order. */
export interface RuleDoc {
  readonly title: string;
  readonly summary: string;
  readonly sections: ReadonlyArray<{ readonly heading: string; readonly body: string }>;
}

export function parseRuleDoc(markdown: string): RuleDoc {
  const [head = '', ...rest] = markdown.split(/^## /mu);
  const headLines = head.split('\n');
  const title = (headLines[0] ?? '').replace(/^# /u, '');
  const summary = headLines.slice(1).join('\n').replace(/<!--[\s\S]*?-->/gu, '').trim();
  const sections = rest.map((chunk) => {
    const newline = chunk.indexOf('\n');
    return { heading: chunk.slice(0, newline).trim(), body: chunk.slice(newline + 1) };
  });
  return { title, summary, sections };
}

/** The contents of the ```json fences in a section, in order. */
export function jsonBlocks(body: string): string[] {
  return [...body.matchAll(/^```json\n([\s\S]*?)^```$/gmu)].map((m) => m[1] ?? '');
}
