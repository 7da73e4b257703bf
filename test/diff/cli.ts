import { Command, CommanderError } from '@commander-js/extra-typings';
import { registerCommands } from '../../src/cli/commands.js';
import { docsBase, type CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { isWirepinError } from '../../src/errors.js';
import { renderReport, type Format } from '../../src/render/index.js';
import type { Outcome } from '../../src/run/outcome.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function captureIo(cwd: string): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: { NO_COLOR: '1' }, cwd, isTty: false }, out, err };
}

/** True once src/cli/commands.ts registers `diff`. */
export const DIFF_WIRED_INTO_MAIN: boolean = (() => {
  const program = new Command();
  registerCommands(program, captureIo(process.cwd()).io, () => undefined);
  return program.commands.some((c) => c.name() === 'diff');
})();

/**
 * Runs `wirepin diff|sync ...` in-process through registerCommands, the way
 * src/cli/main.ts runs a command: a thrown WirepinError prints
 * `file:line:col: error: message` and exits 2; otherwise the outcome's exit code.
 */
export async function runDiffCli(args: readonly string[], cwd: string): Promise<CliRun> {
  const { io, out, err } = captureIo(cwd);
  let outcome: { value: Outcome; format: Format } | undefined;
  const program = new Command().name('wirepin').exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerCommands(program, io, (value, format) => {
    outcome = { value, format };
  });
  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return { code: error.exitCode === 0 ? 0 : 2, stdout: out.join(''), stderr: err.join('') };
    if (!isWirepinError(error)) throw error;
    const where = error.location ? `${error.location.file}:${error.location.line}:${error.location.column}: ` : '';
    err.push(`${where}error: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
    return { code: 2, stdout: out.join(''), stderr: err.join('') };
  }
  if (!outcome) throw new Error('the command delivered no outcome');
  out.push(await renderReport(outcome.value.report, outcome.format, { color: false, docsBase: docsBase(io) }));
  return { code: outcome.value.exitCode, stdout: out.join(''), stderr: err.join('') };
}

/** The same through the real entry point, once `diff` is wired into it. */
export async function runMain(args: readonly string[], cwd: string): Promise<CliRun> {
  const { io, out, err } = captureIo(cwd);
  const code = await main(args, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}
