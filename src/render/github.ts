import type { Severity } from '../finding.js';
import { escapeData, escapeProperty, plain, plainLines } from './escape.js';
import type { Renderer } from './options.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', notice: 'notice' };

/**
 * For GitHub Actions: untrusted text is made one visible line first (`plain`), then escaped as data or property. One `::error file=…,line=…,col=…,title=RULE::message` per finding, so findings annotate the PR. */
export const renderGithub: Renderer = (report) => {
  const lines = report.findings.map((f) => {
    const related = f.related ? ` (${f.related.label}: ${f.related.file}:${f.related.line})` : '';
    const props = [
      `file=${escapeProperty(plain(f.file))}`,
      `line=${f.line}`,
      `col=${f.column}`,
      `title=${escapeProperty(f.rule)}`,
    ].join(',');
    return `::${COMMAND[f.severity]} ${props}::${escapeData(plainLines(f.message + related))}`;
  });
  return lines.length ? `${lines.join('\n')}\n` : '';
};
