import { analyzeContractFile } from '../../contract/analyze.js';
import type { Finding } from '../../finding.js';
import { sortFindings } from '../../finding.js';
import type { Report } from '../../render/index.js';
import { defaultContractFiles } from '../contract-files.js';
import type { CliIo } from '../io.js';

/** `wirepin lint [FILES...]`: the meta-schema and the named lint rules over each contract. */
export async function runLint(io: CliIo, files: readonly string[]): Promise<Report> {
  const targets = files.length ? files : await defaultContractFiles(io.cwd);
  const findings: Finding[] = [];
  for (const file of targets) findings.push(...(await analyzeContractFile(file, io.cwd)).findings);
  return { command: 'lint', subject: `${targets.length} contract${targets.length === 1 ? '' : 's'}`, findings: sortFindings(findings) };
}
