/**
 * The one tester for every rule family. Each rule has a folder
 * test/fixtures/rules/<ID>/ with good and bad inputs, one defect per bad
 * input, and a table row per bad input naming what the rule reports: rule ID,
 * JSON pointer, line and column, `data` (and the related location, for guard
 * and diff rules). Never the sentence in the table: each rule's sentences are
 * pinned once, in the small golden `messages.golden.txt` of its fixture folder
 * (a block per bad case: the case, then each finding's pointer and message),
 * and the report framing per format by test/fixtures/render,
 * test/fixtures/diff/<case>/expected.* and test/pact/golden. Regenerate a
 * golden with UPDATE_GOLDEN=1 and read its diff.
 *
 * Rules are driven through the stages' entry points only, never through rule
 * internals: lint through `analyzeContractFile`, the guards through the CLI's
 * `main` (`pin` / `consumes` with a Go source or a trace, `--format json`),
 * diff through `diffContracts` on two analyzed contracts, sync through
 * `syncContracts`, and `generate --check` through `main` in a fixture repo.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeContractFile, type AnalyzedContract } from '../../src/run/analyze.js';
import { SEVERITY_OF_CLASS, type ChangeClass } from '../../src/diff/change.js';
import { diffContracts } from '../../src/run/diff-engine.js';
import type { Finding } from '../../src/finding.js';
import type { RuleMeta } from '../../src/rule.js';
import { syncContracts } from '../../src/run/sync-engine.js';
import { expectMessageSpeaks, listDir, REPO_ROOT } from '../support/facts.js';
import { runCliJson, type JsonFinding } from '../support/run-cli.js';

export { REPO_ROOT };
export const RULE_FIXTURES = 'test/fixtures/rules';
/** The one file in a rule's fixture folder that pins the wording of its findings. */
export const MESSAGES_GOLDEN = 'messages.golden.txt';
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

/** What a rule must report for a bad fixture. Never the message: wording is pinned by the folder's messages golden. */
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
  /** The other place the finding names: the Go source or trace (guards), the base contract (diff). */
  readonly related?: { readonly file: string; readonly line: number; readonly column: number };
}

export interface InvalidCase {
  /** File name inside test/fixtures/rules/<RULE_ID>/, named bad-<defect>.contract.json. */
  readonly fixture: string;
  readonly expect: readonly ExpectedFinding[];
  /** Other rules that legitimately report the same single defect (default: none may). */
  readonly alsoReportedBy?: readonly string[];
}

export interface RuleCases {
  /** The good cases (`good*`): the rule reports nothing, and neither does any other rule. */
  readonly valid: readonly string[];
  readonly invalid: readonly InvalidCase[];
}

/** Lints a file with the real pipeline (read, decode, parse, validate, normalize, rules), as the CLI does. */
export function lintFile(path: string, cwd: string = REPO_ROOT): Promise<AnalyzedContract> {
  return analyzeContractFile(path, cwd);
}

/** The comparable part of a finding: position and data, plus `field` and `related` when the case asks for them. */
export function comparable(finding: Finding | JsonFinding, withField: boolean, withRelated = false): ExpectedFinding {
  const related = finding.related;
  return {
    path: finding.path,
    line: finding.line,
    column: finding.column,
    data: finding.data ?? {},
    ...(withField && finding.field !== undefined ? { field: finding.field } : {}),
    ...(withRelated && related ? { related: { file: related.file, line: related.line, column: related.column } } : {}),
  };
}

/** Every finding's message is there, leaks nothing and names its field (see test/support/facts.ts). */
export const expectSpeaks: (finding: Finding | JsonFinding) => void = expectMessageSpeaks;

/**
 * Asserts one bad case: exactly these findings of the rule, its severity, its wording as the folder's messages
 * golden has it, and no other rule unless listed.
 */
function expectCase(
  rule: RuleMeta,
  findings: ReadonlyArray<Finding | JsonFinding>,
  c: InvalidCase,
  severityOf: (f: Finding | JsonFinding) => string = () => rule.severity,
): void {
  const own = findings.filter((f) => f.rule === rule.id);
  const withField = c.expect.some((e) => e.field !== undefined);
  const withRelated = c.expect.some((e) => e.related !== undefined);
  expect(own.map((f) => comparable(f, withField, withRelated))).toEqual(c.expect);
  for (const f of own) {
    expect(f.severity).toBe(severityOf(f));
    expectSpeaks(f);
  }
  expectWording(`${RULE_FIXTURES}/${rule.id}`, c.fixture, own);
  const others = [...new Set(findings.filter((f) => f.rule !== rule.id).map((f) => f.rule))].sort();
  expect(others).toEqual([...(c.alsoReportedBy ?? [])].sort());
}

/**
 * A messages golden: blocks separated by a blank line, each the bad case's name and then one line per finding,
 * `  <pointer>: <message>` (a message's own line breaks continue the line, indented four spaces).
 */
function readWording(folder: string): Map<string, string> {
  const file = join(REPO_ROOT, folder, MESSAGES_GOLDEN);
  const blocks = new Map<string, string>();
  if (!existsSync(file)) return blocks;
  for (const block of readFileSync(file, 'utf8').split('\n\n')) {
    const text = block.replace(/\n$/u, '');
    const name = text.split('\n', 1)[0] ?? '';
    if (name !== '') blocks.set(name, text);
  }
  return blocks;
}

function writeWording(folder: string, blocks: ReadonlyMap<string, string>): void {
  const names = [...blocks.keys()].sort();
  const text = names.map((name) => blocks.get(name)).join('\n\n');
  writeFileSync(join(REPO_ROOT, folder, MESSAGES_GOLDEN), text === '' ? '' : `${text}\n`);
}

function wordingBlock(fixture: string, own: ReadonlyArray<Finding | JsonFinding>): string {
  const lines = own.map((f) => {
    expect(f.message, `${f.rule} ${f.path}: a message is one paragraph`).not.toMatch(/\n\s*\n/u);
    return `  ${f.path}: ${f.message.replaceAll('\n', '\n    ')}`;
  });
  return [fixture, ...lines].join('\n');
}

/** The case's sentences equal its block in the folder's messages golden (UPDATE_GOLDEN=1 rewrites the block). */
function expectWording(folder: string, fixture: string, own: ReadonlyArray<Finding | JsonFinding>): void {
  const block = wordingBlock(fixture, own);
  const blocks = readWording(folder);
  if (UPDATE) {
    blocks.set(fixture, block);
    writeWording(folder, blocks);
    return;
  }
  expect(
    blocks.get(fixture),
    `${folder}/${MESSAGES_GOLDEN} has no block for ${fixture}: run with UPDATE_GOLDEN=1`,
  ).toBe(block);
}

/** The table lists every entry of the rule's fixture folder, and proves the rule both ways. */
function expectTableCoversFolder(
  folder: string,
  cases: RuleCases,
  shared: readonly string[],
  names: { good: RegExp; bad: RegExp },
): void {
  expect(cases.valid.length).toBeGreaterThan(0);
  expect(cases.invalid.length).toBeGreaterThan(0);
  for (const name of cases.valid) expect(name).toMatch(names.good);
  for (const { fixture } of cases.invalid) expect(fixture).toMatch(names.bad);
  const listed = [...shared, MESSAGES_GOLDEN, ...cases.valid, ...cases.invalid.map((c) => c.fixture)].sort();
  const bad = cases.invalid.map((c) => c.fixture).sort();
  const blocks = readWording(folder);
  if (UPDATE) {
    for (const name of blocks.keys()) if (!bad.includes(name)) blocks.delete(name);
    writeWording(folder, blocks);
  }
  expect(listDir(folder)).toEqual(listed);
  // The golden holds a block for each bad case and nothing else (a renamed case leaves no stale wording behind).
  if (!UPDATE) expect([...blocks.keys()].sort()).toEqual(bad);
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
      expectTableCoversFolder(folder, cases, [], CONTRACT_NAMES);
    });

    it.each(cases.valid.map((name) => [name]))('passes %s', async (name) => {
      const analyzed = await lintFile(`${folder}/${name}`);
      expect(findingsOf(rule, analyzed)).toEqual([]);
      expect(analyzed.findings.map((f) => `${f.rule} ${f.path}`)).toEqual([]);
    });

    it.each(cases.invalid.map((c) => [c.fixture, c] as const))('reports %s', async (_name, c) => {
      const analyzed = await lintFile(`${folder}/${c.fixture}`);
      expectCase(rule, analyzed.findings, c);
      for (const f of findingsOf(rule, analyzed)) expect(f.file).toBe(`${folder}/${c.fixture}`);
    });
  });
}

const CONTRACT_NAMES = { good: /^good[\w-]*\.contract\.json$/u, bad: /^bad-[\w-]+\.contract\.json$/u };

/**
 * Guard rules (pin, consumes, and SOURCE_TYPE_UNRESOLVED under either): the
 * folder holds `wire.contract.json` and one Go package per case (`good*\/`,
 * `bad-<defect>/`, each a `request.go` declaring `Request`), or one trace per
 * case (`good*.trace.json`, `bad-<defect>.trace.json`). Each case runs
 * `wirepin <guard> --contract wire.contract.json --go <case>/request.go --type Request`
 * (or `--trace <case>`) through `main`: good cases exit 0 with no finding at
 * all, bad cases exit 1 with exactly the expected findings, placed in the contract.
 */
export function guardRuleTester(rule: RuleMeta, guard: 'pin' | 'consumes', cases: RuleCases): void {
  const folder = `${RULE_FIXTURES}/${rule.id}`;
  const contract = `${folder}/wire.contract.json`;
  const run = (name: string): ReturnType<typeof runCliJson> => {
    const source = name.endsWith('.trace.json')
      ? ['--trace', `${folder}/${name}`]
      : ['--go', `${folder}/${name}/request.go`, '--type', 'Request'];
    return runCliJson([guard, '--contract', contract, ...source], { cwd: REPO_ROOT });
  };
  describe(`${rule.id} (${guard})`, () => {
    it('is proven both ways, and its table lists every case in its folder', () => {
      expectTableCoversFolder(folder, cases, ['wire.contract.json'], {
        good: /^good[\w-]*(?:\.trace\.json)?$/u,
        bad: /^bad-[\w-]+(?:\.trace\.json)?$/u,
      });
    });

    it.each(cases.valid.map((name) => [name]))('passes %s', async (name) => {
      const result = await run(name);
      expect(result.stderr).toBe('');
      expect(result.findings.map((f) => `${f.rule} ${f.path}`)).toEqual([]);
      expect(result.exit).toBe(0);
    });

    it.each(cases.invalid.map((c) => [c.fixture, c] as const))('reports %s', async (_name, c) => {
      const result = await run(c.fixture);
      expect(result.stderr).toBe('');
      expectCase(rule, result.findings, c);
      for (const f of result.findings) expect(f.file).toBe(contract);
      expect(result.exit).toBe(rule.severity === 'error' ? 1 : 0);
    });
  });
}

/** A diff rule's bad case: the head to compare `base.contract.json` with, or a contract added or removed. */
export interface DiffCase extends InvalidCase {
  /** `base`: the fixture is a new contract (no base); `head`: the fixture is a deleted one (no head). */
  readonly without?: 'base' | 'head';
}

export interface DiffRuleCases {
  /** Heads that differ from base.contract.json in nothing a diff reports (key order, whitespace). */
  readonly valid: readonly string[];
  readonly invalid: readonly DiffCase[];
}

/**
 * Diff rules: the folder holds `base.contract.json` and heads, `good*.contract.json`
 * (no change at all) and `bad-<change>.contract.json` (one change each). Each
 * case runs `diffContracts(base, head)`; a change's severity follows from its
 * `data.class`. `sync: true` runs `syncContracts(source.contract.json, mirror)`
 * instead and checks its drift findings (SYNC_DRIFT).
 */
export function diffRuleTester(rule: RuleMeta, cases: DiffRuleCases, options: { readonly sync?: boolean } = {}): void {
  const folder = `${RULE_FIXTURES}/${rule.id}`;
  const baseName = options.sync ? 'source.contract.json' : 'base.contract.json';
  const findingsFor = async (name: string, without?: 'base' | 'head'): Promise<readonly Finding[]> => {
    const other = await lintFile(`${folder}/${baseName}`);
    const fixture = await lintFile(`${folder}/${name}`);
    if (options.sync) {
      const result = syncContracts(other, fixture);
      return [...result.changes, ...result.drift];
    }
    if (without === 'base') return diffContracts(undefined, fixture);
    if (without === 'head') return diffContracts(fixture, undefined);
    return diffContracts(other, fixture);
  };
  const severityOf = (f: Finding | JsonFinding): string => {
    const changeClass = f.data?.['class'];
    return typeof changeClass === 'string' ? SEVERITY_OF_CLASS[changeClass as ChangeClass] : rule.severity;
  };
  describe(`${rule.id} (${options.sync ? 'sync' : 'diff'})`, () => {
    it('is proven both ways, and its table lists every contract in its folder', () => {
      expectTableCoversFolder(folder, cases, [baseName], CONTRACT_NAMES);
    });

    it.each(cases.valid.map((name) => [name]))('passes %s', async (name) => {
      expect((await findingsFor(name)).map((f) => `${f.rule} ${f.path}`)).toEqual([]);
    });

    it.each(cases.invalid.map((c) => [c.fixture, c] as const))('reports %s', async (_name, c) => {
      const findings = await findingsFor(c.fixture, c.without);
      expectCase(rule, findings, c, severityOf);
      for (const f of findings) expect(f.file).toBe(`${folder}/${c.fixture}`);
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
  const summary = headLines
    .slice(1)
    .join('\n')
    .replace(/<!--[\s\S]*?-->/gu, '')
    .trim();
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

/**
 * GENERATED_FILE_STALE: each case is a small repository (`good*\/`, `bad-<defect>/`)
 * with `contracts/`, `schemas/`, `producer/` and `consumer/`; the case runs
 * `wirepin generate --check` through `main` in it. Findings point into the
 * generated file (`data.generated`), not the contract.
 */
export function generateRuleTester(rule: RuleMeta, cases: RuleCases): void {
  const folder = `${RULE_FIXTURES}/${rule.id}`;
  const run = (name: string): ReturnType<typeof runCliJson> =>
    runCliJson(['generate', '--check'], { cwd: join(REPO_ROOT, folder, name) });
  describe(`${rule.id} (generate --check)`, () => {
    it('is proven both ways, and its table lists every case in its folder', () => {
      expectTableCoversFolder(folder, cases, [], { good: /^good[\w-]*$/u, bad: /^bad-[\w-]+$/u });
    });

    it.each(cases.valid.map((name) => [name]))('passes %s', async (name) => {
      const result = await run(name);
      expect(result.findings).toEqual([]);
      expect(result.exit).toBe(0);
    });

    it.each(cases.invalid.map((c) => [c.fixture, c] as const))('reports %s', async (_name, c) => {
      const result = await run(c.fixture);
      expectCase(rule, result.findings, c);
      for (const f of result.findings) expect(f.file).toBe(f.data?.['generated']);
      expect(result.exit).toBe(1);
    });
  });
}
