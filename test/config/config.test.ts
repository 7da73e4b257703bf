import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findConfigFile, parseConfigText } from '../../src/config/load-config.js';
import { isWirepinError, type WirepinError } from '../../src/errors.js';
import { runCli, runCliJson, scratchCopy } from '../support/run-cli.js';

/**
 * The shipped repository's files check needs, minus the generated TypeScript. The request contract alone:
 * contracts/ also holds provision_response.contract.json (the pact's response body), whose generated files
 * these scratch repositories do not carry.
 */
const REPO_FILES = ['contracts/provision_request.contract.json', 'producer/go', 'consumer/go', 'schemas'];
const SHIPPED_YAML = readFileSync('wirepin.yaml', 'utf8');

let scratch: ReturnType<typeof scratchCopy> | undefined;
afterEach(() => scratch?.cleanup());

function configError(text: string): WirepinError {
  try {
    parseConfigText(text, 'wirepin.yaml');
  } catch (error) {
    if (isWirepinError(error)) return error;
    throw error;
  }
  throw new Error('the config loaded');
}

describe('wirepin.yaml is found from the working directory upward', () => {
  it('check in a subdirectory uses the config above it, with paths relative to the config', async () => {
    scratch = scratchCopy([
      ...REPO_FILES,
      'producer/provision_request.types.ts',
      'consumer/provision_request.types.ts',
    ]);
    scratch.write('wirepin.yaml', SHIPPED_YAML);
    mkdirSync(join(scratch.dir, 'producer/go/deeper'), { recursive: true });
    const run = await runCliJson(['check'], { cwd: join(scratch.dir, 'producer/go/deeper') });
    expect(run).toMatchObject({ exit: 0, findings: [] });
    expect(await findConfigFile(join(scratch.dir, 'producer/go/deeper'))).toBe(join(scratch.dir, 'wirepin.yaml'));
  });

  it('stops at the repository root (a directory holding .git): a config above it is not used', async () => {
    scratch = scratchCopy([]);
    scratch.write('wirepin.yaml', SHIPPED_YAML);
    mkdirSync(join(scratch.dir, 'repo/.git'), { recursive: true });
    mkdirSync(join(scratch.dir, 'repo/src'), { recursive: true });
    expect(await findConfigFile(join(scratch.dir, 'repo/src'))).toBeUndefined();
    const run = await runCli(['check'], { cwd: join(scratch.dir, 'repo/src') });
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain('No wirepin.yaml in');
    expect(run.stderr).toContain('wirepin init');
    // Without the .git boundary the same config is found.
    rmSync(join(scratch.dir, 'repo/.git'), { recursive: true });
    expect(await findConfigFile(join(scratch.dir, 'repo/src'))).toBe(join(scratch.dir, 'wirepin.yaml'));
  });
});

describe('YAML syntax errors', () => {
  it('are reported at the line and column the YAML parser gives', () => {
    const error = configError('version: 1\ncontracts:\n  - contract: a.json\n    producer: { go: x, type: T\n');
    expect(error.code).toBe('E_CONFIG');
    expect(error.message).toContain('is not valid YAML');
    expect(error.location?.line).toBeGreaterThan(1);
    expect(error.location).toMatchObject({ file: 'wirepin.yaml', line: 5, column: 1 });
    const tab = configError('version: 1\ncontracts:\n\t- contract: a.json\n');
    expect(tab.location).toMatchObject({ line: 3, column: 1 });
    const badKey = configError('version: 1\ncontracts:\n  - contract: a.json\n    producer: [\n');
    expect(badKey.location?.line).not.toBe(1);
  });

  it('a valid config loads', () => {
    expect(parseConfigText(SHIPPED_YAML, 'wirepin.yaml').contracts).toHaveLength(1);
  });
});

describe('generate: false switches generated outputs off', () => {
  const GO_ONLY = `${SHIPPED_YAML}    generate:\n      schema: false\n      producerTypes: false\n      consumerTypes: false\n`;

  it('a Go-only repository passes check and generate --check without any generated file, and generate writes none', async () => {
    scratch = scratchCopy(['contracts/provision_request.contract.json', 'producer/go', 'consumer/go']);
    scratch.write('wirepin.yaml', GO_ONLY);
    expect(parseConfigText(GO_ONLY, 'wirepin.yaml').contracts[0]?.generate).toEqual({
      schema: false,
      producerTypes: false,
      consumerTypes: false,
    });
    expect(await runCliJson(['check'], { cwd: scratch.dir })).toMatchObject({ exit: 0, findings: [] });
    expect(await runCliJson(['generate', '--check'], { cwd: scratch.dir })).toMatchObject({ exit: 0, findings: [] });
    expect((await runCli(['generate'], { cwd: scratch.dir })).exit).toBe(0);
    expect(existsSync(join(scratch.dir, 'schemas'))).toBe(false);
    expect(existsSync(join(scratch.dir, 'producer/provision_request.types.ts'))).toBe(false);
  });

  it('an output left on is still required: TS types off, schema on and missing, fails', async () => {
    scratch = scratchCopy(['contracts/provision_request.contract.json', 'producer/go', 'consumer/go']);
    scratch.write(
      'wirepin.yaml',
      `${SHIPPED_YAML}    generate:\n      producerTypes: false\n      consumerTypes: false\n`,
    );
    const run = await runCliJson(['check'], { cwd: scratch.dir });
    expect(run.exit).toBe(1);
    expect(run.findings.map((f) => [f.rule, f.file])).toEqual([
      ['GENERATED_FILE_STALE', 'schemas/provision_request.schema.json'],
    ]);
  });

  it('true, or any other non-path, is refused at its place', () => {
    const error = configError(`${SHIPPED_YAML}    generate:\n      schema: true\n`);
    expect(error.message).toContain('"generate.schema" (a path, or false to switch it off) must be a non-empty string');
    expect(error.location).toMatchObject({ line: 13, column: 15 });
  });
});

describe('source: check runs the sync against the source of truth', () => {
  function mirrorRepo(sourceText: string): ReturnType<typeof scratchCopy> {
    const s = scratchCopy(['contracts/provision_request.contract.json', 'producer/go', 'consumer/go']);
    s.write('truth/provision_request.contract.json', sourceText);
    s.write(
      'wirepin.yaml',
      `${SHIPPED_YAML.replace('  - contract: contracts/provision_request.contract.json\n', '  - contract: contracts/provision_request.contract.json\n    source: truth/provision_request.contract.json\n')}    generate: { schema: false, producerTypes: false, consumerTypes: false }\n`,
    );
    return s;
  }
  const contractText = readFileSync('contracts/provision_request.contract.json', 'utf8');

  it('passes when the mirror equals its source', async () => {
    scratch = mirrorRepo(contractText);
    const run = await runCli(['check'], { cwd: scratch.dir });
    expect(run.exit).toBe(0);
    expect(run.stdout).toContain('1 sync');
  });

  it("fails, from the mirror's side and counted as an error, when the mirror is behind its source", async () => {
    const ahead = JSON.parse(contractText) as { properties: Record<string, unknown> };
    ahead.properties['region'] = {
      type: 'string',
      description: 'Where the workspace runs.',
      cp_consumes: false,
      note: 'Logged by the consumer for now; placement ignores it until multi-region ships.',
    };
    scratch = mirrorRepo(`${JSON.stringify(ahead, null, 2)}\n`);
    const run = await runCliJson(['check'], { cwd: scratch.dir });
    expect(run.exit).toBe(1);
    expect(run.findings.map((f) => [f.rule, f.severity, f.field, f.file])).toEqual([
      ['FIELD_REMOVED', 'error', 'region', 'contracts/provision_request.contract.json'],
    ]);
    expect(run.findings[0]?.message).toContain('The source of truth has field "region" that this mirror lacks');
    const text = await runCli(['check'], { cwd: scratch.dir });
    expect(text.stdout).toContain('✖ check: 1 error, 0 warnings');
  });
});

describe('consumer packages: other packages of the Go module that are part of the consumer', () => {
  const withPackages = (value: string, kind = 'go: consumer/go'): string =>
    `version: 1\ncontracts:\n  - contract: c.json\n    consumer:\n      ${kind}\n      type: T\n      packages: ${value}\n`;

  it('a list of paths loads, in order', () => {
    expect(
      parseConfigText(withPackages('[internal/plan, cmd/server]'), 'wirepin.yaml').contracts[0]?.consumer?.packages,
    ).toEqual(['internal/plan', 'cmd/server']);
  });

  it('on a TypeScript consumer, empty, or not a list: refused at its place', () => {
    const ts = configError(withPackages('[internal/plan]', 'ts: consumer/ts/request.ts'));
    expect(ts.message).toContain('"consumer.packages" applies to "go" sources only');
    expect(ts.location).toMatchObject({ line: 7, column: 17 });
    expect(configError(withPackages('[]')).message).toContain('"consumer.packages" must be a non-empty list');
    expect(configError(withPackages('internal/plan')).location).toMatchObject({ line: 7, column: 17 });
    expect(configError(withPackages('[""]')).message).toContain('"consumer.packages" entry must be a non-empty string');
  });
});

describe('paths in wirepin.yaml cannot make wirepin read outside the repository', () => {
  // Each key that names a file to read, pointed out of the repository three ways; check refuses it at its line
  // before reading anything (the guard passes on the shipped config: the first describe above).
  const KEYS = [
    ['contract', (p: string) => `  - contract: ${p}\n    producer:\n      go: producer/go\n      type: T\n`, 2, 15],
    ['source', (p: string) => `  - contract: contracts/provision_request.contract.json\n    source: ${p}\n`, 3, 13],
    [
      'producer.go',
      (p: string) =>
        `  - contract: contracts/provision_request.contract.json\n    producer:\n      go: ${p}\n      type: T\n`,
      4,
      11,
    ],
    [
      'producer.ts',
      (p: string) =>
        `  - contract: contracts/provision_request.contract.json\n    producer:\n      ts: ${p}\n      type: T\n`,
      4,
      11,
    ],
    [
      'consumer.go',
      (p: string) =>
        `  - contract: contracts/provision_request.contract.json\n    consumer:\n      go: ${p}\n      type: T\n`,
      4,
      11,
    ],
  ] as const;
  for (const [key, entry, line, column] of KEYS) {
    for (const [how, path, why] of [
      ['a ".." escape', '../outside/x', 'leaves the repository through ".."'],
      ['an absolute path', '/etc/hostname', 'is absolute'],
      ['a symlink leading out', 'out/x', 'resolves through a symlink to'],
    ] as const) {
      it(`"${key}" with ${how}: exit 2 at ${line}:${column}`, async () => {
        scratch = scratchCopy(['contracts/provision_request.contract.json']);
        mkdirSync(join(scratch.dir, '.git'));
        symlinkSync('/etc', join(scratch.dir, 'out'));
        scratch.write('wirepin.yaml', `version: 1\ncontracts:\n${entry(path)}`);
        const run = await runCli(['check'], { cwd: scratch.dir });
        expect(run.exit).toBe(2);
        expect(run.stderr).toMatch(
          new RegExp(
            `^wirepin\\.yaml:${line + 1}:${column}: error: The "${key.replace('.', '\\.')}" path "${path}" from wirepin\\.yaml ${why.replace(/[.()]/gu, '\\$&')}`,
            'u',
          ),
        );
        expect(run.stdout).toBe('');
      });
    }
  }
});
