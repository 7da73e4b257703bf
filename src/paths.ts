import { relative, resolve, sep } from 'node:path';

/** How reports name a file: relative to the working directory, with forward slashes. */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, resolve(cwd, path));
  return (rel === '' ? '.' : rel).split(sep).join('/');
}
