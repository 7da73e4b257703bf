import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describeFsError, WirepinError } from '../errors.js';

/** The file-system calls an atomic write makes; tests inject failing ones (ENOSPC, EROFS, EACCES). */
export interface WriteOps {
  readonly mkdir: (path: string) => Promise<unknown>;
  readonly open: (path: string, flags: number, mode: number) => Promise<WritableHandle>;
  readonly rename: (from: string, to: string) => Promise<void>;
  readonly link: (from: string, to: string) => Promise<void>;
  readonly unlink: (path: string) => Promise<void>;
  readonly lstat: (
    path: string,
  ) => Promise<{ isFile(): boolean; isSymbolicLink(): boolean; isCharacterDevice(): boolean; mode: number }>;
}

export interface WritableHandle {
  writeFile(data: string): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export const nodeWriteOps: WriteOps = {
  mkdir: (path) => fsp.mkdir(path, { recursive: true }),
  open: (path, flags, mode) => fsp.open(path, flags, mode),
  rename: (from, to) => fsp.rename(from, to),
  link: (from, to) => fsp.link(from, to),
  unlink: (path) => fsp.unlink(path),
  lstat: (path) => fsp.lstat(path),
};

export interface AtomicWriteOptions {
  /** How the target is named in messages. */
  readonly shown: string;
  readonly ops?: WriteOps | undefined;
  /**
   * false: never replace an existing file. The temporary file is hard-linked to the target name, which must
   * not exist yet (so a file created meanwhile is never clobbered); an existing target is an E_USAGE error.
   */
  readonly overwrite?: boolean | undefined;
  /** Test seam: awaited after the temporary file is written and flushed, before it is renamed over the target. */
  readonly beforeRename?: (() => Promise<void>) | undefined;
}

function errnoOf(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Replaces a file's content all at once: the new text goes to a temporary file
 * in the target's own directory (so the rename stays on one file system), is
 * flushed with fsync, and is renamed over the target. Until the rename the old
 * file is untouched; a reader (or a second concurrent run) sees the old file or
 * the new one, never a torn one. A failure removes the temporary file and is an
 * E_WRITE WirepinError with the path and the operating system's reason.
 *
 * A target that exists and is a character device (/dev/stdout, /dev/full) is
 * written in place: it cannot be replaced, and replacing it would be wrong.
 */
export async function writeFileAtomic(
  absolutePath: string,
  content: string,
  options: AtomicWriteOptions,
): Promise<void> {
  const ops = options.ops ?? nodeWriteOps;
  const fail = (error: unknown, step: string): never => {
    throw new WirepinError('E_WRITE', `Cannot write "${options.shown}" (${step}): ${describeFsError(error)}.`, {
      hint: 'The previous file, if any, is unchanged. Check free space, permissions and that the directory is writable.',
    });
  };
  const overwrite = options.overwrite !== false;
  const exists = (): never => {
    throw new WirepinError('E_USAGE', `${options.shown} already exists; wirepin does not overwrite it.`, {
      hint: 'Pass --force to replace it, or choose another path.',
    });
  };
  let mode = 0o644;
  try {
    const existing = await ops.lstat(absolutePath);
    if (!overwrite) exists();
    if (existing.isCharacterDevice())
      return await writeInPlace(absolutePath, content, ops).catch((error: unknown) =>
        fail(error, 'writing the device'),
      );
    if (!existing.isFile())
      fail(
        Object.assign(new Error('not a regular file'), { code: existing.isSymbolicLink() ? 'ELOOP' : 'EISDIR' }),
        'checking the target',
      );
    mode = existing.mode & 0o777;
  } catch (error) {
    if (error instanceof WirepinError) throw error;
    if (errnoOf(error) !== 'ENOENT') fail(error, 'checking the target');
  }
  const directory = dirname(absolutePath);
  try {
    await ops.mkdir(directory);
  } catch (error) {
    fail(error, 'creating its directory');
  }
  const temporary = join(
    directory,
    `.${basename(absolutePath)}.wirepin-${process.pid}-${randomBytes(6).toString('hex')}.tmp`,
  );
  let handle: WritableHandle | undefined;
  let step = 'creating a temporary file';
  try {
    handle = await ops.open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
    step = 'writing';
    await handle.writeFile(content);
    step = 'flushing';
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (options.beforeRename) await options.beforeRename();
    step = overwrite ? 'renaming over the target' : 'linking it to the target';
    if (overwrite) await ops.rename(temporary, absolutePath);
    else {
      await ops.link(temporary, absolutePath);
      await ops.unlink(temporary);
    }
  } catch (error) {
    if (handle) await handle.close().catch(() => undefined);
    await ops.unlink(temporary).catch(() => undefined);
    if (error instanceof WirepinError) throw error;
    if (!overwrite && errnoOf(error) === 'EEXIST') exists();
    fail(error, step);
  }
}

async function writeInPlace(absolutePath: string, content: string, ops: WriteOps): Promise<void> {
  const handle = await ops.open(absolutePath, constants.O_WRONLY, 0o644);
  try {
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
}
