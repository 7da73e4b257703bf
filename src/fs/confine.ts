import { existsSync, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { WirepinError } from '../errors.js';
import { displayPath } from '../paths.js';

/** The file whose directory is the repository root. */
export const ROOT_MARKER = 'wirepin.yaml';

/**
 * The repository root: the nearest directory at or above `cwd` that holds
 * wirepin.yaml; else the nearest that holds `.git` (the git top level); else
 * `cwd` itself. The search stops at the git top level, so a wirepin.yaml above
 * the repository is never taken. Returned with symlinks resolved.
 */
export function findRepositoryRoot(cwd: string): string {
  const start = realpathSync(resolve(cwd));
  let gitTop: string | undefined;
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, ROOT_MARKER))) return dir;
    if (existsSync(join(dir, '.git'))) {
      gitTop = dir;
      break;
    }
    if (dirname(dir) === dir) break;
  }
  return gitTop ?? start;
}

/** Whether `path` is `root` or below it (both absolute, symlinks already resolved). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * `path` with symlinks resolved: the realpath of its deepest existing ancestor
 * (the path itself when it exists) joined with the parts that do not exist yet.
 * A dangling symlink is followed to where it points.
 */
export function resolveReal(absolutePath: string, depth = 0): string {
  if (depth > 40)
    throw new WirepinError('E_CONFINE', `"${absolutePath}" goes through more than 40 symbolic links (a loop?).`, {
      hint: 'Remove the symlink loop.',
    });
  const missing: string[] = [];
  let current = absolutePath;
  for (;;) {
    let isLink = false;
    try {
      isLink = lstatSync(current).isSymbolicLink();
      return join(realpathSync(current), ...missing);
    } catch {
      if (isLink) {
        // A dangling link: where it would point is where a write would land.
        const parent = resolveReal(dirname(current), depth + 1);
        return join(resolveReal(resolve(parent, readlinkSync(current)), depth + 1), ...missing);
      }
      const parent = dirname(current);
      if (parent === current) return join(current, ...missing);
      missing.unshift(current.slice(parent.length).replace(/^[/\\]+/u, ''));
      current = parent;
    }
  }
}

export interface ConfineOptions {
  /** What the path is, for messages: "generated schema", "producer source". */
  readonly what: string;
  /** Where the path came from, for messages: "wirepin.yaml", "the contract list". */
  readonly origin: string;
}

/**
 * Resolves a path that came from a file under review (wirepin.yaml, a
 * contract, a trace) and refuses it unless it stays inside the repository
 * root after symlinks are resolved: absolute paths, `..` escapes, and
 * symlinked targets or parents that lead outside are E_CONFINE errors.
 * Returns the real absolute path to use.
 */
export function confinePath(root: string, cwd: string, path: string, options: ConfineOptions): string {
  const refuse = (why: string): never => {
    throw new WirepinError(
      'E_CONFINE',
      `The ${options.what} path "${path}" from ${options.origin} ${why}; wirepin only touches files inside the repository (${displayPath(root, cwd)}).`,
      {
        hint: 'Use a relative path inside the repository, without symlinks that lead out of it.',
      },
    );
  };
  if (isAbsolute(path)) refuse('is absolute');
  const lexical = resolve(cwd, path);
  if (!isInside(root, lexical)) refuse('leaves the repository through ".."');
  const real = resolveReal(lexical);
  if (!isInside(root, real)) refuse(`resolves through a symlink to ${real}, outside the repository`);
  return real;
}
