import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type ContractEntry, type SideSource } from '../config/load-config.js';
import { judgeContract, type CleanContract } from '../contract/usable.js';
import { extractFields, extractGraph } from '../extract/index.js';
import { failsOn, isContractChange, type FailOn } from '../diff/change.js';
import { sortFindings, type Finding } from '../finding.js';
import { plural } from '../wording.js';
import { analyzeContractFile, type AnalyzedContract } from './analyze.js';
import { CONTRACTS_DIR, defaultContractFiles } from './contract-files.js';
import { exitCodeFor, worstExitCode, type ExitCode } from './exit-code.js';
import { compareGenerated, targetFor } from './generate.js';
import { runGuard, runGuardGraph } from './guard-engine.js';
import { sampleGraph } from '../guards/sample-graph.js';
import { analyzeReads, readsModeFor } from './read-analysis.js';
import type { Outcome, RunEnv } from './outcome.js';

async function guardSide(
  io: RunEnv,
  guard: 'pin' | 'consumes',
  contract: CleanContract,
  side: SideSource,
  notes: string[],
): Promise<Finding[]> {
  const request = {
    path: side.path,
    ...(side.type ? { typeName: side.type } : {}),
    cwd: io.cwd,
    direction: guard === 'consumes' ? ('decode' as const) : ('encode' as const),
    ...(side.goTarget ? { goTarget: side.goTarget } : {}),
  };
  const readsMode = readsModeFor(side.reads ?? 'on', contract.model.consumer);
  // A contract with `$defs` is compared as `pin`/`consumes` compare it: pairwise over the source's type graph (a
  // JSON sample cut at the contract's references along its own paths).
  const source =
    contract.model.defs.size === 0
      ? await extractFields(side.kind, request)
      : side.kind === 'json'
        ? sampleGraph(contract.model, await extractFields('json', request), { trace: false })
        : await extractGraph(side.kind, request);
  notes.push(...(source.notes ?? []));
  const reads = guard === 'consumes' ? await analyzeReads(io, side, source, readsMode) : { notes: [] };
  notes.push(...reads.notes);
  return 'types' in source
    ? runGuardGraph(guard, contract, source, side.kind, reads.evidence)
    : runGuard(guard, contract, source, side.kind, 'static', reads.evidence);
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
 * --check, the producer pin and consumer completeness. A contract that
 * does not lint clean is reported with its lint findings and makes the run exit
 * 2, like every command handed such a contract: its other checks could not run.
 */
export async function runCheck(outer: RunEnv, configPath: string | undefined): Promise<Outcome> {
  const config = await loadConfig(configPath, outer.cwd);
  const io: RunEnv = { ...outer, cwd: config.root };
  const entries: Array<Pick<ContractEntry, 'contract' | 'generate'> & Partial<ContractEntry>> = [...config.contracts];
  if (existsSync(join(io.cwd, CONTRACTS_DIR))) {
    const configured = new Set(config.contracts.map((c) => c.contract));
    for (const file of await defaultContractFiles(io.cwd))
      if (!configured.has(file)) entries.push({ contract: file, generate: {} });
  }
  const findings: Finding[] = [];
  const notes: string[] = [];
  let pins = 0;
  let consumes = 0;
  let exitCode: ExitCode = 0;
  const clean: Array<{ entry: (typeof entries)[number]; contract: CleanContract }> = [];
  // Every contract is read and analyzed once; sync and diff reuse the analysis.
  const analyzedByFile = new Map<string, AnalyzedContract>();
  for (const entry of entries) {
    const analyzed = await analyzeContractFile(entry.contract, io.cwd);
    analyzedByFile.set(analyzed.file, analyzed);
    findings.push(...analyzed.findings);
    const verdict = judgeContract(analyzed);
    if (verdict.usable) {
      clean.push({ entry, contract: verdict.contract });
    } else {
      notes.push(`${entry.contract}: lint errors; generate --check, pin and consumes not run for it`);
      exitCode = 2;
    }
  }
  findings.push(
    ...(await compareGenerated(
      io,
      clean.map((c) => ({ target: targetFor(c.entry, io, config.root), contract: c.contract })),
    )),
  );
  let syncs = 0;
  for (const { entry, contract } of clean) {
    if (entry.source === undefined) continue;
    // A mirror must equal its source of truth: every difference fails, whatever its class.
    // The mirror is the contract analyzed above; only the source is read here.
    const { syncMirror } = await import('./sync.js');
    const sync = await syncMirror(io, contract, entry.source);
    findings.push(...sync.report.findings.map((f) => asFailure(f, 'any')));
    exitCode = worstExitCode(exitCode, sync.exitCode);
    syncs++;
  }
  for (const { entry, contract } of clean) {
    if (entry.producer) {
      findings.push(...(await guardSide(io, 'pin', contract, entry.producer, notes)));
      pins++;
    }
    if (entry.consumer) {
      findings.push(...(await guardSide(io, 'consumes', contract, entry.consumer, notes)));
      consumes++;
    }
    if (!entry.producer && !entry.consumer)
      notes.push(`${entry.contract}: not in ${config.file}; linted and generate-checked only`);
  }
  const synced = syncs > 0 ? `${plural(syncs, 'sync')}, ` : '';
  let subject = `${plural(entries.length, 'contract')}: lint, ${synced}generate --check, ${plural(pins, 'pin')}, ${consumes} consumes`;
  exitCode = worstExitCode(exitCode, exitCodeFor(findings));
  // In CI, with a base ref configured, the contract changes of this branch are classified too.
  if (config.diff && io.env['CI'] === 'true') {
    const { runDiff } = await import('./diff.js');
    const diff = await runDiff(io, {
      files: [],
      against: config.diff.against,
      failOn: config.diff.failOn,
      analyzed: analyzedByFile,
    });
    findings.push(...diff.report.findings.map((f) => asFailure(f, config.diff?.failOn ?? 'breaking')));
    subject += `, diff against ${config.diff.against} (fail on ${config.diff.failOn})`;
    exitCode = worstExitCode(exitCode, diff.exitCode);
  } else if (config.diff) {
    notes.push(
      `diff against ${config.diff.against}: runs in CI (CI=true); run \`npx wirepin diff --against ${config.diff.against}\` to see it here`,
    );
  }
  return { report: { command: 'check', subject, findings: sortFindings(findings), notes }, exitCode };
}
