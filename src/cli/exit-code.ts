import type { Finding } from '../finding.js';

/** 0: every check holds. 1: a check found a violation. 2: a check could not run. */
export type ExitCode = 0 | 1 | 2;

/**
 * Rules whose findings mean the input could not be read at all (`blocksInput`
 * in their declaration). Listed here so that exiting does not load every rule
 * module; test/rules/registry.test.ts keeps the list and the flags in step.
 */
export const INPUT_BLOCKING_RULES: ReadonlySet<string> = new Set(['CONTRACT_PARSE_ERROR']);

export function exitCodeFor(findings: readonly Finding[]): ExitCode {
  if (findings.some((f) => INPUT_BLOCKING_RULES.has(f.rule))) return 2;
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}
