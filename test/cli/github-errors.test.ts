import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STEP_SUMMARY_MAX_BYTES, stepSummaryBlock } from '../../src/cli/io.js';
import { formatOnCommandLine } from '../../src/cli/main.js';
import { appendWhole, nodeAppendOps, type AppendOps } from '../../src/fs/append.js';
import type { WirepinError } from '../../src/errors.js';
import { runCli, type CliRun } from '../support/run-cli.js';

/**
 * In github format every line wirepin prints, on stdout and stderr, is one of
 * its own escaped workflow commands or cannot be read as one, whatever the
 * untrusted text (field names, notes, paths, type names, config values) holds,
 * and whichever way --format github is written; early errors (a bad flag, an
 * unreadable config) included. And the job summary append is one bounded
 * O_APPEND write whose failure is exit 2 with the path and the reason.
 */
const dir = mkdtempSync(join(tmpdir(), 'wirepin-github-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Workflow commands a hostile name tries to smuggle in (each also after a newline, and percent-encoded). */
const PAYLOADS = [
  '::error::forged',
  '%0A::warning::forged',
  '\n::add-mask::secret',
  '\r\n::stop-commands::tok',
  ' ::error file=x::spaced',
];
const OWN_COMMAND = /^::(error|warning|notice) (file=[^,:]*,line=\d+,col=\d+,)?title=[^,:]*::[^\r]*$/u;
const GITHUB_SPELLINGS = [['--format', 'github'], ['--format=github']] as const;

function expectOnlyOwnCommands(run: CliRun): void {
  for (const line of `${run.stdout}\n${run.stderr}`.split('\n')) {
    if (/^\s*::/u.test(line)) expect(line, line).toMatch(OWN_COMMAND);
  }
  expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at |internal error/u);
}

let n = 0;
function scratch(): string {
  const path = join(dir, `case-${(n += 1)}`);
  mkdirSync(path);
  return path;
}

function contractWith(name: string, note: string): string {
  return JSON.stringify({
    title: 'Order',
    endpoint: 'POST /orders',
    producer: { name: 'shop', repo: 'shop', type: 'Order' },
    consumer: { name: 'billing', repo: 'billing', type: 'Order' },
    type: 'object',
    additionalProperties: false,
    required: ['id'],
    properties: { id: { type: 'string', cp_consumes: true }, [name]: { type: 'string', cp_consumes: false, note } },
  });
}

describe('github format, fed workflow commands in every untrusted place', () => {
  for (const payload of PAYLOADS) {
    for (const spelling of GITHUB_SPELLINGS) {
      const label = `${JSON.stringify(payload)} with ${spelling.join(' ')}`;

      it(`field names and notes in findings: ${label}`, async () => {
        const cwd = scratch();
        writeFileSync(join(cwd, 'order.contract.json'), contractWith(`f${payload}`, `TODO ${payload}`));
        const run = await runCli(['lint', ...spelling, 'order.contract.json'], { cwd });
        expect(run.exit).toBe(1);
        expect(run.stdout).toMatch(/^::error /u);
        expectOnlyOwnCommands(run);
      });

      it(`a path in an error: ${label}`, async () => {
        const run = await runCli(['lint', ...spelling, `missing${payload}.contract.json`], { cwd: scratch() });
        expect(run.exit).toBe(2);
        expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^::error title=wirepin E_READ::/u)]);
        expectOnlyOwnCommands(run);
      });

      it(`a type name on the command line: ${label}`, async () => {
        const cwd = scratch();
        writeFileSync(join(cwd, 'order.contract.json'), contractWith('note_me', 'kept for the audit trail'));
        writeFileSync(join(cwd, 'order.go'), 'package orders\n\ntype Order struct {\n\tID string `json:"id"`\n}\n');
        const run = await runCli(
          ['pin', ...spelling, '--contract', 'order.contract.json', '--go', 'order.go', '--type', `Ord${payload}`],
          { cwd },
        );
        expect(run.exit).toBe(2);
        expect(run.stderr.trimEnd().split('\n')).toEqual([
          expect.stringMatching(/^::error title=wirepin E_UNKNOWN_TYPE::/u),
        ]);
        expectOnlyOwnCommands(run);
      });

      it(`a config value and an unreadable config: ${label}`, async () => {
        const cwd = scratch();
        writeFileSync(
          join(cwd, 'wirepin.yaml'),
          `version: 1\ncontracts:\n  - contract: ${JSON.stringify(`c${payload}.contract.json`)}\n    producer:\n      go: .\n      type: ${JSON.stringify(`T${payload}`)}\n`,
        );
        const bad = await runCli(['check', ...spelling], { cwd });
        expect(bad.exit).toBe(2);
        expect(bad.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^::error /u)]);
        expectOnlyOwnCommands(bad);
        const missing = await runCli(['check', ...spelling, '--config', `none${payload}.yaml`], { cwd });
        expect(missing.exit).toBe(2);
        expect(missing.stderr.trimEnd().split('\n')).toEqual([
          expect.stringMatching(/^::error title=wirepin E_READ::/u),
        ]);
        expectOnlyOwnCommands(missing);
      });

      it(`a bad flag (an error before any command runs): ${label}`, async () => {
        const run = await runCli(['lint', ...spelling, `--bogus${payload}`], { cwd: scratch() });
        expect(run.exit).toBe(2);
        expect(run.stderr.trimEnd().split('\n')).toEqual([
          expect.stringMatching(/^::error title=wirepin E_USAGE::unknown option '--bogus/u),
        ]);
        expect(run.stdout).toBe('');
        expectOnlyOwnCommands(run);
      });
    }
  }

  it('text format prints no line that starts a workflow command, on stdout or stderr', async () => {
    const cwd = scratch();
    writeFileSync(
      join(cwd, 'order.contract.json'),
      contractWith('f\n::add-mask::secret', 'TODO\n::stop-commands::tok'),
    );
    for (const args of [
      ['lint', 'order.contract.json'],
      ['lint', 'x\n::error::forged'],
      ['lint', '--bogus\n::warning::forged'],
    ]) {
      const run = await runCli(args, { cwd });
      for (const line of `${run.stdout}\n${run.stderr}`.split('\n')) expect(line).not.toMatch(/^\s*::/u);
    }
  });
});

describe('the format errors are printed in', () => {
  it('is the parsed option: the last --format wins, and after -- nothing is an option', async () => {
    const last = await runCli(['lint', '--format', 'github', '--format', 'text', 'missing.contract.json'], {
      cwd: scratch(),
    });
    expect(last.stderr).toMatch(/^error: Cannot read missing\.contract\.json/u);
    const operand = await runCli(['lint', '--', '--format=github'], { cwd: scratch() });
    expect(operand.exit).toBe(2);
    expect(operand.stderr).toMatch(/^error: /u);
    const flag = await runCli(['lint', '--format=github', '--format=text', '--bogus'], { cwd: scratch() });
    expect(flag.stderr).toMatch(/^error: unknown option '--bogus'/u);
  });

  it('before parsing, is read from the command line as commander reads it', () => {
    expect(formatOnCommandLine(['lint', '--format', 'github'])).toBe('github');
    expect(formatOnCommandLine(['lint', '--format=github'])).toBe('github');
    expect(formatOnCommandLine(['lint', '--format=github', '--format', 'json'])).toBe('json');
    expect(formatOnCommandLine(['lint', '--', '--format=github'])).toBeUndefined();
    expect(formatOnCommandLine(['lint', '--format', 'bogus'])).toBeUndefined();
    expect(formatOnCommandLine(['lint', 'x.contract.json'])).toBeUndefined();
  });
});

describe('the job summary ($GITHUB_STEP_SUMMARY)', () => {
  const lintRun = (cwd: string, summary: string): Promise<CliRun> =>
    runCli(['lint', '--format', 'github', 'order.contract.json'], { cwd, env: { GITHUB_STEP_SUMMARY: summary } });

  it('gets the escaped markdown report appended after what earlier steps wrote', async () => {
    const cwd = scratch();
    writeFileSync(
      join(cwd, 'order.contract.json'),
      contractWith('<img src=x onerror=alert(1)>@octocat', 'TODO\n::add-mask::x'),
    );
    writeFileSync(join(cwd, 'summary.md'), '## earlier step\n');
    const run = await lintRun(cwd, 'summary.md');
    expect(run.exit).toBe(1);
    const written = readFileSync(join(cwd, 'summary.md'), 'utf8');
    expect(written.startsWith('## earlier step\n### wirepin lint')).toBe(true);
    // Inside a code span (the Field cell) HTML and mentions are inert text; everywhere else they are escaped.
    const outsideCode = written.replace(/`[^`\n]*`/gu, '');
    expect(outsideCode).not.toMatch(/(?<!\\)<img/u);
    expect(outsideCode).not.toMatch(/@octocat/u);
    expect(written).toContain('\\<img');
    for (const line of written.split('\n')) expect(line).not.toMatch(/^\s*::/u);
  });

  for (const [what, make, reason] of [
    ['a directory', (path: string) => mkdirSync(path), 'EISDIR'],
    ['a FIFO (refused, not waited on)', (path: string) => execFileSync('mkfifo', [path]), 'ENXIO'],
    ['a path under a file', (path: string) => writeFileSync(join(path, '..', 'plain'), ''), 'ENOTDIR'],
  ] as const) {
    it(`that cannot be appended to (${what}) is exit 2 with the path and the reason, as a workflow command`, async () => {
      const cwd = scratch();
      writeFileSync(join(cwd, 'order.contract.json'), contractWith('note_me', 'TODO'));
      const summary = reason === 'ENOTDIR' ? join(cwd, 'plain', 'summary.md') : join(cwd, 'summary.md');
      make(reason === 'ENOTDIR' ? join(cwd, 'x') : summary);
      const run = await lintRun(cwd, summary);
      expect(run.exit).toBe(2);
      const last = run.stderr.trimEnd().split('\n');
      expect(last).toEqual([
        expect.stringMatching(/^::error title=wirepin E_WRITE::Cannot append the job summary to /u),
      ]);
      expect(last[0]).toContain(reason);
      expect(last[0]).toContain('summary.md');
      expectOnlyOwnCommands(run);
    });
  }

  it("is bounded: a report over GitHub's limit becomes a short note of wirepin's own", () => {
    expect(stepSummaryBlock('# r')).toBe('# r\n');
    const note = stepSummaryBlock('x'.repeat(STEP_SUMMARY_MAX_BYTES));
    expect(note).toMatch(/^### wirepin\n\nThe markdown report is 1048577 bytes, over the 1048576 bytes/u);
    expect(Buffer.byteLength(stepSummaryBlock('é'.repeat(600_000)))).toBeLessThan(1024);
  });
});

describe('appendWhole', () => {
  const target = (): string => join(scratch(), 'summary.md');

  it('opens with O_APPEND and writes the whole block in one write call', () => {
    const path = target();
    writeFileSync(path, 'before\n');
    const calls: { flags?: number; writes: number[] } = { writes: [] };
    const ops: AppendOps = {
      ...nodeAppendOps,
      open: (p, flags, mode) => {
        calls.flags = flags;
        return nodeAppendOps.open(p, flags, mode);
      },
      write: (fd, data) => {
        calls.writes.push(data.length);
        return nodeAppendOps.write(fd, data);
      },
    };
    appendWhole(path, 'block ✓\n', { shown: 's', what: 'the job summary', hint: 'h', ops });
    expect(readFileSync(path, 'utf8')).toBe('before\nblock ✓\n');
    expect(calls.writes).toEqual([Buffer.byteLength('block ✓\n')]);
    expect((calls.flags ?? 0) & 0o2000).toBe(0o2000);
  });

  const refusal = (ops: AppendOps): WirepinError => {
    try {
      appendWhole(target(), 'block\n', { shown: 'summary.md', what: 'the job summary', hint: 'h', ops });
    } catch (error) {
      return error as WirepinError;
    }
    throw new Error('expected a refusal');
  };

  it('a full disk (ENOSPC) is an E_WRITE error with the path and the reason', () => {
    const error = refusal({
      ...nodeAppendOps,
      write: () => {
        throw Object.assign(new Error('full'), { code: 'ENOSPC' });
      },
    });
    expect([error.code, error.message]).toEqual([
      'E_WRITE',
      'Cannot append the job summary to "summary.md": no space left on the device (ENOSPC).',
    ]);
  });

  it('a short write is an error, not a silently cut summary', () => {
    const error = refusal({ ...nodeAppendOps, write: () => 3 });
    expect(error.message).toBe(
      'Cannot append the job summary to "summary.md": only 3 of 6 bytes were written (is the disk full?).',
    );
  });
});
