import { afterEach } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { main } from '../../src/cli/main.js';
// Every rule module is loaded when a test file is, not lazily inside the first test that runs a command:
// Stryker then sees the rules' module-level metadata as static (checked by every test, or ignored) rather
// than covered by whichever test happened to load it first.
import '../../src/rules/registry.js';

export interface CliRun {
  readonly exit: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface JsonFinding {
  readonly rule: string;
  readonly severity: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: string;
  readonly field?: string;
  readonly message: string;
  readonly related?: { label: string; file: string; line: number; column: number };
  readonly data?: Record<string, unknown>;
}

/** Runs the CLI in-process with captured output; never touches the real stdout. */
export async function runCli(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const exit = await main(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    isTty: false,
  });
  return { exit, stdout, stderr };
}

/** Runs with --format json and returns the findings. */
export async function runCliJson(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliRun & { findings: JsonFinding[] }> {
  const run = await runCli([...args, '--format', 'json'], options);
  const findings = run.stdout ? (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings : [];
  return { ...run, findings };
}

/**
 * A maker of scratch copies of `paths` for one test file: each copy it makes is removed after the test that made it.
 * Call it at the top level of the file.
 */
export function scratchCopies(paths: readonly string[]): () => ReturnType<typeof scratchCopy> {
  const made: Array<ReturnType<typeof scratchCopy>> = [];
  afterEach(() => {
    for (const s of made.splice(0)) s.cleanup();
  });
  return () => {
    const s = scratchCopy(paths);
    made.push(s);
    return s;
  };
}

/** A scratch copy of some repository paths, to mutate freely. */
export function scratchCopy(
  paths: readonly string[],
  from: string = process.cwd(),
): {
  dir: string;
  edit: (file: string, from: string | RegExp, to: string) => void;
  write: (file: string, text: string) => void;
  read: (file: string) => string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'wirepin-test-'));
  for (const p of paths) cpSync(join(from, p), join(dir, p), { recursive: true });
  return {
    dir,
    edit(file, search, replacement) {
      const path = join(dir, file);
      const before = readFileSync(path, 'utf8');
      const after = before.replace(search, replacement);
      if (after === before) throw new Error(`scratch edit did not change ${file}: ${String(search)}`);
      writeFileSync(path, after);
    },
    write(file, text) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    },
    read: (file) => readFileSync(join(dir, file), 'utf8'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Edits a contract's JSON structurally (no string surgery on JSON). */
export function editContract(
  scratch: ReturnType<typeof scratchCopy>,
  file: string,
  change: (contract: Record<string, any>) => void,
): void {
  const value = JSON.parse(scratch.read(file)) as Record<string, any>;
  change(value);
  scratch.write(file, `${JSON.stringify(value, null, 2)}\n`);
}
