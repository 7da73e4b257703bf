/**
 * The Go target (GOOS/GOARCH) that selects a package's files: `go:` in
 * wirepin.yaml (top level or per side) and --goos/--goarch on pin and
 * consumes; and the notes a skipped file leaves in the report.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { runCli, runCliJson } from '../support/run-cli.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'wirepin-go-target-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

function writeConfig(text: string): { dir: string; file: string } {
  const dir = path.join(scratch, `c${counter++}`);
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'wirepin.yaml'), text);
  return { dir, file: 'wirepin.yaml' };
}

const ENTRY = `contracts:
  - contract: contracts/x.contract.json
    producer:
      go: producer/go
      type: Sent
    consumer:
      go: consumer/go
      type: Req
`;

describe('go: in wirepin.yaml', () => {
  it('without go:, no side carries a target (the extractor defaults to linux/amd64)', async () => {
    const { dir, file } = writeConfig(`version: 1\n${ENTRY}`);
    const config = await loadConfig(file, dir);
    expect(config.contracts[0]?.producer?.goTarget).toBeUndefined();
    expect(config.contracts[0]?.consumer?.goTarget).toBeUndefined();
  });

  it('a top-level go: applies to every Go side; a side may override one half', async () => {
    const { dir, file } = writeConfig(
      `version: 1\ngo:\n  goos: windows\n${ENTRY.replace('      type: Req\n', '      type: Req\n      goarch: arm64\n')}`,
    );
    const config = await loadConfig(file, dir);
    expect(config.contracts[0]?.producer?.goTarget).toEqual({ goos: 'windows', goarch: 'amd64' });
    expect(config.contracts[0]?.consumer?.goTarget).toEqual({ goos: 'windows', goarch: 'arm64' });
  });

  it.each([
    [
      'go: that is not a mapping',
      `version: 1\ngo: linux\n${ENTRY}`,
      '"go" must be a mapping such as { goos: linux, goarch: amd64 }.',
      2,
    ],
    [
      'an unknown key under go:',
      `version: 1\ngo:\n  os: linux\n${ENTRY}`,
      'Unknown key "os" in "go"; expected one of: goos, goarch.',
      3,
    ],
    [
      'goos on a TypeScript side',
      `version: 1\n${ENTRY.replace('      go: consumer/go\n      type: Req\n', '      ts: consumer/req.ts\n      type: Req\n      goos: linux\n')}`,
      '"consumer.goos" and "consumer.goarch" apply to "go" sources only.',
      10,
    ],
  ])('%s is an E_CONFIG error at its line', async (_name, text, message, line) => {
    const { dir, file } = writeConfig(text);
    await expect(loadConfig(file, dir)).rejects.toMatchObject({
      code: 'E_CONFIG',
      message,
      location: { file: 'wirepin.yaml', line },
    });
  });
});

describe('--goos and --goarch', () => {
  function goPackage(files: Record<string, string>): string {
    const dir = path.join(scratch, `p${counter++}`);
    mkdirSync(path.join(dir, 'billing'), { recursive: true });
    writeFileSync(
      path.join(dir, 'req.contract.json'),
      JSON.stringify({
        title: 'Req',
        endpoint: 'POST /req',
        producer: { name: 'orders', repo: 'orders', type: 'Sent' },
        consumer: { name: 'billing', repo: 'billing', type: 'Req' },
        type: 'object',
        additionalProperties: false,
        required: ['a'],
        properties: { a: { type: 'string', cp_consumes: true } },
      }),
    );
    for (const [file, source] of Object.entries(files)) writeFileSync(path.join(dir, 'billing', file), source);
    return dir;
  }
  const REQ = 'package billing\n\ntype Req struct {\n\tA string `json:"a"`\n}\n';

  it('select the files of another platform', async () => {
    const dir = goPackage({ 'req_darwin.go': REQ });
    const args = ['consumes', '--contract', 'req.contract.json', '--go', 'billing', '--type', 'Req'];
    expect((await runCli(args, { cwd: dir })).exit).toBe(2);
    const run = await runCliJson([...args, '--goos', 'darwin', '--goarch', 'arm64'], { cwd: dir });
    expect(run.findings).toEqual([]);
    expect(run.exit).toBe(0);
  });

  it('an unknown GOOS is a usage error (exit 2, no stack)', async () => {
    const dir = goPackage({ 'req.go': REQ });
    const run = await runCli(
      ['pin', '--contract', 'req.contract.json', '--go', 'billing', '--type', 'Req', '--goos', 'linx'],
      { cwd: dir },
    );
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain('Unknown GOOS "linx".');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('with a source other than --go, they are a usage error', async () => {
    const dir = goPackage({ 'req.go': REQ });
    const run = await runCli(
      ['consumes', '--contract', 'req.contract.json', '--trace', 'trace.json', '--goarch', 'arm64'],
      { cwd: dir },
    );
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain('--goos and --goarch apply to --go, not --trace.');
  });

  it('a skipped symlink is a note in the text report', async () => {
    const dir = goPackage({ 'req.go': REQ });
    symlinkSync('nowhere', path.join(dir, 'billing', 'lock.go'));
    const run = await runCli(['consumes', '--contract', 'req.contract.json', '--go', 'billing', '--type', 'Req'], {
      cwd: dir,
    });
    expect(run.exit).toBe(0);
    expect(run.stdout).toContain(
      'note: skipped "billing/lock.go": it is a symbolic link, so wirepin does not read it as Go source.',
    );
  });
});
