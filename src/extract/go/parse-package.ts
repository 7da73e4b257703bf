import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Node, Tree } from 'web-tree-sitter';
import { describeFsError, WirepinError } from '../../errors.js';
import type { GoReceiver, GoTypeDecl } from './source-model.js';
import { unquoteGoString } from './struct-tag.js';
import { loadGoGrammar } from './tree-sitter-go.js';
import { convertNamedType, locationOf } from './type-syntax.js';
import type { FileScope } from './type-syntax.js';
import { displayPath } from '../../paths.js';
import { readSourceText } from '../source-text.js';

/**
 * One Go package as the extractor sees it: its package-level type
 * declarations indexed by name (converted to plain data on first lookup) and
 * the method names declared per receiver type.
 */
export interface GoPackage {
  readonly name: string;
  /** Every file of the package that was parsed, as display paths. */
  readonly files: readonly string[];
  lookupType(name: string): GoTypeDecl | undefined;
  typeNames(): readonly string[];
  /** Method name → receiver kind, for methods declared on the named type. */
  methodsOf(typeName: string): ReadonlyMap<string, GoReceiver> | undefined;
  /** Whether the file imports a package with `import . "path"`. */
  hasDotImport(file: string): boolean;
}

export interface PackageSource {
  /** A .go file (its package's sibling files are read too) or a package directory. */
  readonly path: string;
  readonly cwd: string;
  /** When a directory holds several packages, use the one that declares this type. */
  readonly preferDeclaring?: string;
}

interface ParsedFile {
  readonly absolute: string;
  /** Excluded from every build by a `//go:build ignore` constraint (generators, examples). */
  readonly buildIgnored: boolean;
  readonly scope: FileScope;
  readonly tree: Tree;
  readonly packageName: string | undefined;
  readonly dotImport: boolean;
  readonly types: ReadonlyMap<string, Node>;
  readonly methods: readonly Node[];
}

/**
 * Reads and parses a Go package, hands it to `use`, and frees the tree-sitter
 * trees afterwards. `use` runs synchronously while the trees are alive.
 */
export async function withGoPackage<T>(source: PackageSource, use: (pkg: GoPackage) => T): Promise<T> {
  const absolute = path.resolve(source.cwd, source.path);
  const listing = await listPackageFiles(absolute, source.path);
  const texts = await Promise.all(listing.files.map((file) => readSource(file, displayPath(file, source.cwd))));
  const grammar = await loadGoGrammar();
  const parsed: ParsedFile[] = [];
  try {
    listing.files.forEach((file, i) => {
      const tree = grammar.parser.parse(texts[i] ?? '');
      if (tree === null) {
        throw new WirepinError('E_PARSE', `tree-sitter returned no syntax tree for "${displayPath(file, source.cwd)}".`);
      }
      // Every pattern is rooted at source_file: a max start depth of 0 keeps the cursor out of function bodies.
      const captures = grammar.declarations.captures(tree.rootNode, { maxStartDepth: 0 });
      parsed.push(indexFile(file, tree, displayPath(file, source.cwd), isBuildIgnored(texts[i] ?? ''), captures));
    });
    const selected = selectPackage(parsed, listing.primary, source.preferDeclaring);
    for (const file of selected) throwOnSyntaxError(file);
    return use(buildPackage(selected));
  } finally {
    for (const file of parsed) file.tree.delete();
  }
}

interface PackageListing {
  readonly files: readonly string[];
  /** The file named by the request, when it named a file. */
  readonly primary: string | undefined;
}

async function listPackageFiles(absolute: string, requested: string): Promise<PackageListing> {
  const info = await stat(absolute).catch((error: unknown) => {
    throw readError(requested, error);
  });
  const directory = info.isDirectory() ? absolute : path.dirname(absolute);
  const entries = await readdir(directory, { withFileTypes: true }).catch((error: unknown) => {
    throw readError(requested, error);
  });
  // Like `go build`: every .go file of the directory except tests (of the build constraints, only `ignore` is honoured, later).
  const siblings = entries
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && entry.name.endsWith('.go') && !entry.name.endsWith('_test.go'))
    .map((entry) => path.join(directory, entry.name));
  if (info.isDirectory()) {
    if (siblings.length === 0) {
      throw new WirepinError('E_READ', `Directory "${requested}" contains no Go source files.`, {
        hint: 'Point the path at a Go package directory or a .go file.',
      });
    }
    return { files: siblings.sort(), primary: undefined };
  }
  if (!absolute.endsWith('.go')) {
    throw new WirepinError('E_USAGE', `"${requested}" is not a Go source file.`, {
      hint: 'Point the path at a .go file or a Go package directory.',
    });
  }
  const files = siblings.includes(absolute) ? siblings : [...siblings, absolute];
  return { files: files.sort(), primary: absolute };
}

function readError(file: string, error: unknown): WirepinError {
  return new WirepinError('E_READ', `Cannot read Go source "${file}": ${describeFsError(error)}.`, {
    hint: 'Check that the path exists and is readable.',
  });
}

async function readSource(file: string, shown: string): Promise<string> {
  const text = await readSourceText(file, shown, { what: 'Go source', rejectNul: true });
  // Go ignores a leading byte order mark; a space keeps every column where it was.
  return text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text;
}


/**
 * Whether the file's build constraint can only be satisfied with the `ignore`
 * tag, which `go build` never sets: `//go:build ignore` (possibly `&&` other
 * terms) or, in a file without a //go:build line, the legacy `// +build
 * ignore`. Other constraints (GOOS, GOARCH, custom tags, disjunctions) are
 * not evaluated, so such files are read.
 */
function isBuildIgnored(text: string): boolean {
  const header = text.slice(0, Math.max(0, text.search(/^package\s/m)));
  const goBuild = [...header.matchAll(/^\/\/go:build\s+(.*)$/gm)];
  // As in go build, a //go:build line decides on its own: `// +build` lines only count without one.
  if (goBuild.length > 0) {
    return goBuild.some((match) => {
      const expression = (match[1] ?? '').trim();
      return !expression.includes('||') && /(^|[\s(&])ignore($|[\s)&])/.test(expression);
    });
  }
  for (const match of header.matchAll(/^\/\/\s*\+build\s+(.*)$/gm)) {
    const options = (match[1] ?? '').trim().split(/\s+/);
    if (options.length === 1 && (options[0] ?? '').split(',').includes('ignore')) return true;
  }
  return false;
}

function indexFile(
  absolute: string,
  tree: Tree,
  display: string,
  buildIgnored: boolean,
  captures: readonly { name: string; node: Node }[],
): ParsedFile {
  let packageName: string | undefined;
  let dotImport = false;
  const imports = new Map<string, string>();
  const types = new Map<string, Node>();
  const methods: Node[] = [];
  for (const { name, node } of captures) {
    if (name === 'package') {
      packageName ??= node.text;
    } else if (name === 'import') {
      const importPath = node.childForFieldName('path');
      const unquoted = importPath === null ? undefined : unquoteGoString(importPath.text);
      if (unquoted === undefined || !unquoted.ok) continue;
      const alias = node.childForFieldName('name');
      if (alias?.type === 'dot') dotImport = true;
      else if (alias?.type === 'package_identifier') imports.set(alias.text, unquoted.value);
      else if (alias === null) imports.set(defaultPackageName(unquoted.value), unquoted.value);
    } else if (name === 'type') {
      const typeName = node.childForFieldName('name')?.text;
      if (typeName !== undefined && !types.has(typeName)) types.set(typeName, node);
    } else if (name === 'method') {
      methods.push(node);
    }
  }
  return { absolute, buildIgnored, scope: { file: display, imports }, tree, packageName, dotImport, types, methods };
}

/** The name an unaliased import is used by: the last path element, skipping a `/vN` major-version suffix. */
function defaultPackageName(importPath: string): string {
  const parts = importPath.split('/');
  const last = parts.at(-1) ?? importPath;
  const previous = parts.at(-2);
  if (/^v[0-9]+$/.test(last) && previous !== undefined) return previous;
  return last.replace(/\.v[0-9]+$/, '');
}

/**
 * The files that make up the package: for a file, the siblings with the same
 * package clause; for a directory with several packages, the one declaring
 * the wanted type. Build-ignored files only count when named explicitly. A
 * file whose package clause is unreadable stays in, so its syntax error is
 * reported.
 */
function selectPackage(all: readonly ParsedFile[], primary: string | undefined, preferDeclaring: string | undefined): ParsedFile[] {
  const primaryFile = all.find((file) => file.absolute === primary);
  if (primaryFile !== undefined) {
    return all.filter(
      (file) =>
        file === primaryFile ||
        (!file.buildIgnored && (file.packageName === undefined || file.packageName === primaryFile.packageName)),
    );
  }
  const built = all.filter((file) => !file.buildIgnored);
  const files = built.length > 0 ? built : all;
  const names = [...new Set(files.map((file) => file.packageName).filter((name) => name !== undefined))];
  if (names.length <= 1) return [...files];
  const declaring = names.find((name) =>
    files.some((file) => file.packageName === name && preferDeclaring !== undefined && file.types.has(preferDeclaring)),
  );
  if (declaring === undefined) return [...files];
  return files.filter((file) => file.packageName === undefined || file.packageName === declaring);
}

function throwOnSyntaxError(file: ParsedFile): void {
  const root = file.tree.rootNode;
  if (!root.hasError) return;
  const node = firstSyntaxError(root) ?? root;
  const what = node.isMissing ? `missing "${node.type}"` : `unexpected ${quoteSnippet(node.text)}`;
  throw new WirepinError('E_PARSE', `Go syntax error in "${file.scope.file}": ${what}.`, {
    location: locationOf(node, file.scope.file),
    hint: 'Fix the Go syntax error (run gofmt).',
  });
}

/** The first ERROR or MISSING node in document order, descending only into subtrees that contain one. */
function firstSyntaxError(node: Node): Node | undefined {
  if (node.isError || node.isMissing) return node;
  for (const child of node.children) {
    if (child.hasError || child.isMissing) {
      const found = firstSyntaxError(child);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function quoteSnippet(text: string): string {
  const line = text.split('\n')[0] ?? '';
  const snippet = line.length > 40 ? `${line.slice(0, 40)}…` : line;
  return snippet === '' ? 'end of input' : `"${snippet}"`;
}

function buildPackage(files: readonly ParsedFile[]): GoPackage {
  const declarations = new Map<string, { node: Node; scope: FileScope }>();
  const methods = new Map<string, Map<string, GoReceiver>>();
  const dotImportFiles = new Set<string>();
  for (const file of files) {
    if (file.dotImport) dotImportFiles.add(file.scope.file);
    // With build-constrained duplicates (x_linux.go / x_windows.go) the first file in name order wins.
    for (const [name, node] of file.types) if (!declarations.has(name)) declarations.set(name, { node, scope: file.scope });
    for (const node of file.methods) {
      const receiver = receiverOf(node);
      const name = node.childForFieldName('name')?.text;
      if (receiver === undefined || name === undefined) continue;
      let table = methods.get(receiver.typeName);
      if (table === undefined) methods.set(receiver.typeName, (table = new Map()));
      table.set(name, receiver.kind);
    }
  }
  const converted = new Map<string, GoTypeDecl>();
  const packageName = files.find((file) => file.packageName !== undefined)?.packageName ?? '';
  return {
    name: packageName,
    files: files.map((file) => file.scope.file),
    lookupType(name) {
      const cached = converted.get(name);
      if (cached !== undefined) return cached;
      const entry = declarations.get(name);
      if (entry === undefined) return undefined;
      const declaration = convertDeclaration(entry.node, entry.scope);
      converted.set(name, declaration);
      return declaration;
    },
    typeNames: () => [...declarations.keys()],
    methodsOf: (typeName) => methods.get(typeName),
    hasDotImport: (file) => dotImportFiles.has(file),
  };
}

function convertDeclaration(node: Node, scope: FileScope): GoTypeDecl {
  const name = node.childForFieldName('name');
  const type = node.childForFieldName('type');
  if (name === null || type === null) {
    throw new WirepinError('E_PARSE', `Type declaration "${node.text}" is incomplete.`, {
      location: locationOf(node, scope.file),
      hint: 'Fix the Go syntax error (run gofmt).',
    });
  }
  const typeParams: string[] = [];
  const parameters = node.childForFieldName('type_parameters');
  for (const declaration of parameters?.namedChildren ?? []) {
    for (const identifier of declaration.childrenForFieldName('name')) typeParams.push(identifier.text);
  }
  return {
    name: name.text,
    alias: node.type === 'type_alias',
    typeParams,
    type: convertNamedType(type, name.text, scope),
    location: locationOf(name, scope.file),
  };
}

/** The receiver's base type name and whether it is a pointer receiver: `(s *Store[T])` → Store, pointer. */
function receiverOf(method: Node): { typeName: string; kind: GoReceiver } | undefined {
  let type = method.childForFieldName('receiver')?.firstNamedChild?.childForFieldName('type') ?? null;
  let kind: GoReceiver = 'value';
  while (type !== null && (type.type === 'pointer_type' || type.type === 'parenthesized_type')) {
    if (type.type === 'pointer_type') kind = 'pointer';
    type = type.firstNamedChild;
  }
  if (type?.type === 'generic_type') type = type.childForFieldName('type');
  return type?.type === 'type_identifier' ? { typeName: type.text, kind } : undefined;
}
