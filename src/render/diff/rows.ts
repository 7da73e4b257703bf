import { dottedName } from '../../json-pointer.js';
import { GENERIC_NAMES, type ServiceNames } from '../../contract/service-names.js';
import type { ChangeClass } from '../../diff/change.js';
import { isContractChange } from '../../diff/change.js';
import type { DiffReport } from '../../run/diff-report.js';
import type { Finding } from '../../finding.js';
import { ruleById } from '../../rules/registry.js';
import type { RenderOptions } from '../options.js';

export type DiffRenderer = (report: DiffReport, options: RenderOptions) => string;

/** How reports spell a class for people. */
export const CLASS_LABEL: Readonly<Record<ChangeClass, string>> = {
  breaking: 'breaking',
  'needs-both-sides': 'needs both sides',
  'dead-channel': 'dead channel',
  safe: 'safe',
};

/** What each class means, in one line, for the headline table, in the services' own names. */
export function classMeaning(names: ServiceNames = GENERIC_NAMES): Readonly<Record<ChangeClass, string>> {
  const { producer, consumer } = names;
  return {
    breaking: `${consumer} loses or misreads a field it reads`,
    'needs-both-sides': `${producer} must send and ${consumer} must read: ship both, mind the deploy order`,
    'dead-channel': `${producer} sends a field ${consumer} ignores`,
    safe: `nothing ${consumer} reads changes`,
  };
}

/** A short phrase for a change, from the label its rule declares for the kind ("became alive", "type changed"). */
export function changeLabel(rule: string, kind: string): string {
  return ruleById(rule)?.messages?.[kind] ?? kind;
}

/** Whether the rule's before/after values are prose (notes, descriptions) rather than short tokens, as the rule declares. */
export function hasProseValues(rule: string): boolean {
  return ruleById(rule)?.proseValues === true;
}

/** The note a row shows beside the change: none when the rule declares that its before/after values are the note. */
export function noteColumn(finding: Finding, facts: RowFacts): string | null {
  return ruleById(finding.rule)?.valuesAreNote === true ? null : facts.note;
}

/** The facts renderers show for any finding of a diff report; SYNC_DRIFT has no class. */
export interface RowFacts {
  readonly class: ChangeClass | undefined;
  readonly kind: string;
  readonly before: string | null;
  readonly after: string | null;
  readonly consumes: boolean | null;
  readonly note: string | null;
}

export function rowFacts(finding: Finding): RowFacts {
  if (isContractChange(finding)) return finding.data;
  const data = finding.data ?? {};
  const text = (key: string): string | null => (typeof data[key] === 'string' ? (data[key] as string) : null);
  return {
    class: undefined,
    kind: text('kind') ?? '',
    before: text('before'),
    after: text('after'),
    consumes: null,
    note: null,
  };
}

/** What a row is about: the field ("display.mode"), a header member ("endpoint"), "(contract)", or for drift the JSON pointer. */
export function rowSubject(finding: Finding): string {
  if (finding.field !== undefined) return finding.field;
  if (!isContractChange(finding)) {
    const pointer = typeof finding.data?.['pointer'] === 'string' ? finding.data['pointer'] : finding.path;
    return pointer === '' ? '(document)' : pointer;
  }
  return finding.path === '' ? '(contract)' : dottedName(finding.path);
}
