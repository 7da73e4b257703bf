import { Command, CommanderError } from '@commander-js/extra-typings';
import { registerCommands } from '../../src/cli/commands/index.js';
import { registerDiffCommands } from '../../src/cli/commands/diff-register.js';
import { docsBase, type CliIo } from '../../src/cli/io.js';
import { main, type CommandOutcome } from '../../src/cli/main.js';
import { isWirepinError } from '../../src/errors.js';
import { RENDERERS, type Format, type Renderer, type Report } from '../../src/render/index.js';

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

/** True once src/cli/commands/index.ts registers `diff`; until then the tests drive registerDiffCommands directly. */
export const DIFF_WIRED_INTO_MAIN: boolean = (() => {
  const program = new Command();
  registerCommands(program, captureIo(process.cwd()).io, () => undefined);
  return program.commands.some((c) => c.name() === 'diff');
})();

/** The renderer a report brings with it (diff and sync do), else the generic one. */
function rendererFor(report: Report, format: Format): Renderer {
  const own = (report as Report & { renderers?: Partial<Record<Format, Renderer>> }).renderers?.[format];
  return own ?? RENDERERS[format];
}

/**
 * Runs `wirepin diff|sync ...` in-process through registerDiffCommands, the way
 * src/cli/main.ts runs a command: a thrown WirepinError prints
 * `file:line:col: error: message` and exits 2; otherwise the outcome's exit code.
 */
export async function runDiffCli(args: readonly string[], cwd: string): Promise<CliRun> {
  const { io, out, err } = captureIo(cwd);
  let outcome: { value: CommandOutcome; format: Format } | undefined;
  const program = new Command().name('wirepin').exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerDiffCommands(program, io, (value, format) => {
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
  out.push(rendererFor(outcome.value.report, outcome.format)(outcome.value.report, { color: false, docsBase: docsBase(io) }));
  return { code: outcome.value.exitCode ?? 0, stdout: out.join(''), stderr: err.join('') };
}

/** The same through the real entry point, once `diff` is wired into it. */
export async function runMain(args: readonly string[], cwd: string): Promise<CliRun> {
  const { io, out, err } = captureIo(cwd);
  const code = await main(args, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}
