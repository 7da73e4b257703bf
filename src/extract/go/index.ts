import { WirepinError } from '../../errors.js';
import type { ExtractResult, SourceGraph } from '../../wire.js';
import type { SourceLocation } from '../../errors.js';
import type { ExtractRequest, Extractor } from '../types.js';
import { DEFAULT_GO_TARGET, KNOWN_GOARCH, KNOWN_GOOS } from './build-constraints.js';
import type { GoTarget } from './build-constraints.js';
import path from 'node:path';
import { findGoModule, locatePackage } from './go-module.js';
import type { GoModule } from './go-module.js';
import { loadGoPackage } from './parse-package.js';
import type { GoPackage } from './parse-package.js';
import { EMPTY_ENV, TypeResolver } from './resolve-type.js';
import type { ImportedPackages, ResolvedStruct, ResolvedType } from './resolve-type.js';
import { collectWireFields, collectWireGraph, expansionLimits } from './wire-fields.js';
import type { ExpansionLimits } from './wire-fields.js';
import { withArticle } from '../../wording.js';

/**
 * Reads the wire shape of a Go struct from source, with encoding/json's
 * rules, without a Go toolchain. `path` is a .go file (its package's other
 * files are read too) or a package directory.
 */
export const goExtractor: Extractor = {
  kind: 'go',
  extract: extractGoStruct,
  extractGraph: extractGoGraph,
};

export async function extractGoStruct(request: ExtractRequest): Promise<ExtractResult> {
  return extractWith(request, extractStruct);
}

/** Graph mode: every named struct type reachable from the root, its fields listed once (see collectWireGraph). */
export async function extractGoGraph(request: ExtractRequest): Promise<SourceGraph> {
  return extractWith(request, extractGraphOf);
}

async function extractWith<T>(
  request: ExtractRequest,
  extractOne: (pkg: GoPackage, typeName: string, resolver: TypeResolver, limits: ExpansionLimits) => T,
): Promise<T> {
  const typeName = request.typeName;
  if (typeName === undefined || typeName === '') {
    throw new WirepinError('E_USAGE', 'The Go extractor needs the name of the struct type to read.', {
      hint: 'Pass the struct type name, for example cpProvisionRequest.',
    });
  }
  const cwd = request.cwd ?? process.cwd();
  const target = request.goTarget ?? DEFAULT_GO_TARGET;
  checkTarget(target);
  const direction = request.direction ?? 'encode';
  const wordBits = WORD_32_GOARCH.has(target.goarch) ? 32 : 64;
  const pkg = await loadGoPackage({ path: request.path, cwd, preferDeclaring: typeName, target });
  const limits = expansionLimits(request.expansion);
  const module = await findGoModule(packageDirectory(pkg, cwd), request.env ?? process.env);
  // Without a go.mod, wirepin does not guess where an import lives: types of other packages stay unresolved.
  if (module === undefined) return extractOne(pkg, typeName, resolverFor(pkg, direction, wordBits, undefined), limits);
  const imports = importsOf(pkg);
  // Types of imported packages are read as the walk meets them: load what it asked for, then walk again.
  for (let round = 0; ; round++) {
    const resolver = resolverFor(pkg, direction, wordBits, imports);
    imports.requested.clear();
    const result = extractOne(pkg, typeName, resolver, limits);
    const wanted = [...imports.requested].filter((importPath) => imports.loaded.get(importPath) === undefined);
    if (wanted.length === 0 || round >= MAX_IMPORT_ROUNDS) return result;
    for (const importPath of wanted) imports.loaded.set(importPath, await loadImport(module, importPath, cwd, target));
  }
}

/** Rounds of loading imported packages; each round loads every package the previous walk reached. */
const MAX_IMPORT_ROUNDS = 64;

interface LoadedImports extends ImportedPackages {
  readonly loaded: Map<string, { readonly pkg: GoPackage } | { readonly missing: string }>;
}

const importsByPackage = new WeakMap<GoPackage, LoadedImports>();

/** The packages imported from `pkg`'s types, shared by every extraction from it (they are only added to). */
function importsOf(pkg: GoPackage): LoadedImports {
  let imports = importsByPackage.get(pkg);
  if (imports === undefined) {
    const loaded = new Map<string, { readonly pkg: GoPackage } | { readonly missing: string }>();
    imports = { loaded, lookup: (importPath) => loaded.get(importPath), requested: new Set() };
    importsByPackage.set(pkg, imports);
  }
  return imports;
}

async function loadImport(
  module: GoModule,
  importPath: string,
  cwd: string,
  target: GoTarget,
): Promise<{ readonly pkg: GoPackage } | { readonly missing: string }> {
  const located = await locatePackage(module, importPath);
  if ('missing' in located) return located;
  try {
    return { pkg: await loadGoPackage({ path: located.dir, cwd, target }) };
  } catch (error) {
    if (error instanceof WirepinError) return { missing: `wirepin could not read ${located.dir}: ${error.message}` };
    throw error;
  }
}

/** The absolute directory of the package's files. */
function packageDirectory(pkg: GoPackage, cwd: string): string {
  return path.dirname(path.resolve(cwd, pkg.files[0] ?? '.'));
}

/**
 * One resolver per parsed package, direction and word size, so what it
 * memoises (method sets, struct fields) serves every extraction of the
 * process; the package itself is parsed once (loadGoPackage).
 */
const resolvers = new WeakMap<GoPackage, Map<string, TypeResolver>>();

function resolverFor(
  pkg: GoPackage,
  direction: 'encode' | 'decode',
  wordBits: 32 | 64,
  imports: LoadedImports | undefined,
): TypeResolver {
  let perPackage = resolvers.get(pkg);
  if (perPackage === undefined) resolvers.set(pkg, (perPackage = new Map()));
  // A resolver's memos may hold answers given before an import was loaded: a new import set gets a new resolver.
  const key = `${direction}/${wordBits}/${imports === undefined ? 'alone' : imports.loaded.size}`;
  let resolver = perPackage.get(key);
  if (resolver === undefined) perPackage.set(key, (resolver = new TypeResolver(pkg, direction, wordBits, imports)));
  return resolver;
}

/** GOARCH values whose int, uint and uintptr are 32 bits wide (go/types' sizes). */
const WORD_32_GOARCH: ReadonlySet<string> = new Set([
  '386',
  'amd64p32',
  'arm',
  'armbe',
  'mips',
  'mipsle',
  'mips64p32',
  'mips64p32le',
  'ppc',
  'riscv',
  's390',
  'sparc',
]);

function checkTarget(target: GoTarget): void {
  if (!KNOWN_GOOS.has(target.goos)) {
    throw new WirepinError('E_USAGE', `Unknown GOOS "${target.goos}".`, {
      hint: `Use one of Go's operating systems: ${[...KNOWN_GOOS].join(', ')}.`,
    });
  }
  if (!KNOWN_GOARCH.has(target.goarch)) {
    throw new WirepinError('E_USAGE', `Unknown GOARCH "${target.goarch}".`, {
      hint: `Use one of Go's architectures: ${[...KNOWN_GOARCH].join(', ')}.`,
    });
  }
}

function extractGraphOf(
  pkg: GoPackage,
  typeName: string,
  resolver: TypeResolver,
  limits: ExpansionLimits,
): SourceGraph {
  const { resolved, root } = rootStruct(pkg, typeName, resolver);
  const notes = pkg.notes.length > 0 ? { notes: pkg.notes } : {};
  const custom = resolver.customMarshaler(resolved);
  if (custom !== undefined) {
    const only = {
      name: typeName,
      location: root.location,
      fields: [],
      opaque: [{ pointer: '', typeName, reason: custom, location: root.location }],
      links: new Map<string, string>(),
    };
    return { root, rootType: typeName, types: new Map([[typeName, only]]), ...notes };
  }
  return { root, ...collectWireGraph(resolved, resolver, root, limits), ...notes };
}

function rootStruct(
  pkg: GoPackage,
  typeName: string,
  resolver: TypeResolver,
): { resolved: ResolvedStruct; root: { name: string; location: SourceLocation } } {
  const decl = pkg.lookupType(typeName);
  if (decl === undefined) throw unknownType(pkg, typeName);
  const file = decl.location.file;
  const resolved = resolver.resolve({
    expr: { kind: 'named', name: typeName, typeArgs: [], text: typeName, file },
    env: EMPTY_ENV,
  });
  const where = `${file}:${decl.location.line}:${decl.location.column}`;
  if (resolved.kind !== 'struct') {
    throw new WirepinError('E_UNKNOWN_TYPE', `Type "${typeName}" (${where}) is ${describe(resolved)}, not a struct.`, {
      location: decl.location,
      hint: 'Name the struct type that is marshalled to JSON.',
    });
  }
  return { resolved, root: { name: typeName, location: decl.location } };
}

function extractStruct(
  pkg: GoPackage,
  typeName: string,
  resolver: TypeResolver,
  limits: ExpansionLimits,
): ExtractResult {
  const { resolved, root } = rootStruct(pkg, typeName, resolver);
  const notes = pkg.notes.length > 0 ? { notes: pkg.notes } : {};
  const custom = resolver.customMarshaler(resolved);
  if (custom !== undefined) {
    // A custom (un)marshaller decides the whole encoding; the struct's fields say nothing about the wire.
    return { root, fields: [], opaque: [{ pointer: '', typeName, reason: custom, location: root.location }], ...notes };
  }
  return { root, ...collectWireFields(resolved, resolver, root, limits), ...notes };
}

function unknownType(pkg: GoPackage, typeName: string): WirepinError {
  const shown = pkg.files.slice(0, 5).map((file) => `"${file}"`);
  const more = pkg.files.length > shown.length ? ` and ${pkg.files.length - shown.length} more` : '';
  const similar = pkg.typeNames().find((name) => name.toLowerCase() === typeName.toLowerCase());
  return new WirepinError('E_UNKNOWN_TYPE', `Type "${typeName}" is not declared in ${shown.join(', ')}${more}.`, {
    hint:
      similar !== undefined
        ? `Type names are case-sensitive: did you mean "${similar}"?`
        : 'Check the type name (it is case-sensitive) and point the path at the package that declares it.',
  });
}

function describe(resolved: ResolvedType): string {
  switch (resolved.kind) {
    case 'basic':
      return withArticle(resolved.name);
    case 'known':
      return resolved.known;
    case 'unresolved':
      return `unresolvable (${resolved.reason})`;
    case 'unsupported':
      return withArticle(`${resolved.expr.what} type`);
    default:
      return withArticle(`${resolved.kind} type`);
  }
}
