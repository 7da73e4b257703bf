import type { Finding } from '../finding.js';
import type { ServiceNames } from '../contract/service-names.js';
import type { Report } from '../report.js';
import {
  CHANGE_CLASSES,
  failsOn,
  isContractChange,
  type ChangeClass,
  type ContractChange,
  type FailOn,
} from '../diff/change.js';

/** One pair of contract versions that was compared; a side is undefined when the contract was added or deleted. */
export interface ComparedContract {
  /** How reports name the base ("origin/main:contracts/x.contract.json"). */
  readonly base: string | undefined;
  /** How reports name the head; findings about this contract carry this file (the path, for a deleted contract). */
  readonly head: string | undefined;
  /** The file the contract's findings name. */
  readonly file: string;
}

/**
 * A `diff` or `sync` report: the changes (findings whose data has a class),
 * the other findings (SYNC_DRIFT), every contract compared, and what fails.
 */
export interface DiffReport extends Report {
  /** `diff`: the classes that fail the run. `sync`: undefined, any difference fails. */
  readonly failOn: FailOn | undefined;
  readonly compared: readonly ComparedContract[];
  /** The heading of each contract's table: "Changes", or "What the mirror has wrong" for sync. */
  readonly framing: string;
  /** What the two sides are called: base and head, or source and mirror. */
  readonly sides: { readonly base: string; readonly head: string };
  /** The services the compared contracts name, for the class meanings; "the producer"/"the consumer" when they differ or are unnamed. */
  readonly names?: ServiceNames;
}

export function changesOf(findings: readonly Finding[]): ContractChange[] {
  return findings.filter(isContractChange);
}

/** Does this report make the command exit 1? */
export function reportFails(report: DiffReport): boolean {
  if (report.failOn === undefined) return report.findings.length > 0;
  const failOn = report.failOn;
  return changesOf(report.findings).some((c) => failsOn(c.data.class, failOn));
}

/** The classes that fail with this --fail-on, most severe first. */
export function failingClasses(failOn: FailOn): ChangeClass[] {
  return CHANGE_CLASSES.filter((c) => failsOn(c, failOn));
}
