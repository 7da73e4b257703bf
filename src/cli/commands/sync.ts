import {
  analyzeContractFile,
  analyzeContractText,
  analyzeUnreadable,
  type AnalyzedContract,
} from '../../contract/analyze.js';
import { readAt } from '../../diff/git.js';
import { WirepinError, isWirepinError } from '../../errors.js';
import { locateSource } from '../../sync/source.js';
import { syncContracts } from '../../sync/sync-contracts.js';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../../write-file.js';
import type { CliIo } from '../io.js';
import { diffOutcome, type DiffOutcome } from './diff.js';

export interface SyncArgs {
  /** The copy that must match: a path in the working tree. */
  readonly mirror: string;
  /** The source of truth: a path, or `git-ref:path` (e.g. `origin/main:contracts/x.contract.json`). */
  readonly source: string;
  /** On drift, replace the mirror with the source's text (atomically). */
  readonly write?: boolean | undefined;
}

async function readSource(io: CliIo, spec: string): Promise<AnalyzedContract> {
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
      throw new WirepinError('E_READ', `${error.message} Nor is it a git source: "${spec.slice(0, colon)}" is not a ref here, or it has no file ${spec.slice(colon + 1)}.`, {
        hint: 'Name the source as a path, or as REF:PATH with a ref that `git rev-parse` knows and a path relative to the current directory.',
      });
    }
    throw error;
  }
}

/**
 * `wirepin sync MIRROR SOURCE`: the mirror must be the source's contract under
 * canonical JSON (RFC 8785). Exit 0 in sync, 1 on drift (with what the mirror
 * has wrong: the field-level diff from source to mirror, plus SYNC_DRIFT), 2
 * when a side is missing, unreadable or does not lint clean. With `write`,
 * a mirror that differs is replaced by the source's text (temporary file in
 * the same directory, then a rename) and the run passes.
 */
export async function runSync(io: CliIo, args: SyncArgs): Promise<DiffOutcome> {
  const mirror = await analyzeContractFile(args.mirror, io.cwd);
  const source = await readSource(io, args.source);
  const result = syncContracts(source, mirror);
  if (args.write === true && !result.inSync) {
    await writeFileAtomic(resolve(io.cwd, args.mirror), source.text, mirror.file, { overwrite: true });
    return diffOutcome({
      command: 'sync --write',
      subject: `${mirror.file} from ${source.file}`,
      findings: [],
      failOn: undefined,
      compared: [{ base: source.file, head: mirror.file, file: mirror.file }],
      framing: `Copied ${source.file} over ${mirror.file}`,
      sides: { base: 'source', head: 'mirror' },
    });
  }
  return diffOutcome({
    command: 'sync',
    subject: `${mirror.file} against ${source.file}`,
    findings: [...result.changes, ...result.drift],
    failOn: undefined,
    compared: [{ base: source.file, head: mirror.file, file: mirror.file }],
    framing: 'What the mirror has wrong',
    sides: { base: 'source', head: 'mirror' },
  });
}
