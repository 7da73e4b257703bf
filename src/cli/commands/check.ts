import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeContractFile, type AnalyzedContract } from '../../contract/analyze.js';
import { loadConfig, type ContractEntry, type SideSource } from '../../config/load-config.js';
import { extractFields } from '../../extract/index.js';
import { sortFindings, type Finding } from '../../finding.js';
import { runGuard } from '../../guards/run-guard.js';
import { CONTRACTS_DIR, defaultContractFiles } from '../contract-files.js';
import type { CliIo } from '../io.js';
import { exitCodeFor, type ExitCode } from '../exit-code.js';
import type { CommandOutcome } from '../main.js';
import { compareGenerated, targetFor } from './generate.js';

async function guardSide(io: CliIo, guard: 'pin' | 'consumes', contract: AnalyzedContract, side: SideSource, notes: string[]): Promise<Finding[]> {
  const source = await extractFields(side.kind, {
    path: side.path,
    ...(side.type ? { typeName: side.type } : {}),
    cwd: io.cwd,
    direction: guard === 'consumes' ? 'decode' : 'encode',
    ...(side.goTarget ? { goTarget: side.goTarget } : {}),
  });
  notes.push(...(source.notes ?? []));
  return runGuard(guard, contract, source, side.kind);
}

/**
 * `wirepin check`: the CI job. For every contract in wirepin.yaml (and any
 * other contracts/*.contract.json): lint; then, for contracts that lint clean,
 * generate --check, the producer pin and consumer completeness.
 */
export async function runCheck(io: CliIo, configPath: string): Promise<CommandOutcome> {
  const config = await loadConfig(configPath, io.cwd);
  const entries: Array<Pick<ContractEntry, 'contract' | 'generate'> & Partial<ContractEntry>> = [...config.contracts];
  if (existsSync(join(io.cwd, CONTRACTS_DIR))) {
    const configured = new Set(config.contracts.map((c) => c.contract));
    for (const file of await defaultContractFiles(io.cwd)) if (!configured.has(file)) entries.push({ contract: file, generate: {} });
  }
  const findings: Finding[] = [];
  const notes: string[] = [];
  let pins = 0;
  let consumes = 0;
  const clean: Array<{ entry: (typeof entries)[number]; analyzed: AnalyzedContract }> = [];
  for (const entry of entries) {
    const analyzed = await analyzeContractFile(entry.contract, io.cwd);
    findings.push(...analyzed.findings);
    if (analyzed.findings.some((f) => f.severity === 'error')) notes.push(`${entry.contract}: lint errors; generate --check, pin and consumes not run for it`);
    else clean.push({ entry, analyzed });
  }
  findings.push(...(await compareGenerated(io, clean.map((c) => ({ target: targetFor(c.entry), analyzed: c.analyzed })))));
  for (const { entry, analyzed } of clean) {
    if (entry.producer) {
      findings.push(...(await guardSide(io, 'pin', analyzed, entry.producer, notes)));
      pins++;
    }
    if (entry.consumer) {
      findings.push(...(await guardSide(io, 'consumes', analyzed, entry.consumer, notes)));
      consumes++;
    }
    if (!entry.producer && !entry.consumer) notes.push(`${entry.contract}: not in ${config.file}; linted and generate-checked only`);
  }
  let subject = `${entries.length} contract${entries.length === 1 ? '' : 's'}: lint, generate --check, ${pins} pin${pins === 1 ? '' : 's'}, ${consumes} consumes`;
  let exitCode = exitCodeFor(findings);
  // In CI, with a base ref configured, the contract changes of this branch are classified too.
  if (config.diff && io.env['CI'] === 'true') {
    const { runDiff } = await import('./diff.js');
    const diff = await runDiff(io, { files: [], against: config.diff.against, failOn: config.diff.failOn });
    findings.push(...diff.report.findings);
    subject += `, diff against ${config.diff.against} (fail on ${config.diff.failOn})`;
    exitCode = Math.max(exitCode, diff.exitCode ?? 0) as ExitCode;
  } else if (config.diff) {
    notes.push(`diff against ${config.diff.against}: runs in CI (CI=true); run \`npx wirepin diff --against ${config.diff.against}\` to see it here`);
  }
  return { report: { command: 'check', subject, findings: sortFindings(findings), notes }, exitCode };
}
