import { Command, CommanderError, Option } from '@commander-js/extra-typings';
import { isWirepinError } from '../errors.js';
import { FORMATS, type Format, type Report } from '../render/index.js';
import { exitCodeFor, type ExitCode } from './exit-code.js';
import { emitReport, processIo, type CliIo } from './io.js';
import { registerCommands } from './commands/index.js';
import { VERSION } from '../version.js';

/** A command's result: a report, and the exit code when findings alone do not decide it. */
export interface CommandOutcome {
  readonly report: Report;
  readonly exitCode?: ExitCode;
}

export function formatOption(): Option<'--format <format>', undefined, 'text', Format, false> {
  return new Option('--format <format>', 'output format: text, json, markdown or github (workflow annotations)')
    .choices(FORMATS)
    .default('text' as const);
}

/**
 * The CLI entry point: the only place that maps outcomes to exit codes.
 * 0 = every check holds, 1 = a check found a violation, 2 = a check could not run.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<ExitCode> {
  let outcome: { value: CommandOutcome; format: Format } | undefined;
  const program = new Command()
    .name('wirepin')
    .description('Contract tests for JSON wire shapes between services in separate repositories.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  registerCommands(program, io, (value, format) => {
    outcome = { value, format };
  });
  if (argv.length === 0) {
    io.stderr(program.helpInformation());
    return 2;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return 2;
    }
    if (isWirepinError(error)) {
      const where = error.location ? `${error.location.file}:${error.location.line}:${error.location.column}: ` : '';
      io.stderr(`${where}error: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
      return 2;
    }
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`wirepin: internal error. This is a bug in wirepin, not in your input; please report it with this output.\n${stack}\n`);
    return 2;
  }
  if (!outcome) return 0;
  emitReport(io, outcome.value.report, outcome.format);
  return outcome.value.exitCode ?? exitCodeFor(outcome.value.report.findings);
}
