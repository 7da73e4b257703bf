/**
 * The one escaping layer for everything wirepin prints. Field names, notes,
 * type names, paths and messages come from files under review, so each output
 * treats them as hostile:
 *
 * - `plain` (text, and every line of stderr): control characters (C0 but tab,
 *   DEL, C1), ANSI escapes, CR and LF, line and paragraph separators and bidi
 *   overrides become visible `\u{…}` text, so one untrusted string is one line
 *   that cannot recolour, rewind or reorder the terminal.
 * - `neutraliseCommands` (every line wirepin prints that is not one of its own
 *   workflow commands): a line that GitHub Actions would read as a workflow
 *   command (`::name …::`, leading whitespace allowed) gets a visible prefix, so
 *   `::add-mask::`, `::stop-commands::` and forged `::error` lines are inert.
 * - `escapeData`, `escapeProperty` (wirepin's own workflow commands): the
 *   message and property values of an annotation, percent-escaped as Actions
 *   reads them, after `plain`/`plainLines` has made them visible.
 * - `markdownText`, `markdownCode` (markdown reports and the job summary):
 *   every ASCII punctuation character that CommonMark or GFM could read as
 *   syntax is backslash-escaped (CommonMark allows escaping any of them), `@`
 *   is followed by a zero-width joiner so it cannot mention anyone, and line
 *   breaks become spaces, so text stays inside its cell or heading; code spans
 *   use a backtick fence longer than any run inside them.
 */

/** Characters that must never reach a terminal or a log raw. */
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/gu;

function visible(char: string): string {
  return `\\u{${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}}`;
}

/** Untrusted text for a terminal or a log: one line, no control, escape or bidi characters. */
export function plain(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** As `plain`, but line feeds stay (for a message whose lines the caller indents, or escapes as workflow-command data). */
export function plainLines(text: string): string {
  return text
    .split(/\r\n|\n/u)
    .map((line) => plain(line))
    .join('\n');
}

/** Workflow-command data (the text after `::name …::`) escaping: % first, then CR and LF. */
export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** Property values also escape ':' and ','. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** A line GitHub Actions would parse as a workflow command. */
const COMMAND_LINE = /^\s*::/u;
/** What precedes a neutralised line: visible, and not whitespace, so no trimming brings `::` back to the start. */
export const NEUTRAL_PREFIX = '> ';

/** Prefixes every line that Actions could read as a workflow command. */
export function neutraliseCommands(text: string): string {
  return text
    .split('\n')
    .map((line) => (COMMAND_LINE.test(line) ? `${NEUTRAL_PREFIX}${line}` : line))
    .join('\n');
}

/** Stderr and plain logs: each line made safe for a terminal, and none of them a workflow command. */
export function safeLog(text: string): string {
  return neutraliseCommands(
    text
      .split('\n')
      .map((line) => plain(line))
      .join('\n'),
  );
}

/**
 * Punctuation that is markdown syntax anywhere in a line (emphasis, code, links, HTML, entities, tables,
 * strikethrough, math); `_` only where it could open or close emphasis (GFM ignores it between letters or digits).
 */
const INLINE_SYNTAX = /[\\`*[\]<>!|~&$]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;
/** What is syntax only at the start of a line: headings, quotes, list items, setext underlines. */
const LINE_START_SYNTAX = /^(\s*)([#>+=-]|\d+[.)])/u;

/** Untrusted text inside a markdown paragraph, heading or table cell. */
export function markdownText(text: string): string {
  return plain(text.replace(/\r\n|\r|\n/gu, ' '))
    .replace(INLINE_SYNTAX, (c) => `\\${c}`)
    .replace(LINE_START_SYNTAX, (_, space: string, mark: string) => `${space}${mark.replace(/^(\d*)(.)$/u, '$1\\$2')}`)
    .replaceAll('@', '@\u200d');
}

/** Untrusted text as an inline code span in a table cell: a fence longer than any backtick run inside; pipes escaped (GFM splits cells first). */
export function markdownCode(text: string): string {
  const body = plain(text.replace(/\r\n|\r|\n/gu, ' ')).replaceAll('|', '\\|');
  const longest = Math.max(0, ...(body.match(/`+/gu) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || longest > 0 ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}
