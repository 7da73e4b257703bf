import type { ContractVerdict } from '../contract/usable.js';
import { sortFindings, type Finding } from '../finding.js';
import type { Report } from '../report.js';
import type { ExitCode } from './exit-code.js';

export type { ExitCode };

/** What a use-case may know of the world: where it runs and its environment (CI, GITHUB_STEP_SUMMARY, ...). */
export interface RunEnv {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** What every use-case returns: a report to render, and the exit code it decided. */
export interface Outcome<R extends Report = Report> {
  readonly report: R;
  readonly exitCode: ExitCode;
}

/** The contracts a command was handed that are not usable (`judgeContract`). */
export function unusable(verdicts: readonly ContractVerdict[]): Array<Extract<ContractVerdict, { usable: false }>> {
  return verdicts.filter((v): v is Extract<ContractVerdict, { usable: false }> => !v.usable);
}

/**
 * The one outcome of a command handed a contract that does not lint clean:
 * the contract's lint findings, and exit 2 (the check could not run).
 */
export function unusableOutcome(
  command: string,
  what: string,
  refused: readonly Extract<ContractVerdict, { usable: false }>[],
): Outcome {
  const files = refused.map((v) => v.file).join(', ');
  const findings: Finding[] = refused.flatMap((v) => v.findings);
  return {
    report: { command, subject: `${files} (invalid contract; ${what} not run)`, findings: sortFindings(findings) },
    exitCode: 2,
  };
}
