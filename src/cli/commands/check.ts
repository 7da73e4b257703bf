import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeContractFile, type AnalyzedContract } from '../../contract/analyze.js';
import { loadConfig, type ContractEntry, type SideSource } from '../../config/load-config.js';
import { extractFields } from '../../extract/index.js';
import { failsOn, isContractChange, type FailOn } from '../../diff/change.js';
import { sortFindings, type Finding } from '../../finding.js';
import { runGuard } from '../../guards/run-guard.js';
import { CONTRACTS_DIR, defaultContractFiles } from '../contract-files.js';
import type { CliIo } from '../io.js';
import { exitCodeFor, type ExitCode } from '../exit-code.js';
import type { CommandOutcome } from '../main.js';
import { compareGenerated, targetFor } from './generate.js';

async function guardSide(io: CliIo, guard: 'pin' | 'consumes', contract: AnalyzedContract, side: SideSource): Promise<Finding[]> {
  const source = await extractFields(side.kind, { path: side.path, ...(side.type ? { typeName: side.type } : {}), cwd: io.cwd });
  return runGuard(guard, contract, source, side.kind);
}

/**
 * A change that fails this run is an error in check's report, whatever its
 * class's usual severity, so the summary line counts what failed (a
 * needs-both-sides change under `failOn: needs-both-sides` is not "a warning"
 * in a run that exits 1).
 */
function asFailure(finding: Finding, failOn: FailOn): Finding {
  return isContractChange(finding) && failsOn(finding.data.class, failOn) ? { ...finding, severity: 'error' } : finding;
}

/**
 * `wirepin check`: the CI job. Reads wirepin.yaml (found from the working
 * directory upward, or `configPath`); every path in it, and every path in the
 * report, is relative to the config's directory. For every contract it lists
 * (and any other contracts/*.contract.json): lint; then, for contracts that
 * lint clean, the sync against the configured source of truth, generate
 * --check, the producer pin and consumer completeness.
 */
export async function runCheck(outer: CliIo, configPath: string | undefined): Promise<CommandOutcome> {
  const config = await loadConfig(configPath, outer.cwd);
  const io: CliIo = { ...outer, cwd: config.root };
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
  findings.push(...(await compareGenerated(io, clean.map((c) => ({ target: targetFor(c.entry, io, config.root), analyzed: c.analyzed })))));
  let syncs = 0;
  for (const { entry } of clean) {
    if (entry.source === undefined) continue;
    // A mirror must equal its source of truth: every difference fails, whatever its class.
    const { runSync } = await import('./sync.js');
    const sync = await runSync(io, { mirror: entry.contract, source: entry.source });
    findings.push(...sync.report.findings.map((f) => asFailure(f, 'any')));
    syncs++;
  }
  for (const { entry, analyzed } of clean) {
    if (entry.producer) {
      findings.push(...(await guardSide(io, 'pin', analyzed, entry.producer)));
      pins++;
    }
    if (entry.consumer) {
      findings.push(...(await guardSide(io, 'consumes', analyzed, entry.consumer)));
      consumes++;
    }
    if (!entry.producer && !entry.consumer) notes.push(`${entry.contract}: not in ${config.file}; linted and generate-checked only`);
  }
  const synced = syncs > 0 ? `${syncs} sync${syncs === 1 ? '' : 's'}, ` : '';
  let subject = `${entries.length} contract${entries.length === 1 ? '' : 's'}: lint, ${synced}generate --check, ${pins} pin${pins === 1 ? '' : 's'}, ${consumes} consumes`;
  let exitCode = exitCodeFor(findings);
  // In CI, with a base ref configured, the contract changes of this branch are classified too.
  if (config.diff && io.env['CI'] === 'true') {
    const { runDiff } = await import('./diff.js');
    const diff = await runDiff(io, { files: [], against: config.diff.against, failOn: config.diff.failOn });
    findings.push(...diff.report.findings.map((f) => asFailure(f, config.diff?.failOn ?? 'breaking')));
    subject += `, diff against ${config.diff.against} (fail on ${config.diff.failOn})`;
    exitCode = Math.max(exitCode, diff.exitCode ?? 0) as ExitCode;
  } else if (config.diff) {
    notes.push(`diff against ${config.diff.against}: runs in CI (CI=true); run \`npx wirepin diff --against ${config.diff.against}\` to see it here`);
  }
  return { report: { command: 'check', subject, findings: sortFindings(findings), notes }, exitCode };
}
