import { countBySeverity, type Severity } from '../finding.js';
// Untrusted text in a table cell, heading or paragraph, and as inline code (see escape.ts).
import { markdownCode, markdownText as cell } from './escape.js';
import type { Renderer } from './options.js';

const ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', notice: 'ℹ️' };

/** For pull requests and job summaries: a headline, then one table row per finding. */
export const renderMarkdown: Renderer = (report, options) => {
  const counts = countBySeverity(report.findings);
  const lines: string[] = [`### wirepin ${report.command}`, ''];
  if (report.findings.length === 0) {
    lines.push(`✅ No findings (${cell(report.subject)}).`);
  } else {
    lines.push(
      `**${counts.error} error(s), ${counts.warning} warning(s)${counts.notice ? `, ${counts.notice} notice(s)` : ''}** (${cell(report.subject)})`,
      '',
    );
    lines.push('| | Rule | Where | Field | What to do |', '|---|---|---|---|---|');
    for (const f of report.findings) {
      const where = `${markdownCode(`${f.file}:${f.line}`)}${f.related ? `<br>${cell(f.related.label)}: ${markdownCode(`${f.related.file}:${f.related.line}`)}` : ''}`;
      lines.push(
        `| ${ICON[f.severity]} | [\`${f.rule}\`](${options.docsBase}/${f.rule}.md) | ${where} | ${f.field ? markdownCode(f.field) : ''} | ${cell(f.message)} |`,
      );
    }
  }
  for (const note of report.notes ?? []) lines.push('', cell(note));
  return `${lines.join('\n')}\n`;
};
