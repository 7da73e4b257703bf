import type { Finding } from '../finding.js';
import { allRules } from '../rules/registry.js';

/** 0: every check holds. 1: a check found a violation. 2: a check could not run. */
export type ExitCode = 0 | 1 | 2;

const blocking = new Set(allRules().filter((r) => r.blocksInput).map((r) => r.id));

export function exitCodeFor(findings: readonly Finding[]): ExitCode {
  if (findings.some((f) => blocking.has(f.rule))) return 2;
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}
