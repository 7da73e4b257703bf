import { WirepinError } from '../../errors.js';
import type { ExtractResult } from '../../wire.js';
import type { ExtractRequest, Extractor } from '../types.js';
import { DEFAULT_GO_TARGET, KNOWN_GOARCH, KNOWN_GOOS } from './build-constraints.js';
import type { GoTarget } from './build-constraints.js';
import { withGoPackage } from './parse-package.js';
import type { GoPackage } from './parse-package.js';
import { EMPTY_ENV, TypeResolver } from './resolve-type.js';
import type { ResolvedType } from './resolve-type.js';
import { collectWireFields, expansionLimits } from './wire-fields.js';
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
};

export async function extractGoStruct(request: ExtractRequest): Promise<ExtractResult> {
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
  const result = await withGoPackage({ path: request.path, cwd, preferDeclaring: typeName, target }, (pkg) =>
    extractStruct(pkg, typeName, resolverFor(pkg, direction, wordBits), expansionLimits(request.expansion)),
  );
  return result;
}

/**
 * One resolver per parsed package, direction and word size, so what it
 * memoises (method sets, struct fields) serves every extraction of the
 * process; the package itself is parsed once (withGoPackage).
 */
const resolvers = new WeakMap<GoPackage, Map<string, TypeResolver>>();

function resolverFor(pkg: GoPackage, direction: 'encode' | 'decode', wordBits: 32 | 64): TypeResolver {
  let perPackage = resolvers.get(pkg);
  if (perPackage === undefined) resolvers.set(pkg, (perPackage = new Map()));
  const key = `${direction}/${wordBits}`;
  let resolver = perPackage.get(key);
  if (resolver === undefined) perPackage.set(key, (resolver = new TypeResolver(pkg, direction, wordBits)));
  return resolver;
}

/** GOARCH values whose int, uint and uintptr are 32 bits wide (go/types' sizes). */
const WORD_32_GOARCH: ReadonlySet<string> = new Set(['386', 'amd64p32', 'arm', 'armbe', 'mips', 'mipsle', 'mips64p32', 'mips64p32le', 'ppc', 'riscv', 's390', 'sparc']);

function checkTarget(target: GoTarget): void {
  if (!KNOWN_GOOS.has(target.goos)) {
    throw new WirepinError('E_USAGE', `Unknown GOOS "${target.goos}".`, { hint: `Use one of Go's operating systems: ${[...KNOWN_GOOS].join(', ')}.` });
  }
  if (!KNOWN_GOARCH.has(target.goarch)) {
    throw new WirepinError('E_USAGE', `Unknown GOARCH "${target.goarch}".`, { hint: `Use one of Go's architectures: ${[...KNOWN_GOARCH].join(', ')}.` });
  }
}

function extractStruct(pkg: GoPackage, typeName: string, resolver: TypeResolver, limits: ExpansionLimits): ExtractResult {
  const decl = pkg.lookupType(typeName);
  if (decl === undefined) throw unknownType(pkg, typeName);
  const file = decl.location.file;
  const resolved = resolver.resolve({ expr: { kind: 'named', name: typeName, typeArgs: [], text: typeName, file }, env: EMPTY_ENV });
  const where = `${file}:${decl.location.line}:${decl.location.column}`;
  if (resolved.kind !== 'struct') {
    throw new WirepinError('E_UNKNOWN_TYPE', `Type "${typeName}" (${where}) is ${describe(resolved)}, not a struct.`, {
      location: decl.location,
      hint: 'Name the struct type that is marshalled to JSON.',
    });
  }
  const root = { name: typeName, location: decl.location };
  const notes = pkg.notes.length > 0 ? { notes: pkg.notes } : {};
  const custom = resolver.customMarshaler(resolved);
  if (custom !== undefined) {
    // A custom (un)marshaller decides the whole encoding; the struct's fields say nothing about the wire.
    return { root, fields: [], opaque: [{ pointer: '', typeName, reason: custom, location: decl.location }], ...notes };
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
