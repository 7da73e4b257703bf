import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const CONTRACT = resolve('contracts/provision_request.contract.json');
let base: string;
let repo: string;
let outside: string;

/** Every file under a directory with its bytes, to prove nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[join(entry.parentPath, entry.name)] = readFileSync(join(entry.parentPath, entry.name), 'base64');
  }
  return out;
}

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'wirepin-confine-'));
  repo = join(base, 'repo');
  outside = join(base, 'victim');
  mkdirSync(join(repo, 'contracts'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, '.bashrc'), 'precious bashrc\n');
  writeFileSync(join(outside, 'precious.txt'), 'precious\n');
  cpSync(CONTRACT, join(repo, 'contracts/provision_request.contract.json'));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

function config(generate: string): void {
  writeFileSync(join(repo, 'wirepin.yaml'), `version: 1\ncontracts:\n  - contract: contracts/provision_request.contract.json\n    generate:\n${generate}`);
}

describe('generate writes only inside the repository', () => {
  it('writes the three files on a plain repository (the guard passes on good input)', async () => {
    const run = await runCli(['generate'], { cwd: repo });
    expect(run.exit).toBe(0);
    expect(existsSync(join(repo, 'schemas/provision_request.schema.json'))).toBe(true);
  });

  for (const [name, generate, fragment] of [
    ['a ".." escape', '      producerTypes: ../victim/.bashrc\n', '".."'],
    ['an absolute path', `      schema: ${'$OUT'}/precious.txt\n`, 'absolute'],
  ] as const) {
    it(`refuses ${name} in wirepin.yaml at its line, exit 2, nothing outside changed`, async () => {
      config(generate.replace('$OUT', outside));
      const before = snapshot(outside);
      const run = await runCli(['generate'], { cwd: repo });
      expect(run.exit).toBe(2);
      expect(run.stderr).toMatch(/^wirepin\.yaml:5:\d+: error: /u);
      expect(run.stderr).toContain(fragment);
      expect(run.stderr).not.toMatch(/internal error|\n\s+at /u);
      expect(snapshot(outside)).toEqual(before);
      expect(existsSync(join(repo, 'schemas'))).toBe(false);
    });
  }

  it('refuses a committed symlink target that leads outside, before writing any file', async () => {
    mkdirSync(join(repo, 'schemas'));
    symlinkSync('../../victim/precious.txt', join(repo, 'schemas/provision_request.schema.json'));
    const before = snapshot(outside);
    const run = await runCli(['generate'], { cwd: repo });
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain('outside the repository');
    expect(snapshot(outside)).toEqual(before);
    expect(existsSync(join(repo, 'producer'))).toBe(false);
  });

  it('refuses a symlinked parent directory that leads outside', async () => {
    symlinkSync('../victim', join(repo, 'consumer'));
    const before = snapshot(outside);
    const run = await runCli(['generate'], { cwd: repo });
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain('consumer/provision_request.types.ts');
    expect(snapshot(outside)).toEqual(before);
  });

  it('refuses an output that is the contract itself', async () => {
    config('      schema: contracts/provision_request.contract.json\n');
    const contractBefore = readFileSync(join(repo, 'contracts/provision_request.contract.json'));
    const run = await runCli(['generate'], { cwd: repo });
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain('the same file as the contract');
    expect(readFileSync(join(repo, 'contracts/provision_request.contract.json'))).toEqual(contractBefore);
  });

  it('refuses two contracts with one file name in different folders (their outputs coincide), with --check too', async () => {
    mkdirSync(join(repo, 'contracts/v2'));
    cpSync(CONTRACT, join(repo, 'contracts/v2/provision_request.contract.json'));
    const args = ['contracts/provision_request.contract.json', 'contracts/v2/provision_request.contract.json'];
    const run = await runCli(['generate', ...args], { cwd: repo });
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain('is the same file as the generated file schemas/provision_request.schema.json');
    expect(existsSync(join(repo, 'schemas'))).toBe(false);
    expect((await runCli(['generate', '--check', ...args], { cwd: repo })).exit).toBe(2);
  });
});

describe('a kill between the flushed temporary file and the rename', () => {
  it('leaves the previous generated files intact', async () => {
    expect((await runCli(['generate'], { cwd: repo })).exit).toBe(0);
    const schema = join(repo, 'schemas/provision_request.schema.json');
    writeFileSync(schema, '{"previous": "generated text"}\n');
    const previous = readFileSync(schema);
    const child = spawn(process.execPath, [resolve('bin/wirepin.js'), 'generate'], {
      cwd: repo,
      env: { ...process.env, WIREPIN_TEST_PAUSE_BEFORE_RENAME_MS: '60000' },
      stdio: 'ignore',
    });
    // Wait until the temporary file exists (the write and fsync are done), then kill.
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    const deadline = Date.now() + 20_000;
    while (!exited && !readdirSync(join(repo, 'schemas')).some((f) => f.endsWith('.tmp')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(exited).toBe(false);
    child.kill('SIGKILL');
    if (!exited) await new Promise((r) => child.once('exit', r));
    expect(readFileSync(schema)).toEqual(previous);
    expect(statSync(schema).size).toBeGreaterThan(0);
  }, 30_000);
});
