import { resolve } from 'node:path';
import { appendWhole } from '../fs/append.js';
import { neutraliseCommands } from '../render/escape.js';
import { renderReport, type Format, type Report } from '../render/index.js';
import type { RunEnv } from '../run/outcome.js';

/** Where a command writes, and the environment it runs in (the use-cases' RunEnv); injected so tests run the CLI in-process. */
export interface CliIo extends RunEnv {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
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

/** GitHub refuses a job summary over 1 MiB per step; a longer report is replaced by a note, never cut mid-table. */
export const STEP_SUMMARY_MAX_BYTES = 1024 * 1024;

/**
 * The block appended to the job summary: the markdown report (every untrusted
 * string in it escaped by src/render/escape.ts) when it fits GitHub's limit,
 * else a short note of wirepin's own words.
 */
export function stepSummaryBlock(markdown: string, maxBytes: number = STEP_SUMMARY_MAX_BYTES): string {
  const block = `${markdown}\n`;
  const size = Buffer.byteLength(block, 'utf8');
  if (size <= maxBytes) return block;
  return `### wirepin\n\nThe markdown report is ${size} bytes, over the ${maxBytes} bytes a job summary may hold; the annotations and the job log carry the findings.\n`;
}

/**
 * Prints a report in the chosen format. With `github`, the markdown report is
 * also appended to $GITHUB_STEP_SUMMARY when Actions provides one: bounded,
 * in one write call with O_APPEND (src/fs/append.ts); a failed append is an
 * E_WRITE error (exit 2) with the path and the reason.
 */
export async function emitReport(io: CliIo, report: Report, format: Format): Promise<void> {
  const rendered = await renderReport(report, format, {
    color: format === 'text' && useColor(io),
    docsBase: docsBase(io),
  });
  // In github format every line is one of wirepin's own workflow commands; in any other, no line may read as one.
  io.stdout(format === 'github' ? rendered : neutraliseCommands(rendered));
  const summary = io.env['GITHUB_STEP_SUMMARY'];
  if (format === 'github' && summary) {
    const markdown = await renderReport(report, 'markdown', { color: false, docsBase: docsBase(io) });
    appendWhole(resolve(io.cwd, summary), stepSummaryBlock(markdown), {
      shown: summary,
      what: 'the job summary',
      hint: 'GITHUB_STEP_SUMMARY must name a writable regular file on a file system with free space.',
    });
  }
}
