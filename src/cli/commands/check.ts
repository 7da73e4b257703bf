import { sortFindings, type Finding } from '../../finding.js';
import type { CliIo } from '../io.js';
import type { CommandOutcome } from '../main.js';
import { runGenerate, targetsFromContracts } from './generate.js';
import { runLint } from './lint.js';

/** `wirepin check`: every guard over the repository, one report. */
export async function runCheck(io: CliIo, _configPath: string): Promise<CommandOutcome> {
  const lint = await runLint(io, []);
  const findings: Finding[] = [...lint.findings];
  const steps = ['lint'];
  if (!lint.findings.some((f) => f.severity === 'error')) {
    const generate = await runGenerate(io, await targetsFromContracts(io, []), true);
    findings.push(...generate.findings);
    steps.push('generate --check');
  }
  return { report: { command: 'check', subject: steps.join(', '), findings: sortFindings(findings) } };
}
