import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { analyzeContractFile, displayPath } from './analyze.js';
import { judgeContract, type CleanContract, type ContractVerdict } from '../contract/usable.js';
import { findConfigFile, loadConfig, type ContractEntry } from '../config/load-config.js';
import { sortFindings, type Finding } from '../finding.js';
import { defaultGeneratedPaths, planGeneratedFiles, type ExistingFile, type GeneratedFile, type GeneratedPaths } from '../generate/plan.js';
import type { Report } from '../report.js';
import { GENERATED_FILE_STALE } from '../rules/generate/GENERATED_FILE_STALE.js';
import { placeDrafts } from '../rule.js';
import { defaultContractFiles } from './contract-files.js';
import { plural } from '../wording.js';
import { exitCodeFor } from './exit-code.js';
import { unusable, unusableOutcome, type Outcome, type RunEnv } from './outcome.js';

export interface GenerateTarget {
  readonly contract: string;
  readonly paths: GeneratedPaths;
}

/** Generated files already on disk: a file whose stamp proves it fresh is not regenerated. */
function onDisk(io: RunEnv): ExistingFile {
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

/** Plans every generated file for contracts already judged usable. */
async function plan(io: RunEnv, items: ReadonlyArray<{ target: GenerateTarget; contract: CleanContract }>): Promise<GeneratedFile[]> {
  const files: GeneratedFile[] = [];
  for (const { target, contract } of items) files.push(...(await planGeneratedFiles(contract, target.paths, onDisk(io))));
  return files;
}

/**
 * Generated paths for a contract: the defaults, overridden by its `generate`
 * block in wirepin.yaml (`false` switches a file off). Configured paths are
 * relative to the config's directory, `root` (default: the working directory).
 */
export function targetFor(entry: Pick<ContractEntry, 'contract' | 'generate'>, io?: RunEnv, root?: string): GenerateTarget {
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
export async function targetsFromContracts(io: RunEnv, contracts: readonly string[]): Promise<GenerateTarget[]> {
  const files = contracts.length ? contracts : await defaultContractFiles(io.cwd);
  const configFile = await findConfigFile(io.cwd);
  const config = configFile === undefined ? undefined : await loadConfig(configFile, io.cwd);
  return files.map((contract) => {
    const configured = config?.contracts.find((c) => resolve(config.root, c.contract) === resolve(io.cwd, contract));
    return targetFor({ contract, generate: configured?.generate ?? {} }, io, config?.root);
  });
}

async function staleFindings(io: RunEnv, files: readonly GeneratedFile[]): Promise<Finding[]> {
  const comparisons = [];
  for (const f of files) comparisons.push({ path: f.path, contract: f.contract, expected: f.content, actual: await readIfPresent(resolve(io.cwd, f.path)) });
  const findings: Finding[] = [];
  for (const draft of GENERATED_FILE_STALE.check(comparisons)) {
    findings.push(...placeDrafts(GENERATED_FILE_STALE, [draft], String(draft.data?.['generated'] ?? ''), undefined));
  }
  return sortFindings(findings);
}

/** generate --check for contracts already analyzed (and lint-clean): the stale or missing generated files. */
export async function compareGenerated(io: RunEnv, items: ReadonlyArray<{ target: GenerateTarget; contract: CleanContract }>): Promise<Finding[]> {
  return staleFindings(io, await plan(io, items));
}

/**
 * `wirepin generate [--check]`: writes (or, with --check, compares) the wire
 * schema and both sides' types for every contract.
 */
export async function runGenerate(io: RunEnv, targets: readonly GenerateTarget[], check: boolean): Promise<Outcome> {
  const command = check ? 'generate --check' : 'generate';
  const verdicts: ContractVerdict[] = [];
  for (const target of targets) verdicts.push(judgeContract(await analyzeContractFile(target.contract, io.cwd)));
  const refused = unusable(verdicts);
  if (refused.length) return unusableOutcome(command, command, refused);
  const files = await plan(
    io,
    targets.map((target, i) => ({ target, contract: (verdicts[i] as Extract<ContractVerdict, { usable: true }>).contract })),
  );
  const subject = `${plural(targets.length, 'contract')}, ${files.length} generated files`;
  if (check) {
    const findings = await staleFindings(io, files);
    return { report: { command, subject, findings }, exitCode: exitCodeFor(findings) };
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
  return { report: { command, subject, findings: [], notes }, exitCode: 0 };
}
