import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Node } from 'web-tree-sitter';
import { describeFsError, WirepinError } from '../errors.js';
import type { SourceLocation } from '../errors.js';
import type { GoTarget } from '../extract/go/build-constraints.js';
import { findGoModule } from '../extract/go/go-module.js';
import type { GoEnv } from '../extract/go/go-module.js';
import { loadGoPackage } from '../extract/go/parse-package.js';
import type { GoFileSyntax } from '../extract/go/parse-package.js';
import type { FileScope } from '../extract/go/type-syntax.js';
import { locationOf } from '../extract/go/type-syntax.js';
import { declarationKey } from '../wire.js';
import type { ReadEscape, ReadEvidence, WireField } from '../wire.js';
import { displayPath } from '../paths.js';
import { fieldReads } from './field-reads.js';

/**
 * The type of a Go value as far as the read analysis needs it: a struct type
 * of the package (named, or anonymous and keyed by where it is written), or a
 * pointer, slice/array or map leading to one; `iface` is interface{}/any (a
 * value stored there escapes); `other` is everything the analysis does not follow.
 */
type ValueType =
  | { readonly k: 'struct'; readonly key: string }
  | { readonly k: 'ptr' | 'slice' | 'map'; readonly elem: ValueType }
  | { readonly k: 'iface' }
  | { readonly k: 'other' };

const OTHER: ValueType = { k: 'other' };
const IFACE: ValueType = { k: 'iface' };

interface StructField {
  readonly type: ValueType;
  /** `file:line:column` of the field name: the same place the extractor reports for the wire field. */
  readonly locKey: string;
  readonly embedded: boolean;
}

interface FuncSignature {
  readonly params: readonly ValueType[];
  readonly results: readonly ValueType[];
  /** The last parameter is `...T` (held in `params` as a slice of T): the arguments from there on are each a T. */
  readonly variadic: boolean;
}

/** Whether argument `i` of a call is received as interface{}: its parameter's type, or a variadic parameter's element type. */
function receivedAsInterface(signature: FuncSignature, i: number): boolean {
  const last = signature.params.length - 1;
  const param = signature.params[Math.min(i, last)];
  return (signature.variadic && i >= last && param?.k === 'slice' ? param.elem : param)?.k === 'iface';
}

interface Escape extends ReadEscape {
  /** The escaped value's type: every field of every struct type reachable from it is out of sight. */
  readonly from: ValueType;
  /** A single field whose address escaped. */
  readonly field?: string;
}

export interface GoReadRequest {
  readonly path: string;
  readonly cwd: string;
  readonly typeName: string;
  readonly target?: GoTarget;
  /** The consumer's wire fields as the extractor read them: their locations tie them to Go struct fields. */
  readonly fields: readonly WireField[];
  readonly strict: boolean;
  /**
   * Other package directories of the same module that are part of the
   * consumer (wirepin.yaml's `packages`), relative to `cwd`: the analysis reads
   * them too, follows values handed to their functions and resolves their types.
   */
  readonly packages?: readonly string[];
  /** What go.mod lookups read (GOMODCACHE, GOPATH, HOME); used with `packages` and for wire types of other packages. */
  readonly env?: GoEnv;
}

/** One package the analysis reads: its declarations by name, in its own namespace. */
interface PackageIndex {
  /**
   * A package only whose types are read: one declaring struct types of the
   * wire shape that is not part of the consumer. Its functions are not known,
   * so a value handed to one escapes.
   */
  readonly typesOnly: boolean;
  /** Prefixed to its named struct types' keys ("" for the package holding the request type). */
  readonly prefix: string;
  readonly files: readonly GoFileSyntax[];
  readonly typeDecls: Map<string, { node: Node; scope: FileScope }>;
  readonly resolvedNamed: Map<string, ValueType>;
  readonly funcs: Map<string, FuncSignature>;
  readonly globals: Map<string, ValueType>;
}

function packageIndex(prefix: string, files: readonly GoFileSyntax[], typesOnly = false): PackageIndex {
  return {
    typesOnly,
    prefix,
    files,
    typeDecls: new Map(),
    resolvedNamed: new Map(),
    funcs: new Map(),
    globals: new Map(),
  };
}

/** How deep the analysis follows nested syntax before it refuses the input (gofmt'd code stays far below). */
const MAX_SYNTAX_NESTING = 1000;

/** Nodes with nothing inside that reads, binds or hands on a value: names, literals, types, comments. */
const OPAQUE_NODES: ReadonlySet<string> = new Set([
  'identifier',
  'field_identifier',
  'type_identifier',
  'package_identifier',
  'blank_identifier',
  'label_name',
  'interpreted_string_literal',
  'raw_string_literal',
  'rune_literal',
  'int_literal',
  'float_literal',
  'imaginary_literal',
  'true',
  'false',
  'nil',
  'iota',
  'comment',
  'pointer_type',
  'slice_type',
  'array_type',
  'map_type',
  'channel_type',
  'function_type',
  'qualified_type',
  'struct_type',
  'interface_type',
  'generic_type',
  'type_declaration',
  'import_declaration',
  'const_declaration',
]);

/** Builtins whose arguments are read, not handed on. */
const READING_BUILTINS: ReadonlySet<string> = new Set([
  'len',
  'cap',
  'append',
  'copy',
  'delete',
  'min',
  'max',
  'clear',
  'close',
  'complex',
  'real',
  'imag',
  'make',
  'new',
]);

/**
 * Static read analysis of a Go consumer package, without a Go toolchain.
 * Type-based and flow-insensitive: a field counts as read when some selector
 * in a compiled, non-test file of the package reads it from a value of its
 * struct type, whatever function that is in; so a value handed to a function
 * of the package is followed through that function's parameter types with no
 * depth to bound. Writes (`x.f = v`) and address-taking (`&x.f`) are not reads;
 * `x.f++` and `x.f += v` are. A value that leaves for code the analysis cannot
 * see (another package, interface{}, a method of an unknown value, a channel)
 * makes every field it can reach "unprovable" unless read elsewhere. Packages
 * of the same module listed in `packages` are read as part of the consumer (a
 * call into one is followed, not an escape); the other packages of the module
 * that declare struct types of the wire shape lend their types only.
 */
export async function analyzeGoReads(request: GoReadRequest): Promise<ReadEvidence> {
  const target = request.target ? { target: request.target } : {};
  // The package the extractor parsed for the same request: loadGoPackage keeps it, so nothing is read or parsed again.
  const pkg = await loadGoPackage({
    path: request.path,
    cwd: request.cwd,
    preferDeclaring: request.typeName,
    ...target,
  });
  const primary = packageIndex('', pkg.syntax);
  const others = new Map<string, PackageIndex>();
  const listed = request.packages ?? [];
  const home = await packageDirectory(request.cwd, request.path);
  // Struct types of the wire shape declared in other packages of the module (the extractor's field locations say where).
  const typeHomes = [
    ...new Set(request.fields.map((field) => path.dirname(path.resolve(request.cwd, field.location.file)))),
  ]
    .filter((dir) => dir !== home)
    .sort();
  if (listed.length > 0 || typeHomes.length > 0) {
    const env = request.env ?? {};
    const module = await findGoModule(home, env);
    if (module === undefined && listed.length > 0) {
      throw new WirepinError(
        'E_USAGE',
        `The consumer package "${request.path}" has no go.mod at or above it, so the packages listed with it cannot be placed in its module.`,
        {
          hint: 'Add the go.mod of the consumer\'s module, or drop "packages" from the consumer in wirepin.yaml.',
        },
      );
    }
    if (module !== undefined) {
      const importPathOf = (dir: string): string | undefined => {
        const relative = path.relative(module.root, dir);
        if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
        const slashed = relative.split(path.sep).join('/');
        return slashed === '' ? module.path : `${module.path}/${slashed}`;
      };
      const own = importPathOf(home);
      if (own !== undefined) others.set(own, primary);
      for (const listedPath of listed) {
        const dir = await packageDirectory(request.cwd, listedPath);
        const inner = await findGoModule(dir, env);
        const importPath = importPathOf(dir);
        if (inner?.root !== module.root || importPath === undefined) {
          throw new WirepinError(
            'E_USAGE',
            `The package "${listedPath}" listed with the consumer is not in the consumer's Go module ${module.path} (${displayPath(module.root, request.cwd) || '.'}).`,
            {
              hint: 'List only package directories of the consumer\'s own Go module under "packages"; code of another module is a dependency, not part of the consumer.',
            },
          );
        }
        if (others.has(importPath)) continue;
        const listedPkg = await loadGoPackage({ path: listedPath, cwd: request.cwd, ...target });
        others.set(importPath, packageIndex(`${importPath}.`, listedPkg.syntax));
      }
      for (const dir of typeHomes) {
        const importPath = importPathOf(dir);
        // A type from another module (vendor/, the module cache) stays out of sight, as before.
        if (importPath === undefined || others.has(importPath) || (await findGoModule(dir, env))?.root !== module.root)
          continue;
        const typesPkg = await loadGoPackage({ path: displayPath(dir, request.cwd), cwd: request.cwd, ...target });
        others.set(importPath, packageIndex(`${importPath}.`, typesPkg.syntax, true));
      }
    }
  }
  const analysis = new GoReadAnalysis(
    primary,
    others,
    request.typeName,
    listed.length > 0 ? 'the package and the packages listed with it' : 'the package',
  );
  analysis.run();
  return analysis.evidence(request.fields, request.strict);
}

/** The absolute directory of a package given as a directory or as one of its .go files. */
async function packageDirectory(cwd: string, given: string): Promise<string> {
  const absolute = path.resolve(cwd, given);
  const info = await stat(absolute).catch((error: unknown) => {
    throw new WirepinError('E_READ', `Cannot read "${given}": ${describeFsError(error)}.`, {
      hint: 'Point the path at a Go package directory of the consumer.',
    });
  });
  return info.isDirectory() ? absolute : path.dirname(absolute);
}

class GoReadAnalysis {
  private readonly structs = new Map<string, Map<string, StructField>>();
  /** Field location key → the struct type that declares it. */
  private readonly ownerOf = new Map<string, string>();
  private readonly methods = new Map<string, Map<string, FuncSignature>>();
  private readonly reads = new Map<string, SourceLocation[]>();
  private readonly escapes: Escape[] = [];
  private decodedAt: SourceLocation | undefined;
  private depth = 0;
  /**
   * Named struct types resolved but whose fields are not registered yet. A
   * struct's fields name further structs (a chain of thousands through
   * pointers in a generated API package); registering them one after another
   * from this queue, not by recursion, keeps the stack flat however long the chain.
   */
  private readonly pendingStructs: { node: Node; key: string; scope: FileScope; pkg: PackageIndex }[] = [];
  private registering = false;
  private scope: FileScope = { file: '', imports: new Map() };
  /** The package of the file being read: bare names resolve in it. */
  private pkg: PackageIndex;
  private readonly packages: readonly PackageIndex[];

  /**
   * `primary` holds the request type; `byImportPath` maps the import path of
   * every package read (the primary one too, when packages are listed) to it.
   */
  constructor(
    private readonly primary: PackageIndex,
    private readonly byImportPath: ReadonlyMap<string, PackageIndex>,
    private readonly rootName: string,
    private readonly scopeName: string,
  ) {
    this.pkg = primary;
    this.packages = [primary, ...[...byImportPath.values()].filter((p) => p !== primary)];
  }

  run(): void {
    // Every type first: a signature or field may name a type declared in a later file (or in another package read).
    for (const pkg of this.packages) for (const file of pkg.files) this.indexTypes(pkg, file);
    const read = this.packages.filter((pkg) => !pkg.typesOnly);
    for (const pkg of read) for (const file of pkg.files) this.indexFunctions(pkg, file);
    const functions: { node: Node; scope: FileScope; pkg: PackageIndex }[] = [];
    for (const pkg of read) {
      this.pkg = pkg;
      for (const file of pkg.files) {
        this.scope = file.scope;
        for (const node of file.root.namedChildren) {
          if (node.type === 'function_declaration' || node.type === 'method_declaration')
            functions.push({ node, scope: file.scope, pkg });
          else if (node.type === 'var_declaration') this.visit(node, pkg.globals);
        }
      }
    }
    // A function can hold a value of a followed type only by naming one of these (a type, a function returning
    // one, a package variable holding one), so a function whose text names none of them is skipped unread.
    const mentions = this.trackedNames();
    for (const { node, scope, pkg } of functions) {
      if (mentions === undefined || !mentions.test(node.text)) continue;
      this.scope = scope;
      this.pkg = pkg;
      this.visitFunction(node, new Map());
    }
  }

  /** A pattern matching any name through which a function can come to hold a value the analysis follows. */
  private trackedNames(): RegExp | undefined {
    const root = this.resolveNamed(this.rootName, new Set(), this.primary);
    const relevant = reachableStructs(root, this.structs);
    if (relevant.size === 0) return undefined;
    // The struct types from which a relevant one can be reached, found once backwards along field types (not one
    // walk per declaration: a package of thousands of linked structs would cost their square).
    const reaching = reachingStructs(relevant, this.structs);
    const reaches = (type: ValueType): boolean => {
      const inner = unwrap(type);
      return inner.k === 'struct' && reaching.has(inner.key);
    };
    const names = new Set<string>();
    for (const pkg of this.packages) {
      for (const name of pkg.typeDecls.keys()) if (reaches(this.resolveNamed(name, new Set(), pkg))) names.add(name);
      for (const [name, signature] of pkg.funcs) if (signature.results.some(reaches)) names.add(name);
      for (const [name, type] of pkg.globals) if (reaches(type)) names.add(name);
    }
    // A method returning one hands the value to a function that may name nothing else (`s.Load().ID`).
    for (const table of this.methods.values())
      for (const [name, signature] of table) if (signature.results.some(reaches)) names.add(name);
    // Go identifiers are letters, digits and underscores; nothing in them needs escaping in a pattern.
    return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${[...names].sort().join('|')})(?![\\p{L}\\p{N}_])`, 'u');
  }

  evidence(fields: readonly WireField[], strict: boolean): ReadEvidence {
    // Per struct type and per field, the first escape (in the order found) that reaches it.
    const byOwner = new Map<string, number>();
    const byField = new Map<string, number>();
    this.escapes.forEach((escape, index) => {
      if (escape.field !== undefined && !byField.has(escape.field)) byField.set(escape.field, index);
      // A struct already reached by an earlier escape has everything below it reached by that one too: stop there.
      const pending: ValueType[] = [escape.from];
      for (let type = pending.pop(); type !== undefined; type = pending.pop()) {
        const inner = unwrap(type);
        if (inner.k !== 'struct' || byOwner.has(inner.key)) continue;
        byOwner.set(inner.key, index);
        for (const f of this.structs.get(inner.key)?.values() ?? []) pending.push(f.type);
      }
    });
    const escapeOf = (key: string, field: WireField): ReadEscape | undefined => {
      const owner = this.ownerOf.get(key);
      // A field of a struct the analysis never declared (a generic type, a type of another module) cannot be
      // judged unread: no read of it could have been seen.
      if (owner === undefined)
        return {
          what: `declared in a struct type the read analysis does not follow (a generic type, or one of another module)`,
          location: field.location,
        };
      const first = Math.min(byField.get(key) ?? Infinity, byOwner.get(owner) ?? Infinity);
      return first === Infinity ? undefined : this.escapes[first];
    };
    return {
      decodedAt: this.decodedAt,
      scope: this.scopeName,
      byDeclaration: fieldReads(fields, this.reads, escapeOf),
      strict,
    };
  }

  // ---- declarations ----

  private indexTypes(pkg: PackageIndex, file: GoFileSyntax): void {
    for (const node of file.root.namedChildren) {
      if (node.type === 'type_declaration') {
        for (const spec of node.namedChildren) {
          const name = spec.childForFieldName('name')?.text;
          if (
            (spec.type === 'type_spec' || spec.type === 'type_alias') &&
            name !== undefined &&
            spec.childForFieldName('type_parameters') === null
          ) {
            pkg.typeDecls.set(name, { node: spec, scope: file.scope });
          }
        }
      }
    }
  }

  private indexFunctions(pkg: PackageIndex, file: GoFileSyntax): void {
    const saved = this.scope;
    const savedPkg = this.pkg;
    this.scope = file.scope;
    this.pkg = pkg;
    for (const node of file.root.namedChildren) {
      if (node.type === 'function_declaration') {
        const name = node.childForFieldName('name')?.text;
        if (name !== undefined && node.childForFieldName('type_parameters') === null)
          pkg.funcs.set(name, this.signatureOf(node));
      } else if (node.type === 'method_declaration') {
        const receiver = this.receiverType(node);
        const name = node.childForFieldName('name')?.text;
        if (receiver !== undefined && name !== undefined) {
          let table = this.methods.get(receiver);
          if (table === undefined) this.methods.set(receiver, (table = new Map()));
          table.set(name, this.signatureOf(node));
        }
      }
    }
    this.scope = saved;
    this.pkg = savedPkg;
  }

  private receiverType(method: Node): string | undefined {
    const param = method.childForFieldName('receiver')?.namedChildren.find((n) => n.type === 'parameter_declaration');
    const type = deref(this.resolveType(param?.childForFieldName('type') ?? null));
    return type.k === 'struct' ? type.key : undefined;
  }

  private signatureOf(node: Node): FuncSignature {
    const parameters = node.childForFieldName('parameters');
    return {
      params: this.parameterTypes(parameters),
      results: this.resultTypes(node.childForFieldName('result')),
      variadic: parameters?.namedChildren.at(-1)?.type === 'variadic_parameter_declaration',
    };
  }

  private parameterTypes(list: Node | null): ValueType[] {
    const types: ValueType[] = [];
    for (const param of list?.namedChildren ?? []) {
      if (param.type !== 'parameter_declaration' && param.type !== 'variadic_parameter_declaration') continue;
      const type =
        param.type === 'variadic_parameter_declaration'
          ? { k: 'slice' as const, elem: this.resolveType(param.childForFieldName('type')) }
          : this.resolveType(param.childForFieldName('type'));
      const names = param.childrenForFieldName('name').length;
      for (let i = 0; i < Math.max(1, names); i++) types.push(type);
    }
    return types;
  }

  private resultTypes(result: Node | null): ValueType[] {
    if (result === null) return [];
    if (result.type === 'parameter_list') return this.parameterTypes(result);
    return [this.resolveType(result)];
  }

  /** A type expression as the analysis sees it; named types of the package resolve to their struct or underlying type. */
  private resolveType(node: Node | null, seen: ReadonlySet<string> = new Set()): ValueType {
    if (node === null) return OTHER;
    switch (node.type) {
      case 'type_identifier':
        return this.resolveNamed(node.text, seen);
      case 'qualified_type': {
        // pkg.T: followed when pkg is a package the analysis reads; any other package's type is out of sight.
        const other = this.importedPackage(node.childForFieldName('package')?.text);
        const name = node.childForFieldName('name')?.text;
        return other !== undefined && name !== undefined ? this.resolveNamed(name, seen, other) : OTHER;
      }
      case 'pointer_type':
        return { k: 'ptr', elem: this.resolveType(node.namedChildren[0] ?? null, seen) };
      case 'slice_type':
      case 'array_type':
      case 'implicit_length_array_type':
        return { k: 'slice', elem: this.resolveType(node.childForFieldName('element'), seen) };
      case 'map_type':
        return { k: 'map', elem: this.resolveType(node.childForFieldName('value'), seen) };
      case 'parenthesized_type':
        return this.resolveType(node.namedChildren[0] ?? null, seen);
      case 'interface_type':
        return IFACE;
      case 'struct_type':
        return {
          k: 'struct',
          key: this.registerStruct(
            node,
            `${this.scope.file}:${node.startPosition.row + 1}:${node.startPosition.column + 1}`,
          ),
        };
      default:
        return OTHER;
    }
  }

  /** The package a file's import name stands for, when the analysis reads that package. */
  private importedPackage(name: string | undefined): PackageIndex | undefined {
    const importPath = name === undefined ? undefined : this.scope.imports.get(name);
    return importPath === undefined ? undefined : this.byImportPath.get(importPath);
  }

  /** A type named in `pkg` (the current file's package unless given). */
  private resolveNamed(name: string, seen: ReadonlySet<string>, pkg: PackageIndex = this.pkg): ValueType {
    if (name === 'any') return IFACE;
    const cached = pkg.resolvedNamed.get(name);
    if (cached !== undefined) return cached;
    const decl = pkg.typeDecls.get(name);
    const key = `${pkg.prefix}${name}`;
    if (decl === undefined || seen.has(key)) return OTHER;
    const typeNode = decl.node.childForFieldName('type');
    const saved = this.scope;
    const savedPkg = this.pkg;
    this.scope = decl.scope;
    this.pkg = pkg;
    let resolved: ValueType;
    if (typeNode?.type === 'struct_type') {
      // Known by its name at once, so a struct that refers to itself (through a pointer) resolves; its fields are
      // registered from the queue before the outermost resolution returns.
      resolved = { k: 'struct', key };
      pkg.resolvedNamed.set(name, resolved);
      this.pendingStructs.push({ node: typeNode, key, scope: decl.scope, pkg });
    } else {
      resolved = this.resolveType(typeNode, new Set([...seen, key]));
      pkg.resolvedNamed.set(name, resolved);
    }
    this.scope = saved;
    this.pkg = savedPkg;
    this.registerPending();
    return resolved;
  }

  /** Registers the queued structs' fields, unless an outer call is already doing so (it will reach them). */
  private registerPending(): void {
    if (this.registering) return;
    this.registering = true;
    const saved = this.scope;
    const savedPkg = this.pkg;
    try {
      // By index, not shift(): registering a struct may queue more, and shifting a long queue moves it each time.
      for (let i = 0; i < this.pendingStructs.length; i += 1) {
        const next = this.pendingStructs[i];
        if (next === undefined) break;
        this.scope = next.scope;
        this.pkg = next.pkg;
        this.registerStruct(next.node, next.key);
      }
    } finally {
      this.pendingStructs.length = 0;
      this.registering = false;
      this.scope = saved;
      this.pkg = savedPkg;
    }
  }

  private registerStruct(node: Node, key: string): string {
    if (this.structs.has(key)) return key;
    const fields = new Map<string, StructField>();
    this.structs.set(key, fields);
    const list = node.namedChildren.find((n) => n.type === 'field_declaration_list');
    for (const decl of list?.namedChildren ?? []) {
      if (decl.type !== 'field_declaration') continue;
      const typeNode = decl.childForFieldName('type');
      const type = this.resolveType(typeNode);
      const names = decl.childrenForFieldName('name');
      if (names.length === 0 && typeNode !== null) {
        // An embedded field is named after its type, without package (the grammar keeps the `*` of `*T` out of the type).
        let base: Node | null = typeNode;
        while (base !== null && (base.type === 'qualified_type' || base.type === 'generic_type'))
          base = base.type === 'qualified_type' ? base.childForFieldName('name') : base.childForFieldName('type');
        if (base === null) continue;
        const locKey = declarationKey(locationOf(base, this.scope.file));
        fields.set(base.text, { type, locKey, embedded: true });
        this.ownerOf.set(locKey, key);
        continue;
      }
      for (const name of names) {
        const locKey = declarationKey(locationOf(name, this.scope.file));
        fields.set(name.text, { type, locKey, embedded: false });
        this.ownerOf.set(locKey, key);
      }
    }
    return key;
  }

  /** A field by name, directly or promoted through embedded structs (shallowest first). */
  private lookupField(structKey: string, name: string): StructField | undefined {
    let level = [structKey];
    const seen = new Set<string>();
    for (let depth = 0; depth < 8 && level.length > 0; depth++) {
      const next: string[] = [];
      for (const key of level) {
        if (seen.has(key)) continue;
        seen.add(key);
        const fields = this.structs.get(key);
        const direct = fields?.get(name);
        if (direct !== undefined) return direct;
        for (const field of fields?.values() ?? []) {
          const inner = deref(field.type);
          if (field.embedded && inner.k === 'struct') next.push(inner.key);
        }
      }
      level = next;
    }
    return undefined;
  }

  // ---- function bodies ----

  private visitFunction(node: Node, outer: ReadonlyMap<string, ValueType>): void {
    const env = new Map(outer);
    for (const list of [node.childForFieldName('receiver'), node.childForFieldName('parameters')]) {
      for (const param of list?.namedChildren ?? []) {
        if (param.type !== 'parameter_declaration' && param.type !== 'variadic_parameter_declaration') continue;
        const type = this.resolveType(param.childForFieldName('type'));
        for (const name of param.childrenForFieldName('name'))
          env.set(name.text, param.type === 'variadic_parameter_declaration' ? { k: 'slice', elem: type } : type);
      }
    }
    const result = node.childForFieldName('result');
    if (result?.type === 'parameter_list') {
      for (const param of result.namedChildren) {
        const type = this.resolveType(param.childForFieldName('type'));
        for (const name of param.childrenForFieldName('name')) env.set(name.text, type);
      }
    }
    const body = node.childForFieldName('body');
    if (body !== null) this.visit(body, env);
  }

  /** `role`: how the value of `node` is used where it stands (see SelectorRole); only parentheses and selector operands hand it on. */
  private visit(node: Node, env: Map<string, ValueType>, role: SelectorRole = 'read'): void {
    this.enter(node);
    try {
      this.visitNode(node, env, role);
    } finally {
      this.depth--;
    }
  }

  /** Counts nesting, so hostile input (20,000 nested parentheses) is refused with its place rather than overflowing the stack. */
  private enter(node: Node): void {
    if (++this.depth <= MAX_SYNTAX_NESTING) return;
    this.depth = 0;
    throw new WirepinError(
      'E_UNSUPPORTED',
      `Go code in "${this.scope.file}" nests expressions or statements more than ${MAX_SYNTAX_NESTING} levels deep, too deep for the read analysis.`,
      {
        location: locationOf(node, this.scope.file),
        hint: 'Split the expression with local variables, or turn the read analysis off for this consumer (--no-reads, or reads: off in wirepin.yaml).',
      },
    );
  }

  private visitNode(node: Node, env: Map<string, ValueType>, role: SelectorRole): void {
    const type = node.type;
    switch (type) {
      case 'func_literal':
        this.visitFunction(node, env);
        return;
      case 'short_var_declaration':
        this.visitChildren(node.childForFieldName('right'), env);
        this.bind(node.childForFieldName('left'), node.childForFieldName('right'), env, undefined);
        return;
      case 'var_spec': {
        const value = node.childForFieldName('value');
        this.visitChildren(value, env);
        const declared = node.childForFieldName('type');
        const type = declared === null ? undefined : this.resolveType(declared);
        if (type?.k === 'iface')
          for (const v of value?.namedChildren ?? []) this.escapeIfTracked(v, env, 'stored in an interface{} variable');
        this.bind(node, value, env, type);
        return;
      }
      case 'assignment_statement': {
        const right = node.childForFieldName('right');
        this.visitChildren(right, env);
        const left = node.childForFieldName('left')?.namedChildren ?? [];
        const values = right?.namedChildren ?? [];
        left.forEach((target, i) => {
          const value = values[i];
          if (target.type === 'identifier' && value !== undefined) {
            const current = env.get(target.text) ?? this.pkg.globals.get(target.text);
            if (current?.k === 'iface') this.escapeIfTracked(value, env, 'stored in an interface{} variable');
          }
          // `x.f = v` writes f; `x.f += v` reads it too.
          this.visit(target, env, node.childForFieldName('operator')?.text === '=' ? 'write' : 'read');
        });
        return;
      }
      case 'for_statement': {
        const range = node.namedChildren.find((n) => n.type === 'range_clause');
        if (range !== undefined) {
          const over = range.childForFieldName('right');
          if (over !== null) this.visit(over, env);
          const type = deref(this.typeOf(over, env));
          const names = range.childForFieldName('left')?.namedChildren ?? [];
          const value = names[1];
          if (value?.type === 'identifier' && (type.k === 'slice' || type.k === 'map')) env.set(value.text, type.elem);
          const body = node.childForFieldName('body');
          if (body !== null) this.visit(body, env);
          return;
        }
        this.visitChildren(node, env);
        return;
      }
      case 'parenthesized_expression':
        for (const child of node.namedChildren) this.visit(child, env, role);
        return;
      case 'selector_expression': {
        // The field name is a leaf with nothing to visit; the operand is evaluated only on the way to this selector.
        const operand = node.childForFieldName('operand');
        this.recordSelector(node, operand, env, role);
        if (operand !== null) this.visit(operand, env, role === 'read' ? 'read' : 'through');
        return;
      }
      case 'call_expression':
        this.visitCall(node, env);
        return;
      case 'unary_expression': {
        const address = node.childForFieldName('operator')?.text === '&';
        if (address) this.recordAddress(node, env);
        const operand = node.childForFieldName('operand');
        if (operand !== null) this.visit(operand, env, address ? 'address' : 'read');
        return;
      }
      case 'composite_literal':
        this.visitComposite(node, env);
        return;
      case 'send_statement': {
        const value = node.childForFieldName('value');
        if (value !== null) this.escapeIfTracked(value, env, 'sent on a channel');
        this.visitChildren(node, env);
        return;
      }
      default:
        if (!OPAQUE_NODES.has(type)) this.visitChildren(node, env);
    }
  }

  private visitChildren(node: Node | null, env: Map<string, ValueType>): void {
    if (node === null) return;
    for (const child of node.namedChildren) this.visit(child, env);
  }

  /** Gives the identifiers on the left of `:=`, `var` the types of the values on the right (or the declared type). */
  private bind(
    left: Node | null,
    right: Node | null,
    env: Map<string, ValueType>,
    declared: ValueType | undefined,
  ): void {
    if (left === null) return;
    const names = left.type === 'var_spec' ? left.childrenForFieldName('name') : left.namedChildren;
    const values = right?.namedChildren ?? [];
    const fromCall =
      values.length === 1 && names.length > 1 && values[0] !== undefined ? this.resultsOf(values[0], env) : undefined;
    names.forEach((name, i) => {
      if (name.type !== 'identifier') return;
      const type = declared ?? (fromCall !== undefined ? fromCall[i] : this.typeOf(values[i] ?? null, env)) ?? OTHER;
      env.set(name.text, type);
    });
  }

  private visitCall(node: Node, env: Map<string, ValueType>): void {
    const callee = unparen(node.childForFieldName('function'));
    const args = node.childForFieldName('arguments')?.namedChildren ?? [];
    const visitArgs = (): void => {
      for (const arg of args) this.visit(arg, env);
    };
    if (callee === null) return visitArgs();
    if (callee.type === 'identifier') {
      const name = callee.text;
      if (env.has(name) || this.pkg.globals.has(name)) {
        this.escapeArgs(args, env, `passed to the function value "${name}"`);
      } else if (!this.callIntoPackage(this.pkg, name, name, args, env) && !READING_BUILTINS.has(name)) {
        this.escapeArgs(args, env, `passed to ${name}`);
      }
      return visitArgs();
    }
    if (callee.type === 'selector_expression') {
      const operand = unparen(callee.childForFieldName('operand'));
      const method = callee.childForFieldName('field')?.text ?? '';
      if (
        operand?.type === 'identifier' &&
        !env.has(operand.text) &&
        !this.pkg.globals.has(operand.text) &&
        this.scope.imports.has(operand.text)
      ) {
        const importPath = this.scope.imports.get(operand.text);
        if (
          importPath === 'encoding/json' &&
          method === 'Unmarshal' &&
          args[1] !== undefined &&
          this.isRootTarget(args[1], env)
        ) {
          this.decodedAt ??= locationOf(node, this.scope.file);
          if (args[0] !== undefined) this.visit(args[0], env);
          return;
        }
        // A function of a package the analysis reads (wirepin.yaml's `packages`) is followed like one of this package.
        const other = this.importedPackage(operand.text);
        if (other === undefined || !this.callIntoPackage(other, method, `${operand.text}.${method}`, args, env))
          this.escapeArgs(args, env, `passed to ${operand.text}.${method}`);
        return visitArgs();
      }
      if (method === 'Decode' && args.length === 1 && args[0] !== undefined && this.isRootTarget(args[0], env)) {
        this.decodedAt ??= locationOf(node, this.scope.file);
        if (operand !== null) this.visit(operand, env);
        return;
      }
      const receiver = deref(this.typeOf(operand, env));
      const known = receiver.k === 'struct' && this.methods.get(receiver.key)?.has(method) === true;
      const field = receiver.k === 'struct' ? this.lookupField(receiver.key, method) : undefined;
      // A field of function type is a function value: what it calls cannot be seen.
      if (!known)
        this.escapeArgs(
          args,
          env,
          field === undefined
            ? `passed to the method ${method} of a value the analysis cannot follow`
            : `passed to the function value "${callee.text}"`,
        );
      if (known && receiver.k === 'struct') {
        const signature = this.methods.get(receiver.key)?.get(method);
        args.forEach((arg, i) => {
          if (signature !== undefined && receivedAsInterface(signature, i))
            this.escapeIfTracked(arg, env, `passed as interface{} to ${method}`);
        });
      }
      this.visit(callee, env);
      return visitArgs();
    }
    this.escapeArgs(args, env, 'passed to a function the analysis cannot follow');
    this.visit(callee, env);
    visitArgs();
  }

  /**
   * A call of `name` declared in `pkg`, a package the analysis reads: a
   * function (its reads are found wherever its parameters' types are read; an
   * interface{} parameter is an escape) or a conversion to a named type (a
   * struct converted to another type escapes). False when `pkg` declares no
   * such function or type.
   */
  private callIntoPackage(
    pkg: PackageIndex,
    name: string,
    shown: string,
    args: readonly Node[],
    env: Map<string, ValueType>,
  ): boolean {
    const fn = pkg.funcs.get(name);
    if (fn !== undefined) {
      args.forEach((arg, i) => {
        if (receivedAsInterface(fn, i)) this.escapeIfTracked(arg, env, `passed as interface{} to ${shown}`);
      });
      return true;
    }
    if (!pkg.typeDecls.has(name)) return false;
    const to = deref(this.resolveNamed(name, new Set(), pkg));
    for (const arg of args) {
      const from = deref(this.typeOf(arg, env));
      if (from.k === 'struct' && (to.k !== 'struct' || to.key !== from.key))
        this.escape(arg, from, `converted to ${shown}`);
    }
    return true;
  }

  private visitComposite(node: Node, env: Map<string, ValueType>): void {
    const type = this.resolveType(node.childForFieldName('type'));
    const body = node.childForFieldName('body');
    const what = `stored in a ${node.childForFieldName('type')?.text ?? 'composite'} literal`;
    for (const element of body?.namedChildren ?? []) {
      const keyNode = element.type === 'keyed_element' ? element.childForFieldName('key') : null;
      const valueNode = element.type === 'keyed_element' ? element.childForFieldName('value') : element;
      const value = valueNode?.namedChildren[0] ?? null;
      if (value !== null && value.type !== 'literal_value') {
        let slot: ValueType = OTHER;
        if (type.k === 'struct' && keyNode !== null) slot = this.lookupField(type.key, keyNode.text)?.type ?? OTHER;
        else if (type.k === 'slice' || type.k === 'map') slot = type.elem;
        // A slot of a followed type keeps the value in sight; any other slot (interface{}, another package's type) loses it.
        if (!isTracked(slot)) this.escapeIfTracked(value, env, what);
      }
      if (keyNode !== null && type.k !== 'struct') this.visitChildren(keyNode, env);
      this.visitChildren(valueNode, env);
    }
  }

  private isRootTarget(arg: Node, env: Map<string, ValueType>): boolean {
    const type = deref(this.typeOf(arg, env));
    const root = this.resolveNamed(this.rootName, new Set());
    return type.k === 'struct' && root.k === 'struct' && type.key === root.key;
  }

  // ---- reads, writes, escapes ----

  private recordSelector(node: Node, operandNode: Node | null, env: Map<string, ValueType>, role: SelectorRole): void {
    if (role !== 'read') return;
    const operand = deref(this.typeOf(operandNode, env));
    if (operand.k !== 'struct') return;
    const name = node.childForFieldName('field');
    if (name === null) return;
    const field = this.lookupField(operand.key, name.text);
    if (field === undefined) return;
    let sites = this.reads.get(field.locKey);
    if (sites === undefined) this.reads.set(field.locKey, (sites = []));
    sites.push(locationOf(name, this.scope.file));
  }

  /** `&x.f`: not a read; what the pointer reaches is out of sight unless it is a struct the analysis follows by type. */
  private recordAddress(node: Node, env: Map<string, ValueType>): void {
    const target = unparen(node.childForFieldName('operand'));
    if (target?.type !== 'selector_expression') return;
    const operand = deref(this.typeOf(target.childForFieldName('operand'), env));
    const name = target.childForFieldName('field');
    if (operand.k !== 'struct' || name === null) return;
    const field = this.lookupField(operand.key, name.text);
    if (field === undefined || deref(field.type).k === 'struct') return;
    this.escapes.push({
      what: `address taken (&${target.text})`,
      location: locationOf(node, this.scope.file),
      from: field.type,
      field: field.locKey,
    });
  }

  private escapeArgs(args: readonly Node[], env: Map<string, ValueType>, what: string): void {
    for (const arg of args) this.escapeIfTracked(arg, env, what);
  }

  private escapeIfTracked(value: Node, env: Map<string, ValueType>, what: string): void {
    const type = this.typeOf(value, env);
    if (isTracked(type)) this.escape(value, type, what);
  }

  private escape(value: Node, type: ValueType, what: string): void {
    this.escapes.push({
      what: `${value.text.length > 40 ? `${value.text.slice(0, 40)}…` : value.text} ${what}`,
      location: locationOf(value, this.scope.file),
      from: type,
    });
  }

  /** The type of an expression, as far as the analysis follows types. */
  private typeOf(node: Node | null, env: ReadonlyMap<string, ValueType>): ValueType {
    if (node === null) return OTHER;
    this.enter(node);
    try {
      return this.typeOfNode(node, env);
    } finally {
      this.depth--;
    }
  }

  private typeOfNode(node: Node, env: ReadonlyMap<string, ValueType>): ValueType {
    switch (node.type) {
      case 'identifier':
        return env.get(node.text) ?? this.pkg.globals.get(node.text) ?? OTHER;
      case 'parenthesized_expression':
        return this.typeOf(node.namedChildren[0] ?? null, env);
      case 'selector_expression': {
        const operandNode = node.childForFieldName('operand');
        const name = node.childForFieldName('field')?.text;
        if (
          operandNode?.type === 'identifier' &&
          name !== undefined &&
          !env.has(operandNode.text) &&
          !this.pkg.globals.has(operandNode.text)
        ) {
          // pkg.V: a package variable of a package the analysis reads.
          const other = this.importedPackage(operandNode.text);
          if (other !== undefined) return other.globals.get(name) ?? OTHER;
        }
        const operand = deref(this.typeOf(operandNode, env));
        if (operand.k !== 'struct' || name === undefined) return OTHER;
        return this.lookupField(operand.key, name)?.type ?? OTHER;
      }
      case 'index_expression': {
        const operand = deref(this.typeOf(node.childForFieldName('operand'), env));
        return operand.k === 'slice' || operand.k === 'map' ? operand.elem : OTHER;
      }
      case 'slice_expression':
        return this.typeOf(node.childForFieldName('operand'), env);
      case 'unary_expression': {
        const operator = node.childForFieldName('operator')?.text;
        const operand = this.typeOf(node.childForFieldName('operand'), env);
        if (operator === '&') return isTracked(operand) ? { k: 'ptr', elem: operand } : OTHER;
        if (operator === '*') return operand.k === 'ptr' ? operand.elem : OTHER;
        return OTHER;
      }
      case 'composite_literal':
        return this.resolveType(node.childForFieldName('type'));
      case 'type_assertion_expression':
      case 'type_conversion_expression':
        return this.resolveType(node.childForFieldName('type'));
      case 'call_expression':
        return this.resultsOf(node, env)[0] ?? OTHER;
      default:
        return OTHER;
    }
  }

  private resultsOf(call: Node, env: ReadonlyMap<string, ValueType>): readonly ValueType[] {
    if (call.type !== 'call_expression') return [this.typeOf(call, env)];
    const callee = unparen(call.childForFieldName('function'));
    const args = call.childForFieldName('arguments')?.namedChildren ?? [];
    if (callee?.type === 'identifier') {
      if (callee.text === 'new' && args[0] !== undefined) return [{ k: 'ptr', elem: this.resolveType(args[0]) }];
      if (env.has(callee.text)) return [];
      return this.resultsIn(this.pkg, callee.text);
    }
    if (callee?.type === 'selector_expression') {
      const operand = unparen(callee.childForFieldName('operand'));
      const method = callee.childForFieldName('field')?.text ?? '';
      if (operand?.type === 'identifier' && !env.has(operand.text) && !this.pkg.globals.has(operand.text)) {
        const other = this.importedPackage(operand.text);
        if (other !== undefined) return this.resultsIn(other, method);
      }
      const receiver = deref(this.typeOf(operand, env));
      if (receiver.k === 'struct') return this.methods.get(receiver.key)?.get(method)?.results ?? [];
      return [];
    }
    if (callee !== null && callee.type !== 'func_literal')
      return [this.resolveType(callee.type === 'parenthesized_type' ? (callee.namedChildren[0] ?? null) : callee)];
    return [];
  }

  /** What calling `name` of `pkg` gives: a function's results, or the named type converted to. */
  private resultsIn(pkg: PackageIndex, name: string): readonly ValueType[] {
    const fn = pkg.funcs.get(name);
    if (fn !== undefined) return fn.results;
    if (pkg.typeDecls.has(name)) return [this.resolveNamed(name, new Set(), pkg)];
    return [];
  }
}

/**
 * How a selector's value is used where it stands: `read` (evaluated for its
 * value), `write` (the left of `=`), `address` (under `&`), or `through` (the
 * operand of a selector that is itself written or addressed: `x.a` in
 * `x.a.b = v`). Parentheses hand the role on; anything else around a selector
 * (an index, a call, `op=`, `++`) reads it. The visitor hands the role down,
 * since a node's parent costs a walk from the root in tree-sitter.
 */
type SelectorRole = 'read' | 'write' | 'address' | 'through';

function unparen(node: Node | null): Node | null {
  let current = node;
  while (current?.type === 'parenthesized_expression') current = current.namedChildren[0] ?? null;
  return current;
}

function deref(type: ValueType): ValueType {
  let current = type;
  while (current.k === 'ptr') current = current.elem;
  return current;
}

function isTracked(type: ValueType): boolean {
  return unwrap(type).k === 'struct';
}

/** The type a pointer, slice or map leads to (the struct itself for a struct). */
function unwrap(type: ValueType): ValueType {
  let current = type;
  while (current.k === 'ptr' || current.k === 'slice' || current.k === 'map') current = current.elem;
  return current;
}

/** The struct types from which one of `targets` is reachable along field types (`targets` included). */
function reachingStructs(
  targets: ReadonlySet<string>,
  structs: ReadonlyMap<string, ReadonlyMap<string, StructField>>,
): Set<string> {
  const usedBy = new Map<string, string[]>();
  for (const [key, fields] of structs) {
    for (const field of fields.values()) {
      const inner = unwrap(field.type);
      if (inner.k !== 'struct') continue;
      let users = usedBy.get(inner.key);
      if (users === undefined) usedBy.set(inner.key, (users = []));
      users.push(key);
    }
  }
  const found = new Set(targets);
  const pending = [...targets];
  for (let key = pending.pop(); key !== undefined; key = pending.pop()) {
    for (const user of usedBy.get(key) ?? []) {
      if (found.has(user)) continue;
      found.add(user);
      pending.push(user);
    }
  }
  return found;
}

function reachableStructs(
  type: ValueType,
  structs: ReadonlyMap<string, ReadonlyMap<string, StructField>>,
): Set<string> {
  const found = new Set<string>();
  const pending: ValueType[] = [type];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const current = unwrap(next);
    if (current.k !== 'struct' || found.has(current.key)) continue;
    found.add(current.key);
    for (const field of structs.get(current.key)?.values() ?? []) pending.push(field.type);
  }
  return found;
}
