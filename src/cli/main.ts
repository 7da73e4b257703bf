import { Command, CommanderError } from '@commander-js/extra-typings';
import { isWirepinError, WirepinError } from '../errors.js';
import { escapeData, escapeProperty, plain, plainLines, safeLog } from '../render/escape.js';
import { FORMATS, type Format } from '../render/index.js';
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
  // The format errors are printed in: the parsed --format once commander has parsed the command's options (the
  // preAction hook); before that (a bad flag, an unknown command) the last --format on the command line, as
  // commander would take it. wirepin.yaml has no format setting, so no config can change it.
  let format: Format | undefined;
  const github = (): boolean => (format ?? formatOnCommandLine(argv)) === 'github';
  let outcome: { value: Outcome; format: Format } | undefined;
  const program = new Command()
    .name('wirepin')
    .description('Contract tests for JSON wire shapes between services in separate repositories.')
    .version(VERSION)
    // In github format the hint goes into the ::error command instead (see the catch below).
    .showHelpAfterError(formatOnCommandLine(argv) === 'github' ? false : '(run with --help for usage)')
    // In github format commander's own error line is replaced by one ::error workflow command (in the catch below).
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (text, write) => (github() ? undefined : write(text)),
    })
    .exitOverride()
    .hook('preAction', (_, command) => {
      const chosen: unknown = command.opts()['format'];
      if (typeof chosen === 'string' && isFormat(chosen)) format = chosen;
    });
  registerCommands(program, io, (value, chosen) => {
    outcome = { value, format: chosen };
  });
  if (argv.length === 0) {
    io.stderr(program.helpInformation());
    return 2;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return 0;
      if (github()) {
        const usage = new WirepinError('E_USAGE', error.message.replace(/^error: /u, ''), {
          hint: 'Run wirepin with --help for usage.',
        });
        processIoValue.stderr(asWorkflowCommand(usage));
      }
      return 2;
    }
    if (isWirepinError(error)) {
      printError(error);
      return 2;
    }
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(
      `wirepin: internal error. This is a bug in wirepin, not in your input; please report it with this output.\n${stack}\n`,
    );
    return 2;
  }
  if (!outcome) return 0;
  format = outcome.format;
  try {
    await emitReport(io, outcome.value.report, outcome.format);
  } catch (error) {
    if (!isWirepinError(error)) throw error;
    printError(error);
    return 2;
  }
  return outcome.value.exitCode;

  /** A WirepinError on stderr: one escaped ::error workflow command in github format, else `file:line:col: error:` and the hint. */
  function printError(error: WirepinError): void {
    if (github()) {
      processIoValue.stderr(asWorkflowCommand(error));
      return;
    }
    const where = error.location ? `${error.location.file}:${error.location.line}:${error.location.column}: ` : '';
    io.stderr(`${where}error: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
  }
}

function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

/**
 * The format the command line asks for before commander has parsed it: the last `--format X` or `--format=X`
 * (commander keeps the last), up to a `--` (after it, arguments are operands).
 */
export function formatOnCommandLine(argv: readonly string[]): Format | undefined {
  let found: Format | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--') break;
    const value =
      arg === '--format' ? argv[(i += 1)] : arg.startsWith('--format=') ? arg.slice('--format='.length) : undefined;
    if (value !== undefined && isFormat(value)) found = value;
  }
  return found;
}

/** A WirepinError as one `::error` workflow command, its data and properties escaped: the only way it reaches stderr in github format. */
function asWorkflowCommand(error: WirepinError): string {
  const place = error.location
    ? [
        `file=${escapeProperty(plain(error.location.file))}`,
        `line=${error.location.line}`,
        `col=${error.location.column}`,
      ]
    : [];
  const props = [...place, `title=${escapeProperty(`wirepin ${error.code}`)}`].join(',');
  return `::error ${props}::${escapeData(plainLines(`${error.message}${error.hint ? `\n${error.hint}` : ''}`))}\n`;
}
