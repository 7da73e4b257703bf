import { countBySeverity, type Severity } from '../finding.js';
import { plural } from '../wording.js';
import { plain, plainLines } from './escape.js';
import type { Renderer } from './options.js';

/** ANSI start and end sequences, for renderers that colour a terminal. */
export const COLORS: Readonly<Record<Severity | 'dim' | 'bold' | 'ok', readonly [string, string]>> = {
  error: ['\u001b[31m', '\u001b[39m'],
  warning: ['\u001b[33m', '\u001b[39m'],
  notice: ['\u001b[36m', '\u001b[39m'],
  ok: ['\u001b[32m', '\u001b[39m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  bold: ['\u001b[1m', '\u001b[22m'],
};

export type PaintStyle = keyof typeof COLORS;

/** A painter for one render: ANSI colour around the text when colour is on, the bare text otherwise. */
export function paintWith(color: boolean): (style: PaintStyle, text: string) => string {
  return (style, text) => (color ? `${COLORS[style][0]}${text}${COLORS[style][1]}` : text);
}

/** For terminals: one block per finding, `file:line:col  severity  RULE`, the message, then the related place. */
export const renderText: Renderer = (report, options) => {
  const paint = paintWith(options.color);
  const lines: string[] = [];
  for (const f of report.findings) {
    lines.push(
      `${paint('bold', `${plain(f.file)}:${f.line}:${f.column}`)}  ${paint(f.severity, f.severity)}  ${f.rule}`,
    );
    lines.push(
      ...plainLines(f.message)
        .split('\n')
        .map((line) => `  ${line}`),
    );
    if (f.related)
      lines.push(
        paint('dim', `  ${plain(f.related.label)}: ${plain(f.related.file)}:${f.related.line}:${f.related.column}`),
      );
    lines.push('');
  }
  for (const note of report.notes ?? []) lines.push(plain(note));
  const counts = countBySeverity(report.findings);
  if (report.findings.length === 0) {
    lines.push(paint('ok', `✔ ${report.command}: no findings (${plain(report.subject)})`));
  } else {
    const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning')];
    if (counts.notice) parts.push(plural(counts.notice, 'notice'));
    lines.push(
      paint(counts.error ? 'error' : 'warning', `✖ ${report.command}: ${parts.join(', ')} (${plain(report.subject)})`),
    );
  }
  return `${lines.join('\n')}\n`;
};
