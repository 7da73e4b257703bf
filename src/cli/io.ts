import { appendFileSync } from 'node:fs';
import { renderReport, type Format, type Report } from '../render/index.js';

/** Where a command writes, and the environment it runs in (a RunEnv); injected so tests run the CLI in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly isTty: boolean;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTty: Boolean(process.stdout.isTTY),
  };
}

/** Colour only on a terminal, and never when NO_COLOR is set to anything non-empty. */
export function useColor(io: CliIo): boolean {
  const noColor = io.env['NO_COLOR'];
  return io.isTty && (noColor === undefined || noColor === '');
}

/** Where markdown reports link rule IDs: WIREPIN_DOCS_URL when set (e.g. your fork's docs/rules on GitHub), else the relative docs/rules. */
export function docsBase(io: CliIo): string {
  return io.env['WIREPIN_DOCS_URL']?.replace(/\/+$/u, '') || 'docs/rules';
}

/**
 * Prints a report in the chosen format. With `github`, the markdown report is
 * also appended to $GITHUB_STEP_SUMMARY when Actions provides one.
 */
export async function emitReport(io: CliIo, report: Report, format: Format): Promise<void> {
  io.stdout(await renderReport(report, format, { color: format === 'text' && useColor(io), docsBase: docsBase(io) }));
  const summary = io.env['GITHUB_STEP_SUMMARY'];
  if (format === 'github' && summary) {
    appendFileSync(summary, `${await renderReport(report, 'markdown', { color: false, docsBase: docsBase(io) })}\n`);
  }
}
