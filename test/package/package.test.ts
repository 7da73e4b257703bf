import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  existsSync,
  readdirSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * wirepin as a Go team meets it: `npm pack`, then a fresh Go module with a
 * real package installs the tarball, drafts a contract from its struct, sets
 * wirepin up, and runs the check; a drift then fails it, and Go's own tools
 * still see a clean module (the package ships no .go file). The same tarball
 * goes through the Action's install step (scripts/action-install.sh).
 *
 * Needs npm with the registry (for wirepin's runtime dependencies) and Go on
 * PATH. Run by `npm run test:package` (vitest.package.config.ts), from .ci/run.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

/** Budgets for what a user downloads and installs. */
const TARBALL_MAX_BYTES = 1024 * 1024;
const TARBALL_MAX_FILES = 500;
/** The issue's budget: the guards' install (`npm install <tgz> --omit=peer`), node_modules as `du -sm` counts it. */
const INSTALL_MAX_MIB = 40;

let work: string;
let tarball: string;
let packedFiles: string[];
let packedSize: number;
let module: string;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment of a user's shell: not wirepin's CI (no CI=true diff, no job summary), nothing of this checkout. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NO_COLOR: '1',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  for (const name of Object.keys(env)) {
    if (
      name === 'CI' ||
      name.startsWith('GITHUB_') ||
      name.startsWith('INPUT_') ||
      name.startsWith('VITEST') ||
      (name.startsWith('npm_') && !name.startsWith('npm_config_'))
    )
      delete env[name];
  }
  Object.assign(env, extra);
  env['PATH'] = [dirname(process.execPath), process.env['PATH'] ?? ''].join(delimiter);
  return env;
}

function run(command: string, args: readonly string[], cwd: string, extra: Record<string, string> = {}): Run {
  const result: SpawnSyncReturns<string> = spawnSync(command, args, {
    cwd,
    env: userEnv(extra),
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `npx --no-install wirepin ARGS` in the Go module: the installed bin, never a registry fetch. */
function wirepin(...args: string[]): Run {
  return run('npx', ['--no-install', 'wirepin', ...args], module);
}

function explain(r: Run): string {
  return `exit ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
}

function expectExit(r: Run, code: number): void {
  expect(r.status, explain(r)).toBe(code);
}

/** `du -sm`: MiB on disk, as the issue measures. */
/** Disk use in MiB, from du's KiB count (du -sm rounds up to whole MiB, which hides what is left of the budget). */
function diskMiB(path: string): number {
  const du = spawnSync('du', ['-sk', path], { encoding: 'utf8' });
  return Number(du.stdout.split(/\s/u)[0]) / 1024;
}

const GO_REQUEST = `package client

// ProvisionRequest is what the api sends the worker to provision a workspace.
type ProvisionRequest struct {
	// WorkspaceID names the workspace.
	WorkspaceID string \`json:"workspace_id"\`
	Region      string \`json:"region,omitempty"\`
	Replicas    int    \`json:"replicas"\`
	Labels      map[string]string \`json:"labels,omitempty"\`
}
`;

const GO_MAIN = `package main

import (
	"encoding/json"
	"fmt"

	"example.com/provisioner/internal/client"
)

func main() {
	body, err := json.Marshal(client.ProvisionRequest{WorkspaceID: "ws-1", Replicas: 1})
	if err != nil {
		panic(err)
	}
	fmt.Println(string(body))
}
`;

/** Marks every property, at every depth, as read by the consumer: the decision an author makes after the draft. */
function decideAllConsumed(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) decideAllConsumed(item);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Record<string, unknown>;
  const properties = schema['properties'];
  if (typeof properties === 'object' && properties !== null) {
    for (const property of Object.values(properties as Record<string, unknown>)) {
      if (typeof property === 'object' && property !== null)
        (property as Record<string, unknown>)['cp_consumes'] = true;
    }
  }
  for (const value of Object.values(schema)) decideAllConsumed(value);
}

/** Every finding in a JSON report, at any depth (check nests one report per step). */
function findingsIn(value: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(value)) return value.flatMap(findingsIn);
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  if (typeof record['rule'] === 'string' && typeof record['severity'] === 'string') return [record];
  return Object.values(record).flatMap(findingsIn);
}

function goTool(args: string[]): Run {
  return run('go', args, module, {
    GOFLAGS: '-mod=mod',
    GOTOOLCHAIN: 'local',
    GOPROXY: 'off',
    GOCACHE: join(work, 'gocache'),
    GOPATH: join(work, 'gopath'),
  });
}

function expectGoClean(): void {
  expectExit(goTool(['build', './...']), 0);
  expectExit(goTool(['vet', './...']), 0);
  const gofmt = run('gofmt', ['-l', '.'], module);
  expectExit(gofmt, 0);
  expect(gofmt.stdout, 'gofmt -l lists no file').toBe('');
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'wirepin-package-'));
  const pack = run('npm', ['pack', '--json', '--pack-destination', work], ROOT);
  expectExit(pack, 0);
  const report = (
    JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as Array<{
      filename: string;
      size: number;
      files: Array<{ path: string }>;
    }>
  )[0];
  if (!report) throw new Error(`npm pack reported nothing:\n${explain(pack)}`);
  tarball = join(work, report.filename);
  packedFiles = report.files.map((f) => f.path).sort();
  packedSize = report.size;

  module = join(work, 'provisioner');
  mkdirSync(join(module, 'internal', 'client'), { recursive: true });
  mkdirSync(join(module, 'cmd', 'provision'), { recursive: true });
  writeFileSync(join(module, 'go.mod'), 'module example.com/provisioner\n\ngo 1.19\n');
  writeFileSync(join(module, 'internal', 'client', 'request.go'), GO_REQUEST);
  writeFileSync(join(module, 'cmd', 'provision', 'main.go'), GO_MAIN);
  writeFileSync(join(module, 'package.json'), '{\n  "private": true\n}\n');
  // gofmt the fixture once, so "still clean" below means wirepin added nothing Go sees.
  expectExit(run('gofmt', ['-w', '.'], module), 0);
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('ships the CLI, its bundle, the library, the meta-schema, the Action, the docs, README and LICENSE', () => {
    for (const file of [
      'package.json',
      'README.md',
      'LICENSE',
      'bin/wirepin.js',
      'dist/bundle/wirepin.js',
      // The precompiled meta-schema validator: the bundle and dist/contract/ find it at ../../generated/.
      'generated/meta-validator.generated.cjs',
      'dist/bundle/tree-sitter-go.wasm',
      'dist/bundle/tree-sitter-go.LICENSE',
      'dist/index.js',
      'dist/index.d.ts',
      'schemas/contract.schema.json',
      'action.yml',
      'scripts/action-run.sh',
      'scripts/action-install.sh',
      'scripts/action-die.sh',
      'docs/rules/PRODUCER_FIELD_UNDECLARED.md',
    ]) {
      expect(packedFiles, file).toContain(file);
    }
  });

  it('ships no test, fixture, benchmark, Go file, TypeScript source or development config', () => {
    const unwanted = packedFiles.filter(
      (f) =>
        /^(test|bench|src|producer|consumer|contracts|examples|reports|coverage|\.github|\.ci)\//u.test(f) ||
        /(^|\/)(fixtures?|corpus|golden)\//u.test(f) ||
        /\.go$/u.test(f) ||
        (/\.ts$/u.test(f) && !/\.d\.ts$/u.test(f)) ||
        /^(vitest|stryker|tsconfig)[^/]*$/u.test(f),
    );
    expect(unwanted).toEqual([]);
  });

  it(`stays under ${TARBALL_MAX_FILES} files and ${TARBALL_MAX_BYTES / 1024} KiB`, () => {
    expect(packedFiles.length).toBeLessThan(TARBALL_MAX_FILES);
    expect(packedSize).toBeLessThan(TARBALL_MAX_BYTES);
  });

  it('is publishable as is: not private, with bin, exports, types, engines and files', () => {
    const packed = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(packed['private']).toBeUndefined();
    expect(packed['bin']).toEqual({ wirepin: 'bin/wirepin.js' });
    expect(packed['types']).toBe('./dist/index.d.ts');
    expect(packed['engines']).toEqual({ node: '>=20.19' });
    expect(Object.keys(packed['exports'] as object)).toEqual(['.', './contract.schema.json', './package.json']);
  });
});

describe('in a fresh Go module', () => {
  it(`installs from the tarball (npm install -D), with its runtime dependencies only, under ${INSTALL_MAX_MIB} MiB`, () => {
    expectExit(run('npm', ['install', '-D', tarball], module), 0);
    const installed = readdirSync(join(module, 'node_modules'));
    for (const devOnly of [
      'vitest',
      'typescript',
      '@bufbuild',
      '@pact-foundation',
      '@stryker-mutator',
      'rolldown',
      'fast-check',
      'tree-sitter-go',
    ]) {
      expect(installed, devOnly).not.toContain(devOnly);
    }
    expect(diskMiB(join(module, 'node_modules'))).toBeLessThan(INSTALL_MAX_MIB);
    expect(existsSync(join(module, 'node_modules', 'wirepin', 'test'))).toBe(false);
  });

  it("runs: npx --no-install wirepin --version prints package.json's version", () => {
    const version = wirepin('--version');
    expectExit(version, 0);
    expect(version.stdout.trim()).toBe(manifest.version);
  });

  it('drafts a contract from the Go struct (contract from-go) that lint refuses until every cp_consumes is decided', () => {
    const draft = wirepin(
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
    );
    expectExit(draft, 0);
    const undecided = wirepin('lint', '--format', 'json', 'contracts/provision.contract.json');
    expectExit(undecided, 1);
    expect(undecided.stdout).toContain('CONSUMES_FLAG_MISSING');

    const path = join(module, 'contracts', 'provision.contract.json');
    const contract = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    decideAllConsumed(contract);
    writeFileSync(path, `${JSON.stringify(contract, null, 2)}\n`);
    expectExit(wirepin('lint', 'contracts/provision.contract.json'), 0);
  });

  it('sets up (init), generates the wire schema, and check passes (exit 0)', () => {
    expectExit(
      wirepin(
        'init',
        '--producer',
        'go:./internal/client',
        '--type',
        'ProvisionRequest',
        '--contract',
        'contracts/provision.contract.json',
      ),
      0,
    );
    expect(existsSync(join(module, 'wirepin.yaml'))).toBe(true);
    expectExit(wirepin('generate'), 0);
    const check = wirepin('check');
    expectExit(check, 0);
  });

  it('leaves go build ./..., go vet ./... and gofmt -l . clean', () => {
    expectGoClean();
    const goFiles = spawnSync('find', ['node_modules', '-name', '*.go'], { cwd: module, encoding: 'utf8' });
    expect(goFiles.stdout).toBe('');
  });

  it('fails check (exit 1) when the producer struct gains a field the contract does not list, naming it', () => {
    const file = join(module, 'internal', 'client', 'request.go');
    const before = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      before.replace('\tReplicas    int', '\tPriority    int    `json:"priority"`\n\tReplicas    int'),
    );
    try {
      expectExit(run('gofmt', ['-w', file], module), 0);
      const check = wirepin('check', '--format', 'json');
      expectExit(check, 1);
      const findings = findingsIn(JSON.parse(check.stdout));
      expect(findings.map((f) => f['rule'])).toEqual(['PRODUCER_FIELD_UNDECLARED']);
      expect(findings[0]).toMatchObject({
        severity: 'error',
        file: 'contracts/provision.contract.json',
        field: 'priority',
      });
      expect(findings[0]?.['related']).toMatchObject({
        file: expect.stringMatching(/internal\/client\/request\.go$/u),
        line: 8,
      });
      expectGoClean();
    } finally {
      writeFileSync(file, before);
    }
    expectExit(wirepin('check'), 0);
  });

  it('without the optional peers: pact and --ts exit 2 naming the package to install', () => {
    const pact = wirepin('pact', '--contract', 'contracts/provision.contract.json', '--out', join(work, 'pacts'));
    expectExit(pact, 2);
    expect(pact.stderr).toContain('@pact-foundation/pact is not installed');
    expect(pact.stderr).toContain('npm install --save-dev @pact-foundation/pact');
    expect(pact.stderr).not.toMatch(/\n\s+at /u);

    writeFileSync(join(work, 'request.ts'), 'export interface ProvisionRequest { workspace_id: string }\n');
    const ts = wirepin(
      'pin',
      '--contract',
      'contracts/provision.contract.json',
      '--ts',
      join(work, 'request.ts'),
      '--type',
      'ProvisionRequest',
    );
    expectExit(ts, 2);
    expect(ts.stderr).toContain('typescript is not installed');
    expect(ts.stderr).toContain('npm install --save-dev typescript');
    expect(ts.stderr).not.toMatch(/\n\s+at /u);

    const draft = wirepin('contract', 'from-ts', join(work, 'request.ts'), '--type', 'ProvisionRequest');
    expectExit(draft, 2);
    expect(draft.stderr).toContain('typescript is not installed');
    expect(draft.stderr).not.toMatch(/\n\s+at /u);
  });

  it('offers the typed library: import from "wirepin" runs a guard and returns findings', () => {
    const script = `
      import { analyzeContractFile, extractFields, runGuard, createConsumptionRecorder, META_SCHEMA_URL, VERSION } from 'wirepin';
      import schema from 'wirepin/contract.schema.json' with { type: 'json' };
      import { readFileSync } from 'node:fs';
      const contract = await analyzeContractFile('contracts/provision.contract.json');
      const source = await extractFields('go', { path: 'internal/client', typeName: 'ProvisionRequest' });
      const findings = runGuard('pin', contract, source, 'go');
      const sameSchema = JSON.parse(readFileSync(META_SCHEMA_URL, 'utf8')).$id === schema.$id;
      console.log(JSON.stringify({ lint: contract.findings.length, findings: findings.length, recorder: typeof createConsumptionRecorder, sameSchema, VERSION }));
    `;
    writeFileSync(join(module, 'use-library.mjs'), script);
    const result = run(process.execPath, ['use-library.mjs'], module);
    expectExit(result, 0);
    expect(JSON.parse(result.stdout)).toEqual({
      lint: 0,
      findings: 0,
      recorder: 'function',
      sameSchema: true,
      VERSION: manifest.version,
    });

    // The declarations type-check a consumer (tsc from this checkout; the module itself has no TypeScript).
    writeFileSync(
      join(module, 'use-library.ts'),
      `import { runGuard, type Finding } from 'wirepin';\nexport const guard: typeof runGuard = runGuard;\nexport const none: readonly Finding[] = [];\n`,
    );
    const tsc = run(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
        '--noEmit',
        '--strict',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--skipLibCheck',
        'use-library.ts',
      ],
      module,
    );
    expectExit(tsc, 0);
  });
});

describe("the Action's install step (scripts/action-install.sh) with this tarball", () => {
  it('installs the runtime dependencies only, and the run step checks the module with them', () => {
    // The action's checkout as GitHub gives it: the repository's files, no dist/, no node_modules.
    const action = join(work, 'action');
    mkdirSync(join(action, 'scripts'), { recursive: true });
    for (const file of [
      'action.yml',
      'package.json',
      'scripts/action-install.sh',
      'scripts/action-run.sh',
      'scripts/action-die.sh',
    ])
      cpSync(join(ROOT, file), join(action, file));
    const runner = join(work, 'runner');
    mkdirSync(runner, { recursive: true });
    const output = join(runner, 'output');
    const summary = join(runner, 'summary.md');
    writeFileSync(output, '');
    const github = {
      GITHUB_ACTION_PATH: action,
      GITHUB_OUTPUT: output,
      RUNNER_TEMP: runner,
      INPUT_PACKAGE: tarball,
      npm_config_cache: join(work, 'npm-cache'),
    };
    expectExit(run('bash', [join(action, 'scripts/action-install.sh'), 'locate'], module, github), 0);
    const located = Object.fromEntries(
      readFileSync(output, 'utf8')
        .trim()
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(located['version']).toBe(manifest.version);
    expect(located['dir']).toBe(join(runner, 'wirepin-cli', manifest.version));
    expect(located['key']).toMatch(
      new RegExp(`^wirepin-cli-[\\w]+-${manifest.version.replaceAll('.', '\\.')}-[0-9a-f]{16}$`, 'u'),
    );

    expectExit(run('bash', [join(action, 'scripts/action-install.sh'), 'install'], module, github), 0);
    const dir = located['dir'] as string;
    const installed = readdirSync(join(dir, 'node_modules'));
    for (const devOnly of ['vitest', 'typescript', '@bufbuild', '@pact-foundation', 'rolldown'])
      expect(installed, devOnly).not.toContain(devOnly);
    expect(diskMiB(dir)).toBeLessThan(INSTALL_MAX_MIB);
    // A second use in the same job finds it installed.
    const again = run('bash', [join(action, 'scripts/action-install.sh'), 'install'], module, github);
    expectExit(again, 0);
    expect(again.stdout).toContain('already installed');

    writeFileSync(output, '');
    const check = run('bash', [join(action, 'scripts/action-run.sh')], module, {
      ...github,
      WIREPIN_CLI: located['cli'] as string,
      INPUT_COMMAND: 'check',
      INPUT_FORMAT: 'github',
      GITHUB_STEP_SUMMARY: summary,
    });
    expectExit(check, 0);
    expect(readFileSync(output, 'utf8')).toContain('exit-code=0');
    expect(statSync(summary).size).toBeGreaterThan(0);
  });

  it('refuses a package of another version than the checkout (exit 2)', () => {
    const action = join(work, 'action-other');
    mkdirSync(join(action, 'scripts'), { recursive: true });
    for (const file of ['scripts/action-install.sh', 'scripts/action-die.sh'])
      cpSync(join(ROOT, file), join(action, file));
    writeFileSync(join(action, 'package.json'), JSON.stringify({ name: 'wirepin', version: '9.9.9' }));
    const runner = join(work, 'runner-other');
    mkdirSync(runner, { recursive: true });
    const install = run('bash', [join(action, 'scripts/action-install.sh'), 'install'], module, {
      GITHUB_ACTION_PATH: action,
      RUNNER_TEMP: runner,
      INPUT_PACKAGE: tarball,
      npm_config_cache: join(work, 'npm-cache'),
    });
    expectExit(install, 2);
    expect(install.stdout).toContain(`is wirepin ${manifest.version}, but this action's checkout is 9.9.9`);
  });
});
