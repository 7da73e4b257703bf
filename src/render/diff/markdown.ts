import type { Finding } from '../../finding.js';
// Untrusted text in a table cell, and as inline code fenced longer than any backtick run inside (see escape.ts).
import { markdownCode as codeCell, markdownText as cell } from '../escape.js';
import { CHANGE_CLASSES, countByClass, type ChangeClass } from '../../diff/change.js';
import { changesOf, failingClasses, reportFails, type DiffReport } from '../../run/diff-report.js';
import {
  changeLabel,
  CLASS_LABEL,
  classMeaning,
  hasProseValues,
  noteColumn,
  rowFacts,
  rowSubject,
  type DiffRenderer,
} from './rows.js';
import { plural } from '../../wording.js';

const ICON: Readonly<Record<ChangeClass | 'drift', string>> = {
  breaking: '❌',
  'needs-both-sides': '⚠️',
  'dead-channel': '🕳️',
  safe: 'ℹ️',
  drift: '❌',
};

/** A short value in a cell: code for tokens (types, "consumed"), plain for prose, a dash for nothing. */
function valueCell(value: string | null, prose: boolean): string {
  if (value === null) return '—';
  return prose ? cell(value) : codeCell(value);
}

/** "3 changes (1 breaking, 2 needs both sides)": the non-zero classes only. */
function classCounts(report: DiffReport): string {
  const changes = changesOf(report.findings);
  if (changes.length === 0) return 'no contract changes';
  const counts = countByClass(changes);
  const parts = CHANGE_CLASSES.filter((c) => counts[c] > 0).map((c) => `${counts[c]} ${CLASS_LABEL[c]}`);
  return `${plural(changes.length, 'change')} (${parts.join(', ')})`;
}

function status(report: DiffReport, changeCount: number, contractCount: number): string {
  const compared = `${plural(contractCount, 'contract')} compared`;
  if (report.failOn === undefined) {
    return reportFails(report)
      ? `❌ The ${report.sides.head} differs from the ${report.sides.base} (${cell(report.subject)}).`
      : `✅ The ${report.sides.head} matches the ${report.sides.base} under canonical JSON (${cell(report.subject)}).`;
  }
  const flag = `\`--fail-on ${report.failOn}\``;
  if (changeCount === 0) return `✅ Nothing changed (${compared}: ${cell(report.subject)}).`;
  // Under `--fail-on any` every contract change fails the run; there is no class to name.
  if (report.failOn === 'any' && reportFails(report)) return `❌ Fails ${flag}: every change fails it (${compared}).`;
  const failing = failingClasses(report.failOn)
    .map((c) => CLASS_LABEL[c])
    .join(' or ');
  return reportFails(report)
    ? `❌ Fails ${flag}: a change is ${failing} (${compared}).`
    : `✅ Passes ${flag}: no change is ${failing}; review the changes below (${compared}).`;
}

function row(finding: Finding, docsBase: string): string {
  const facts = rowFacts(finding);
  const prose = hasProseValues(finding.rule);
  const change = `${changeLabel(finding.rule, facts.kind)}<br>[\`${finding.rule}\`](${docsBase}/${finding.rule}.md)`;
  const consumed = facts.consumes === null ? '' : facts.consumes ? 'yes' : 'no';
  const shown = noteColumn(finding, facts);
  const note = shown === null ? '' : cell(shown);
  const impact = facts.class
    ? `${ICON[facts.class]} **${CLASS_LABEL[facts.class]}**: ${cell(finding.message)}`
    : `${ICON.drift} **drift**: ${cell(finding.message)}`;
  const line = `<sub>line ${finding.line}</sub>`;
  return `| ${codeCell(rowSubject(finding))}<br>${line} | ${change} | ${valueCell(facts.before, prose)} | ${valueCell(facts.after, prose)} | ${consumed} | ${note} | ${impact} |`;
}

function capitalized(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * The diff as a pull-request comment: a headline with the counts by class and
 * whether the run fails, a table of the classes, then one table per contract
 * (field, change, before, after, consumed, note, impact), most severe first.
 * Pure and deterministic.
 */
export const renderDiffMarkdown: DiffRenderer = (report, options) => {
  const changes = changesOf(report.findings);
  const n = report.findings.length;
  const headline =
    report.failOn === undefined
      ? n === 0
        ? `the ${report.sides.head} matches the ${report.sides.base}`
        : `${plural(n, 'difference')} from the ${report.sides.base}`
      : classCounts(report);
  const lines: string[] = [`### wirepin ${report.command}: ${headline}`, '', status(report, n, report.compared.length)];

  if (changes.length > 0) {
    const counts = countByClass(changes);
    const meaning = classMeaning(report.names);
    lines.push('', '| Class | Changes | Meaning |', '| --- | ---: | --- |');
    for (const c of CHANGE_CLASSES) lines.push(`| ${ICON[c]} ${CLASS_LABEL[c]} | ${counts[c]} | ${cell(meaning[c])} |`);
  }

  const unchanged: string[] = [];
  for (const contract of report.compared) {
    const findings = report.findings.filter((f) => f.file === contract.file);
    if (findings.length === 0) {
      unchanged.push(contract.file);
      continue;
    }
    lines.push('', `#### ${report.framing}: ${codeCell(contract.file)}`, '');
    if (contract.base === undefined) lines.push(`New contract; there is no ${report.sides.base} version.`, '');
    else if (contract.head === undefined)
      lines.push(`Deleted; the ${report.sides.base} version is ${codeCell(contract.base)}.`, '');
    else
      lines.push(
        `${capitalized(report.sides.base)}: ${codeCell(contract.base)} · ${report.sides.head}: ${codeCell(contract.head)}`,
        '',
      );
    lines.push(
      `| Field | Change | ${capitalized(report.sides.base)} | ${capitalized(report.sides.head)} | Consumed | Note | Impact |`,
      '| --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const finding of findings) lines.push(row(finding, options.docsBase));
  }
  if (unchanged.length > 0 && report.findings.length > 0) {
    lines.push(
      '',
      `Unchanged: ${unchanged.length <= 10 ? unchanged.map(codeCell).join(', ') : `${unchanged.length} contracts`}.`,
    );
  }
  for (const note of report.notes ?? []) lines.push('', cell(note));
  const guide = options.docsBase.replace(/\/rules$/u, '');
  lines.push(
    '',
    `<sub>How wirepin classifies changes: [${guide === options.docsBase ? 'diff.md' : 'docs/diff.md'}](${guide}/diff.md)</sub>`,
  );
  return `${lines.join('\n')}\n`;
};
