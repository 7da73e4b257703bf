import type { Finding } from '../finding.js';
import { LINT_RULES } from '../rules/lint/index.js';

/** 0: every check holds. 1: a check found a violation. 2: a check could not run. */
export type ExitCode = 0 | 1 | 2;

/**
 * Rules whose findings mean the input could not be read at all, from their own
 * `blocksInput` declaration. Only a lint rule reads a contract's text, and every
 * command that reads a contract has loaded the lint rules already.
 */
export const INPUT_BLOCKING_RULES: ReadonlySet<string> = new Set(
  LINT_RULES.filter((r) => r.blocksInput).map((r) => r.id),
);

/** The exit code findings alone decide: 2 when input could not be read, 1 on an error, else 0. */
export function exitCodeFor(findings: readonly Finding[]): ExitCode {
  if (findings.some((f) => INPUT_BLOCKING_RULES.has(f.rule))) return 2;
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

/** The more severe of two exit codes. */
export function worstExitCode(a: ExitCode, b: ExitCode): ExitCode {
  return a >= b ? a : b;
}
