import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from '@commander-js/extra-typings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import type { Outcome } from '../../src/run/outcome.js';
import { registerCommands } from '../../src/cli/commands.js';
import { DEFAULT_PACT_DIR, loadPactContract, runPact } from '../../src/run/pact.js';
import { contractInteractions, renderPactFile } from '../../src/pact/index.js';
import { runCli } from '../support/run-cli.js';

let cwd: string;
let io: CliIo;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'wirepin-pact-command-'));
  await mkdir(join(cwd, 'contracts'));
  await copyFile(
    'contracts/provision_request.contract.json',
    join(cwd, 'contracts', 'provision_request.contract.json'),
  );
  await copyFile(
    'contracts/provision_response.contract.json',
    join(cwd, 'contracts', 'provision_response.contract.json'),
  );
  io = { stdout: () => undefined, stderr: () => undefined, env: {}, cwd, isTty: false };
});

afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

const CONTRACT = 'contracts/provision_request.contract.json';

describe('runPact', () => {
  it('writes <out>/<producer>-<consumer>.json, then reports it unchanged', async () => {
    const { report } = await runPact(io, { contract: CONTRACT, out: 'pacts' });
    expect(report).toEqual({
      command: 'pact',
      subject: 'contracts/provision_request.contract.json: core (Pact consumer) → cp (Pact provider)',
      findings: [],
      notes: ['4 interactions: full; minimal; null env; null template_assets.*', 'wrote pacts/core-cp.json'],
    });
    const contract = await loadPactContract(CONTRACT, cwd);
    expect(contractInteractions(contract)).toHaveLength(4);
    const expected = renderPactFile(contract).text;
    expect(await readFile(join(cwd, 'pacts', 'core-cp.json'), 'utf8')).toBe(expected);
    expect((await runPact(io, { contract: CONTRACT, out: 'pacts' })).report.notes).toEqual([
      '4 interactions: full; minimal; null env; null template_assets.*',
      'unchanged pacts/core-cp.json',
    ]);
  });

  it('returns the lint findings of a broken contract and writes nothing', async () => {
    const text = (await readFile(CONTRACT, 'utf8')).replace('"cp_consumes": false,', '');
    await writeFile(join(cwd, 'contracts', 'broken.contract.json'), text);
    const { report, exitCode } = await runPact(io, { contract: 'contracts/broken.contract.json', out: 'broken-out' });
    expect(exitCode).toBe(2);
    expect(report.findings.map((f) => f.rule)).toContain('CONSUMES_FLAG_MISSING');
    expect(report.notes).toBeUndefined();
    await expect(stat(join(cwd, 'broken-out'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('fails with E_CONFIG (exit 2 in the CLI) when Pact is not installed, writing nothing', async () => {
    const missing = () =>
      Promise.reject(Object.assign(new Error('Cannot find package'), { code: 'ERR_MODULE_NOT_FOUND' }));
    await expect(runPact(io, { contract: CONTRACT, out: 'never', importPact: missing })).rejects.toMatchObject({
      code: 'E_CONFIG',
      message: '@pact-foundation/pact is not installed, and this command runs Pact.',
    });
    await expect(stat(join(cwd, 'never'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('fails with E_READ for a missing contract', async () => {
    await expect(runPact(io, { contract: 'contracts/nope.contract.json', out: 'x' })).rejects.toMatchObject({
      code: 'E_READ',
    });
  });
});

describe('registerCommands: pact', () => {
  async function parse(
    args: readonly string[],
  ): Promise<{ outcome: Outcome | undefined; format: string | undefined; error: unknown }> {
    let outcome: Outcome | undefined;
    let format: string | undefined;
    const program = new Command()
      .exitOverride()
      .configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
    registerCommands(program, io, (value, chosen) => {
      outcome = value;
      format = chosen;
    });
    try {
      await program.parseAsync([...args], { from: 'user' });
      return { outcome, format, error: undefined };
    } catch (error) {
      return { outcome, format, error };
    }
  }

  it('runs `wirepin pact --contract C` with the default out directory', async () => {
    const { outcome, format } = await parse(['pact', '--contract', CONTRACT]);
    expect(format).toBe('text');
    expect(outcome?.report.notes?.[1]).toMatch(new RegExp(`^(wrote|unchanged) ${DEFAULT_PACT_DIR}/core-cp\\.json$`));
    await stat(join(cwd, DEFAULT_PACT_DIR, 'core-cp.json'));
  });

  it('takes --out and --format', async () => {
    const { outcome, format } = await parse(['pact', '--contract', CONTRACT, '--out', 'elsewhere', '--format', 'json']);
    expect(format).toBe('json');
    expect(outcome?.report.notes?.[1]).toBe('wrote elsewhere/core-cp.json');
  });

  it('requires --contract', async () => {
    const { error } = await parse(['pact']);
    expect(error).toMatchObject({ code: 'commander.missingMandatoryOptionValue' });
  });
});

describe('pact --out where nothing can be written', () => {
  it('/dev/full (a device, not a directory) is exit 2 with the path and the reason, not an internal error', async () => {
    const run = await runCli(['pact', '--contract', CONTRACT, '--out', '/dev/full'], { cwd });
    expect(run.exit).toBe(2);
    expect(run.stderr).toMatch(
      /^error: Cannot write "[./]*dev\/full\/core-cp\.json" \([a-z ]+\): a part of the path is not a directory \(ENOTDIR\)\./u,
    );
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /u);
  });
});
