import { existsAt, tryResolveRef, type GitRef } from './git.js';

/** Where the source of truth is read from: a file, or a path at a git ref. */
export type SourceLocation =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'git'; readonly ref: GitRef; readonly path: string; readonly display: string };

/**
 * Reads `SOURCE` as `git-ref:path` or as a plain path. The text is split at
 * its FIRST colon, and only taken as a git source when the part before the
 * colon resolves to a commit here AND the part after it names a file at that
 * commit; everything else is a path. So:
 *
 * - `origin/main:contracts/x.contract.json` is a git source (ref names cannot
 *   contain ":", so the first colon is the only possible split).
 * - `C:\contracts\x.contract.json` or `C:/contracts/x.contract.json` is a path:
 *   on Windows a one-letter part before the colon is always a drive, and
 *   elsewhere it would also need a branch or tag named "C" holding that path.
 * - `./main:x.json` is always a path ("./main" is not a valid ref name): the way
 *   to name a file whose name contains a colon.
 *
 * No colon (or nothing after it) means no git call at all.
 */
export async function locateSource(cwd: string, spec: string): Promise<SourceLocation> {
  const colon = spec.indexOf(':');
  if (colon <= 0 || colon === spec.length - 1) return { kind: 'file', path: spec };
  const refPart = spec.slice(0, colon);
  const pathPart = spec.slice(colon + 1);
  if (process.platform === 'win32' && /^[A-Za-z]$/u.test(refPart)) return { kind: 'file', path: spec };
  const ref = await tryResolveRef(cwd, refPart);
  if (ref && (await existsAt(cwd, ref, pathPart))) return { kind: 'git', ref, path: pathPart, display: spec };
  return { kind: 'file', path: spec };
}
