import { analyzeContractFile, analyzeContractText, analyzeUnreadable, type AnalyzedContract } from './analyze.js';
import { readAt } from './git.js';
import { WirepinError, isWirepinError } from '../errors.js';
import { locateSource } from './sync-source.js';
import { syncContracts } from './sync-engine.js';
import { serviceNamesOf } from '../contract/service-names.js';
import { judgeContract } from '../contract/usable.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { displayPath } from '../paths.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { diffOutcome, type DiffOutcome } from './diff.js';
import { unusable, unusableOutcome, type Outcome, type RunEnv } from './outcome.js';

export interface SyncArgs {
  /** The copy that must match: a path in the working tree. */
  readonly mirror: string;
  /** The source of truth: a path, or `git-ref:path` (e.g. `origin/main:contracts/x.contract.json`). */
  readonly source: string;
}

async function readSource(io: RunEnv, spec: string): Promise<AnalyzedContract> {
  const location = await locateSource(io.cwd, spec);
  if (location.kind === 'git') {
    const read = await readAt(io.cwd, location.ref, location.path, location.display);
    if (read === undefined) throw new WirepinError('E_READ', `${location.display} does not exist.`);
    return 'problem' in read ? analyzeUnreadable(read.file, read.problem) : analyzeContractText(read);
  }
  try {
    return await analyzeContractFile(location.path, io.cwd);
  } catch (error) {
    // "ref:path" that is neither a readable file nor a file at a ref: say both readings failed.
    if (isWirepinError(error) && error.code === 'E_READ' && spec.indexOf(':') > 0) {
      const colon = spec.indexOf(':');
      throw new WirepinError(
        'E_READ',
        `${error.message} Nor is it a git source: "${spec.slice(0, colon)}" is not a ref here, or it has no file ${spec.slice(colon + 1)}.`,
        {
          hint: 'Name the source as a path, or as REF:PATH with a ref that `git rev-parse` knows and a path relative to the current directory.',
        },
      );
    }
    throw error;
  }
}

/**
 * `wirepin sync MIRROR SOURCE`: the mirror must be the source's contract under
 * canonical JSON (RFC 8785). Exit 0 in sync, 1 on drift (with what the mirror
 * has wrong: the field-level diff from source to mirror, plus SYNC_DRIFT), 2
 * when a side is missing or unreadable (a thrown WirepinError) or does not lint
 * clean (its findings are the report).
 */
export async function runSync(io: RunEnv, args: SyncArgs): Promise<DiffOutcome | Outcome> {
  return syncMirror(io, await analyzeContractFile(args.mirror, io.cwd), args.source);
}

/** `sync` for a mirror already read and analyzed (`check` has analyzed every contract it lists): `sourceSpec` as in SyncArgs. */
export async function syncMirror(
  io: RunEnv,
  mirror: AnalyzedContract,
  sourceSpec: string,
): Promise<DiffOutcome | Outcome> {
  const source = await readSource(io, sourceSpec);
  const refused = unusable([judgeContract(source), judgeContract(mirror)]);
  if (refused.length) return unusableOutcome('sync', 'sync', refused);
  const result = syncContracts(source, mirror);
  return diffOutcome({
    command: 'sync',
    subject: `${mirror.file} against ${source.file}`,
    findings: [...result.changes, ...result.drift],
    failOn: undefined,
    compared: [{ base: source.file, head: mirror.file, file: mirror.file }],
    framing: 'What the mirror has wrong',
    sides: { base: 'source', head: 'mirror' },
    names: serviceNamesOf([source.model, mirror.model]),
  });
}

/**
 * `sync --write`: the source must lint clean; the mirror is replaced by the
 * source's text unless it already is the same contract. A mirror that is
 * missing, unreadable or does not lint clean is replaced too: it is a copy,
 * and the copy is what --write makes. The text is written to a temporary
 * file in the mirror's directory, then renamed over the mirror.
 */
export async function runSyncWrite(io: RunEnv, args: SyncArgs): Promise<Outcome> {
  const source = await readSource(io, args.source);
  const verdict = judgeContract(source);
  if (!verdict.usable) return unusableOutcome('sync --write', 'sync --write', [verdict]);
  const target = resolve(io.cwd, args.mirror);
  const shown = displayPath(args.mirror, io.cwd);
  const mirror = await analyzeContractFile(args.mirror, io.cwd).catch((error: unknown) => {
    if (isWirepinError(error) && error.code === 'E_READ' && !existsSync(target)) return undefined;
    throw error;
  });
  const same = mirror !== undefined && judgeContract(mirror).usable && syncContracts(source, mirror).inSync;
  if (!same) await writeFileAtomic(target, source.text, { shown, overwrite: true });
  const note = same
    ? `${shown} already is the same contract as ${source.file}; nothing written`
    : `copied ${source.file} over ${shown}`;
  return {
    report: { command: 'sync --write', subject: `${shown} from ${source.file}`, findings: [], notes: [note] },
    exitCode: 0,
  };
}
