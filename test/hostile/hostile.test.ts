/**
 * Runs the hostile-input table (cases.ts): a representative subset through
 * the real CLI (`node bin/wirepin.js`, killed at the bound, so a hang is a
 * failure), the rest in-process through runCli. Every case must give its exit
 * code and say its fragment, within the bound, and never print a stack trace.
 * The process cases run the built CLI in dist/: run `npm run build` after
 * changing src/ (npm ci and CI do).
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../support/run-cli.js';
import { HOSTILE_CASES, type HostileCase } from './cases.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(ROOT, 'bin', 'wirepin.js');
const DEFAULT_BOUND_MS = 20_000;
/** A line of a JavaScript stack trace. */
const STACK_LINE = /\n\s+at /u;

let root = '';

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'wirepin-hostile-'));
  cpSync(join(ROOT, 'test', 'hostile', 'corpus'), join(root, 'corpus'), { recursive: true });
  mkdirSync(join(root, 'gen'));
  for (const c of HOSTILE_CASES) {
    const cwd = c.cwd === undefined ? root : join(root, c.cwd);
    mkdirSync(cwd, { recursive: true });
    c.setup?.(cwd);
  }
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

function runProcess(args: readonly string[], cwd: string, boundMs: number): Promise<CliRun & { timedOut: boolean }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd,
        timeout: boundMs,
        killSignal: 'SIGKILL',
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      },
      (error, stdout, stderr) => {
        const timedOut = error !== null && (error as { killed?: boolean }).killed === true;
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        done({ exit: code, stdout, stderr, timedOut });
      },
    );
  });
}

async function runCase(c: HostileCase): Promise<void> {
  const cwd = c.cwd === undefined ? root : join(root, c.cwd);
  const bound = c.boundMs ?? DEFAULT_BOUND_MS;
  const started = performance.now();
  const run = c.viaProcess
    ? await runProcess(c.args, cwd, bound)
    : { ...(await runCli(c.args, { cwd })), timedOut: false };
  const elapsed = performance.now() - started;
  const output = `${run.stdout}\n${run.stderr}`;
  const context = `wirepin ${c.args.join(' ')}\nexit ${run.exit} after ${elapsed.toFixed(0)} ms\n${output.slice(0, 1500)}`;
  expect(run.timedOut, `${c.id} hung past ${bound} ms\n${context}`).toBe(false);
  expect(elapsed, `${c.id} took too long\n${context}`).toBeLessThan(bound);
  expect(run.stderr, `${c.id} printed a stack trace\n${context}`).not.toMatch(STACK_LINE);
  expect(output, `${c.id} reported an internal error\n${context}`).not.toContain('internal error');
  const allowed = typeof c.exit === 'number' ? [c.exit] : c.exit;
  expect(allowed, `${c.id} exit code\n${context}`).toContain(run.exit);
  expect(output, `${c.id} message\n${context}`).toContain(c.says);
}

describe('hostile inputs', () => {
  it('has a unique id per case, and a bound on every process run', () => {
    const ids = HOSTILE_CASES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(HOSTILE_CASES.filter((c) => c.viaProcess).length).toBeGreaterThanOrEqual(15);
  });

  for (const c of HOSTILE_CASES) {
    const name = `${c.viaProcess ? '[process] ' : ''}${c.id}: ${c.what} → exit ${String(c.exit)}`;
    const bound = (c.boundMs ?? DEFAULT_BOUND_MS) + 10_000;
    it(name, () => runCase(c), bound);
  }
});
