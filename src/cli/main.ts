import { Command, CommanderError } from '@commander-js/extra-typings';
import { isWirepinError } from '../errors.js';
import type { Format } from '../render/index.js';
import type { ExitCode, Outcome } from '../run/outcome.js';
import { registerCommands } from './commands.js';
import { emitReport, processIo, type CliIo } from './io.js';
import { VERSION } from '../version.js';

export { VERSION };

/**
 * The CLI entry point: parses the arguments, runs one use-case, prints its
 * report and returns the exit code the use-case decided. A thrown WirepinError
 * is printed as `file:line:col: error: message` plus its hint, and is exit 2;
 * anything else is a bug in wirepin and says so.
 * 0 = every check holds, 1 = a check found a violation, 2 = a check could not run.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<ExitCode> {
  let outcome: { value: Outcome; format: Format } | undefined;
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
  await emitReport(io, outcome.value.report, outcome.format);
  return outcome.value.exitCode;
}
