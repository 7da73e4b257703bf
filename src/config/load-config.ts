import { readBounded } from '../fs/bounded-read.js';
import { confinePath, findRepositoryRoot } from '../fs/confine.js';
import { resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type YAMLMap } from 'yaml';
import { displayPath } from '../paths.js';
import { WirepinError } from '../errors.js';

/** Where one side's type lives. */
export interface SideSource {
  readonly kind: 'go' | 'ts' | 'json';
  readonly path: string;
  readonly type: string | undefined;
  /** Go only: the platform whose build constraints select the files (the side's goos/goarch, else the top-level go:). */
  readonly goTarget?: { readonly goos: string; readonly goarch: string };
}

export interface ContractEntry {
  readonly contract: string;
  readonly producer: SideSource | undefined;
  readonly consumer: SideSource | undefined;
  /** Overrides for generated file paths. */
  readonly generate: { readonly schema?: string; readonly producerTypes?: string; readonly consumerTypes?: string };
}

export interface DiffSettings {
  /** The git ref `wirepin check` diffs the contracts against when it runs in CI (CI=true). */
  readonly against: string;
  readonly failOn: 'breaking' | 'needs-both-sides' | 'any';
}

export interface WirepinConfig {
  readonly file: string;
  readonly contracts: readonly ContractEntry[];
  readonly diff: DiffSettings | undefined;
}

export const DEFAULT_CONFIG_FILE = 'wirepin.yaml';
/** wirepin.yaml larger than this is refused (a real one is a few KiB). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Reads wirepin.yaml. Every problem (YAML syntax, duplicate keys, unknown or
 * missing keys, wrong types) is an E_CONFIG error naming file:line:column.
 */
export async function loadConfig(path: string, cwd: string): Promise<WirepinConfig> {
  const file = displayPath(path, cwd);
  let text: string;
  try {
    text = (await readBounded(resolve(cwd, path), { what: 'configuration', shown: file, maxBytes: MAX_CONFIG_BYTES })).toString('utf8');
  } catch (error) {
    if (error instanceof WirepinError) throw error;
    throw new WirepinError('E_READ', `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}.`, {
      hint: `Create ${DEFAULT_CONFIG_FILE} at the repository root (see the README), or pass --config.`,
    });
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true });
  const fail = (message: string, node: YamlNode | undefined | null, hint?: string): never => {
    const offset = node?.range?.[0] ?? 0;
    const pos = lines.linePos(offset);
    throw new WirepinError('E_CONFIG', message, { location: { file, line: pos.line, column: pos.col }, hint: hint ?? `See "${DEFAULT_CONFIG_FILE}" in the README.` });
  };
  const firstError = doc.errors[0];
  if (firstError) {
    const pos = firstError.linePos?.[0];
    throw new WirepinError('E_CONFIG', `${file} is not valid YAML: ${firstError.message.split('\n')[0]}`, {
      location: { file, line: pos?.line ?? 1, column: pos?.col ?? 1 },
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
        fail(`Unknown key ${key === undefined ? '' : `"${key}" `}in ${where}; expected one of: ${allowed.join(', ')}.`, pair.key as YamlNode);
      }
      out.set(key as string, (pair.value as YamlNode | null) ?? null);
    }
    return out;
  };
  const stringAt = (node: YamlNode | null | undefined, what: string, parent: YamlNode): string => {
    if (!node) return fail(`Missing ${what}.`, parent);
    if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '') return fail(`${what} must be a non-empty string.`, node);
    return node.value;
  };
  // Paths in wirepin.yaml are resolved against the working directory and must stay inside the repository.
  const repositoryRoot = findRepositoryRoot(cwd);
  const pathAt = (node: YamlNode | null | undefined, what: string, parent: YamlNode): string => {
    const value = stringAt(node, what, parent);
    try {
      confinePath(repositoryRoot, cwd, value, { what, origin: file });
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
  if (!list || !isSeq(list) || list.items.length === 0) return fail('"contracts" must be a non-empty list.', list ?? root);

  const side = (node: YamlNode | null | undefined, which: 'producer' | 'consumer'): SideSource | undefined => {
    if (!node) return undefined;
    if (!isMap(node)) return fail(`"${which}" must be a mapping such as { go: path, type: Name }.`, node);
    const kinds = which === 'producer' ? ['go', 'ts', 'json'] : ['go', 'ts'];
    const keys = keysOf(node, [...kinds, 'type', 'goos', 'goarch'], `"${which}"`);
    const given = kinds.filter((k) => keys.has(k));
    if (given.length !== 1) return fail(`"${which}" needs exactly one of ${kinds.join(', ')}.`, node);
    const kind = given[0] as SideSource['kind'];
    const path = pathAt(keys.get(kind), `"${which}.${kind}"`, node);
    const typeNode = keys.get('type');
    const type = typeNode ? stringAt(typeNode, `"${which}.type"`, node) : undefined;
    if ((kind === 'go' || kind === 'ts') && !type) fail(`"${which}" with "${kind}" needs "type": the struct or type name.`, node);
    const goos = keys.get('goos') ? stringAt(keys.get('goos'), `"${which}.goos"`, node) : goDefaults.goos;
    const goarch = keys.get('goarch') ? stringAt(keys.get('goarch'), `"${which}.goarch"`, node) : goDefaults.goarch;
    if (kind !== 'go' && (keys.has('goos') || keys.has('goarch'))) {
      fail(`"${which}.goos" and "${which}.goarch" apply to "go" sources only.`, keys.get('goos') ?? keys.get('goarch'));
    }
    if (kind !== 'go' || (goos === undefined && goarch === undefined)) return { kind, path, type };
    return { kind, path, type, goTarget: { goos: goos ?? 'linux', goarch: goarch ?? 'amd64' } };
  };

  const contracts: ContractEntry[] = list.items.map((item) => {
    const node = item as YamlNode;
    if (!isMap(node)) return fail('Each entry of "contracts" must be a mapping with a "contract" path.', node);
    const keys = keysOf(node, ['contract', 'producer', 'consumer', 'generate'], 'a contracts entry');
    const contract = pathAt(keys.get('contract'), '"contract"', node);
    const generateNode = keys.get('generate');
    const generate: { schema?: string; producerTypes?: string; consumerTypes?: string } = {};
    if (generateNode) {
      if (!isMap(generateNode)) fail('"generate" must be a mapping of schema, producerTypes, consumerTypes.', generateNode);
      const g = keysOf(generateNode as YAMLMap, ['schema', 'producerTypes', 'consumerTypes'], '"generate"');
      for (const [k, v] of g) generate[k as keyof typeof generate] = pathAt(v, `"generate.${k}"`, generateNode as YamlNode);
    }
    return { contract, producer: side(keys.get('producer'), 'producer'), consumer: side(keys.get('consumer'), 'consumer'), generate };
  });

  let diff: DiffSettings | undefined;
  const diffNode = top.get('diff');
  if (diffNode) {
    if (!isMap(diffNode)) return fail('"diff" must be a mapping such as { against: origin/main }.', diffNode);
    const keys = keysOf(diffNode, ['against', 'failOn'], '"diff"');
    const against = stringAt(keys.get('against'), '"diff.against"', diffNode);
    const failOnNode = keys.get('failOn');
    const failOn = failOnNode ? stringAt(failOnNode, '"diff.failOn"', diffNode) : 'breaking';
    if (failOn !== 'breaking' && failOn !== 'needs-both-sides' && failOn !== 'any') fail('"diff.failOn" must be breaking, needs-both-sides or any.', failOnNode);
    diff = { against, failOn: failOn as DiffSettings['failOn'] };
  }
  const seen = new Set<string>();
  for (const [index, entry] of contracts.entries()) {
    if (seen.has(entry.contract)) fail(`Contract ${entry.contract} is listed twice.`, list.items[index] as YamlNode);
    seen.add(entry.contract);
  }
  return { file, contracts, diff };
}
