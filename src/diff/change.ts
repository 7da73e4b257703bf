import { compareFindings, type Finding, type Severity } from '../finding.js';

/**
 * What a contract change means for the two services, most severe first.
 *
 * - `breaking`: the consumer loses or misreads a field it reads (a consumed field removed,
 *   consumed → dead, any type change, a field becoming required, the endpoint moving,
 *   the contract deleted).
 * - `needs-both-sides`: the producer must send something and the consumer must read it, so the change is
 *   only done when both repositories ship it, and deploy order matters (a consumed
 *   field added, dead → consumed, a new contract, a required dead field removed).
 * - `dead-channel`: the producer starts sending something the consumer ignores (a dead field added).
 * - `safe`: nothing on the wire changes for the consumer (descriptions, notes, optional dead
 *   fields removed, a field becoming optional, a side's type renamed).
 *
 * A change gets exactly one class; when several apply, the most severe wins in the
 * order above (consumed → dead opens a dead channel too, but it is `breaking`).
 */
export const CHANGE_CLASSES = ['breaking', 'needs-both-sides', 'dead-channel', 'safe'] as const;
export type ChangeClass = (typeof CHANGE_CLASSES)[number];

export const SEVERITY_OF_CLASS: Readonly<Record<ChangeClass, Severity>> = {
  breaking: 'error',
  'needs-both-sides': 'warning',
  'dead-channel': 'warning',
  safe: 'notice',
};

/** 0 is the most severe. */
export function classRank(changeClass: ChangeClass): number {
  return CHANGE_CLASSES.indexOf(changeClass);
}

/** Which classes make `wirepin diff` exit 1: at least `breaking`, at least `needs-both-sides`, or any change at all. */
export const FAIL_ON = ['breaking', 'needs-both-sides', 'any'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export function failsOn(changeClass: ChangeClass, failOn: FailOn): boolean {
  return failOn === 'any' || classRank(changeClass) <= classRank(failOn);
}

/**
 * The facts of one change, for renderers and machines. Absent values are null
 * (not missing keys), so every change has the same JSON shape.
 */
export type ChangeData = {
  readonly class: ChangeClass;
  /** The variant within the rule: "consumed", "became-dead", "added", ... */
  readonly kind: string;
  /** Wire pointer of the field ("/display/mode"); "" for a change to the contract as a whole. */
  readonly pointer: string;
  /** The value before and after, as a reviewer reads it: a wire type, "required", a note. */
  readonly before: string | null;
  readonly after: string | null;
  /** `cp_consumes` of the field now (in the base for a removed field); null for contract-level changes. */
  readonly consumes: boolean | null;
  /** The field's note now (in the base for a removed field), when it has one. */
  readonly note: string | null;
  /** Fields inside a removed or added field (or contract) that are not reported on their own. */
  readonly nested?: number;
  /** A field added under the same parent with the same type: maybe this removal is a rename. */
  readonly possibleRename?: string;
  /** Whether the added or removed field is listed in its parent's `required`. */
  readonly required?: boolean;
  /**
   * A change inside a definition of `$defs` (or to the definition as a whole):
   * its name, then where the payload uses it (`pointer` is then relative to the
   * definition), reported once for every use: the first use paths, how many
   * more, and whether that count is complete or a lower bound.
   */
  readonly def?: string;
  readonly uses?: readonly string[];
  readonly moreUses?: number;
  readonly usesComplete?: boolean;
  /** A value constraint that changed, as a pointer below the field's schema without the leading "/": "maxLength", "items/pattern". */
  readonly keyword?: string;
};

/**
 * A change between two versions of a contract: a finding placed in the head
 * contract (the base, when the head was deleted), with its severity taken from
 * its class and its facts in `data`. `related` points into the base.
 */
export interface ContractChange extends Finding {
  readonly data: ChangeData;
}

export function isContractChange(finding: Finding): finding is ContractChange {
  const data = finding.data;
  return (
    data !== undefined &&
    typeof data['class'] === 'string' &&
    (CHANGE_CLASSES as readonly string[]).includes(data['class'])
  );
}

/** Most severe class first, then the order of `compareFindings` (file, line, column, rule, ...). */
export function compareChanges(a: ContractChange, b: ContractChange): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    classRank(a.data.class) - classRank(b.data.class) ||
    compareFindings(a, b)
  );
}

export function countByClass(changes: readonly ContractChange[]): Record<ChangeClass, number> {
  const counts: Record<ChangeClass, number> = { breaking: 0, 'needs-both-sides': 0, 'dead-channel': 0, safe: 0 };
  for (const change of changes) counts[change.data.class] += 1;
  return counts;
}
