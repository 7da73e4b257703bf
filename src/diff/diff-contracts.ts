import type { AnalyzedContract } from '../contract/analyze.js';
import { WirepinError } from '../errors.js';
import type { ChangeDraft, DiffRule } from '../rules/diff/context.js';
import { DIFF_RULES } from '../rules/diff/index.js';
import { placeDrafts } from '../rules/rule.js';
import { compareChanges, SEVERITY_OF_CLASS, type ContractChange } from './change.js';
import { pairContracts, type ContractPairing, type PairedSide } from './pair.js';

/**
 * Refuses a contract with lint errors: a diff of an invalid contract would
 * classify changes against a ledger that lint has not vouched for.
 */
export function assertLintClean(contract: AnalyzedContract): void {
  const errors = contract.findings.filter((f) => f.severity === 'error');
  const first = errors[0];
  if (!first) return;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  throw new WirepinError(
    'E_PARSE',
    `${contract.file} does not lint clean, so wirepin will not diff it: ${first.rule}: ${first.message}${more}`,
    {
      location: { file: contract.file, line: first.line, column: first.column },
      hint: `Run \`wirepin lint\` on ${contract.file} and fix its findings first.`,
    },
  );
}

/** Places one rule's drafts in the side they point into; each change's severity follows from its class. */
function placeChanges(rule: DiffRule, drafts: readonly ChangeDraft[], side: PairedSide): ContractChange[] {
  return placeDrafts(rule, drafts, side.file, side.positions).map((finding, i) => {
    const data = (drafts[i] as ChangeDraft).data;
    return { ...finding, severity: SEVERITY_OF_CLASS[data.class], data };
  });
}

/**
 * The classified changes from `base` to `head`. An undefined side means the
 * contract was added (no base) or deleted (no head). Both sides must lint
 * clean; otherwise this throws E_PARSE naming the file. Key order and
 * whitespace never count: only the field tables and the header are compared.
 * Changes are placed in the head contract (the base, when the head is deleted)
 * and sorted most severe class first, then by position.
 */
export function diffContracts(base: AnalyzedContract | undefined, head: AnalyzedContract | undefined): ContractChange[] {
  if (!base && !head) throw new WirepinError('E_USAGE', 'A diff needs at least one contract.');
  if (base) assertLintClean(base);
  if (head) assertLintClean(head);
  return classifyChanges(pairContracts(base, head));
}

/** Runs every diff rule over an existing pairing (no lint check): `diffContracts` without the guard, for `sync`. */
export function classifyChanges(pairing: ContractPairing): ContractChange[] {
  const side = pairing.head ?? pairing.base;
  if (!side) return [];
  const changes: ContractChange[] = [];
  for (const rule of DIFF_RULES) changes.push(...placeChanges(rule, rule.check(pairing), side));
  return changes.sort(compareChanges);
}
