import type { LintRule } from './context.js';

export const DUPLICATE_KEY: LintRule = {
  id: 'DUPLICATE_KEY',
  stage: 'lint',
  severity: 'error',
  summary: 'No object in the contract may repeat a key.',
  why: 'JSON parsers keep the last of two equal keys and drop the first without a word, so a duplicated field silently loses its ledger entry or its type.',
  check(context) {
    return context.problems
      .filter((p) => p.kind === 'duplicate-key')
      .map((p) => ({ path: p.pointer ?? '', position: p.position, message: `${p.message} Remove or rename one of them.`, data: p.data ?? {} }));
  },
};
