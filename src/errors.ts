/**
 * Typed errors for "the check could not run": bad usage, unreadable files,
 * input wirepin cannot parse or understand. Only the CLI entry point turns
 * these into exit code 2; library code never calls process.exit.
 */
export type WirepinErrorCode =
  | 'E_USAGE'
  | 'E_READ'
  | 'E_PARSE'
  | 'E_UNKNOWN_TYPE'
  | 'E_UNSUPPORTED'
  | 'E_CONFIG'
  | 'E_GIT'
  | 'E_WRITE'
  | 'E_CONFINE';

/** A position in a file. `line` and `column` are 1-based; columns count UTF-16 code units. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export class WirepinError extends Error {
  readonly code: WirepinErrorCode;
  readonly location: SourceLocation | undefined;
  /** What the user should do about it, in one sentence. */
  readonly hint: string | undefined;

  constructor(code: WirepinErrorCode, message: string, options: { location?: SourceLocation; hint?: string } = {}) {
    super(message);
    this.name = 'WirepinError';
    this.code = code;
    this.location = options.location;
    this.hint = options.hint;
  }
}

export function isWirepinError(value: unknown): value is WirepinError {
  return value instanceof WirepinError;
}

/** A file-system error in words for a message: "no such file (ENOENT)". */
export function describeFsError(error: unknown): string {
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  if (code === 'ENOENT') return 'no such file (ENOENT)';
  if (code === 'EISDIR') return 'it is a directory, not a file (EISDIR)';
  if (code === 'EACCES') return 'permission denied (EACCES)';
  if (code === 'ENOSPC') return 'no space left on the device (ENOSPC)';
  if (code === 'EROFS') return 'the file system is read-only (EROFS)';
  if (code === 'EEXIST') return 'a file is already there (EEXIST)';
  if (code === 'ENOTDIR') return 'a part of the path is not a directory (ENOTDIR)';
  if (code === 'EPERM') return 'operation not permitted (EPERM)';
  if (code === 'EFBIG') return 'the file would exceed the largest file this process may write (EFBIG)';
  if (code === 'ELOOP') return 'too many symbolic links, or a symlink where a file was expected (ELOOP)';
  if (code !== undefined) return code;
  return error instanceof Error ? error.message : String(error);
}
