import { countBySeverity, type Severity } from '../finding.js';
import type { Renderer } from './options.js';

const ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', notice: 'ℹ️' };

/** Escapes text for a GitHub markdown table cell. */
export function cell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replaceAll('\r', '').replaceAll('\n', '<br>');
}

/** For pull requests and job summaries: a headline, then one table row per finding. */
export const renderMarkdown: Renderer = (report, options) => {
  const counts = countBySeverity(report.findings);
  const lines: string[] = [`### wirepin ${report.command}`, ''];
  if (report.findings.length === 0) {
    lines.push(`✅ No findings (${report.subject}).`);
  } else {
    lines.push(`**${counts.error} error(s), ${counts.warning} warning(s)${counts.notice ? `, ${counts.notice} notice(s)` : ''}** (${report.subject})`, '');
    lines.push('| | Rule | Where | Field | What to do |', '|---|---|---|---|---|');
    for (const f of report.findings) {
      const where = `\`${f.file}:${f.line}\`${f.related ? `<br>${cell(f.related.label)}: \`${f.related.file}:${f.related.line}\`` : ''}`;
      lines.push(`| ${ICON[f.severity]} | [\`${f.rule}\`](${options.docsBase}/${f.rule}.md) | ${where} | ${f.field ? `\`${cell(f.field)}\`` : ''} | ${cell(f.message)} |`);
    }
  }
  for (const note of report.notes ?? []) lines.push('', note);
  return `${lines.join('\n')}\n`;
};
