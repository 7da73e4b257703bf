import { realpathSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { readBounded } from '../fs/bounded-read.js';
import { confinePath } from '../fs/confine.js';
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Node as YamlNode,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { displayPath } from '../paths.js';
import { WirepinError } from '../errors.js';

/** Where one side's type lives. */
export interface SideSource {
  readonly kind: 'go' | 'ts' | 'json';
  readonly path: string;
  readonly type: string | undefined;
  /** Go only: the platform whose build constraints select the files (the side's goos/goarch, else the top-level go:). */
  readonly goTarget?: { readonly goos: string; readonly goarch: string };
  /** Consumer only: the static read analysis: "on" (the default), "off", or "strict" (an unprovable read is an error). */
  readonly reads?: ReadsMode;
  /**
   * Consumer with `go` only: other package directories of the same Go module
   * that are part of the consumer, relative to the config's directory. The read
   * analysis reads them too and follows values handed to their functions,
   * instead of calling those values escaped.
   */
  readonly packages?: readonly string[];
}

export type ReadsMode = 'on' | 'off' | 'strict';

export interface ContractEntry {
  readonly contract: string;
  readonly producer: SideSource | undefined;
  readonly consumer: SideSource | undefined;
  /** Overrides for generated file paths; `false` switches that output off (a Go-only repository needs no TypeScript). */
  readonly generate: GenerateSettings;
  /**
   * The contract's source of truth, when this file is a mirror: a path, or
   * `REF:PATH` at a git ref. `check` then runs `sync` against it.
   */
  readonly source?: string | undefined;
}

export interface GenerateSettings {
  readonly schema?: string | false;
  readonly producerTypes?: string | false;
  readonly consumerTypes?: string | false;
}

export interface DiffSettings {
  /** The git ref `wirepin check` diffs the contracts against when it runs in CI (CI=true). */
  readonly against: string;
  readonly failOn: 'breaking' | 'needs-both-sides' | 'any';
}

export interface WirepinConfig {
  /** The config file as reports name it. */
  readonly file: string;
  /** The directory holding the config (absolute): every path in it is relative to this directory. */
  readonly root: string;
  readonly contracts: readonly ContractEntry[];
  readonly diff: DiffSettings | undefined;
}

export const DEFAULT_CONFIG_FILE = 'wirepin.yaml';
/** wirepin.yaml larger than this is refused (a real one is a few KiB). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Finds wirepin.yaml as git and eslint find theirs: in `cwd`, then in each
 * parent directory. The search stops after the first directory that holds a
 * `.git` entry (the repository root: a config above it belongs to another
 * project) or at the filesystem root. Returns the absolute path, or undefined.
 */
export async function findConfigFile(cwd: string): Promise<string | undefined> {
  let directory = resolve(cwd);
  for (;;) {
    const candidate = join(directory, DEFAULT_CONFIG_FILE);
    if (await isFile(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory || (await exists(join(directory, '.git')))) return undefined;
    directory = parent;
  }
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Reads the config `check` uses: `path` when given (relative to `cwd`),
 * else wirepin.yaml found from `cwd` upward (findConfigFile). Every problem is
 * an E_CONFIG or E_READ error naming file:line:column.
 */
export async function loadConfig(path: string | undefined, cwd: string): Promise<WirepinConfig> {
  const found = path === undefined ? await findConfigFile(cwd) : resolve(cwd, path);
  if (found === undefined) {
    throw new WirepinError(
      'E_READ',
      `No ${DEFAULT_CONFIG_FILE} in ${cwd} or in a directory above it, up to the repository root.`,
      {
        hint: `Create one with \`npx wirepin init\` (see the README), or pass --config.`,
      },
    );
  }
  const file = displayPath(found, cwd);
  // readBounded throws every failure as an E_READ WirepinError naming the file.
  const hint = `Create ${DEFAULT_CONFIG_FILE} at the repository root (see the README), or pass --config.`;
  const text = (
    await readBounded(found, { what: 'configuration', shown: file, maxBytes: MAX_CONFIG_BYTES, hint })
  ).toString('utf8');
  return { ...parseConfigText(text, file, realpathSync(dirname(found))), root: dirname(found) };
}

/**
 * Parses the text of a wirepin.yaml; `file` names it in messages. Every
 * problem (YAML syntax at the parser's line and column, duplicate keys,
 * unknown or missing keys, wrong types) is an E_CONFIG error naming
 * file:line:column. With `repositoryRoot` (the config's directory, the
 * repository root), every path in it must resolve inside that directory after
 * symlinks are resolved (confinePath); an escape is an E_CONFIG error at its line.
 */
export function parseConfigText(text: string, file: string, repositoryRoot?: string): Omit<WirepinConfig, 'root'> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true });
  const fail = (message: string, node: YamlNode | undefined | null, hint?: string): never => {
    const offset = node?.range?.[0] ?? 0;
    const pos = lines.linePos(offset);
    throw new WirepinError('E_CONFIG', message, {
      location: { file, line: pos.line, column: pos.col },
      hint: hint ?? `See "${DEFAULT_CONFIG_FILE}" in the README.`,
    });
  };
  const firstError = doc.errors[0];
  if (firstError) {
    // Without prettyErrors the parser gives an offset, not a line: the line counter maps it.
    const pos = firstError.linePos?.[0] ?? lines.linePos(firstError.pos[0]);
    throw new WirepinError('E_CONFIG', `${file} is not valid YAML: ${firstError.message.split('\n')[0]}`, {
      location: { file, line: pos.line, column: pos.col },
      hint: 'Fix the YAML syntax.',
    });
  }
  const root = doc.contents;
  if (!isMap(root)) return fail(`${file} must be a mapping with a "contracts" list.`, root);

  const keysOf = (map: YAMLMap, allowed: readonly string[], where: string): Map<string, YamlNode | null> => {
    const out = new Map<string, YamlNode | null>();
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined || !allowed.includes(key)) {
        fail(
          `Unknown key ${key === undefined ? '' : `"${key}" `}in ${where}; expected one of: ${allowed.join(', ')}.`,
          pair.key as YamlNode,
        );
      }
      out.set(key as string, (pair.value as YamlNode | null) ?? null);
    }
    return out;
  };
  const stringAt = (node: YamlNode | null | undefined, what: string, parent: YamlNode): string => {
    if (!node) return fail(`Missing ${what}.`, parent);
    if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '')
      return fail(`${what} must be a non-empty string.`, node);
    return node.value;
  };
  // Paths in wirepin.yaml are relative to its directory and must stay inside it (the repository root).
  const pathAt = (node: YamlNode | null | undefined, what: string, parent: YamlNode): string => {
    const value = stringAt(node, what, parent);
    if (repositoryRoot === undefined) return value;
    try {
      confinePath(repositoryRoot, repositoryRoot, value, { what, origin: file });
    } catch (error) {
      if (error instanceof WirepinError) fail(error.message, node, error.hint);
      throw error;
    }
    return value;
  };

  const top = keysOf(root, ['version', 'contracts', 'diff', 'go'], 'the top level');
  // go: { goos, goarch }: the Go target for every side, unless a side names its own.
  const goNode = top.get('go');
  const goDefaults: { goos?: string; goarch?: string } = {};
  if (goNode) {
    if (!isMap(goNode)) fail('"go" must be a mapping such as { goos: linux, goarch: amd64 }.', goNode);
    const g = keysOf(goNode as YAMLMap, ['goos', 'goarch'], '"go"');
    for (const [k, v] of g) goDefaults[k as 'goos' | 'goarch'] = stringAt(v, `"go.${k}"`, goNode as YamlNode);
  }
  const version = top.get('version');
  if (version && (!isScalar(version) || version.value !== 1)) fail('"version" must be 1.', version);
  const list = top.get('contracts');
  if (!list || !isSeq(list) || list.items.length === 0)
    return fail('"contracts" must be a non-empty list.', list ?? root);

  const side = (node: YamlNode | null | undefined, which: 'producer' | 'consumer'): SideSource | undefined => {
    if (!node) return undefined;
    if (!isMap(node)) return fail(`"${which}" must be a mapping such as { go: path, type: Name }.`, node);
    const kinds = which === 'producer' ? ['go', 'ts', 'json'] : ['go', 'ts'];
    const keys = keysOf(
      node,
      [...kinds, 'type', 'goos', 'goarch', ...(which === 'consumer' ? ['reads', 'packages'] : [])],
      `"${which}"`,
    );
    const given = kinds.filter((k) => keys.has(k));
    if (given.length !== 1) return fail(`"${which}" needs exactly one of ${kinds.join(', ')}.`, node);
    const kind = given[0] as SideSource['kind'];
    const path = pathAt(keys.get(kind), `"${which}.${kind}"`, node);
    const typeNode = keys.get('type');
    const type = typeNode ? stringAt(typeNode, `"${which}.type"`, node) : undefined;
    if ((kind === 'go' || kind === 'ts') && !type)
      fail(`"${which}" with "${kind}" needs "type": the struct or type name.`, node);
    const goos = keys.get('goos') ? stringAt(keys.get('goos'), `"${which}.goos"`, node) : goDefaults.goos;
    const goarch = keys.get('goarch') ? stringAt(keys.get('goarch'), `"${which}.goarch"`, node) : goDefaults.goarch;
    if (kind !== 'go' && (keys.has('goos') || keys.has('goarch'))) {
      fail(`"${which}.goos" and "${which}.goarch" apply to "go" sources only.`, keys.get('goos') ?? keys.get('goarch'));
    }
    const readsNode = keys.get('reads');
    const readsText = readsNode ? stringAt(readsNode, `"${which}.reads"`, node) : undefined;
    if (readsText !== undefined && !['on', 'off', 'strict'].includes(readsText))
      fail(`"${which}.reads" must be on, off or strict.`, readsNode);
    const packagesNode = keys.get('packages');
    let packages: string[] | undefined;
    if (packagesNode !== undefined) {
      if (kind !== 'go')
        fail(
          `"${which}.packages" applies to "go" sources only: the TypeScript analysis reads the files beside the type.`,
          packagesNode,
        );
      if (!isSeq(packagesNode) || packagesNode.items.length === 0) {
        fail(
          `"${which}.packages" must be a non-empty list of package directories, such as [internal/plan].`,
          packagesNode,
        );
      }
      packages = (packagesNode as YAMLSeq).items.map((item) =>
        pathAt(item as YamlNode, `"${which}.packages" entry`, packagesNode as YamlNode),
      );
    }
    const reads = {
      ...(readsText === undefined ? {} : { reads: readsText as ReadsMode }),
      ...(packages === undefined ? {} : { packages }),
    };
    if (kind !== 'go' || (goos === undefined && goarch === undefined)) return { kind, path, type, ...reads };
    return { kind, path, type, goTarget: { goos: goos ?? 'linux', goarch: goarch ?? 'amd64' }, ...reads };
  };

  const contracts: ContractEntry[] = list.items.map((item) => {
    const node = item as YamlNode;
    if (!isMap(node)) return fail('Each entry of "contracts" must be a mapping with a "contract" path.', node);
    const keys = keysOf(node, ['contract', 'source', 'producer', 'consumer', 'generate'], 'a contracts entry');
    const contract = pathAt(keys.get('contract'), '"contract"', node);
    const sourceNode = keys.get('source');
    const source = sourceNode === undefined ? undefined : pathAt(sourceNode, '"source"', node);
    const generateNode = keys.get('generate');
    const generate: { -readonly [K in keyof GenerateSettings]: GenerateSettings[K] } = {};
    if (generateNode) {
      if (!isMap(generateNode))
        fail('"generate" must be a mapping of schema, producerTypes, consumerTypes.', generateNode);
      const g = keysOf(generateNode as YAMLMap, ['schema', 'producerTypes', 'consumerTypes'], '"generate"');
      for (const [k, v] of g) {
        // false switches the output off; anything else must be a path.
        generate[k as keyof GenerateSettings] =
          v !== null && isScalar(v) && v.value === false
            ? false
            : pathAt(v, `"generate.${k}" (a path, or false to switch it off)`, generateNode as YamlNode);
      }
    }
    return {
      contract,
      source,
      producer: side(keys.get('producer'), 'producer'),
      consumer: side(keys.get('consumer'), 'consumer'),
      generate,
    };
  });

  let diff: DiffSettings | undefined;
  const diffNode = top.get('diff');
  if (diffNode) {
    if (!isMap(diffNode)) return fail('"diff" must be a mapping such as { against: origin/main }.', diffNode);
    const keys = keysOf(diffNode, ['against', 'failOn'], '"diff"');
    const against = stringAt(keys.get('against'), '"diff.against"', diffNode);
    const failOnNode = keys.get('failOn');
    const failOn = failOnNode ? stringAt(failOnNode, '"diff.failOn"', diffNode) : 'breaking';
    if (failOn !== 'breaking' && failOn !== 'needs-both-sides' && failOn !== 'any')
      fail('"diff.failOn" must be breaking, needs-both-sides or any.', failOnNode);
    diff = { against, failOn: failOn as DiffSettings['failOn'] };
  }
  const seen = new Set<string>();
  for (const [index, entry] of contracts.entries()) {
    if (seen.has(entry.contract)) fail(`Contract ${entry.contract} is listed twice.`, list.items[index] as YamlNode);
    seen.add(entry.contract);
  }
  return { file, contracts, diff };
}
