import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  analyzeContractFile,
  analyzeContractText,
  analyzeUnreadable,
  displayPath,
  type AnalyzedContract,
} from '../../contract/analyze.js';
import { compareText } from '../../finding.js';
import { compareChanges, type ContractChange, type FailOn } from '../../diff/change.js';
import { diffContracts } from '../../diff/diff-contracts.js';
import { listContractsAt, readAt, resolveRef, type GitRef } from '../../diff/git.js';
import { DIFF_RENDERERS } from '../../diff/render.js';
import { reportFails, withRenderers, type ComparedContract, type DiffReport } from '../../diff/report.js';
import { WirepinError } from '../../errors.js';
import type { Renderer, Format } from '../../render/index.js';
import { CONTRACTS_DIR } from '../contract-files.js';
import type { ExitCode } from '../exit-code.js';
import type { CliIo } from '../io.js';
import type { CommandOutcome } from '../main.js';

export interface DiffArgs {
  /** BASE and HEAD; with `against`, the working-tree contracts to compare (none: every contract at either side). */
  readonly files: readonly string[];
  /** A git ref (branch, tag, commit) to compare the working tree against, like `buf breaking --against`. */
  readonly against?: string | undefined;
  readonly failOn: FailOn;
}

/** A diff outcome: the report carries its own renderers, and the exit code follows --fail-on. */
export interface DiffOutcome extends CommandOutcome {
  readonly report: DiffReport & { readonly renderers: Readonly<Record<Format, Renderer>> };
  readonly exitCode: ExitCode;
}

const DIFF_SIDES = { base: 'base', head: 'head' } as const;

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Builds the outcome of `diff` (and `sync`): exit 1 exactly when the report fails. */
export function diffOutcome(report: DiffReport): DiffOutcome {
  return { report: withRenderers(report, DIFF_RENDERERS), exitCode: reportFails(report) ? 1 : 0 };
}

/** `wirepin diff BASE HEAD`: two contract files. */
async function diffTwoFiles(io: CliIo, files: readonly string[], failOn: FailOn): Promise<DiffReport> {
  const [basePath, headPath] = files;
  if (files.length !== 2 || basePath === undefined || headPath === undefined) {
    throw new WirepinError('E_USAGE', `wirepin diff takes two contract files, BASE and HEAD (got ${files.length}).`, {
      hint: 'Run `wirepin diff BASE HEAD`, or `wirepin diff --against origin/main` to compare the working tree with a git ref.',
    });
  }
  const base = await analyzeContractFile(basePath, io.cwd);
  const head = await analyzeContractFile(headPath, io.cwd);
  const changes = diffContracts(base, head);
  return {
    command: 'diff',
    subject: `${base.file} → ${head.file}`,
    findings: changes,
    failOn,
    compared: [{ base: base.file, head: head.file, file: head.file }],
    framing: 'Changes',
    sides: DIFF_SIDES,
  };
}

/** Every *.contract.json directly under contracts/ in the working tree; none (or no directory) is an empty list here. */
async function workingTreeContracts(cwd: string): Promise<string[]> {
  try {
    const names = await readdir(join(cwd, CONTRACTS_DIR));
    return names.filter((n) => n.endsWith('.contract.json')).map((n) => `${CONTRACTS_DIR}/${n}`);
  } catch {
    return [];
  }
}

async function analyzeAt(io: CliIo, ref: GitRef, path: string): Promise<AnalyzedContract | undefined> {
  const read = await readAt(io.cwd, ref, path, `${ref.name}:${path}`);
  if (read === undefined) return undefined;
  return 'problem' in read ? analyzeUnreadable(read.file, read.problem) : analyzeContractText(read);
}

/** `wirepin diff --against REF [FILES...]`: working-tree contracts against the same paths at REF. */
async function diffAgainst(io: CliIo, refName: string, files: readonly string[], failOn: FailOn): Promise<DiffReport> {
  const ref = await resolveRef(io.cwd, refName);
  const paths = files.length
    ? files.map((f) => displayPath(f, io.cwd))
    : [...new Set([...(await workingTreeContracts(io.cwd)), ...(await listContractsAt(io.cwd, ref, CONTRACTS_DIR))])];
  if (paths.length === 0) {
    throw new WirepinError('E_USAGE', `There are no ${CONTRACTS_DIR}/*.contract.json files in the working tree or at ${ref.name}.`, {
      hint: 'Run wirepin from the repository root, or name the contract files.',
    });
  }
  paths.sort(compareText);
  const findings: ContractChange[] = [];
  const compared: ComparedContract[] = [];
  for (const path of [...new Set(paths)]) {
    const head = (await isFile(resolve(io.cwd, path))) ? await analyzeContractFile(path, io.cwd) : undefined;
    const base = await analyzeAt(io, ref, path);
    if (!head && !base) {
      throw new WirepinError('E_READ', `${path} exists neither in the working tree nor at ${ref.name}.`, { hint: 'Check the path.' });
    }
    const changes = diffContracts(base, head);
    // A deleted contract is reported at its path (the file the pull request deletes), pointing to the base version.
    findings.push(
      ...(head || !base
        ? changes
        : changes.map((c): ContractChange => ({ ...c, file: path, related: { label: 'base contract', file: base.file, line: c.line, column: c.column } }))),
    );
    compared.push({ base: base?.file, head: head?.file, file: head?.file ?? path });
  }
  const n = compared.length;
  return {
    command: 'diff',
    subject: `${n} contract${n === 1 ? '' : 's'} in the working tree against ${ref.name}`,
    findings: findings.sort(compareChanges),
    failOn,
    compared,
    framing: 'Changes',
    sides: DIFF_SIDES,
  };
}

/**
 * `wirepin diff BASE HEAD` or `wirepin diff --against REF [FILES...]`: the
 * classified changes between contract versions. Exit 1 when a change's class
 * is one --fail-on names; 2 (a thrown WirepinError) when a side is missing,
 * does not lint clean, or git cannot answer.
 */
export async function runDiff(io: CliIo, args: DiffArgs): Promise<DiffOutcome> {
  const report = args.against === undefined ? await diffTwoFiles(io, args.files, args.failOn) : await diffAgainst(io, args.against, args.files, args.failOn);
  return diffOutcome(report);
}
