import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readSourceText } from '../source-text.js';

/**
 * The module a package belongs to, read from the nearest go.mod at or above
 * its directory, and where the packages it imports live: packages of the same
 * module in their directories, `vendor/` when vendor/modules.txt is present,
 * local `replace` targets, and the read-only module cache for modules go.mod
 * requires. No Go toolchain runs; nothing is downloaded.
 */
export interface GoModule {
  readonly root: string;
  readonly path: string;
  /** Module path → version, from `require`. */
  readonly requires: ReadonlyMap<string, string>;
  /** Module path → local directory (absolute), from `replace` directives with a file path on the right. */
  readonly localReplaces: ReadonlyMap<string, string>;
  /** Whether vendor/modules.txt exists: then go build reads every dependency from vendor/. */
  readonly vendored: boolean;
  /** The module cache directory, when it exists. */
  readonly cache: string | undefined;
}

export type Located = { readonly dir: string } | { readonly missing: string };

/** The environment variables the module cache is found by. */
export type GoEnv = Readonly<Record<string, string | undefined>>;

const modules = new Map<string, Promise<GoModule | undefined>>();

/** The module of the package in `dir`, once per directory and process; undefined without a go.mod above it. */
export function findGoModule(dir: string, env: GoEnv): Promise<GoModule | undefined> {
  const key = `${dir}\0${env['GOMODCACHE'] ?? ''}\0${env['GOPATH'] ?? ''}\0${env['HOME'] ?? ''}`;
  let found = modules.get(key);
  if (found === undefined) {
    // A go.mod that cannot be read is not remembered: the next call reads it again.
    found = readModule(dir, env).catch((error: unknown) => {
      modules.delete(key);
      throw error;
    });
    modules.set(key, found);
  }
  return found;
}

async function readModule(start: string, env: GoEnv): Promise<GoModule | undefined> {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const text = await readGoMod(path.join(dir, 'go.mod'));
    if (text !== undefined) {
      const parsed = parseGoMod(text);
      if (parsed.path === undefined) return undefined;
      const localReplaces = new Map<string, string>();
      for (const [from, to] of parsed.replaces) {
        // A replacement that is a file path (./x, ../x, /x) names a directory; any other names a module version.
        if (to.startsWith('./') || to.startsWith('../') || path.isAbsolute(to))
          localReplaces.set(from, path.resolve(dir, to));
      }
      return {
        root: dir,
        path: parsed.path,
        requires: parsed.requires,
        localReplaces,
        vendored: await isFile(path.join(dir, 'vendor', 'modules.txt')),
        cache: await moduleCache(env),
      };
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** GOMODCACHE, else the first GOPATH entry's pkg/mod, else ~/go/pkg/mod; only a directory that exists. */
async function moduleCache(env: GoEnv): Promise<string | undefined> {
  const gopath = env['GOPATH']?.split(path.delimiter).find((entry) => entry !== '');
  const home = env['HOME'] ?? os.homedir();
  const candidate =
    env['GOMODCACHE'] || (gopath !== undefined ? path.join(gopath, 'pkg', 'mod') : path.join(home, 'go', 'pkg', 'mod'));
  return (await isDirectory(candidate)) ? candidate : undefined;
}

/**
 * The directory of an imported package, or where wirepin looked. The order is
 * go build's: the main module, then vendor/ (exclusively, when vendored),
 * then a local replace, then the module cache.
 */
export async function locatePackage(module: GoModule, importPath: string): Promise<Located> {
  const looked: string[] = [];
  const inModule = below(module.path, importPath);
  if (inModule !== undefined) {
    const dir = path.join(module.root, ...inModule);
    if (await isDirectory(dir)) return { dir };
    return { missing: `it is in module "${module.path}", but ${dir} does not exist` };
  }
  if (!importPath.split('/')[0]?.includes('.')) {
    return {
      missing: `it is a standard-library package outside wirepin's table of known encodings (time.Time, net/netip.Addr, math/big.Int, ...)`,
    };
  }
  if (module.vendored) {
    const dir = path.join(module.root, 'vendor', ...importPath.split('/'));
    if (await isDirectory(dir)) return { dir };
    return { missing: `the module is vendored and ${dir} does not exist; run go mod vendor` };
  }
  const owner = longestPrefix([...module.localReplaces.keys(), ...module.requires.keys()], importPath);
  if (owner === undefined)
    return { missing: `no module in ${path.join(module.root, 'go.mod')} provides it; add it with go get` };
  const rest = below(owner, importPath) ?? [];
  const replaced = module.localReplaces.get(owner);
  if (replaced !== undefined) {
    const dir = path.join(replaced, ...rest);
    if (await isDirectory(dir)) return { dir };
    looked.push(dir);
  } else {
    const version = module.requires.get(owner) ?? '';
    if (module.cache !== undefined) {
      const dir = path.join(module.cache, `${escapeModulePath(owner)}@${escapeModulePath(version)}`, ...rest);
      if (await isDirectory(dir)) return { dir };
      looked.push(dir);
    } else {
      looked.push('the module cache (GOMODCACHE, $GOPATH/pkg/mod, ~/go/pkg/mod: none exists)');
    }
  }
  return {
    missing: `wirepin looked in ${looked.join(', ')}; run go mod download (or go mod vendor) so its source is there`,
  };
}

/** The path elements of `importPath` below module path `prefix`, or undefined when it is not inside. */
function below(prefix: string, importPath: string): string[] | undefined {
  if (importPath === prefix) return [];
  if (!importPath.startsWith(`${prefix}/`)) return undefined;
  return importPath.slice(prefix.length + 1).split('/');
}

function longestPrefix(candidates: readonly string[], importPath: string): string | undefined {
  let best: string | undefined;
  for (const candidate of candidates) {
    if (below(candidate, importPath) !== undefined && (best === undefined || candidate.length > best.length))
      best = candidate;
  }
  return best;
}

/** golang.org/x/mod/module.EscapePath: every capital letter becomes "!" and its lower case. */
export function escapeModulePath(modulePath: string): string {
  return modulePath.replace(/[A-Z]/g, (letter) => `!${letter.toLowerCase()}`);
}

interface GoModFile {
  readonly path: string | undefined;
  readonly requires: Map<string, string>;
  readonly replaces: Map<string, string>;
}

/**
 * The module, require and replace directives of a go.mod (its grammar is line
 * based: a directive or a parenthesised block of them). A replace with a
 * version on the left applies to that version only; wirepin applies it to the
 * required one, which is the version go build selects when they match.
 */
export function parseGoMod(text: string): GoModFile {
  let modulePath: string | undefined;
  const requires = new Map<string, string>();
  const replaces = new Map<string, string>();
  let block: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (line === '') continue;
    if (block !== undefined) {
      if (line === ')') {
        block = undefined;
        continue;
      }
      directive(block, tokens(line));
      continue;
    }
    const words = tokens(line);
    const verb = words[0];
    if (verb === undefined) continue;
    if (words[1] === '(') {
      block = verb;
      continue;
    }
    directive(verb, words.slice(1));
  }
  return { path: modulePath, requires, replaces };

  function directive(verb: string, args: readonly string[]): void {
    if (verb === 'module' && args[0] !== undefined) modulePath = args[0];
    else if (verb === 'require' && args[0] !== undefined && args[1] !== undefined) requires.set(args[0], args[1]);
    else if (verb === 'replace') {
      const arrow = args.indexOf('=>');
      const from = args[0];
      const to = arrow >= 0 ? args[arrow + 1] : undefined;
      if (from !== undefined && to !== undefined) replaces.set(from, to);
    }
  }
}

/** Whitespace-separated words; Go-quoted module paths ("a b") lose their quotes. */
function tokens(line: string): string[] {
  return (line.match(/"(?:[^"\\]|\\.)*"|`[^`]*`|\S+/g) ?? []).map((word) =>
    word.startsWith('"') || word.startsWith('`') ? word.slice(1, -1) : word,
  );
}

/**
 * The text of `file` when it is there, undefined when it is not. As in the go
 * command's findModuleRoot, anything but a directory named go.mod counts as
 * found; it is then read like every source wirepin reads (bounded, regular
 * files only, strict UTF-8), so a go.mod that cannot be read is an E_READ
 * naming it rather than a silent climb to the next directory up.
 */
async function readGoMod(file: string): Promise<string | undefined> {
  const info = await stat(file).catch(() => undefined);
  if (info === undefined || info.isDirectory()) return undefined;
  return readSourceText(file, file, {
    what: 'go.mod',
    hint: 'Check that the go.mod is a readable regular file saved as UTF-8.',
  });
}

async function isDirectory(dir: string): Promise<boolean> {
  return stat(dir).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (info) => info.isFile(),
    () => false,
  );
}
