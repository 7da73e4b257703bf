import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { describeFsError, WirepinError } from '../errors.js';

/** The largest repository file wirepin reads unless a caller says otherwise (a contract or source is a few KiB). */
export const DEFAULT_MAX_READ_BYTES = 64 * 1024 * 1024;
/** How long one file may take to read before wirepin gives up on it, in milliseconds. */
export const DEFAULT_READ_TIMEOUT_MS = 10_000;

export interface BoundedReadOptions {
  /** What the file is, for messages: "contract", "Go source", "trace". */
  readonly what: string;
  /** How the file is named in messages (relative to the working directory). */
  readonly shown: string;
  /** Refuse the file once more than this many bytes have been read (counted while reading, never taken from stat). */
  readonly maxBytes?: number;
  readonly timeoutMs?: number;
  readonly hint?: string;
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads one repository file with bounds. It is opened non-blocking (so a FIFO
 * cannot hang the open), checked on the opened descriptor to be a regular file
 * (FIFOs, devices, sockets and directories are refused: a symlink to /dev/zero
 * is a device), read in chunks with the size limit counted as bytes arrive
 * (/proc files and growing files report a size of 0 or less than they hold),
 * and abandoned after a timeout. Every failure is an E_READ WirepinError naming
 * the file.
 */
export async function readBounded(absolutePath: string, options: BoundedReadOptions): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_READ_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
  const hint = options.hint ?? 'Check the path; wirepin reads regular files only.';
  let handle;
  try {
    handle = await open(absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new WirepinError('E_READ', `Cannot read ${options.what} "${options.shown}": ${describeFsError(error)}.`, {
      hint,
    });
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      throw new WirepinError(
        'E_READ',
        `${options.what} "${options.shown}" is ${kindOf(info)}, not a regular file; wirepin reads regular files only.`,
        {
          hint: 'Point wirepin at the file itself; a symlink to a device, a pipe or a socket is refused.',
        },
      );
    }
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new WirepinError(
              'E_READ',
              `Reading ${options.what} "${options.shown}" took longer than ${timeoutMs} ms; wirepin gave up on it.`,
              { hint },
            ),
          ),
        timeoutMs,
      );
    });
    return await Promise.race([readAll(handle, maxBytes, options), timeout]);
  } catch (error) {
    if (error instanceof WirepinError) throw error;
    throw new WirepinError('E_READ', `Cannot read ${options.what} "${options.shown}": ${describeFsError(error)}.`, {
      hint,
    });
  } finally {
    if (timer) clearTimeout(timer);
    await handle.close().catch(() => undefined);
  }
}

async function readAll(
  handle: import('node:fs/promises').FileHandle,
  maxBytes: number,
  options: BoundedReadOptions,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, maxBytes + 1 - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    total += bytesRead;
    if (total > maxBytes) {
      throw new WirepinError(
        'E_READ',
        `${options.what} "${options.shown}" is over wirepin's ${maxBytes}-byte limit for it.`,
        {
          location: { file: options.shown, line: 1, column: 1 },
          hint: options.hint ?? 'Check that this is the right file.',
        },
      );
    }
    chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
  }
  return Buffer.concat(chunks, total);
}

export interface BoundedReadSyncOptions extends BoundedReadOptions {
  /** Test seam: the clock the timeout is measured on, in milliseconds. */
  readonly now?: () => number;
}

/**
 * readBounded for callers that must read synchronously (the TypeScript
 * compiler's host asks for each file it imports as it goes): the same
 * non-blocking open, the same regular-file check on the opened descriptor and
 * the same limit counted while reading. A synchronous read cannot be
 * interrupted, so the timeout is checked after each chunk of at most 1 MiB:
 * a file that takes longer than `timeoutMs` to read is abandoned at the next
 * chunk. Every failure is an E_READ WirepinError naming the file.
 */
export function readBoundedSync(absolutePath: string, options: BoundedReadSyncOptions): Buffer {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_READ_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const hint = options.hint ?? 'Check the path; wirepin reads regular files only.';
  const started = now();
  let fd: number;
  try {
    fd = openSync(absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new WirepinError('E_READ', `Cannot read ${options.what} "${options.shown}": ${describeFsError(error)}.`, {
      hint,
    });
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) {
      throw new WirepinError(
        'E_READ',
        `${options.what} "${options.shown}" is ${kindOf(info)}, not a regular file; wirepin reads regular files only.`,
        {
          hint: 'Point wirepin at the file itself; a symlink to a device, a pipe or a socket is refused.',
        },
      );
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) {
        throw new WirepinError(
          'E_READ',
          `${options.what} "${options.shown}" is over wirepin's ${maxBytes}-byte limit for it.`,
          {
            location: { file: options.shown, line: 1, column: 1 },
            hint: options.hint ?? 'Check that this is the right file.',
          },
        );
      }
      chunks.push(chunk.subarray(0, n));
      if (now() - started > timeoutMs) {
        throw new WirepinError(
          'E_READ',
          `Reading ${options.what} "${options.shown}" took longer than ${timeoutMs} ms; wirepin gave up on it.`,
          { hint },
        );
      }
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof WirepinError) throw error;
    throw new WirepinError('E_READ', `Cannot read ${options.what} "${options.shown}": ${describeFsError(error)}.`, {
      hint,
    });
  } finally {
    closeSync(fd);
  }
}

/**
 * readBoundedSync for small files read while planning (generated files on
 * disk), where a file that cannot be read is simply absent: undefined when it
 * is missing, not a regular file, over the limit or too slow to read.
 */
export function readRegularFileSync(
  absolutePath: string,
  maxBytes: number = DEFAULT_MAX_READ_BYTES,
): Buffer | undefined {
  try {
    return readBoundedSync(absolutePath, { what: 'file', shown: absolutePath, maxBytes });
  } catch (error) {
    if (error instanceof WirepinError) return undefined;
    throw error;
  }
}
