import { renderGithub } from '../github.js';
import { CLASS_LABEL, rowFacts, type DiffRenderer } from './rows.js';

/**
 * Workflow annotations at the changed lines of the head contract (for a removed
 * field, its parent's line), each message led by the change's class. Reuses
 * the generic annotation renderer for the escaping.
 */
export const renderDiffGithub: DiffRenderer = (report, options) => {
  const findings = report.findings.map((f) => {
    const facts = rowFacts(f);
    return { ...f, message: `${facts.class ? CLASS_LABEL[facts.class] : 'drift'}: ${f.message}` };
  });
  return renderGithub({ ...report, findings }, options);
};
