import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findConfigFile, parseConfigText } from '../../src/config/load-config.js';
import { isWirepinError, type WirepinError } from '../../src/errors.js';
import { runCli, runCliJson, scratchCopy } from '../support/run-cli.js';

/** The shipped repository's files check needs, minus the generated TypeScript. */
const REPO_FILES = ['contracts', 'producer/go', 'consumer/go', 'schemas'];
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
    scratch = scratchCopy([...REPO_FILES, 'producer/provision_request.types.ts', 'consumer/provision_request.types.ts']);
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
    scratch = scratchCopy(['contracts', 'producer/go', 'consumer/go']);
    scratch.write('wirepin.yaml', GO_ONLY);
    expect(parseConfigText(GO_ONLY, 'wirepin.yaml').contracts[0]?.generate).toEqual({ schema: false, producerTypes: false, consumerTypes: false });
    expect(await runCliJson(['check'], { cwd: scratch.dir })).toMatchObject({ exit: 0, findings: [] });
    expect(await runCliJson(['generate', '--check'], { cwd: scratch.dir })).toMatchObject({ exit: 0, findings: [] });
    expect((await runCli(['generate'], { cwd: scratch.dir })).exit).toBe(0);
    expect(existsSync(join(scratch.dir, 'schemas'))).toBe(false);
    expect(existsSync(join(scratch.dir, 'producer/provision_request.types.ts'))).toBe(false);
  });

  it('an output left on is still required: TS types off, schema on and missing, fails', async () => {
    scratch = scratchCopy(['contracts', 'producer/go', 'consumer/go']);
    scratch.write('wirepin.yaml', `${SHIPPED_YAML}    generate:\n      producerTypes: false\n      consumerTypes: false\n`);
    const run = await runCliJson(['check'], { cwd: scratch.dir });
    expect(run.exit).toBe(1);
    expect(run.findings.map((f) => [f.rule, f.file])).toEqual([['GENERATED_FILE_STALE', 'schemas/provision_request.schema.json']]);
  });

  it('true, or any other non-path, is refused at its place', () => {
    const error = configError(`${SHIPPED_YAML}    generate:\n      schema: true\n`);
    expect(error.message).toContain('"generate.schema" (a path, or false to switch it off) must be a non-empty string');
    expect(error.location).toMatchObject({ line: 13, column: 15 });
  });
});

describe('source: check runs the sync against the source of truth', () => {
  function mirrorRepo(sourceText: string): ReturnType<typeof scratchCopy> {
    const s = scratchCopy(['contracts', 'producer/go', 'consumer/go']);
    s.write('truth/provision_request.contract.json', sourceText);
    s.write('wirepin.yaml', `${SHIPPED_YAML.replace('  - contract: contracts/provision_request.contract.json\n', '  - contract: contracts/provision_request.contract.json\n    source: truth/provision_request.contract.json\n')}    generate: { schema: false, producerTypes: false, consumerTypes: false }\n`);
    return s;
  }
  const contractText = readFileSync('contracts/provision_request.contract.json', 'utf8');

  it('passes when the mirror equals its source', async () => {
    scratch = mirrorRepo(contractText);
    const run = await runCli(['check'], { cwd: scratch.dir });
    expect(run.exit).toBe(0);
    expect(run.stdout).toContain('1 sync');
  });

  it('fails, from the mirror\'s side and counted as an error, when the mirror is behind its source', async () => {
    const ahead = JSON.parse(contractText) as { properties: Record<string, unknown> };
    ahead.properties['region'] = { type: 'string', description: 'Where the workspace runs.', cp_consumes: false, note: 'Logged by the consumer for now; placement ignores it until multi-region ships.' };
    scratch = mirrorRepo(`${JSON.stringify(ahead, null, 2)}\n`);
    const run = await runCliJson(['check'], { cwd: scratch.dir });
    expect(run.exit).toBe(1);
    expect(run.findings.map((f) => [f.rule, f.severity, f.field, f.file])).toEqual([['FIELD_REMOVED', 'error', 'region', 'contracts/provision_request.contract.json']]);
    expect(run.findings[0]?.message).toContain('The source of truth has field "region" that this mirror lacks');
    const text = await runCli(['check'], { cwd: scratch.dir });
    expect(text.stdout).toContain('✖ check: 1 error, 0 warnings');
  });
});
