import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  REPO_ROOT,
  actionCallsOf,
  loadYaml,
  parseYaml,
  record,
  reusableCallsOf,
  runAction,
  runnerDir,
  yamlBlocks,
  type ActionResult,
} from './action-harness.js';

/**
 * The adoption examples, run the way their workflows run them: the caller's
 * `with:` goes through the reusable workflow into the composite action, and
 * scripts/action-run.sh runs wirepin in a scratch copy of the adopting
 * repository, laid out where the example says (contract, go-package, and the
 * source of truth checked out at .wirepin-contracts/). The Go structs are the
 * repository's demo fixtures: producer/go for core, consumer/go for cp.
 */

const CONTRACT = 'contracts/provision_request.contract.json';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

type Example = 'core' | 'cp';
const FIXTURE: Record<Example, string> = { core: 'producer/go', cp: 'consumer/go' };

function exampleCall(example: Example): { workflow: string; with: Record<string, string> } {
  const calls = reusableCallsOf(loadYaml(`examples/${example}/.github/workflows/wirepin.yml`));
  expect(calls).toHaveLength(1);
  return calls[0] as { workflow: string; with: Record<string, string> };
}

interface Scratch {
  readonly dir: string;
  /** Applies `change` to a file of the scratch repository. */
  edit(path: string, change: (text: string) => string): void;
}

/** A scratch copy of the adopting repository, laid out as the example's inputs say. */
function adoptingRepo(example: Example): Scratch {
  const { with: inputs } = exampleCall(example);
  const dir = mkdtempSync(join(tmpdir(), `wirepin-${example}-`));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const place = (from: string, to: string | undefined): void => {
    if (!to) throw new Error(`examples/${example} does not say where ${from} goes`);
    mkdirSync(dirname(join(dir, to)), { recursive: true });
    cpSync(join(REPO_ROOT, from), join(dir, to), { recursive: true });
  };
  place(CONTRACT, inputs['contract']); // the mirror
  place(CONTRACT, inputs['contract-source']); // the source of truth, as the workflow checks it out
  place(FIXTURE[example], inputs['go-package']);
  place(`examples/${example}/wirepin.yaml`, 'wirepin.yaml');
  return {
    dir,
    edit(path, change) {
      const file = join(dir, path);
      const before = readFileSync(file, 'utf8');
      const after = change(before);
      if (after === before) throw new Error(`the edit did not change ${path}`);
      writeFileSync(file, after);
    },
  };
}

interface StepRun extends ActionResult {
  readonly step: string;
  readonly command: string;
}

/** Every wirepin step of the example's workflow, in order, in one job's runner directory. */
function runExample(example: Example, repo: Scratch): { steps: StepRun[]; summary: string } {
  const { workflow, with: given } = exampleCall(example);
  const runner = runnerDir();
  cleanups.push(runner.cleanup);
  const steps = actionCallsOf(workflow, given).map((call) => ({
    step: call.name,
    command: call.with['command'] ?? '',
    ...runAction(call, repo.dir, runner.dir),
  }));
  return { steps, summary: readFileSync(join(runner.dir, 'summary.md'), 'utf8') };
}

function exits(steps: readonly StepRun[]): Record<string, number> {
  return Object.fromEntries(steps.map((s) => [s.command, s.exit]));
}

function annotationTitles(stdout: string): string[] {
  return [...stdout.matchAll(/^::error [^\n]*title=([A-Z_]+)::/gmu)].map((m) => m[1] as string);
}

function goFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.go'));
}

describe('the examples call the reusable workflows with what those declare', () => {
  it.each(['core', 'cp'] as const)('examples/%s', (example) => {
    const { workflow, with: given } = exampleCall(example);
    expect(workflow).toBe(
      example === 'core' ? '.github/workflows/producer-pin.yml' : '.github/workflows/consumer-completeness.yml',
    );
    const calls = actionCallsOf(workflow, given);
    expect(calls.map((c) => c.with['command'])).toEqual(['sync', example === 'core' ? 'pin' : 'consumes']);
    // The guard runs even when the mirror drifted, so one run reports both.
    expect(calls[1]?.if).toMatch(/!cancelled\(\)/u);
    // The source of truth is read where the workflow checks contracts-repository out.
    expect(given['contracts-repository']).not.toBe('');
    expect(given['contract-source']?.startsWith('.wirepin-contracts/')).toBe(true);
  });
});

describe('core: sync, then the producer pin', () => {
  it('passes on producer/go', () => {
    const { steps, summary } = runExample('core', adoptingRepo('core'));
    expect(exits(steps)).toEqual({ sync: 0, pin: 0 });
    for (const s of steps) expect(annotationTitles(s.stdout)).toEqual([]);
    expect(summary).toContain('### wirepin sync');
    expect(summary).toContain('### wirepin pin');
  });

  it('fails when cpProvisionRequest gains a field the contract does not list', () => {
    const repo = adoptingRepo('core');
    const pkg = exampleCall('core').with['go-package'] as string;
    repo.edit(`${pkg}/cp_provision_request.go`, (go) =>
      go.replace('\tTemplateAssets ', '\tRegion string `json:"region"`\n\tTemplateAssets '),
    );
    const { steps } = runExample('core', repo);
    expect(exits(steps)).toEqual({ sync: 0, pin: 1 });
    expect(annotationTitles(steps[1]?.stdout ?? '')).toEqual(['PRODUCER_FIELD_UNDECLARED']);
    expect(steps[1]?.outputs['exit-code']).toBe('1');
  });

  it('fails when the mirror drifts from the source of truth', () => {
    const repo = adoptingRepo('core');
    repo.edit(exampleCall('core').with['contract'] as string, (json) =>
      json.replace('"The organisation that owns the workspace."', '"The org."'),
    );
    const { steps } = runExample('core', repo);
    expect(exits(steps)).toEqual({ sync: 1, pin: 0 });
    // A changed description is a notice-level change, but any difference from the source fails sync.
    expect(steps[0]?.stdout).toMatch(
      /^::(error|warning|notice) file=contracts\/provision_request\.contract\.json,line=\d+,[^\n]*title=DESCRIPTION_CHANGED::/mu,
    );
  });
});

describe('cp: sync, then consumer completeness', () => {
  it('passes on consumer/go', () => {
    const { steps, summary } = runExample('cp', adoptingRepo('cp'));
    expect(exits(steps)).toEqual({ sync: 0, consumes: 0 });
    for (const s of steps) expect(annotationTitles(s.stdout)).toEqual([]);
    expect(summary).toContain('### wirepin consumes');
  });

  it('fails when wsProvisionRequest has no field for the consumed "tier"', () => {
    const repo = adoptingRepo('cp');
    const pkg = exampleCall('cp').with['go-package'] as string;
    // The file that declares the struct (the package also holds the handler's logic).
    const file = goFiles(join(repo.dir, pkg)).find((f) =>
      readFileSync(join(repo.dir, pkg, f), 'utf8').includes('type wsProvisionRequest struct'),
    );
    repo.edit(`${pkg}/${file}`, (go) => go.replace(/^\s*Tier\s+int\s+`json:"tier"`\n/mu, ''));
    const { steps } = runExample('cp', repo);
    expect(exits(steps)).toEqual({ sync: 0, consumes: 1 });
    expect(annotationTitles(steps[1]?.stdout ?? '')).toEqual(['CONSUMER_FIELD_MISSING']);
    expect(steps[1]?.stdout).toContain('Field "tier"');
  });
});

describe('each example wirepin.yaml', () => {
  it.each(['core', 'cp'] as const)(
    'examples/%s names the contract, Go package and struct its workflow pins',
    (example) => {
      const config = loadYaml(`examples/${example}/wirepin.yaml`);
      const [entry] = config['contracts'] as unknown[];
      const e = record(entry, 'contracts[0]');
      const side = record(e[example === 'core' ? 'producer' : 'consumer'], 'side');
      const { with: given } = exampleCall(example);
      expect({ contract: e['contract'], go: side['go'], type: side['type'] }).toEqual({
        contract: given['contract'],
        go: given['go-package'],
        type: given['go-type'],
      });
      expect(e[example === 'core' ? 'consumer' : 'producer']).toBeUndefined();
    },
  );

  it.each(['core', 'cp'] as const)(
    "examples/%s: the action's check passes after wirepin generate, and fails on a drifted struct",
    (example) => {
      const repo = adoptingRepo(example);
      const generate = spawnSync(process.execPath, [join(REPO_ROOT, 'bin/wirepin.js'), 'generate'], {
        cwd: repo.dir,
        encoding: 'utf8',
      });
      expect(generate.status, generate.stderr).toBe(0);
      const runner = runnerDir();
      cleanups.push(runner.cleanup);
      expect(runAction({ with: { command: 'check' }, env: {} }, repo.dir, runner.dir).exit).toBe(0);

      const pkg = exampleCall(example).with['go-package'] as string;
      const [file] = goFiles(join(repo.dir, pkg)).filter((f) =>
        readFileSync(join(repo.dir, pkg, f), 'utf8').includes('`json:"tier"`'),
      );
      repo.edit(`${pkg}/${file}`, (go) => go.replace('`json:"tier"`', '`json:"tier_level"`'));
      const drifted = runAction({ with: { command: 'check' }, env: {} }, repo.dir, runner.dir);
      expect(drifted.exit).toBe(1);
      expect(annotationTitles(drifted.stdout)).toContain(
        example === 'core' ? 'PRODUCER_FIELD_UNDECLARED' : 'CONSUMER_FIELD_UNKNOWN',
      );
    },
  );
});

/** A git repository holding contracts/, with origin/main at its first commit, like a pull request checkout. */
function contractsRepo(): { dir: string; git: (...args: string[]) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'wirepin-contracts-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  const git = (...args: string[]): string =>
    execFileSync(
      'git',
      ['-c', 'user.name=wirepin test', '-c', 'user.email=test@wirepin.invalid', '-c', 'commit.gpgsign=false', ...args],
      { cwd: dir, env, encoding: 'utf8' },
    );
  git('init', '-q', '-b', 'main');
  mkdirSync(join(dir, 'contracts'));
  cpSync(join(REPO_ROOT, CONTRACT), join(dir, CONTRACT));
  git('add', '-A');
  git('commit', '-q', '-m', 'the contract');
  git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  git('checkout', '-q', '-b', 'change');
  return { dir, git };
}

describe('the contracts repository: contract review on a pull request', () => {
  const snippet = (): { workflow: string; with: Record<string, string> } => {
    const readme = readFileSync(join(REPO_ROOT, 'examples/README.md'), 'utf8');
    const calls = yamlBlocks(readme).flatMap((b) => reusableCallsOf(parseYaml(b.text, 'examples/README.md')));
    const review = calls.filter((c) => c.workflow === '.github/workflows/contract-review.yml');
    expect(review).toHaveLength(1);
    return review[0] as { workflow: string; with: Record<string, string> };
  };

  function review(dir: string): ActionResult {
    const { workflow, with: given } = snippet();
    const [call, ...rest] = actionCallsOf(workflow, given, { base_ref: 'main' });
    expect(rest).toEqual([]);
    const runner = runnerDir();
    cleanups.push(runner.cleanup);
    return runAction(call as NonNullable<typeof call>, dir, runner.dir);
  }

  it('passes, with a report for the comment, when nothing a consumer reads changes', () => {
    const repo = contractsRepo();
    const result = review(repo.dir);
    expect(result.exit).toBe(0);
    expect(result.report).toContain('### wirepin diff');
  });

  it('fails on a breaking change, and the report names it', () => {
    const repo = contractsRepo();
    const contract = JSON.parse(readFileSync(join(repo.dir, CONTRACT), 'utf8')) as {
      properties: Record<string, unknown>;
      required: string[];
    };
    delete contract.properties['tier'];
    contract.required = contract.required.filter((f) => f !== 'tier');
    writeFileSync(join(repo.dir, CONTRACT), `${JSON.stringify(contract, null, 2)}\n`);
    const result = review(repo.dir);
    expect(result.exit).toBe(1);
    expect(result.outputs['exit-code']).toBe('1');
    expect(result.report).toContain('tier');
    expect(result.stdout).toMatch(/^::error /mu);
  });
});
