import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { REPO_ROOT, RULE_FIXTURES } from '../rules/rule-tester.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(argv: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env,
    cwd: REPO_ROOT,
    isTty: false,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const fixture = (rule: string, name: string): string => `${RULE_FIXTURES}/${rule}/${name}`;
const NO_STACK = /\n\s+at /u;

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('exit codes', () => {
  it('0: lint on the shipped contracts', async () => {
    const result = await run(['lint']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('no findings');
  });

  it('1: a dead field without a note', async () => {
    const result = await run(['lint', fixture('DEAD_FIELD_NOTE_MISSING', 'bad-note-missing.contract.json')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('DEAD_FIELD_NOTE_MISSING');
  });

  it('2: a truncated contract, named as file:line:col', async () => {
    const file = fixture('CONTRACT_PARSE_ERROR', 'bad-truncated.contract.json');
    const result = await run(['lint', file]);
    expect(result.code).toBe(2);
    expect(`${result.stdout}${result.stderr}`).toContain(`${file}:11:42`);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(NO_STACK);
  });

  it('2: a file that is not UTF-8, named as file:line:col', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirepin-cli-'));
    temps.push(dir);
    const file = join(dir, 'latin1.contract.json');
    writeFileSync(file, Buffer.concat([Buffer.from('{\n  "title": "caf'), Buffer.from([0xe9]), Buffer.from('"\n}\n')]));
    const result = await run(['lint', file]);
    expect(result.code).toBe(2);
    // Line 2 is `  "title": "caf` (15 characters); the Latin-1 byte follows.
    expect(`${result.stdout}${result.stderr}`).toMatch(/latin1\.contract\.json:2:16 /u);
  });

  it('2: a missing file, with a message and no stack trace', async () => {
    const result = await run(['lint', 'contracts/nope.contract.json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('contracts/nope.contract.json');
    expect(result.stderr).toMatch(/^error: /u);
    expect(result.stderr).not.toMatch(NO_STACK);
    expect(result.stderr).not.toContain('internal error');
  });

  it('2: a directory instead of a contract file', async () => {
    const result = await run(['lint', 'contracts']);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(NO_STACK);
  });

  it('2: an unknown option', async () => {
    const result = await run(['lint', '--strict-mode']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--strict-mode'");
    expect(result.stderr).not.toMatch(NO_STACK);
  });

  it('2: an unknown format', async () => {
    const result = await run(['lint', '--format', 'xml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('xml');
    expect(result.stdout).toBe('');
  });

  it('2: an unknown command', async () => {
    expect((await run(['lnit'])).code).toBe(2);
  });
});

describe('--help', () => {
  const OPTIONS: Record<string, readonly string[]> = {
    lint: ['--format <format>', '-h, --help'],
    generate: ['--check', '--format <format>', '-h, --help'],
    check: ['--config <file>', '--format <format>', '-h, --help'],
  };

  it('lists the commands', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    for (const command of Object.keys(OPTIONS)) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'mu'));
  });

  it('works for every command the top-level help lists, and lists its options', async () => {
    const top = (await run(['--help'])).stdout;
    const commands = [...top.slice(top.indexOf('Commands:')).matchAll(/^ {2}([a-z][\w-]*)/gmu)]
      .map((m) => m[1] ?? '')
      .filter((c) => c !== 'help');
    expect(commands).toEqual(expect.arrayContaining(Object.keys(OPTIONS)));
    for (const command of commands) {
      const result = await run([command, '--help']);
      expect(result.code, command).toBe(0);
      expect(result.stdout, command).toMatch(new RegExp(`^Usage: wirepin ${command} `, 'u'));
      for (const option of OPTIONS[command] ?? ['-h, --help'])
        expect(result.stdout, `${command} ${option}`).toContain(option);
    }
  });
});

describe('--format json', () => {
  it('parses, and every finding carries rule, severity, file, line, column, path and message', async () => {
    const files = [
      fixture('DEAD_FIELD_NOTE_MISSING', 'bad-note-todo.contract.json'),
      fixture('CONSUMES_FLAG_MISSING', 'bad-missing-nested-display.contract.json'),
      fixture('OBJECT_NOT_CLOSED', 'bad-root-open.contract.json'),
      fixture('DUPLICATE_KEY', 'bad-duplicate-field.contract.json'),
    ];
    const result = await run(['lint', '--format', 'json', ...files]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      command: string;
      summary: { errors: number };
      findings: Array<Record<string, unknown>>;
    };
    expect(report.command).toBe('lint');
    expect(report.findings).toHaveLength(4);
    expect(report.summary.errors).toBe(4);
    for (const f of report.findings) {
      expect(f).toEqual(
        expect.objectContaining({
          rule: expect.stringMatching(/^[A-Z_]+$/u),
          severity: expect.stringMatching(/^(error|warning|notice)$/u),
          file: expect.any(String),
          line: expect.any(Number),
          column: expect.any(Number),
          path: expect.any(String),
          message: expect.any(String),
        }),
      );
    }
    expect(new Set(report.findings.map((f) => f['file']))).toEqual(new Set(files));
  });
});

describe('--format github', () => {
  it('prints one ::error line per finding and appends the markdown report to $GITHUB_STEP_SUMMARY', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirepin-cli-'));
    temps.push(dir);
    const summary = join(dir, 'step-summary.md');
    writeFileSync(summary, '## earlier step\n');
    const file = fixture('DEAD_FIELD_NOTE_MISSING', 'bad-note-todo.contract.json');

    const result = await run(['lint', '--format', 'github', file], { GITHUB_STEP_SUMMARY: summary });
    expect(result.code).toBe(1);
    expect(result.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^::error file=${file.replaceAll('.', '\\.')},line=16,col=7,title=[^:]*DEAD_FIELD_NOTE_MISSING::Field `,
          'u',
        ),
      ),
    ]);
    const written = readFileSync(summary, 'utf8');
    expect(written.startsWith('## earlier step\n')).toBe(true);
    expect(written).toContain('### wirepin lint');
    expect(written).toContain('DEAD_FIELD_NOTE_MISSING.md');
    expect(written).toContain(`\`${file}:16\``);
  });

  it('leaves $GITHUB_STEP_SUMMARY alone in the other formats', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirepin-cli-'));
    temps.push(dir);
    const summary = join(dir, 'step-summary.md');
    writeFileSync(summary, '');
    await run(['lint', '--format', 'text', fixture('DEAD_FIELD_NOTE_MISSING', 'bad-note-todo.contract.json')], {
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(readFileSync(summary, 'utf8')).toBe('');
  });
});

describe('the real binary', () => {
  it('lints the repository with exit code 0', () => {
    const result = spawnSync(process.execPath, ['bin/wirepin.js', 'lint'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('no findings');
  });
});
