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
}
