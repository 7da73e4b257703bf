import { plain, plainLines } from '../escape.js';
import { paintWith } from '../text.js';
import { CHANGE_CLASSES, countByClass } from '../../diff/change.js';
import { changesOf, reportFails } from '../../run/diff-report.js';
import { changeLabel, hasProseValues, rowFacts, rowSubject, type DiffRenderer } from './rows.js';

function quoted(value: string | null): string {
  return value === null ? '(none)' : plain(JSON.stringify(value));
}

/**
 * The diff for terminals: per change `file:line:col  class  RULE  field: before → after`,
 * then the message and the base location; a closing line with the counts by
 * class and whether the run fails.
 */
export const renderDiffText: DiffRenderer = (report, options) => {
  const paint = paintWith(options.color);
  const lines: string[] = [];
  for (const f of report.findings) {
    const facts = rowFacts(f);
    const prose = hasProseValues(f.rule);
    const values =
      prose || (facts.before === null && facts.after === null)
        ? ''
        : `: ${plain(facts.before ?? '(none)')} → ${plain(facts.after ?? '(none)')}`;
    lines.push(
      `${paint('bold', `${plain(f.file)}:${f.line}:${f.column}`)}  ${paint(f.severity, facts.class ?? 'drift')}  ${f.rule}  ${plain(rowSubject(f))} ${changeLabel(f.rule, facts.kind)}${values}`,
    );
    lines.push(
      ...plainLines(f.message)
        .split('\n')
        .map((line) => `  ${line}`),
    );
    if (prose)
      lines.push(`  ${report.sides.base}: ${quoted(facts.before)}`, `  ${report.sides.head}: ${quoted(facts.after)}`);
    if (f.related)
      lines.push(
        paint('dim', `  ${plain(f.related.label)}: ${plain(f.related.file)}:${f.related.line}:${f.related.column}`),
      );
    lines.push('');
  }
  for (const note of report.notes ?? []) lines.push(plain(note));
  const counts = countByClass(changesOf(report.findings));
  const drift = report.findings.length - changesOf(report.findings).length;
  const tally = [...CHANGE_CLASSES.map((c) => `${counts[c]} ${c}`), ...(drift ? [`${drift} drift`] : [])].join(', ');
  const fails = reportFails(report);
  const verdict =
    report.failOn === undefined
      ? fails
        ? `the ${report.sides.head} differs from the ${report.sides.base}`
        : `the ${report.sides.head} matches the ${report.sides.base}`
      : fails
        ? `fails --fail-on ${report.failOn}`
        : `passes --fail-on ${report.failOn}`;
  if (report.findings.length === 0) {
    lines.push(paint('ok', `✔ ${report.command}: no changes, ${verdict} (${plain(report.subject)})`));
  } else {
    lines.push(
      paint(
        fails ? 'error' : 'ok',
        `${fails ? '✖' : '✔'} ${report.command}: ${tally}; ${verdict} (${plain(report.subject)})`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
};
