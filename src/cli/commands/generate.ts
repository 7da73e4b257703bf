import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { analyzeContractFile, displayPath, type AnalyzedContract } from '../../contract/analyze.js';
import { findConfigFile, loadConfig, type ContractEntry } from '../../config/load-config.js';
import { sortFindings, type Finding } from '../../finding.js';
import { defaultGeneratedPaths, planGeneratedFiles, type ExistingFile, type GeneratedFile, type GeneratedPaths } from '../../generate/plan.js';
import type { Report } from '../../render/index.js';
import { GENERATED_FILE_STALE } from '../../rules/generate/GENERATED_FILE_STALE.js';
import { placeDrafts } from '../../rules/rule.js';
import { defaultContractFiles } from '../contract-files.js';
import type { CliIo } from '../io.js';

export interface GenerateTarget {
  readonly contract: string;
  readonly paths: GeneratedPaths;
}

/** Generated files already on disk: a file whose stamp proves it fresh is not regenerated. */
function onDisk(io: CliIo): ExistingFile {
  return (path) => {
    try {
      return readFileSync(resolve(io.cwd, path), 'utf8');
    } catch {
      return undefined;
    }
  };
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
    files.push(...(await planGeneratedFiles(analyzed, target.paths, onDisk(io))));
  }
  return { files, lintFindings };
}

/**
 * Generated paths for a contract: the defaults, overridden by its `generate`
 * block in wirepin.yaml (`false` switches a file off). Configured paths are
 * relative to the config's directory, `root` (default: the working directory).
 */
export function targetFor(entry: Pick<ContractEntry, 'contract' | 'generate'>, io?: CliIo, root?: string): GenerateTarget {
  const defaults = defaultGeneratedPaths(entry.contract);
  const configured = (path: string | false | undefined, fallback: string): string | false => {
    if (path === undefined) return fallback;
    if (path === false || io === undefined || root === undefined) return path;
    return displayPath(resolve(root, path), io.cwd);
  };
  return {
    contract: entry.contract,
    paths: {
      schema: configured(entry.generate.schema, defaults.schema),
      producerTypes: configured(entry.generate.producerTypes, defaults.producerTypes),
      consumerTypes: configured(entry.generate.consumerTypes, defaults.consumerTypes),
    },
  };
}

/** The named contracts, or every contracts/*.contract.json; paths from wirepin.yaml (found upward) when it configures them. */
export async function targetsFromContracts(io: CliIo, contracts: readonly string[]): Promise<GenerateTarget[]> {
  const files = contracts.length ? contracts : await defaultContractFiles(io.cwd);
  const configFile = await findConfigFile(io.cwd);
  const config = configFile === undefined ? undefined : await loadConfig(configFile, io.cwd);
  return files.map((contract) => {
    const configured = config?.contracts.find((c) => resolve(config.root, c.contract) === resolve(io.cwd, contract));
    return targetFor({ contract, generate: configured?.generate ?? {} }, io, config?.root);
  });
}

async function staleFindings(io: CliIo, files: readonly GeneratedFile[]): Promise<Finding[]> {
  const comparisons = [];
  for (const f of files) comparisons.push({ path: f.path, contract: f.contract, expected: f.content, actual: await readIfPresent(resolve(io.cwd, f.path)) });
  const findings: Finding[] = [];
  for (const draft of GENERATED_FILE_STALE.check(comparisons)) {
    findings.push(...placeDrafts(GENERATED_FILE_STALE, [draft], String(draft.data?.['generated'] ?? ''), undefined));
  }
  return sortFindings(findings);
}

/** generate --check for contracts already analyzed (and lint-clean): the stale or missing generated files. */
export async function compareGenerated(io: CliIo, items: ReadonlyArray<{ target: GenerateTarget; analyzed: AnalyzedContract }>): Promise<Finding[]> {
  const files: GeneratedFile[] = [];
  for (const { target, analyzed } of items) files.push(...(await planGeneratedFiles(analyzed, target.paths, onDisk(io))));
  return staleFindings(io, files);
}

/**
 * `wirepin generate [--check]`: writes (or, with --check, compares) the wire
 * schema and both sides' types for every contract.
 */
export async function runGenerate(io: CliIo, targets: readonly GenerateTarget[], check: boolean): Promise<Report> {
  const { files, lintFindings } = await plan(io, targets);
  const subject = `${targets.length} contract${targets.length === 1 ? '' : 's'}, ${files.length} generated files`;
  if (lintFindings.length) return { command: check ? 'generate --check' : 'generate', subject, findings: sortFindings(lintFindings) };
  if (check) return { command: 'generate --check', subject, findings: await staleFindings(io, files) };
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
