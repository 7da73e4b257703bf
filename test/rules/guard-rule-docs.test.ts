import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { allRules } from '../../src/rules/registry.js';
import type { RuleMeta } from '../../src/rule.js';
import { runCliJson } from '../support/run-cli.js';
import { parseRuleDoc, REPO_ROOT } from './rule-tester.js';

/**
 * The examples in the guard rules' docs run too. Each example is a contract
 * plus what the guard compares it with: a Go file holding the producer's or
 * consumer's struct, or (for a rule that only a trace can show) a consumption
 * trace. They are written to a scratch directory and checked by the real CLI,
 * with `pin` for producer and source rules and `consumes` for consumer rules.
 */

/** Rules checked against code or a trace rather than the contract alone. */
const GUARD_RULES = allRules().filter((r) => r.stage === 'pin' || r.stage === 'consumes' || r.stage === 'source');

/** A fenced block of a doc section: its info string ("json", "go") and its text. */
interface Fence {
  readonly lang: string;
  readonly text: string;
}

function fencesOf(body: string): Fence[] {
  return [...body.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gmu)].map((m) => ({ lang: m[1] ?? '', text: m[2] ?? '' }));
}

/** `source` rules (SOURCE_TYPE_UNRESOLVED) run under both guards; the producer pin shows them. */
function commandFor(rule: RuleMeta): 'pin' | 'consumes' {
  return rule.stage === 'consumes' ? 'consumes' : 'pin';
}

interface Example {
  readonly contract: string;
  /** The Go file, when the example pairs the contract with code. */
  readonly go?: string;
  /** The consumption trace, when the example pairs the contract with one. */
  readonly trace?: string;
}

/** Splits a section into its contract and its source; null when the section is not shaped as the template asks. */
function exampleOf(body: string): Example | null {
  const fences = fencesOf(body);
  const [contract, source] = fences;
  if (fences.length !== 2 || contract?.lang !== 'json' || source === undefined) return null;
  if (source.lang === 'go') return { contract: contract.text, go: source.text };
  if (source.lang === 'json') return { contract: contract.text, trace: source.text };
  return null;
}

const scratchDirs: string[] = [];
afterEach(() => {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes the example to a fresh directory and runs the rule's guard on it there, with relative paths. */
async function runExample(rule: RuleMeta, example: Example) {
  const dir = mkdtempSync(join(tmpdir(), 'wirepin-guard-doc-'));
  scratchDirs.push(dir);
  writeFileSync(join(dir, 'contract.contract.json'), example.contract);
  const command = commandFor(rule);
  const args = [command, '--contract', 'contract.contract.json'];
  if (example.trace !== undefined) {
    writeFileSync(join(dir, 'trace.json'), example.trace);
    args.push('--trace', 'trace.json');
  } else {
    writeFileSync(join(dir, 'model.go'), example.go ?? '');
    args.push('--go', 'model.go', '--type', sideTypeOf(example.contract, command));
  }
  return runCliJson(args, { cwd: dir });
}

/** The struct the guard reads: the contract's producer.type for pin, consumer.type for consumes. */
function sideTypeOf(contract: string, command: 'pin' | 'consumes'): string {
  const parsed = JSON.parse(contract) as { producer?: { type?: unknown }; consumer?: { type?: unknown } };
  const type = (command === 'pin' ? parsed.producer : parsed.consumer)?.type;
  return typeof type === 'string' ? type : '';
}

describe('the guard rules', () => {
  it('are the twelve rules of the producer pin and the consumer check', () => {
    expect(GUARD_RULES.map((r) => r.id)).toEqual([
      'CONSUMER_CASE_COLLISION',
      'CONSUMER_FIELD_MISSING',
      'CONSUMER_FIELD_UNKNOWN',
      'CONSUMER_FIELD_UNREAD',
      'CONSUMER_READS_DEAD_FIELD',
      'CONSUMER_READ_UNPROVABLE',
      'CONSUMER_TYPE_MISMATCH',
      'PRODUCER_FIELD_MISSING',
      'PRODUCER_FIELD_UNDECLARED',
      'PRODUCER_REQUIRED_MISMATCH',
      'PRODUCER_TYPE_MISMATCH',
      'SOURCE_TYPE_UNRESOLVED',
    ]);
  });
});

describe.each(GUARD_RULES.map((r) => [r.id, r] as const))('docs/rules/%s.md', (id, rule) => {
  // A missing doc fails this rule's tests (and the registry test), not the whole file.
  const path = join(REPO_ROOT, 'docs', 'rules', `${id}.md`);
  const doc = parseRuleDoc(existsSync(path) ? readFileSync(path, 'utf8') : '');
  const bodyOf = (heading: string): string => doc.sections.find((s) => s.heading === heading)?.body ?? '';
  const failing = exampleOf(bodyOf('Failing example'));
  const passing = exampleOf(bodyOf('Passing example'));
  const command = commandFor(rule);

  it('has a json contract and one source under each example heading: a go struct, or a json trace', () => {
    expect(failing, 'Failing example: a ```json contract, then a ```go file or a ```json trace').not.toBeNull();
    expect(passing, 'Passing example: a ```json contract, then a ```go file or a ```json trace').not.toBeNull();
    // Both examples compare the contract with the same kind of source.
    expect(failing?.trace === undefined).toBe(passing?.trace === undefined);
  });

  it.each([
    ['failing', failing],
    ['passing', passing],
  ] as const)(
    "has a %s example whose Go file declares the struct the contract names, in that side's package",
    (_which, example) => {
      if (example?.go === undefined) return;
      const type = sideTypeOf(example.contract, command);
      expect(type).not.toBe('');
      expect(example.go).toMatch(new RegExp(`^package ${command === 'pin' ? 'core' : 'cp'}$`, 'mu'));
      expect(example.go).toMatch(new RegExp(`^type ${type} struct \\{`, 'mu'));
    },
  );

  it(`has a failing example that \`wirepin ${command}\` reports as ${id}, and as nothing else`, async () => {
    if (failing === null) throw new Error(`docs/rules/${id}.md has no runnable failing example`);
    const run = await runExample(rule, failing);
    expect([...new Set(run.findings.map((f) => f.rule))], run.stderr).toEqual([id]);
    // A warning (a read wirepin cannot prove) is reported without failing the run.
    expect(run.exit).toBe(rule.severity === 'error' ? 1 : 0);
  });

  it(`has a passing example that \`wirepin ${command}\` reports nothing for`, async () => {
    if (passing === null) throw new Error(`docs/rules/${id}.md has no runnable passing example`);
    const run = await runExample(rule, passing);
    expect(
      run.findings.map((f) => `${f.rule} ${f.path}`),
      run.stderr,
    ).toEqual([]);
    expect(run.exit, run.stderr).toBe(0);
  });
});
