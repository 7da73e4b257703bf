import type { Finding } from './finding.js';

/** What a command reports, for the renderers: plain data. */
export interface Report {
  /** The command that produced the findings: "lint", "pin", ... */
  readonly command: string;
  /** One line saying what was checked: "1 contract", "cpProvisionRequest against contracts/x.contract.json". */
  readonly subject: string;
  /** Sorted findings. */
  readonly findings: readonly Finding[];
  /** Extra lines for the text and markdown renderers (e.g. "wrote schemas/x.schema.json"). */
  readonly notes?: readonly string[];
  /** consumes with the static read analysis: per consumer field, where it is read (JSON output only). */
  readonly reads?: readonly FieldReadsReport[];
}

/** One consumer field in the read analysis: read (with every read site, `file:line:column`), unread, or unprovable (with the escape). */
export interface FieldReadsReport {
  /** Graph mode (a contract with `$defs`): the source type that declares the field; `pointer` is then relative to it. */
  readonly type?: string;
  readonly pointer: string;
  readonly status: 'read' | 'unread' | 'unprovable';
  readonly sites?: readonly string[];
  readonly escape?: string;
}
