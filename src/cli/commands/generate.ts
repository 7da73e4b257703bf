import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { analyzeContractFile } from '../../contract/analyze.js';
import { sortFindings, type Finding } from '../../finding.js';
import { defaultGeneratedPaths, planGeneratedFiles, type GeneratedFile, type GeneratedPaths } from '../../generate/plan.js';
import type { Report } from '../../render/index.js';
import { GENERATED_FILE_STALE } from '../../rules/generate/GENERATED_FILE_STALE.js';
import { placeDrafts } from '../../rules/rule.js';
import { defaultContractFiles } from '../contract-files.js';
import type { CliIo } from '../io.js';

export interface GenerateTarget {
  readonly contract: string;
  readonly paths: GeneratedPaths;
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Plans every generated file; a contract with lint errors stops the run (its findings are returned). */
async function plan(io: CliIo, targets: readonly GenerateTarget[]): Promise<{ files: GeneratedFile[]; lintFindings: Finding[] }> {
  const files: GeneratedFile[] = [];
  const lintFindings: Finding[] = [];
  for (const target of targets) {
    const analyzed = await analyzeContractFile(target.contract, io.cwd);
    if (analyzed.findings.some((f) => f.severity === 'error')) {
      lintFindings.push(...analyzed.findings);
      continue;
    }
    files.push(...(await planGeneratedFiles(analyzed, target.paths)));
  }
  return { files, lintFindings };
}

export async function targetsFromContracts(io: CliIo, contracts: readonly string[]): Promise<GenerateTarget[]> {
  const files = contracts.length ? contracts : await defaultContractFiles(io.cwd);
  return files.map((contract) => ({ contract, paths: defaultGeneratedPaths(contract) }));
}

/**
 * `wirepin generate [--check]`: writes (or, with --check, compares) the wire
 * schema and both sides' types for every contract.
 */
export async function runGenerate(io: CliIo, targets: readonly GenerateTarget[], check: boolean): Promise<Report> {
  const { files, lintFindings } = await plan(io, targets);
  const subject = `${targets.length} contract${targets.length === 1 ? '' : 's'}, ${files.length} generated files`;
  if (lintFindings.length) return { command: check ? 'generate --check' : 'generate', subject, findings: sortFindings(lintFindings) };
  if (check) {
    const comparisons = [];
    for (const f of files) comparisons.push({ path: f.path, contract: f.contract, expected: f.content, actual: await readIfPresent(resolve(io.cwd, f.path)) });
    const findings: Finding[] = [];
    for (const draft of GENERATED_FILE_STALE.check(comparisons)) {
      const generated = String(draft.data?.['generated'] ?? '');
      findings.push(...placeDrafts(GENERATED_FILE_STALE, [draft], generated, undefined));
    }
    return { command: 'generate --check', subject, findings: sortFindings(findings) };
  }
  const notes: string[] = [];
  for (const f of files) {
    const target = resolve(io.cwd, f.path);
    const before = await readIfPresent(target);
    if (before === f.content) {
      notes.push(`unchanged ${f.path}`);
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, f.content);
    notes.push(`wrote ${f.path}`);
  }
  return { command: 'generate', subject, findings: [], notes };
}
