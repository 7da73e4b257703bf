import { analyzeContractFile } from './analyze.js';
import type { Finding } from '../finding.js';
import { sortFindings } from '../finding.js';
import { plural } from '../wording.js';
import { defaultContractFiles } from './contract-files.js';
import { exitCodeFor } from './exit-code.js';
import type { Outcome, RunEnv } from './outcome.js';

/** `wirepin lint [FILES...]`: the meta-schema and the named lint rules over each contract. */
export async function runLint(io: RunEnv, files: readonly string[]): Promise<Outcome> {
  const targets = files.length ? files : await defaultContractFiles(io.cwd);
  const findings: Finding[] = [];
  for (const file of targets) findings.push(...(await analyzeContractFile(file, io.cwd)).findings);
  const sorted = sortFindings(findings);
  return {
    report: { command: 'lint', subject: plural(targets.length, 'contract'), findings: sorted },
    exitCode: exitCodeFor(sorted),
  };
}
