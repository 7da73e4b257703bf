import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
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
    if (entry.isFile())
      out[join(entry.parentPath, entry.name)] = readFileSync(join(entry.parentPath, entry.name), 'base64');
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
  writeFileSync(
    join(repo, 'wirepin.yaml'),
    `version: 1\ncontracts:\n  - contract: contracts/provision_request.contract.json\n    generate:\n${generate}`,
  );
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
    while (!exited && !readdirSync(join(repo, 'schemas')).some((f) => f.endsWith('.tmp')) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(exited).toBe(false);
    child.kill('SIGKILL');
    if (!exited) await new Promise((r) => child.once('exit', r));
    expect(readFileSync(schema)).toEqual(previous);
    expect(statSync(schema).size).toBeGreaterThan(0);
  }, 30_000);
});

describe('generate against a repository whose config and symlinks all point outside', () => {
  it('exits 2 and leaves every file outside the repository byte-identical', async () => {
    config('      producerTypes: ../victim/.bashrc\n      consumerTypes: ../../victim/precious.txt\n');
    mkdirSync(join(repo, 'schemas'));
    symlinkSync('../../victim/precious.txt', join(repo, 'schemas/provision_request.schema.json'));
    symlinkSync('../victim', join(repo, 'consumer'));
    const before = snapshot(outside);
    for (const args of [
      ['generate'],
      ['generate', 'contracts/provision_request.contract.json'],
      ['generate', '--check'],
    ]) {
      const run = await runCli(args, { cwd: repo });
      expect(run.exit).toBe(2);
      expect(run.stderr).not.toMatch(/internal error|\n\s+at /u);
    }
    // The real binary too, in a child process.
    const child = spawnSync(process.execPath, [resolve('bin/wirepin.js'), 'generate'], {
      cwd: repo,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(child.status).toBe(2);
    expect(snapshot(outside)).toEqual(before);
  });
});

describe('a write that fails leaves the previous generated files intact (exit 2, the path and the reason)', () => {
  /** The generated files of the repository with their bytes, after a first good run and a hand edit that marks them "previous". */
  function previousRun(): Record<string, string> {
    const generated = [
      'schemas/provision_request.schema.json',
      'producer/provision_request.types.ts',
      'consumer/provision_request.types.ts',
    ];
    for (const file of generated) {
      mkdirSync(dirname(join(repo, file)), { recursive: true });
      writeFileSync(join(repo, file), `// previous ${file}\n`);
    }
    return Object.fromEntries(generated.map((file) => [file, readFileSync(join(repo, file), 'utf8')]));
  }
  const current = (files: Record<string, string>): Record<string, string> =>
    Object.fromEntries(Object.keys(files).map((file) => [file, readFileSync(join(repo, file), 'utf8')]));

  it('a full disk: the process may not write a file that large (RLIMIT_FSIZE, EFBIG, in a real child process)', () => {
    // No tmpfs without root; the file-size limit makes the kernel refuse the write part-way, as a full disk would.
    // ENOSPC itself is injected into the write in test/fs/atomic-write.test.ts.
    const previous = previousRun();
    const child = spawnSync(
      'bash',
      ['-c', 'ulimit -f 1 && exec "$0" "$1" generate', process.execPath, resolve('bin/wirepin.js')],
      { cwd: repo, encoding: 'utf8', timeout: 20_000 },
    );
    expect(child.status).toBe(2);
    expect(child.stderr).toMatch(
      /^error: Cannot write "schemas\/provision_request\.schema\.json" \(writing\): .*\(EFBIG\)\./u,
    );
    expect(child.stderr).not.toMatch(/internal error|\n\s+at /u);
    expect(current(previous)).toEqual(previous);
    expect(readdirSync(join(repo, 'schemas')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a read-only directory (EACCES, as an unprivileged user in a real child process)', () => {
    const previous = previousRun();
    for (const path of [base, repo, ...readdirSync(repo, { recursive: true }).map((p) => join(repo, String(p)))])
      chmodSync(path, statSync(path).isDirectory() ? 0o755 : 0o666);
    chmodSync(join(repo, 'schemas'), 0o555);
    // The files themselves are writable: only an in-place write could change them, and an atomic one needs the directory.
    // Root writes through permission bits, so as root the run drops to nobody (setpriv, util-linux).
    const command =
      process.getuid?.() === 0
        ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath]
        : [process.execPath];
    const child = spawnSync(command[0] ?? '', [...command.slice(1), resolve('bin/wirepin.js'), 'generate'], {
      cwd: repo,
      encoding: 'utf8',
      timeout: 20_000,
    });
    chmodSync(join(repo, 'schemas'), 0o755);
    expect(child.status).toBe(2);
    expect(child.stderr).toContain(
      'Cannot write "schemas/provision_request.schema.json" (creating a temporary file): permission denied (EACCES).',
    );
    expect(child.stderr).not.toMatch(/internal error|\n\s+at /u);
    expect(current(previous)).toEqual(previous);
  });
});
