import { closeSync, constants, fstatSync, openSync, writeSync } from 'node:fs';
import { describeFsError, WirepinError } from '../errors.js';

/** The file-system calls an append makes; tests inject failing ones (ENOSPC, a short write). */
export interface AppendOps {
  readonly open: (path: string, flags: number, mode: number) => number;
  readonly isFile: (fd: number) => boolean;
  /** One write(2) of the whole buffer; returns how many bytes the system took. */
  readonly write: (fd: number, data: Uint8Array) => number;
  readonly close: (fd: number) => void;
}

export const nodeAppendOps: AppendOps = {
  open: (path, flags, mode) => openSync(path, flags, mode),
  isFile: (fd) => fstatSync(fd).isFile(),
  write: (fd, data) => writeSync(fd, data, 0, data.length),
  close: (fd) => closeSync(fd),
};

export interface AppendOptions {
  /** How the file is named in messages. */
  readonly shown: string;
  /** What the file is, for messages: "the job summary". */
  readonly what: string;
  readonly hint: string;
  readonly ops?: AppendOps | undefined;
}

/**
 * Appends a block to a file shared with other writers (GitHub's
 * $GITHUB_STEP_SUMMARY, which every step of a job appends to) in one write
 * call on a descriptor opened with O_APPEND: the kernel places the whole block
 * at the end, so it is never interleaved with another writer's block. The
 * open is non-blocking and the descriptor must be a regular file (a FIFO or a
 * device there is refused rather than waited on). A failed or short write is
 * an E_WRITE WirepinError with the path and the operating system's reason.
 * The caller bounds the block's size.
 */
export function appendWhole(absolutePath: string, content: string, options: AppendOptions): void {
  const ops = options.ops ?? nodeAppendOps;
  const fail = (reason: string): never => {
    throw new WirepinError('E_WRITE', `Cannot append ${options.what} to "${options.shown}": ${reason}.`, {
      hint: options.hint,
    });
  };
  const data = Buffer.from(content, 'utf8');
  let fd: number;
  try {
    fd = ops.open(
      absolutePath,
      constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NONBLOCK,
      0o644,
    );
  } catch (error) {
    return fail(describeFsError(error));
  }
  try {
    if (!ops.isFile(fd)) fail('it is not a regular file');
    let written: number;
    try {
      written = ops.write(fd, data);
    } catch (error) {
      return fail(describeFsError(error));
    }
    if (written !== data.length) fail(`only ${written} of ${data.length} bytes were written (is the disk full?)`);
  } finally {
    try {
      ops.close(fd);
    } catch {
      // The block is written or the failure is already reported; a failing close adds nothing.
    }
  }
}
