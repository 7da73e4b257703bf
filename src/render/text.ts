import { countBySeverity, type Severity } from '../finding.js';
import type { Renderer } from './report.js';

/** ANSI start and end sequences, for renderers that colour a terminal. */
export const COLORS: Readonly<Record<Severity | 'dim' | 'bold' | 'ok', readonly [string, string]>> = {
  error: ['\u001b[31m', '\u001b[39m'],
  warning: ['\u001b[33m', '\u001b[39m'],
  notice: ['\u001b[36m', '\u001b[39m'],
  ok: ['\u001b[32m', '\u001b[39m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  bold: ['\u001b[1m', '\u001b[22m'],
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** For terminals: one block per finding, `file:line:col  severity  RULE`, the message, then the related place. */
export const renderText: Renderer = (report, options) => {
  const paint = (style: keyof typeof COLORS, text: string): string => (options.color ? `${COLORS[style][0]}${text}${COLORS[style][1]}` : text);
  const lines: string[] = [];
  for (const f of report.findings) {
    lines.push(`${paint('bold', `${f.file}:${f.line}:${f.column}`)}  ${paint(f.severity, f.severity)}  ${f.rule}`);
    lines.push(...f.message.split('\n').map((line) => `  ${line}`));
    if (f.related) lines.push(paint('dim', `  ${f.related.label}: ${f.related.file}:${f.related.line}:${f.related.column}`));
    lines.push('');
  }
  for (const note of report.notes ?? []) lines.push(note);
  const counts = countBySeverity(report.findings);
  if (report.findings.length === 0) {
    lines.push(paint('ok', `✔ ${report.command}: no findings (${report.subject})`));
  } else {
    const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning')];
    if (counts.notice) parts.push(plural(counts.notice, 'notice'));
    lines.push(paint(counts.error ? 'error' : 'warning', `✖ ${report.command}: ${parts.join(', ')} (${report.subject})`));
  }
  return `${lines.join('\n')}\n`;
};
