import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { serviceNamesOf } from '../contract/service-names.js';
import { judgeContract, type ContractVerdict } from '../contract/usable.js';
import { compareChanges, type ContractChange, type FailOn } from '../diff/change.js';
import { reportFails, type ComparedContract, type DiffReport } from './diff-report.js';
import { WirepinError } from '../errors.js';
import { compareText } from '../finding.js';
import { analyzeContractFile, analyzeContractText, analyzeUnreadable, type AnalyzedContract } from './analyze.js';
import { displayPath } from '../paths.js';
import { CONTRACTS_DIR, workingTreeContracts } from './contract-files.js';
import { diffContracts } from './diff-engine.js';
import { listContractsAt, readAt, resolveRef, type GitRef } from './git.js';
import { unusable, unusableOutcome, type Outcome, type RunEnv } from './outcome.js';
import { plural } from '../wording.js';

export interface DiffArgs {
  /** BASE and HEAD; with `against`, the working-tree contracts to compare (none: every contract at either side). */
  readonly files: readonly string[];
  /** A git ref (branch, tag, commit) to compare the working tree against, like `buf breaking --against`. */
  readonly against?: string | undefined;
  readonly failOn: FailOn;
  /** Working-tree contracts the caller already analyzed, by display path (`check` has linted them): not read again. */
  readonly analyzed?: ReadonlyMap<string, AnalyzedContract>;
}

/** A diff or sync outcome; the exit code follows --fail-on (sync: any difference fails). */
export type DiffOutcome = Outcome<DiffReport>;

const DIFF_SIDES = { base: 'base', head: 'head' } as const;

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * What the base versions already had wrong, as context lines: a base that no
 * longer lints is still diffed, and its lint errors never decide the exit code.
 */
function baseContext(verdicts: readonly ContractVerdict[]): string[] {
  return verdicts.flatMap((v) =>
    v.usable ? v.context.map((f) => `base already had: ${f.file}:${f.line}:${f.column}: ${f.rule}: ${f.message}`) : [],
  );
}

/** Builds the outcome of `diff` (and `sync`): exit 1 exactly when the report fails. */
export function diffOutcome(report: DiffReport): DiffOutcome {
  return { report, exitCode: reportFails(report) ? 1 : 0 };
}

/** `wirepin diff BASE HEAD`: two contract files. */
async function diffTwoFiles(io: RunEnv, files: readonly string[], failOn: FailOn): Promise<DiffReport | Outcome> {
  const [basePath, headPath] = files;
  if (files.length !== 2 || basePath === undefined || headPath === undefined) {
    throw new WirepinError('E_USAGE', `wirepin diff takes two contract files, BASE and HEAD (got ${files.length}).`, {
      hint: 'Run `wirepin diff BASE HEAD`, or `wirepin diff --against origin/main` to compare the working tree with a git ref.',
    });
  }
  const base = await analyzeContractFile(basePath, io.cwd);
  const head = await analyzeContractFile(headPath, io.cwd);
  const baseVerdict = judgeContract(base, 'base');
  const refused = unusable([baseVerdict, judgeContract(head)]);
  if (refused.length) return unusableOutcome('diff', 'diff', refused);
  const changes = diffContracts(base, head);
  return {
    command: 'diff',
    subject: `${base.file} → ${head.file}`,
    findings: changes,
    notes: baseContext([baseVerdict]),
    failOn,
    compared: [{ base: base.file, head: head.file, file: head.file }],
    framing: 'Changes',
    sides: DIFF_SIDES,
    names: serviceNamesOf([base.model, head.model]),
  };
}

async function analyzeAt(io: RunEnv, ref: GitRef, path: string): Promise<AnalyzedContract | undefined> {
  const read = await readAt(io.cwd, ref, path, `${ref.name}:${path}`);
  if (read === undefined) return undefined;
  return 'problem' in read ? analyzeUnreadable(read.file, read.problem) : analyzeContractText(read);
}

/** `wirepin diff --against REF [FILES...]`: working-tree contracts against the same paths at REF. */
async function diffAgainst(
  io: RunEnv,
  refName: string,
  files: readonly string[],
  failOn: FailOn,
  analyzed: ReadonlyMap<string, AnalyzedContract> | undefined,
): Promise<DiffReport | Outcome> {
  const ref = await resolveRef(io.cwd, refName);
  const paths = files.length
    ? files.map((f) => displayPath(f, io.cwd))
    : [...new Set([...(await workingTreeContracts(io.cwd)), ...(await listContractsAt(io.cwd, ref, CONTRACTS_DIR))])];
  if (paths.length === 0) {
    throw new WirepinError(
      'E_USAGE',
      `There are no ${CONTRACTS_DIR}/*.contract.json files in the working tree or at ${ref.name}.`,
      {
        hint: 'Run wirepin from the repository root, or name the contract files.',
      },
    );
  }
  paths.sort(compareText);
  const sides: Array<{ path: string; base: AnalyzedContract | undefined; head: AnalyzedContract | undefined }> = [];
  const verdicts: ContractVerdict[] = [];
  for (const path of [...new Set(paths)]) {
    const head =
      analyzed?.get(path) ??
      ((await isFile(resolve(io.cwd, path))) ? await analyzeContractFile(path, io.cwd) : undefined);
    const base = await analyzeAt(io, ref, path);
    if (!head && !base) {
      throw new WirepinError('E_READ', `${path} exists neither in the working tree nor at ${ref.name}.`, {
        hint: 'Check the path.',
      });
    }
    if (base) verdicts.push(judgeContract(base, 'base'));
    if (head) verdicts.push(judgeContract(head));
    sides.push({ path, base, head });
  }
  const refused = unusable(verdicts);
  if (refused.length) return unusableOutcome('diff', 'diff', refused);
  const findings: ContractChange[] = [];
  const compared: ComparedContract[] = [];
  for (const { path, base, head } of sides) {
    const changes = diffContracts(base, head);
    // A deleted contract is reported at its path (the file the pull request deletes), pointing to the base version.
    findings.push(
      ...(head || !base
        ? changes
        : changes.map((c): ContractChange => ({
            ...c,
            file: path,
            related: { label: 'base contract', file: base.file, line: c.line, column: c.column },
          }))),
    );
    compared.push({ base: base?.file, head: head?.file, file: head?.file ?? path });
  }
  const n = compared.length;
  return {
    command: 'diff',
    subject: `${plural(n, 'contract')} in the working tree against ${ref.name}`,
    findings: findings.sort(compareChanges),
    failOn,
    compared,
    framing: 'Changes',
    sides: DIFF_SIDES,
    notes: baseContext(verdicts),
    names: serviceNamesOf(sides.flatMap((s) => [s.base?.model, s.head?.model].filter((m) => m !== undefined))),
  };
}

/**
 * `wirepin diff BASE HEAD` or `wirepin diff --against REF [FILES...]`: the
 * classified changes between contract versions. Exit 1 when a change's class
 * is one --fail-on names; 2 when a side does not lint clean (its findings are
 * the report), or (a thrown WirepinError) is missing or git cannot answer.
 */
export async function runDiff(io: RunEnv, args: DiffArgs): Promise<DiffOutcome | Outcome> {
  const report =
    args.against === undefined
      ? await diffTwoFiles(io, args.files, args.failOn)
      : await diffAgainst(io, args.against, args.files, args.failOn, args.analyzed);
  return 'exitCode' in report ? report : diffOutcome(report);
}
