import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDiffRule, diffContracts } from '../../src/run/diff-engine.js';
import { pairContracts } from '../../src/diff/pair.js';
import { CONSUMES_FLIPPED } from '../../src/rules/diff/CONSUMES_FLIPPED.js';
import { runCli } from '../support/run-cli.js';
import { fixturePath, loadSide, REPO_ROOT } from './fixtures.js';
import { tempDir, tempRepo, type TempRepo } from './git-repo.js';

interface JsonReport {
  readonly failed: boolean;
  readonly summary: Record<string, number>;
  readonly contracts: { file: string; base: string | null; head: string | null }[];
  readonly findings: {
    rule: string;
    class: string | null;
    kind: string;
    file: string;
    line: number;
    path: string;
    related: { file: string } | null;
  }[];
}

async function diffCase(name: string, ...flags: string[]) {
  return runCli(['diff', fixturePath(name, 'base'), fixturePath(name, 'head'), ...flags], { cwd: REPO_ROOT });
}

async function diffJson(
  args: readonly string[],
  cwd: string,
): Promise<{ exit: number; stderr: string; report: JsonReport }> {
  const run = await runCli([...args, '--format', 'json'], { cwd: cwd });
  return { exit: run.exit, stderr: run.stderr, report: (run.stdout ? JSON.parse(run.stdout) : {}) as JsonReport };
}

describe('wirepin diff BASE HEAD: exit codes', () => {
  it.each([
    // [case, --fail-on, exit]
    ['field-removed-consumed', 'breaking', 1],
    ['realistic', 'breaking', 0],
    ['realistic', 'needs-both-sides', 1],
    ['field-added-dead', 'breaking', 0],
    ['field-added-dead', 'needs-both-sides', 0],
    ['field-added-dead', 'any', 1],
    ['description-changed', 'needs-both-sides', 0],
    ['description-changed', 'any', 1],
    ['consumes-became-dead', 'breaking', 1],
    ['key-order', 'any', 0],
  ] as const)('%s with --fail-on %s exits %i', async (name, failOn, exit) => {
    expect((await diffCase(name, '--fail-on', failOn)).exit).toBe(exit);
  });

  it('fails on breaking by default', async () => {
    expect((await diffCase('endpoint-changed')).exit).toBe(1);
    expect((await diffCase('consumes-became-alive')).exit).toBe(0);
  });

  it('reports nothing for a key-order and whitespace change', async () => {
    const { exit, report } = await diffJson(
      ['diff', fixturePath('key-order', 'base'), fixturePath('key-order', 'head'), '--fail-on', 'any'],
      REPO_ROOT,
    );
    expect(exit).toBe(0);
    expect(report.findings).toEqual([]);
    expect(report.failed).toBe(false);
  });

  it('refuses an unknown --fail-on, a missing side and a wrong number of files with exit 2', async () => {
    expect((await diffCase('realistic', '--fail-on', 'warning')).exit).toBe(2);
    const missing = await runCli(['diff', fixturePath('realistic', 'base'), 'test/fixtures/diff/nope.contract.json'], {
      cwd: REPO_ROOT,
    });
    expect(missing.exit).toBe(2);
    expect(missing.stderr).toContain('nope.contract.json');
    const one = await runCli(['diff', fixturePath('realistic', 'base')], { cwd: REPO_ROOT });
    expect(one.exit).toBe(2);
    expect(one.stderr).toMatch(/BASE and HEAD/u);
  });
});

describe('a cp_consumes flip true → false without a note', () => {
  const name = 'consumes-dead-without-note';

  it('is a flip the diff rule sees', async () => {
    const drafts = checkDiffRule(
      CONSUMES_FLIPPED,
      pairContracts(await loadSide(name, 'base'), await loadSide(name, 'head')),
    );
    expect(drafts.map((d) => [d.path, d.data.kind, d.data.class])).toEqual([
      ['/properties/template/cp_consumes', 'became-dead', 'breaking'],
    ]);
  });

  it('makes the head fail lint with DEAD_FIELD_NOTE_MISSING', async () => {
    const head = await loadSide(name, 'head');
    expect(head?.findings.map((f) => [f.rule, f.path])).toEqual([['DEAD_FIELD_NOTE_MISSING', '/properties/template']]);
  });

  it("so diff refuses it: E_PARSE from the library; from the CLI, exit 2 with the head's lint findings", async () => {
    expect(() => diffContracts(undefined, undefined)).toThrow();
    const base = await loadSide(name, 'base');
    const head = await loadSide(name, 'head');
    expect(() => diffContracts(base, head)).toThrow(expect.objectContaining({ code: 'E_PARSE' }));
    const run = await diffCase(name);
    expect(run.exit).toBe(2);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`${fixturePath(name, 'head')}:34:5  error  DEAD_FIELD_NOTE_MISSING`);
    expect(run.stdout).toContain('invalid contract; diff not run');
  });
});

describe('wirepin diff --against REF', () => {
  let repo: TempRepo | undefined;
  afterEach(() => {
    repo?.cleanup();
    repo = undefined;
  });

  /** main holds a.contract.json (the realistic base), b.contract.json and unchanged.contract.json. */
  function setUp(): TempRepo {
    const r = tempRepo();
    r.copy(join(REPO_ROOT, fixturePath('realistic', 'base')), 'contracts/a.contract.json');
    r.copy(join(REPO_ROOT, fixturePath('field-removed-dead', 'base')), 'contracts/b.contract.json');
    r.copy(join(REPO_ROOT, fixturePath('field-removed-dead', 'base')), 'contracts/unchanged.contract.json');
    r.write('README.md', 'not a contract\n');
    r.commitAll('base');
    return r;
  }

  it('compares every contract of the working tree and of the ref, added and deleted ones included', async () => {
    repo = setUp();
    repo.copy(join(REPO_ROOT, fixturePath('realistic', 'head')), 'contracts/a.contract.json');
    repo.remove('contracts/b.contract.json');
    repo.copy(join(REPO_ROOT, fixturePath('field-added-dead', 'head')), 'contracts/c.contract.json');
    const { exit, report } = await diffJson(['diff', '--against', 'main'], repo.dir);
    expect(exit).toBe(1);
    expect(report.contracts).toEqual([
      { file: 'contracts/a.contract.json', base: 'main:contracts/a.contract.json', head: 'contracts/a.contract.json' },
      { file: 'contracts/b.contract.json', base: 'main:contracts/b.contract.json', head: null },
      { file: 'contracts/c.contract.json', base: null, head: 'contracts/c.contract.json' },
      {
        file: 'contracts/unchanged.contract.json',
        base: 'main:contracts/unchanged.contract.json',
        head: 'contracts/unchanged.contract.json',
      },
    ]);
    expect(report.findings.map((f) => [f.file, f.rule, f.class])).toEqual([
      ['contracts/a.contract.json', 'FIELD_ADDED', 'needs-both-sides'],
      ['contracts/a.contract.json', 'CONSUMES_FLIPPED', 'needs-both-sides'],
      ['contracts/b.contract.json', 'CONTRACT_REMOVED', 'breaking'],
      ['contracts/c.contract.json', 'CONTRACT_ADDED', 'needs-both-sides'],
    ]);
    expect(report.findings[2]?.related?.file).toBe('main:contracts/b.contract.json');
  });

  it('limits the comparison to the named files, and passes when nothing changed', async () => {
    repo = setUp();
    repo.copy(join(REPO_ROOT, fixturePath('realistic', 'head')), 'contracts/a.contract.json');
    const named = await diffJson(
      ['diff', '--against', 'main', 'contracts/unchanged.contract.json', '--fail-on', 'any'],
      repo.dir,
    );
    expect(named.exit).toBe(0);
    expect(named.report.findings).toEqual([]);
    expect(named.report.contracts.map((c) => c.file)).toEqual(['contracts/unchanged.contract.json']);
    const all = await diffJson(['diff', '--against', 'HEAD', '--fail-on', 'needs-both-sides'], repo.dir);
    expect(all.exit).toBe(1);
  });

  it('reads the ref, not the working tree, for the base: a committed change is no change against HEAD', async () => {
    repo = setUp();
    repo.copy(join(REPO_ROOT, fixturePath('realistic', 'head')), 'contracts/a.contract.json');
    repo.commitAll('head');
    expect((await diffJson(['diff', '--against', 'HEAD', '--fail-on', 'any'], repo.dir)).report.findings).toEqual([]);
    expect((await diffJson(['diff', '--against', 'main~1', '--fail-on', 'any'], repo.dir)).exit).toBe(1);
  });

  it('diffs against a contract at the ref that no longer lints, naming its problems by ref and path as context', async () => {
    repo = setUp();
    repo.copy(join(REPO_ROOT, fixturePath('consumes-dead-without-note', 'head')), 'contracts/a.contract.json');
    repo.commitAll('broken');
    repo.copy(join(REPO_ROOT, fixturePath('realistic', 'base')), 'contracts/a.contract.json');
    const run = await runCli(['diff', '--against', 'HEAD'], { cwd: repo.dir });
    expect(run.exit).not.toBe(2);
    expect(run.stdout).toContain('base already had: HEAD:contracts/a.contract.json');
  });

  it('refuses a contract at the ref that is not a JSON object with exit 2, naming it by ref and path', async () => {
    repo = setUp();
    repo.write('contracts/a.contract.json', '[1, 2');
    repo.commitAll('broken');
    repo.copy(join(REPO_ROOT, fixturePath('realistic', 'base')), 'contracts/a.contract.json');
    const run = await runCli(['diff', '--against', 'HEAD'], { cwd: repo.dir });
    expect(run.exit).toBe(2);
    expect(run.stdout).toContain('HEAD:contracts/a.contract.json');
  });

  it('exits 2 with E_GIT outside a git repository, for an unknown ref, and for a ref that looks like an option', async () => {
    const plain = tempDir();
    try {
      const outside = await runCli(['diff', '--against', 'main'], { cwd: plain });
      expect(outside.exit).toBe(2);
      expect(outside.stderr).toMatch(/not inside a git work tree/u);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
    repo = setUp();
    const unknown = await runCli(['diff', '--against', 'origin/nope'], { cwd: repo.dir });
    expect(unknown.exit).toBe(2);
    expect(unknown.stderr).toMatch(/"origin\/nope" is not a commit/u);
    const option = await runCli(['diff', '--against=--output=/tmp/x'], { cwd: repo.dir });
    expect(option.exit).toBe(2);
  });
});
