import { Command, CommanderError } from '@commander-js/extra-typings';
import { isWirepinError, type WirepinError } from '../errors.js';
import { escapeData, escapeProperty, plain, plainLines, safeLog } from '../render/escape.js';
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
export async function main(argv: readonly string[], processIoValue: CliIo = processIo()): Promise<ExitCode> {
  // Every line on stderr is made safe for a terminal and a workflow log (src/render/escape.ts).
  const io: CliIo = { ...processIoValue, stderr: (text) => processIoValue.stderr(safeLog(text)) };
  const github = wantsGithub(argv);
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
      if (github) processIoValue.stderr(asWorkflowCommand(error));
      else {
        const where = error.location ? `${error.location.file}:${error.location.line}:${error.location.column}: ` : '';
        io.stderr(`${where}error: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
      }
      return 2;
    }
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`wirepin: internal error. This is a bug in wirepin, not in your input; please report it with this output.\n${stack}\n`);
    return 2;
  }
  if (!outcome) return 0;
  try {
    await emitReport(io, outcome.value.report, outcome.format);
  } catch (error) {
    if (!isWirepinError(error)) throw error;
    io.stderr(`error: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
    return 2;
  }
  return outcome.value.exitCode;
}

/** Whether the command line asks for `--format github` (errors then become annotations too). */
function wantsGithub(argv: readonly string[]): boolean {
  return argv.some((arg, i) => arg === '--format=github' || (arg === '--format' && argv[i + 1] === 'github'));
}

/** A WirepinError as one `::error` workflow command, its data and properties escaped: the only way it reaches stderr in github format. */
function asWorkflowCommand(error: WirepinError): string {
  const place = error.location ? [`file=${escapeProperty(plain(error.location.file))}`, `line=${error.location.line}`, `col=${error.location.column}`] : [];
  const props = [...place, `title=${escapeProperty(`wirepin ${error.code}`)}`].join(',');
  return `::error ${props}::${escapeData(plainLines(`${error.message}${error.hint ? `\n${error.hint}` : ''}`))}\n`;
}
