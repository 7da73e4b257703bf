import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readBounded, readRegularFileSync } from '../fs/bounded-read.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { confinePath, findRepositoryRoot, resolveReal } from '../fs/confine.js';
import { WirepinError } from '../errors.js';
import { analyzeContractFile } from './analyze.js';
import { displayPath } from '../paths.js';
import { judgeContract, type CleanContract, type ContractVerdict } from '../contract/usable.js';
import { findConfigFile, loadConfig, type ContractEntry } from '../config/load-config.js';
import { sortFindings, type Finding } from '../finding.js';
import {
  defaultGeneratedPaths,
  planGeneratedFiles,
  type ExistingFile,
  type GeneratedFile,
  type GeneratedPaths,
} from '../generate/plan.js';
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
  /** The producer's and consumer's configured source paths: a generated file may not land on one. */
  readonly sources?: readonly string[];
}

/** The generated files this run has read, by real path: planning reads a types file for its stamp, and the comparison or write that follows reuses that text. */
type ReadTexts = Map<string, string>;

/**
 * Generated files already on disk: a file whose stamp proves it fresh is not
 * regenerated. Only regular files inside the repository are read; anything
 * else counts as missing (where a file will be written is checked separately).
 */
function onDisk(io: RunEnv, texts: ReadTexts): ExistingFile {
  const root = findRepositoryRoot(io.cwd);
  return (path) => {
    try {
      const real = confinePath(root, io.cwd, path, { what: 'generated file', origin: 'the generate settings' });
      const text = readRegularFileSync(real)?.toString('utf8');
      if (text !== undefined) texts.set(real, text);
      return text;
    } catch {
      return undefined;
    }
  };
}

/** A generated file's current text, or undefined when there is none; a FIFO, device or oversized file is an E_READ error. */
async function readIfPresent(path: string, shown: string, texts: ReadTexts): Promise<string | undefined> {
  const read = texts.get(path);
  if (read !== undefined) return read;
  if (!existsSync(path)) return undefined;
  return (await readBounded(path, { what: 'generated file', shown })).toString('utf8');
}

/** Plans every generated file for contracts already judged usable. */
async function plan(
  io: RunEnv,
  items: ReadonlyArray<{ target: GenerateTarget; contract: CleanContract }>,
  texts: ReadTexts,
): Promise<GeneratedFile[]> {
  const existing = onDisk(io, texts);
  const files: GeneratedFile[] = [];
  for (const { target, contract } of items) files.push(...(await planGeneratedFiles(contract, target.paths, existing)));
  return files;
}

/**
 * Generated paths for a contract: the defaults, overridden by its `generate`
 * block in wirepin.yaml (`false` switches a file off). Configured paths are
 * relative to the config's directory, `root` (default: the working directory).
 */
export function targetFor(
  entry: Pick<ContractEntry, 'contract' | 'generate'> & Partial<Pick<ContractEntry, 'producer' | 'consumer'>>,
  io?: RunEnv,
  root?: string,
): GenerateTarget {
  const defaults = defaultGeneratedPaths(entry.contract);
  const configured = (path: string | false | undefined, fallback: string): string | false => {
    if (path === undefined) return fallback;
    if (path === false || io === undefined || root === undefined) return path;
    return displayPath(resolve(root, path), io.cwd);
  };
  return {
    contract: entry.contract,
    sources: [entry.producer?.path, entry.consumer?.path]
      .filter((p): p is string => p !== undefined)
      .map((p) => (io === undefined || root === undefined ? p : displayPath(resolve(root, p), io.cwd))),
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
    return targetFor(
      {
        contract,
        generate: configured?.generate ?? {},
        producer: configured?.producer,
        consumer: configured?.consumer,
      },
      io,
      config?.root,
    );
  });
}

async function staleFindings(
  files: ReadonlyArray<GeneratedFile & { real: string }>,
  texts: ReadTexts,
): Promise<Finding[]> {
  const comparisons = [];
  for (const f of files)
    comparisons.push({
      path: f.path,
      contract: f.contract,
      expected: f.content,
      actual: await readIfPresent(f.real, f.path, texts),
    });
  const findings: Finding[] = [];
  for (const draft of GENERATED_FILE_STALE.check(comparisons)) {
    findings.push(...placeDrafts(GENERATED_FILE_STALE, [draft], String(draft.data?.['generated'] ?? ''), undefined));
  }
  return sortFindings(findings);
}

/** generate --check for contracts already analyzed (and lint-clean): the stale or missing generated files. */
export async function compareGenerated(
  io: RunEnv,
  items: ReadonlyArray<{ target: GenerateTarget; contract: CleanContract }>,
): Promise<Finding[]> {
  const texts: ReadTexts = new Map();
  const files = await plan(io, items, texts);
  const destinations = confineOutputs(
    io,
    items.map((i) => i.target),
    files,
  );
  return staleFindings(
    files.map((f, i) => ({ ...f, real: destinations[i] as string })),
    texts,
  );
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
  const texts: ReadTexts = new Map();
  const files = await plan(
    io,
    targets.map((target, i) => ({
      target,
      contract: (verdicts[i] as Extract<ContractVerdict, { usable: true }>).contract,
    })),
    texts,
  );
  const subject = `${plural(targets.length, 'contract')}, ${files.length} generated files`;
  const destinations = confineOutputs(io, targets, files);
  if (check) {
    const findings = await staleFindings(
      files.map((f, i) => ({ ...f, real: destinations[i] as string })),
      texts,
    );
    return { report: { command, subject, findings }, exitCode: exitCodeFor(findings) };
  }
  const pause = pauseSeam(io);
  const notes: string[] = [];
  for (const [i, f] of files.entries()) {
    const target = destinations[i] as string;
    const before = await readIfPresent(target, f.path, texts);
    if (before === f.content) {
      notes.push(`unchanged ${f.path}`);
      continue;
    }
    await writeFileAtomic(target, f.content, { shown: f.path, beforeRename: pause });
    notes.push(`wrote ${f.path}`);
  }
  return { report: { command, subject, findings: [], notes }, exitCode: 0 };
}

/**
 * Where each generated file goes, decided before anything is written: inside
 * the repository root after symlinks are resolved, and never onto a contract,
 * a configured source or another generated file (two contracts with one file
 * name in different folders would otherwise overwrite each other's output).
 */
function confineOutputs(io: RunEnv, targets: readonly GenerateTarget[], files: readonly GeneratedFile[]): string[] {
  const root = findRepositoryRoot(io.cwd);
  const taken = new Map<string, string>();
  for (const t of targets)
    taken.set(resolveReal(resolve(io.cwd, t.contract)), `the contract ${displayPath(t.contract, io.cwd)}`);
  for (const source of targets.flatMap((t) => t.sources ?? []))
    taken.set(resolveReal(resolve(io.cwd, source)), `the source ${displayPath(source, io.cwd)}`);
  return files.map((f) => {
    const real = confinePath(root, io.cwd, f.path, {
      what: 'generated file',
      origin: `the generate settings of ${f.contract}`,
    });
    const other = taken.get(real);
    if (other !== undefined) {
      throw new WirepinError(
        'E_CONFINE',
        `The generated file "${f.path}" for ${f.contract} is the same file as ${other}; nothing was written.`,
        {
          hint: 'Give the contract its own paths in the generate: block of wirepin.yaml (contracts with the same file name in different folders need them).',
        },
      );
    }
    taken.set(real, `the generated file ${f.path} of ${f.contract}`);
    return real;
  });
}

/** Test seam: WIREPIN_TEST_PAUSE_BEFORE_RENAME_MS holds each generated file between its flushed temporary file and the rename. */
function pauseSeam(io: RunEnv): (() => Promise<void>) | undefined {
  const ms = Number(io.env['WIREPIN_TEST_PAUSE_BEFORE_RENAME_MS'] ?? '');
  if (!Number.isFinite(ms) || ms <= 0) return undefined;
  return () => new Promise((done) => setTimeout(done, ms));
}
