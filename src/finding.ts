import type { SourceLocation } from './errors.js';

export type Severity = 'error' | 'warning' | 'notice';

/**
 * One thing a check found. Plain readonly data: rules produce drafts with a
 * contract pointer; one layer (`placeFindings`) maps pointers to line:column.
 */
export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  /** The contract file (or the file being checked), relative to the working directory. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
  /** JSON pointer into `file` ("/properties/display/properties/mode/note"); "" for the whole document. */
  readonly path: string;
  /** The wire field this is about, dotted ("display.mode"), when there is one. */
  readonly field?: string;
  readonly message: string;
  /** The producer or consumer source declaration, or the other contract in a diff. */
  readonly related?: RelatedLocation;
  /** Structured facts for renderers and machines (kinds, before/after values). */
  readonly data?: Readonly<Record<string, unknown>>;
}

export interface RelatedLocation extends SourceLocation {
  /** What the location is: "producer cpProvisionRequest", "base contract", ... */
  readonly label: string;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

/** Deterministic order: file, line, column, rule, path, message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareText(a.rule, b.rule) ||
    compareText(a.path, b.path) ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    compareText(a.message, b.message)
  );
}

/** Code-unit comparison: locale-independent, so output never depends on the machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}
