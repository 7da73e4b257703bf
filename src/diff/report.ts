import { dottedName } from '../contract/json-pointer.js';
import type { Finding } from '../finding.js';
import type { Format, RenderOptions, Renderer, Report } from '../render/index.js';
import { CHANGE_CLASSES, failsOn, isContractChange, type ChangeClass, type ContractChange, type FailOn } from './change.js';

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
}

export type DiffRenderer = (report: DiffReport, options: RenderOptions) => string;

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

/** How reports spell a class for people. */
export const CLASS_LABEL: Readonly<Record<ChangeClass, string>> = {
  breaking: 'breaking',
  'needs-both-sides': 'needs both sides',
  'dead-channel': 'dead channel',
  safe: 'safe',
};

/** What each class means, in one line, for the headline table. */
export const CLASS_MEANING: Readonly<Record<ChangeClass, string>> = {
  breaking: 'cp loses or misreads a field it reads',
  'needs-both-sides': 'core must send and cp must read: ship both, mind the deploy order',
  'dead-channel': 'core sends a field cp ignores',
  safe: 'nothing cp reads changes',
};

/**
 * Attaches the diff renderers to the report, so the CLI prints a diff with
 * them rather than with the generic finding renderers.
 */
export function withRenderers(
  report: DiffReport,
  renderers: Readonly<Record<Format, DiffRenderer>>,
): DiffReport & { readonly renderers: Readonly<Record<Format, Renderer>> } {
  const bound = (render: DiffRenderer): Renderer => (_report, options) => render(report, options);
  return {
    ...report,
    renderers: { text: bound(renderers.text), json: bound(renderers.json), markdown: bound(renderers.markdown), github: bound(renderers.github) },
  };
}

/** A short phrase for a change, from its rule and kind ("became alive", "type changed"). */
export function changeLabel(rule: string, kind: string): string {
  switch (rule) {
    case 'FIELD_ADDED':
      return kind === 'dead' ? 'added (dead)' : 'added (consumed)';
    case 'FIELD_REMOVED':
      return kind === 'dead' ? 'removed (was dead)' : 'removed (was consumed)';
    case 'FIELD_TYPE_CHANGED':
      return kind === 'became-nullable' ? 'became nullable' : kind === 'became-non-nullable' ? 'no longer nullable' : 'type changed';
    case 'FIELD_REQUIRED_CHANGED':
    case 'CONSUMES_FLIPPED':
      return kind.replace('-', ' ');
    case 'NOTE_CHANGED':
      return `note ${kind}`;
    case 'DESCRIPTION_CHANGED':
      return `description ${kind}`;
    case 'ENDPOINT_CHANGED':
      return 'changed';
    case 'SIDE_TYPE_CHANGED':
      return 'renamed';
    case 'CONTRACT_ADDED':
      return 'contract added';
    case 'CONTRACT_REMOVED':
      return 'contract deleted';
    case 'SYNC_DRIFT':
      return kind === 'missing' ? 'missing in mirror' : kind === 'extra' ? 'only in mirror' : 'differs';
    default:
      return kind;
  }
}

/** Rules whose before/after values are prose (notes, descriptions) rather than short tokens. */
export const PROSE_RULES: ReadonlySet<string> = new Set(['NOTE_CHANGED', 'DESCRIPTION_CHANGED']);

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
  return { class: undefined, kind: text('kind') ?? '', before: text('before'), after: text('after'), consumes: null, note: null };
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
