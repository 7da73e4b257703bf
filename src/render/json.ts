import { countBySeverity, type Finding } from '../finding.js';
import type { Renderer } from './options.js';

/** Fixed key order, so the output is byte-stable whatever order the finding was built in. */
function findingJson(f: Finding): Record<string, unknown> {
  return {
    rule: f.rule,
    severity: f.severity,
    file: f.file,
    line: f.line,
    column: f.column,
    path: f.path,
    ...(f.field !== undefined ? { field: f.field } : {}),
    message: f.message,
    ...(f.related
      ? { related: { label: f.related.label, file: f.related.file, line: f.related.line, column: f.related.column } }
      : {}),
    ...(f.data ? { data: f.data } : {}),
  };
}

/** For machines: `{ command, subject, summary, findings[] }`. */
export const renderJson: Renderer = (report) => {
  const counts = countBySeverity(report.findings);
  const body = {
    command: report.command,
    subject: report.subject,
    summary: { errors: counts.error, warnings: counts.warning, notices: counts.notice },
    findings: report.findings.map(findingJson),
    ...(report.reads !== undefined ? { reads: report.reads } : {}),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
};
