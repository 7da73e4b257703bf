import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/load-config.js';
import { REPO_ROOT } from '../rules/rule-tester.js';
import { runCli, runCliJson, scratchCopy } from '../support/run-cli.js';

const GO_STRUCT =
  'package client\n\n// ProvisionRequest asks the worker to provision a machine.\ntype ProvisionRequest struct {\n\tName string `json:"name"`\n\t// Size in GiB; omitted for the default.\n\tSize int `json:"size,omitempty"`\n}\n';

let scratch: ReturnType<typeof scratchCopy> | undefined;
afterEach(() => scratch?.cleanup());

function goRepository(): ReturnType<typeof scratchCopy> {
  const s = scratchCopy([]);
  s.write('go.mod', 'module example.com/api\n\ngo 1.22\n');
  s.write('internal/client/provision.go', GO_STRUCT);
  return s;
}

const AGREED = [
  'init',
  '--producer',
  'go:./internal/client',
  '--type',
  'ProvisionRequest',
  '--contract',
  'contracts/provision.contract.json',
];

describe('wirepin init', () => {
  it('writes wirepin.yaml and the workflow for a Go producer; with a decided draft, check passes, and a drift fails it', async () => {
    scratch = goRepository();
    const run = await runCli(AGREED, { cwd: scratch.dir });
    expect(run).toMatchObject({ exit: 0, stderr: '' });
    expect(run.stdout).toContain('wrote wirepin.yaml');
    expect(run.stdout).toContain('wrote .github/workflows/wirepin.yml');
    expect(run.stdout).toContain(
      'npx wirepin contract from-go internal/client --type ProvisionRequest --out contracts/provision.contract.json',
    );

    const config = await loadConfig(undefined, scratch.dir);
    expect(config.contracts).toEqual([
      {
        contract: 'contracts/provision.contract.json',
        source: undefined,
        producer: { kind: 'go', path: 'internal/client', type: 'ProvisionRequest' },
        consumer: undefined,
        generate: { schema: false, producerTypes: false, consumerTypes: false },
      },
    ]);
    const workflow = parse(scratch.read('.github/workflows/wirepin.yml')) as {
      jobs: { wirepin: { steps: Array<{ uses: string; with?: Record<string, string> }> } };
    };
    expect(workflow.jobs.wirepin.steps.map((s) => s.uses)).toEqual([
      'actions/checkout@v4',
      'wirepin/wirepin@0000000000000000000000000000000000000000',
    ]);
    expect(workflow.jobs.wirepin.steps[1]?.with).toEqual({ command: 'check' });

    // The contract does not exist yet: check cannot run.
    expect((await runCli(['check'], { cwd: scratch.dir })).exit).toBe(2);
    const draft = await runCli(
      [
        'contract',
        'from-go',
        './internal/client',
        '--type',
        'ProvisionRequest',
        '--endpoint',
        'POST /v1/provision',
        '--producer-name',
        'api',
        '--consumer-name',
        'worker',
        '--out',
        'contracts/provision.contract.json',
      ],
      { cwd: scratch.dir },
    );
    expect(draft.exit).toBe(0);
    // Undecided: lint fails, so check fails.
    expect((await runCliJson(['check'], { cwd: scratch.dir })).findings.map((f) => f.rule)).toEqual([
      'CONSUMES_FLAG_MISSING',
      'CONSUMES_FLAG_MISSING',
    ]);
    const contract = JSON.parse(scratch.read('contracts/provision.contract.json')) as {
      properties: Record<string, Record<string, unknown>>;
    };
    for (const field of Object.values(contract.properties)) field['cp_consumes'] = true;
    scratch.write('contracts/provision.contract.json', `${JSON.stringify(contract, null, 2)}\n`);
    expect(await runCliJson(['check'], { cwd: scratch.dir })).toMatchObject({ exit: 0, findings: [] });

    scratch.edit('internal/client/provision.go', 'Size int', 'Zone string `json:"zone"`\n\tSize int');
    const drifted = await runCliJson(['check'], { cwd: scratch.dir });
    expect(drifted.exit).toBe(1);
    expect(drifted.findings.map((f) => [f.rule, f.field])).toEqual([['PRODUCER_FIELD_UNDECLARED', 'zone']]);
  });

  it('refuses to replace an existing file without --force (exit 2 naming it, nothing written), and replaces both with --force', async () => {
    scratch = goRepository();
    scratch.write('.github/workflows/wirepin.yml', 'mine\n');
    const refused = await runCli(AGREED, { cwd: scratch.dir });
    expect(refused.exit).toBe(2);
    expect(refused.stderr).toContain('.github/workflows/wirepin.yml already exists');
    expect(refused.stderr).toContain('--force');
    expect(scratch.read('.github/workflows/wirepin.yml')).toBe('mine\n');
    expect(() => scratch?.read('wirepin.yaml')).toThrow();
    const forced = await runCli([...AGREED, '--force'], { cwd: scratch.dir });
    expect(forced.exit).toBe(0);
    expect(scratch.read('.github/workflows/wirepin.yml')).toContain('wirepin/wirepin@');
  });

  it('sets up a TypeScript consumer with its own generated type on, and the others off', async () => {
    scratch = scratchCopy([]);
    scratch.write('src/request.ts', 'export interface ProvisionRequest { name: string }\n');
    const run = await runCli(
      [
        'init',
        '--consumer',
        'ts:src/request.ts',
        '--type',
        'ProvisionRequest',
        '--contract',
        'contracts/provision.contract.json',
      ],
      { cwd: scratch.dir },
    );
    expect(run.exit).toBe(0);
    expect(run.stdout).toContain('npx wirepin generate');
    const config = await loadConfig(undefined, scratch.dir);
    expect(config.contracts[0]).toMatchObject({
      consumer: { kind: 'ts', path: 'src/request.ts', type: 'ProvisionRequest' },
      generate: { schema: false, producerTypes: false, consumerTypes: 'contracts/generated/provision.types.ts' },
    });
  });

  it('exits 2 with a hint on bad usage: no side, both sides, an unknown language, a missing path, a path outside the repository, a type the source does not declare', async () => {
    scratch = goRepository();
    const cases: Array<[string[], string]> = [
      [['init', '--type', 'T', '--contract', 'c.contract.json'], 'needs the side'],
      [
        [
          'init',
          '--producer',
          'go:internal/client',
          '--consumer',
          'go:internal/client',
          '--type',
          'T',
          '--contract',
          'c.contract.json',
        ],
        'one side per repository',
      ],
      [['init', '--producer', 'rust:src', '--type', 'T', '--contract', 'c.contract.json'], 'is not go:PATH or ts:FILE'],
      [['init', '--producer', 'go:internal/nope', '--type', 'T', '--contract', 'c.contract.json'], 'does not exist'],
      [
        ['init', '--producer', 'go:../elsewhere', '--type', 'T', '--contract', 'c.contract.json'],
        'outside this repository',
      ],
      [
        ['init', '--producer', 'go:internal/client', '--contract', 'c.contract.json'],
        "required option '--type <name>'",
      ],
      [
        ['init', '--producer', 'go:internal/client', '--type', 'provisionRequest', '--contract', 'c.contract.json'],
        'did you mean "ProvisionRequest"',
      ],
    ];
    for (const [args, says] of cases) {
      const run = await runCli(args, { cwd: scratch.dir });
      expect([args.join(' '), run.exit]).toEqual([args.join(' '), 2]);
      expect(run.stderr).toContain(says);
      expect(run.stderr).not.toMatch(/\n\s+at /u);
    }
    expect(() => scratch?.read('wirepin.yaml')).toThrow();
  });

  it('quotes values YAML would misread, and the written config still loads', async () => {
    scratch = scratchCopy([]);
    mkdirSync(join(scratch.dir, 'a: b #c'), { recursive: true });
    writeFileSync(join(scratch.dir, 'a: b #c', 'x.go'), GO_STRUCT);
    const run = await runCli(
      ['init', '--producer', 'go:a: b #c', '--type', 'ProvisionRequest', '--contract', 'contracts/yes.contract.json'],
      { cwd: scratch.dir },
    );
    expect(run.exit).toBe(0);
    const config = await loadConfig(undefined, scratch.dir);
    expect(config.contracts[0]?.producer).toEqual({ kind: 'go', path: 'a: b #c', type: 'ProvisionRequest' });
    expect(readFileSync(join(scratch.dir, 'wirepin.yaml'), 'utf8')).toContain('version: 1');
  });

  it('never reads stdin (runs dist/: npm run build first): the real CLI finishes with stdin open and silent', async () => {
    scratch = goRepository();
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/wirepin.js'), ...AGREED], {
      cwd: scratch.dir,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const exit = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill();
        resolve(null);
      }, 20_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    expect(exit).toBe(0);
    expect(scratch.read('wirepin.yaml')).toContain('type: ProvisionRequest');
  }, 30_000);
});
