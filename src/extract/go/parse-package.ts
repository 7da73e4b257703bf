import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Node, Tree } from 'web-tree-sitter';
import { describeFsError, WirepinError } from '../../errors.js';
import { DEFAULT_GO_TARGET, excludedByName, fileConstraint } from './build-constraints.js';
import type { GoTarget } from './build-constraints.js';
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
  /** Files of the directory that were left out though they end in .go (symlinks, devices), one sentence each. */
  readonly notes: readonly string[];
  /** Each compiled file's syntax tree and import table, for analyses of function bodies (the read analysis); alive as long as the parsed package is kept. */
  readonly syntax: readonly GoFileSyntax[];
}

/** One compiled file of the package: its tree-sitter root and its scope. */
export interface GoFileSyntax {
  readonly scope: FileScope;
  readonly root: Node;
}

export interface PackageSource {
  /** A .go file (its package's sibling files are read too) or a package directory. */
  readonly path: string;
  readonly cwd: string;
  /** When a directory holds several packages, use the one that declares this type. */
  readonly preferDeclaring?: string;
  /** The platform whose build constraints select the files; linux/amd64 by default. */
  readonly target?: GoTarget;
}

interface ParsedFile {
  readonly absolute: string;
  readonly scope: FileScope;
  readonly tree: Tree;
  readonly packageName: string | undefined;
  readonly dotImport: boolean;
  readonly types: ReadonlyMap<string, Node>;
  /** Later declarations of a name `types` already holds (a compile error: "redeclared in this block"). */
  readonly duplicates: readonly Node[];
  readonly methods: readonly Node[];
}

/**
 * The package `source` names. A package is parsed once per process: the
 * parsed files are kept (their trees stay alive for lookups and the read
 * analysis), keyed by directory, target and the files' sizes and modification
 * times (so an edited file is read again), and shared by every extraction and
 * read analysis, so a `check` over many contracts of one package pays for one parse.
 */
export async function loadGoPackage(source: PackageSource): Promise<GoPackage> {
  const absolute = path.resolve(source.cwd, source.path);
  const target = source.target ?? DEFAULT_GO_TARGET;
  const listing = await listPackageFiles(absolute, source.path, target, source.cwd);
  const key = await cacheKey(listing, target, source.cwd);
  let entry = parsedPackages.get(key);
  if (entry === undefined) {
    entry = parseListing(listing, source, target).then(
      (parsed) => ({ parsed, built: new Map<string, GoPackage>() }),
      (error: unknown) => {
        parsedPackages.delete(key);
        throw error;
      },
    );
    parsedPackages.set(key, entry);
  }
  const { parsed, built } = await entry;
  const selected = selectPackage(parsed, listing.primary, source.preferDeclaring);
  for (const file of selected) throwOnSyntaxError(file);
  const selection = selected.map((file) => file.absolute).join('\0');
  let pkg = built.get(selection);
  if (pkg === undefined) built.set(selection, (pkg = buildPackage(selected, listing.notes)));
  return pkg;
}

interface CachedPackage {
  readonly parsed: readonly ParsedFile[];
  /** Packages built from the parsed files, by the files selected (a directory may hold several packages). */
  readonly built: Map<string, GoPackage>;
}

/**
 * Parsed packages of this process. Entries are never dropped: a package's
 * declarations are converted lazily from its trees, and the packages of one
 * extraction refer to each other. An edited file gets a new key (size and
 * modification time), so a long-lived process reads the new text.
 */
const parsedPackages = new Map<string, Promise<CachedPackage>>();

/** Directory, target, named file and each file's size and modification time (nanoseconds where the file system keeps them). */
async function cacheKey(listing: PackageListing, target: GoTarget, cwd: string): Promise<string> {
  const stamps = await Promise.all(
    listing.files.map(async (file) => {
      const info = await stat(file, { bigint: true }).catch((error: unknown) => {
        throw readError(displayPath(file, cwd), error);
      });
      return `${file}\u0001${info.size}\u0001${info.mtimeNs}\u0001${info.ino}`;
    }),
  );
  return [`${target.goos}/${target.goarch}`, displayPath(listing.primary ?? '', cwd), cwd, ...stamps].join('\0');
}

async function parseListing(listing: PackageListing, source: PackageSource, target: GoTarget): Promise<ParsedFile[]> {
  const texts = await Promise.all(listing.files.map((file) => readSource(file, displayPath(file, source.cwd))));
  // Like go build: a sibling whose build constraint fails for the target is not part of the package; a file named explicitly is read regardless (as `go run file.go` does).
  const kept: { file: string; text: string }[] = [];
  listing.files.forEach((file, i) => {
    const text = texts[i] ?? '';
    const constraint = fileConstraint(text, target);
    if (!constraint.ok) {
      const shown = displayPath(file, source.cwd);
      throw new WirepinError(
        'E_PARSE',
        `Go build constraint in "${shown}" cannot be parsed: ${constraint.problem.reason}.`,
        {
          location: { file: shown, line: constraint.problem.line, column: 1 },
          hint: 'Fix the //go:build line (go vet reports the same); only one //go:build line is allowed, before the package clause.',
        },
      );
    }
    if (constraint.built || file === listing.primary) kept.push({ file, text });
  });
  if (kept.length === 0) {
    throw new WirepinError(
      'E_READ',
      `No Go file in "${source.path}" is compiled for ${target.goos}/${target.goarch}: build constraints exclude all of them.`,
      {
        hint: 'Set the target with --goos/--goarch (or go: { goos, goarch } in wirepin.yaml), or point the path at the package that is built.',
      },
    );
  }
  const grammar = await loadGoGrammar();
  const parsed: ParsedFile[] = [];
  try {
    for (const { file, text } of kept) {
      const tree = grammar.parser.parse(text);
      if (tree === null) {
        throw new WirepinError(
          'E_PARSE',
          `tree-sitter returned no syntax tree for "${displayPath(file, source.cwd)}".`,
        );
      }
      // Every pattern is rooted at source_file: a max start depth of 0 keeps the cursor out of function bodies.
      const captures = grammar.declarations.captures(tree.rootNode, { maxStartDepth: 0 });
      parsed.push(indexFile(file, tree, displayPath(file, source.cwd), captures));
    }
  } catch (error) {
    for (const file of parsed) file.tree.delete();
    throw error;
  }
  return parsed;
}

interface PackageListing {
  readonly files: readonly string[];
  /** The file named by the request, when it named a file. */
  readonly primary: string | undefined;
  readonly notes: readonly string[];
}

async function listPackageFiles(
  absolute: string,
  requested: string,
  target: GoTarget,
  cwd: string,
): Promise<PackageListing> {
  const info = await stat(absolute).catch((error: unknown) => {
    throw readError(requested, error);
  });
  const directory = info.isDirectory() ? absolute : path.dirname(absolute);
  const entries = await readdir(directory, { withFileTypes: true }).catch((error: unknown) => {
    throw readError(requested, error);
  });
  const notes: string[] = [];
  const siblings: string[] = [];
  // go/build's file selection: .go files whose names the target allows (no _ or . prefix, no _test.go, GOOS/GOARCH suffixes).
  for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!entry.name.endsWith('.go')) continue;
    const file = path.join(directory, entry.name);
    if (file === absolute) continue;
    if (excludedByName(entry.name, target) !== undefined) continue;
    if (!entry.isFile()) {
      // Editor lock files and other links are not source the package was written in; a link may point anywhere.
      const what = entry.isSymbolicLink() ? 'a symbolic link' : 'not a regular file';
      notes.push(`note: skipped "${displayPath(file, cwd)}": it is ${what}, so wirepin does not read it as Go source.`);
      continue;
    }
    siblings.push(file);
  }
  if (info.isDirectory()) {
    if (siblings.length === 0) {
      throw new WirepinError(
        'E_READ',
        `Directory "${requested}" contains no Go source files that go build compiles for ${target.goos}/${target.goarch}.`,
        {
          hint: 'Point the path at a Go package directory or a .go file (files starting with "_" or ".", _test.go files and other platforms\' files are not compiled).',
        },
      );
    }
    return { files: siblings, primary: undefined, notes };
  }
  if (!absolute.endsWith('.go')) {
    throw new WirepinError('E_USAGE', `"${requested}" is not a Go source file.`, {
      hint: 'Point the path at a .go file or a Go package directory.',
    });
  }
  return { files: [...siblings, absolute].sort(), primary: absolute, notes };
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

function indexFile(
  absolute: string,
  tree: Tree,
  display: string,
  captures: readonly { name: string; node: Node }[],
): ParsedFile {
  let packageName: string | undefined;
  let dotImport = false;
  const imports = new Map<string, string>();
  const types = new Map<string, Node>();
  const duplicates: Node[] = [];
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
      if (typeName === undefined) continue;
      if (types.has(typeName)) duplicates.push(node);
      else types.set(typeName, node);
    } else if (name === 'method') {
      methods.push(node);
    }
  }
  return { absolute, scope: { file: display, imports }, tree, packageName, dotImport, types, duplicates, methods };
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
 * the wanted type. Files the target does not build are already gone. A file
 * whose package clause is unreadable stays in, so its syntax error is
 * reported.
 */
function selectPackage(
  all: readonly ParsedFile[],
  primary: string | undefined,
  preferDeclaring: string | undefined,
): ParsedFile[] {
  const primaryFile = all.find((file) => file.absolute === primary);
  if (primaryFile !== undefined) {
    return all.filter(
      (file) => file === primaryFile || file.packageName === undefined || file.packageName === primaryFile.packageName,
    );
  }
  const names = [...new Set(all.map((file) => file.packageName).filter((name) => name !== undefined))];
  if (names.length <= 1) return [...all];
  const declaring = names.find((name) =>
    all.some((file) => file.packageName === name && preferDeclaring !== undefined && file.types.has(preferDeclaring)),
  );
  if (declaring === undefined) return [...all];
  return all.filter((file) => file.packageName === undefined || file.packageName === declaring);
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

function buildPackage(files: readonly ParsedFile[], notes: readonly string[]): GoPackage {
  const declarations = new Map<string, { node: Node; scope: FileScope }>();
  const methods = new Map<string, Map<string, GoReceiver>>();
  const dotImportFiles = new Set<string>();
  for (const file of files) {
    if (file.dotImport) dotImportFiles.add(file.scope.file);
    // The compiler rejects a name declared twice in one package ("redeclared in this block"); so does wirepin, rather than pick one.
    for (const node of file.duplicates)
      throwRedeclared(node, file.scope, { node: file.types.get(nameOf(node)) as Node, scope: file.scope });
    for (const [name, node] of file.types) {
      const earlier = declarations.get(name);
      if (earlier !== undefined) throwRedeclared(node, file.scope, earlier);
      declarations.set(name, { node, scope: file.scope });
    }
    for (const node of file.methods) {
      const receiver = receiverOf(node);
      const name = node.childForFieldName('name')?.text;
      if (receiver === undefined || name === undefined) continue;
      let table = methods.get(receiver.typeName);
      if (table === undefined) methods.set(receiver.typeName, (table = new Map()));
      table.set(name, receiver.kind);
    }
  }
  // A method declared on an alias (`type ReqAlias = Req; func (ReqAlias) M()`) belongs to the aliased type's method set.
  for (const [receiverName, table] of [...methods]) {
    const base = aliasTarget(receiverName, declarations);
    if (base === receiverName) continue;
    let merged = methods.get(base);
    if (merged === undefined) methods.set(base, (merged = new Map()));
    for (const [method, kind] of table) merged.set(method, kind);
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
    notes,
    syntax: files.map((file) => ({ scope: file.scope, root: file.tree.rootNode })),
  };
}

function nameOf(node: Node): string {
  return node.childForFieldName('name')?.text ?? '';
}

function throwRedeclared(node: Node, scope: FileScope, earlier: { node: Node; scope: FileScope }): never {
  const name = nameOf(node);
  const first = locationOf(earlier.node.childForFieldName('name') ?? earlier.node, earlier.scope.file);
  const second = locationOf(node.childForFieldName('name') ?? node, scope.file);
  throw new WirepinError(
    'E_PARSE',
    `Type "${name}" is declared twice in the files go build compiles: ${first.file}:${first.line}:${first.column} and ${second.file}:${second.line}:${second.column}.`,
    {
      location: second,
      hint: 'Remove one declaration, or give the files build constraints (//go:build, a _GOOS suffix) so only one is compiled for the target (--goos/--goarch).',
    },
  );
}

/** Follows local aliases (`type A = B`, `type B = C`) to the type name they stand for; a name that is not an alias is its own target. */
function aliasTarget(name: string, declarations: ReadonlyMap<string, { node: Node; scope: FileScope }>): string {
  let current = name;
  const seen = new Set<string>();
  for (;;) {
    const entry = declarations.get(current);
    if (entry === undefined || entry.node.type !== 'type_alias' || seen.has(current)) return current;
    seen.add(current);
    let type = entry.node.childForFieldName('type');
    while (type?.type === 'parenthesized_type') type = type.firstNamedChild;
    if (type?.type === 'generic_type') type = type.childForFieldName('type');
    if (type?.type !== 'type_identifier') return current;
    current = type.text;
  }
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
