import type { Finding } from '../../finding.js';
import { CHANGE_CLASSES, countByClass, isContractChange } from '../../diff/change.js';
import { changesOf, reportFails } from '../../run/diff-report.js';
import { rowFacts, type DiffRenderer } from './rows.js';

/** One finding with a fixed key order, absent values as null, so every entry has the same shape. */
function findingJson(f: Finding): Record<string, unknown> {
  const facts = rowFacts(f);
  const data = f.data ?? {};
  const pointer = typeof data['pointer'] === 'string' ? data['pointer'] : f.path;
  return {
    rule: f.rule,
    class: facts.class ?? null,
    kind: facts.kind,
    severity: f.severity,
    file: f.file,
    line: f.line,
    column: f.column,
    path: f.path,
    pointer,
    field: f.field ?? null,
    before: facts.before,
    after: facts.after,
    consumes: facts.consumes,
    note: facts.note,
    ...(isContractChange(f) && f.data.nested !== undefined ? { nested: f.data.nested } : {}),
    ...(isContractChange(f) && f.data.required !== undefined ? { required: f.data.required } : {}),
    ...(isContractChange(f) && f.data.possibleRename !== undefined ? { possibleRename: f.data.possibleRename } : {}),
    ...(isContractChange(f) && f.data.def !== undefined
      ? {
          def: f.data.def,
          uses: f.data.uses ?? [],
          moreUses: f.data.moreUses ?? 0,
          usesComplete: f.data.usesComplete ?? true,
        }
      : {}),
    message: f.message,
    related: f.related
      ? { label: f.related.label, file: f.related.file, line: f.related.line, column: f.related.column }
      : null,
  };
}

/**
 * The diff for machines: `{ command, subject, failOn, failed, summary, contracts, findings }`.
 * `summary` counts changes by class (plus `drift` for SYNC_DRIFT); `failed` is
 * what the exit code says. SYNC_DRIFT findings have `class: null`.
 */
export const renderDiffJson: DiffRenderer = (report) => {
  const changes = changesOf(report.findings);
  const counts = countByClass(changes);
  const summary: Record<string, number> = {};
  for (const c of CHANGE_CLASSES) summary[c] = counts[c];
  summary['drift'] = report.findings.length - changes.length;
  const body = {
    command: report.command,
    subject: report.subject,
    failOn: report.failOn ?? null,
    failed: reportFails(report),
    summary,
    contracts: report.compared.map((c) => ({ file: c.file, base: c.base ?? null, head: c.head ?? null })),
    findings: report.findings.map(findingJson),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
};
