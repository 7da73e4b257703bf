import { isExportedGoName } from './struct-tag.js';
import type { GoPackage } from './parse-package.js';
import type {
  GoArrayType,
  GoInterfaceType,
  GoMapType,
  GoPointerType,
  GoReceiver,
  GoSliceType,
  GoStructType,
  GoTypeDecl,
  GoTypeExpr,
  GoUnsupportedType,
} from './source-model.js';

/**
 * Type-parameter bindings in scope: the argument of an instantiation like
 * `Page[Item]`, or null for a parameter without one (extracting `Page` itself).
 */
export type TypeEnv = ReadonlyMap<string, ScopedType | null>;

/** A type expression together with the type-parameter bindings it is read under. */
export interface ScopedType {
  readonly expr: GoTypeExpr;
  readonly env: TypeEnv;
}

export const EMPTY_ENV: TypeEnv = new Map();

/** Predeclared types by JSON encoding: `byte` (uint8) is separate because []byte encodes as base64. */
export type BasicKind = 'string' | 'bool' | 'integer' | 'byte' | 'float' | 'complex';

/**
 * Standard-library types whose JSON encoding is fixed, checked against Go's
 * source (go1.19 src/): their methods and what encoding/json does with them.
 * Only these; any other type of another package is read from the module or
 * reported unresolved. Third-party types (uuid and the like) never are here.
 */
export type KnownType =
  | 'time.Time'
  | 'time.Duration'
  | 'encoding/json.Number'
  | 'encoding/json.RawMessage'
  | 'net/netip.Addr'
  | 'net/netip.AddrPort'
  | 'net/netip.Prefix'
  | 'net.IP'
  | 'math/big.Int'
  | 'math/big.Float'
  | 'math/big.Rat'
  | 'net/url.URL';

export interface KnownEncoding {
  /** The Marshal side's method and its receiver; undefined when encoding/json walks the value itself. */
  readonly encodeMethod: { readonly name: 'MarshalJSON' | 'MarshalText'; readonly receiver: GoReceiver } | undefined;
  /** The Unmarshal side's method (always on the pointer). */
  readonly decodeMethod: 'UnmarshalJSON' | 'UnmarshalText' | undefined;
  /** A struct type (omitempty never drops it; embedded, its exported fields would be promoted). */
  readonly struct: boolean;
  /** Exported fields encoding/json would list, which wirepin does not model (net/url.URL). */
  readonly exportedFields: boolean;
}

export const KNOWN_TYPES: ReadonlyMap<KnownType, KnownEncoding> = new Map<KnownType, KnownEncoding>([
  // time/time.go: func (t Time) MarshalJSON, func (t *Time) UnmarshalJSON (RFC 3339 strings).
  [
    'time.Time',
    {
      encodeMethod: { name: 'MarshalJSON', receiver: 'value' },
      decodeMethod: 'UnmarshalJSON',
      struct: true,
      exportedFields: false,
    },
  ],
  // time.Duration is an int64 without methods encoding/json uses.
  ['time.Duration', { encodeMethod: undefined, decodeMethod: undefined, struct: false, exportedFields: false }],
  // encode.go stringEncoder: a Number is written as its number literal ("" as 0); decode.go literalStore takes a number, or a string holding a valid number.
  ['encoding/json.Number', { encodeMethod: undefined, decodeMethod: undefined, struct: false, exportedFields: false }],
  // stream.go: func (m RawMessage) MarshalJSON (copied verbatim, nil → null), func (m *RawMessage) UnmarshalJSON.
  [
    'encoding/json.RawMessage',
    {
      encodeMethod: { name: 'MarshalJSON', receiver: 'value' },
      decodeMethod: 'UnmarshalJSON',
      struct: false,
      exportedFields: false,
    },
  ],
  // net/netip/netip.go: func (ip Addr) MarshalText ("" for the zero Addr), func (ip *Addr) UnmarshalText; AddrPort and Prefix alike.
  [
    'net/netip.Addr',
    {
      encodeMethod: { name: 'MarshalText', receiver: 'value' },
      decodeMethod: 'UnmarshalText',
      struct: true,
      exportedFields: false,
    },
  ],
  [
    'net/netip.AddrPort',
    {
      encodeMethod: { name: 'MarshalText', receiver: 'value' },
      decodeMethod: 'UnmarshalText',
      struct: true,
      exportedFields: false,
    },
  ],
  [
    'net/netip.Prefix',
    {
      encodeMethod: { name: 'MarshalText', receiver: 'value' },
      decodeMethod: 'UnmarshalText',
      struct: true,
      exportedFields: false,
    },
  ],
  // net/ip.go: func (ip IP) MarshalText ("" when empty, so a nil IP is "", not null), func (ip *IP) UnmarshalText.
  [
    'net.IP',
    {
      encodeMethod: { name: 'MarshalText', receiver: 'value' },
      decodeMethod: 'UnmarshalText',
      struct: false,
      exportedFields: false,
    },
  ],
  // math/big/intmarsh.go: func (x *Int) MarshalJSON (a number literal, nil → null), func (z *Int) UnmarshalJSON (a number; null ignored).
  [
    'math/big.Int',
    {
      encodeMethod: { name: 'MarshalJSON', receiver: 'pointer' },
      decodeMethod: 'UnmarshalJSON',
      struct: true,
      exportedFields: false,
    },
  ],
  // math/big/floatmarsh.go, ratmarsh.go: func (x *Float) MarshalText, func (x *Rat) MarshalText: strings, decoded from strings only.
  [
    'math/big.Float',
    {
      encodeMethod: { name: 'MarshalText', receiver: 'pointer' },
      decodeMethod: 'UnmarshalText',
      struct: true,
      exportedFields: false,
    },
  ],
  [
    'math/big.Rat',
    {
      encodeMethod: { name: 'MarshalText', receiver: 'pointer' },
      decodeMethod: 'UnmarshalText',
      struct: true,
      exportedFields: false,
    },
  ],
  // net/url/url.go: URL has only MarshalBinary, so encoding/json writes its exported fields (Scheme, Opaque, User, Host, ...).
  ['net/url.URL', { encodeMethod: undefined, decodeMethod: undefined, struct: true, exportedFields: true }],
]);

/** The first defined (non-alias) type on the way to a type's underlying type: its methods are the ones that count. */
export interface DefinedType {
  readonly decl: GoTypeDecl;
  readonly env: TypeEnv;
  /** Type identity, e.g. `Page[Item]`, used where encoding/json keys by reflect.Type. */
  readonly identity: string;
}

interface Structural<E extends GoTypeExpr> {
  readonly kind: E['kind'];
  readonly expr: E;
  readonly env: TypeEnv;
  readonly defined: DefinedType | undefined;
}

/** A type followed through names, aliases and type parameters to its underlying shape. */
export type ResolvedType =
  | {
      readonly kind: 'basic';
      readonly basic: BasicKind;
      readonly name: string;
      readonly defined: DefinedType | undefined;
    }
  | { readonly kind: 'known'; readonly known: KnownType; readonly defined: undefined }
  | {
      readonly kind: 'unresolved';
      readonly typeName: string;
      readonly reason: string;
      readonly defined: DefinedType | undefined;
    }
  | Structural<GoPointerType>
  | Structural<GoSliceType>
  | Structural<GoArrayType>
  | Structural<GoMapType>
  | Structural<GoStructType>
  | Structural<GoInterfaceType>
  | Structural<GoUnsupportedType>;

const PREDECLARED: ReadonlyMap<string, { basic: BasicKind; name: string }> = new Map(
  (
    [
      ['string', 'string'],
      ['bool', 'bool'],
      ['int', 'integer'],
      ['int8', 'integer'],
      ['int16', 'integer'],
      ['int32', 'integer'],
      ['rune', 'integer'],
      ['int64', 'integer'],
      ['uint', 'integer'],
      ['uint8', 'byte'],
      ['byte', 'byte'],
      ['uint16', 'integer'],
      ['uint32', 'integer'],
      ['uint64', 'integer'],
      ['uintptr', 'integer'],
      ['float32', 'float'],
      ['float64', 'float'],
      ['complex64', 'complex'],
      ['complex128', 'complex'],
    ] as const
  ).map(([name, basic]) => [name, { basic, name: name === 'byte' ? 'uint8' : name === 'rune' ? 'int32' : name }]),
);

const BYTE_SLICE: GoSliceType = {
  kind: 'slice',
  elem: { kind: 'named', name: 'byte', typeArgs: [], text: 'byte', file: '' },
  text: '[]byte',
};
const EMPTY_INTERFACE: GoInterfaceType = { kind: 'interface', methods: [], embeds: [], text: 'interface{}' };
const ERROR_INTERFACE: GoInterfaceType = { kind: 'interface', methods: ['Error'], embeds: [], text: 'error' };

/** Which way encoding/json handles values: Marshal (the producer) or Unmarshal (the consumer). */
export type CodecDirection = 'encode' | 'decode';

/** The methods and interfaces that replace encoding/json's structural handling, per direction. */
interface CodecMethods {
  /** Methods that take over (json.Marshaler/encoding.TextMarshaler, or their Unmarshal counterparts). */
  readonly methods: readonly string[];
  /** Methods of the known standard-library types, by type. */
  readonly known: ReadonlyMap<KnownType, string>;
  /** Standard-library interfaces that declare one of the methods. */
  readonly interfaces: ReadonlyMap<string, string>;
  /** "marshaller" or "unmarshaller", for messages. */
  readonly noun: string;
}

const CODEC_METHODS: Readonly<Record<CodecDirection, CodecMethods>> = {
  encode: {
    methods: ['MarshalJSON', 'MarshalText'],
    known: new Map(
      [...KNOWN_TYPES].flatMap(([known, encoding]) =>
        encoding.encodeMethod === undefined ? [] : [[known, encoding.encodeMethod.name] as const],
      ),
    ),
    interfaces: new Map([
      ['encoding/json.Marshaler', 'MarshalJSON'],
      ['encoding.TextMarshaler', 'MarshalText'],
    ]),
    noun: 'marshaller',
  },
  // decode.go's indirect: a named, addressable value is looked at through its address, so pointer-receiver methods count too.
  decode: {
    methods: ['UnmarshalJSON', 'UnmarshalText'],
    known: new Map(
      [...KNOWN_TYPES].flatMap(([known, encoding]) =>
        encoding.decodeMethod === undefined ? [] : [[known, encoding.decodeMethod] as const],
      ),
    ),
    interfaces: new Map([
      ['encoding/json.Unmarshaler', 'UnmarshalJSON'],
      ['encoding.TextUnmarshaler', 'UnmarshalText'],
    ]),
    noun: 'unmarshaller',
  },
};

const MAX_CHAIN = 100;

/**
 * Other packages the resolver may read types from, by import path: a package
 * of the same module, a vendored or cached module. `undefined` from `lookup`
 * means not loaded yet; the extractor loads what `requested` collects and runs
 * again. `missing` says where wirepin looked for a package it could not find.
 */
export interface ImportedPackages {
  lookup(importPath: string): { readonly pkg: GoPackage } | { readonly missing: string } | undefined;
  /** Import paths asked for that `lookup` did not have yet. */
  readonly requested: Set<string>;
}

/** Resolves type expressions of one package; results about method sets are memoised per type identity. */
export class TypeResolver {
  private readonly marshalers = new Map<string, string | undefined>();
  private readonly codec: CodecMethods;

  /** Each file's package (display path → package), for names declared in imported packages. */
  private readonly packageByFile = new Map<string, GoPackage>();
  /** Import path of each imported package (the root package has none: its identities stay bare). */
  private readonly importPathOf = new Map<GoPackage, string>();

  constructor(
    readonly pkg: GoPackage,
    readonly direction: CodecDirection = 'encode',
    /** Bits of int, uint and uintptr on the target: 64 on amd64 and arm64, 32 on 386 and arm. */
    readonly wordBits: 32 | 64 = 64,
    /** Without it, types of other packages are unresolved (no go.mod was found). */
    private readonly imports?: ImportedPackages,
  ) {
    this.codec = CODEC_METHODS[direction];
  }

  /** The package a file belongs to: the root package unless the file is one of an imported package. */
  private packageOf(file: string): GoPackage {
    return this.packageByFile.get(file) ?? this.pkg;
  }

  private methodsOf(decl: GoTypeDecl): ReadonlyMap<string, GoReceiver> | undefined {
    return this.packageOf(decl.location.file).methodsOf(decl.name);
  }

  private importedDecl(importPath: string, name: string): { decl: GoTypeDecl } | { reason: string } | undefined {
    if (this.imports === undefined) return undefined;
    const found = this.imports.lookup(importPath);
    if (found === undefined) {
      this.imports.requested.add(importPath);
      return undefined;
    }
    if ('missing' in found) return { reason: found.missing };
    if (!this.importPathOf.has(found.pkg)) {
      this.importPathOf.set(found.pkg, importPath);
      for (const file of found.pkg.files) this.packageByFile.set(file, found.pkg);
    }
    // Only exported names are visible to another package.
    const decl = isExportedGoName(name) ? found.pkg.lookupType(name) : undefined;
    if (decl === undefined)
      return { reason: `package "${importPath}" (${found.pkg.files[0] ?? ''}) declares no exported type "${name}"` };
    return { decl };
  }

  resolve(start: ScopedType): ResolvedType {
    let { expr, env } = start;
    let defined: DefinedType | undefined;
    for (let step = 0; step < MAX_CHAIN; step++) {
      switch (expr.kind) {
        case 'named': {
          if (env.has(expr.name)) {
            const bound = env.get(expr.name);
            if (bound === undefined || bound === null) {
              return {
                kind: 'unresolved',
                typeName: expr.name,
                reason: `"${expr.name}" is a type parameter, so its type is only known at instantiation`,
                defined,
              };
            }
            ({ expr, env } = bound);
            continue;
          }
          const home = this.packageOf(expr.file);
          const decl = home.lookupType(expr.name);
          if (decl !== undefined) {
            const declEnv = bindTypeParams(decl, expr.typeArgs, env);
            // A defined type has its own method set; an alias shares the aliased type's.
            if (!decl.alias && defined === undefined)
              defined = { decl, env: declEnv, identity: this.identityOf(decl, declEnv) };
            ({ expr, env } = { expr: decl.type, env: declEnv });
            continue;
          }
          const basic = PREDECLARED.get(expr.name);
          if (basic !== undefined) return { kind: 'basic', ...basic, defined };
          if (expr.name === 'any') return { kind: 'interface', expr: EMPTY_INTERFACE, env: EMPTY_ENV, defined };
          if (expr.name === 'error') return { kind: 'interface', expr: ERROR_INTERFACE, env: EMPTY_ENV, defined };
          const where = home.hasDotImport(expr.file) ? '; it may come from a dot-imported package' : '';
          return {
            kind: 'unresolved',
            typeName: expr.text,
            reason: `"${expr.name}" is not declared in package "${home.name}"${where}`,
            defined,
          };
        }
        case 'qualified': {
          const known = knownType(expr.importPath, expr.name);
          if (known === undefined && expr.importPath !== undefined) {
            const imported = this.importedDecl(expr.importPath, expr.name);
            if (imported !== undefined && 'decl' in imported) {
              const decl = imported.decl;
              const declEnv = bindTypeParams(decl, expr.typeArgs, env);
              if (!decl.alias && defined === undefined)
                defined = { decl, env: declEnv, identity: this.identityOf(decl, declEnv) };
              ({ expr, env } = { expr: decl.type, env: declEnv });
              continue;
            }
            if (imported !== undefined)
              return {
                kind: 'unresolved',
                typeName: expr.text,
                reason: `"${expr.text}" cannot be resolved: ${imported.reason}`,
                defined,
              };
          }
          if (known === undefined) {
            return {
              kind: 'unresolved',
              typeName: expr.text,
              reason: `"${expr.text}" is declared in package "${expr.importPath ?? expr.packageName}", which wirepin does not read`,
              defined,
            };
          }
          if (defined === undefined) return { kind: 'known', known, defined: undefined };
          return underlyingOfKnown(known, defined);
        }
        case 'pointer':
          return { kind: 'pointer', expr, env, defined };
        case 'slice':
          return { kind: 'slice', expr, env, defined };
        case 'array':
          return { kind: 'array', expr, env, defined };
        case 'map':
          return { kind: 'map', expr, env, defined };
        case 'struct':
          return { kind: 'struct', expr, env, defined };
        case 'interface':
          return { kind: 'interface', expr, env, defined };
        case 'unsupported':
          return { kind: 'unsupported', expr, env, defined };
      }
    }
    return {
      kind: 'unresolved',
      typeName: start.expr.text,
      reason: `"${start.expr.text}" is an invalid recursive type`,
      defined,
    };
  }

  /** Type identity as encoding/json compares reflect.Types: the defined type with its type arguments, else the spelling. */
  identity(scoped: ScopedType): string {
    const resolved = this.resolve(scoped);
    if (resolved.defined !== undefined) return resolved.defined.identity;
    switch (resolved.kind) {
      case 'basic':
        return resolved.name;
      case 'known':
        return resolved.known;
      case 'unresolved':
        return resolved.typeName;
      default:
        return resolved.expr.text;
    }
  }

  /**
   * Why the type is not encoded (decoded) by its structure: it declares
   * MarshalJSON or MarshalText (UnmarshalJSON or UnmarshalText when
   * decoding), on a value or pointer receiver, or has one promoted from an
   * embedded field or an interface. Undefined when encoding/json walks it.
   */
  customMarshaler(resolved: ResolvedType): string | undefined {
    if (resolved.defined !== undefined) return this.definedMarshaler(resolved.defined, new Set());
    return this.structuralMarshaler(resolved, new Set());
  }

  /** Whether values of the type implement encoding.TextMarshaler (method set of the type itself, so value receivers only unless it is a pointer). */
  implementsTextMarshaler(resolved: ResolvedType): boolean {
    // time.Time has MarshalText too (time.go), besides MarshalJSON.
    if (resolved.kind === 'known') {
      const method = KNOWN_TYPES.get(resolved.known)?.encodeMethod;
      return resolved.known === 'time.Time' || (method?.name === 'MarshalText' && method.receiver === 'value');
    }
    if (resolved.defined !== undefined) return this.methodsOf(resolved.defined.decl)?.get('MarshalText') === 'value';
    if (resolved.kind === 'pointer') {
      const elem = this.resolve({ expr: resolved.expr.elem, env: resolved.env });
      return elem.defined !== undefined && this.methodsOf(elem.defined.decl)?.has('MarshalText') === true;
    }
    return false;
  }

  /**
   * The known standard-library type whose (un)marshaller a struct gets by
   * promotion, when that is the only place its custom encoding comes from:
   * the type declares no codec method itself and exactly one embedded field,
   * a known type embedded by value, supplies one (go-github's
   * `type Timestamp struct{ time.Time }`). When encoding, the method must be
   * on the value receiver: a pointer method is promoted only to addressable
   * values. Undefined otherwise (the caller keeps the type opaque).
   */
  promotedKnown(resolved: ResolvedType): KnownType | undefined {
    let struct: ResolvedType = resolved;
    if (resolved.defined !== undefined) {
      const methods = this.methodsOf(resolved.defined.decl);
      if (this.codec.methods.some((method) => methods?.has(method) === true)) return undefined;
      struct = this.resolve({ expr: resolved.defined.decl.type, env: resolved.defined.env });
    }
    if (struct.kind !== 'struct') return undefined;
    let found: KnownType | undefined;
    let suppliers = 0;
    for (const field of struct.expr.fields) {
      if (!field.embedded) continue;
      const embedded = this.resolve({ expr: field.type, env: struct.env });
      if (this.embeddedMarshaler(embedded, new Set()) === undefined) continue;
      suppliers++;
      if (embedded.kind !== 'known') continue;
      const encoding = KNOWN_TYPES.get(embedded.known);
      const usable =
        this.direction === 'decode'
          ? encoding?.decodeMethod !== undefined
          : encoding?.encodeMethod?.receiver === 'value';
      if (usable) found = embedded.known;
    }
    // Two embedded fields supplying the method at one depth make it ambiguous (neither is promoted): wirepin does not decide that.
    return suppliers === 1 ? found : undefined;
  }

  private identityOf(decl: GoTypeDecl, env: TypeEnv): string {
    const importPath = this.importPathOf.get(this.packageOf(decl.location.file));
    const name = importPath === undefined ? decl.name : `${importPath}.${decl.name}`;
    if (decl.typeParams.length === 0) return name;
    const args = decl.typeParams.map((param) => {
      const bound = env.get(param);
      return bound === undefined || bound === null ? param : this.identity(bound);
    });
    return `${name}[${args.join(',')}]`;
  }

  private definedMarshaler(defined: DefinedType, visiting: Set<string>): string | undefined {
    if (this.marshalers.has(defined.identity)) return this.marshalers.get(defined.identity);
    if (visiting.has(defined.identity)) return undefined;
    // Only a top-level answer is final: inside a cycle an inner type may have been cut short.
    const topLevel = visiting.size === 0;
    visiting.add(defined.identity);
    const methods = this.methodsOf(defined.decl);
    let reason: string | undefined;
    for (const method of this.codec.methods) {
      const receiver = methods?.get(method);
      if (receiver !== undefined) {
        reason = `type "${defined.decl.name}" has a custom ${this.codec.noun} (${method} on its ${receiver} receiver)`;
        break;
      }
    }
    // The underlying struct or interface contributes promoted methods; a further defined type in the chain does not.
    reason ??= this.structuralMarshaler(this.resolve({ expr: defined.decl.type, env: defined.env }), visiting);
    if (topLevel) this.marshalers.set(defined.identity, reason);
    return reason;
  }

  private structuralMarshaler(resolved: ResolvedType, visiting: Set<string>): string | undefined {
    if (resolved.kind === 'struct') {
      for (const field of resolved.expr.fields) {
        if (!field.embedded) continue;
        const target = field.type.kind === 'pointer' ? field.type.elem : field.type;
        const embedded = this.resolve({ expr: target, env: resolved.env });
        const inner = this.embeddedMarshaler(embedded, visiting);
        // Promotion: methods of an embedded field become methods of the struct (ambiguous duplicates are not told apart).
        if (inner !== undefined) return `it embeds ${field.type.text}, and ${inner}, which is promoted`;
      }
      return undefined;
    }
    if (resolved.kind === 'interface') return this.interfaceMarshaler(resolved.expr, resolved.env, visiting);
    return undefined;
  }

  private embeddedMarshaler(embedded: ResolvedType, visiting: Set<string>): string | undefined {
    if (embedded.kind === 'known') {
      const method = this.codec.known.get(embedded.known);
      return method === undefined ? undefined : `${embedded.known} has ${method}`;
    }
    if (embedded.defined !== undefined) return this.definedMarshaler(embedded.defined, visiting);
    if (embedded.kind === 'interface') return this.interfaceMarshaler(embedded.expr, embedded.env, visiting);
    return undefined;
  }

  private interfaceMarshaler(iface: GoInterfaceType, env: TypeEnv, visiting: Set<string>): string | undefined {
    for (const method of this.codec.methods) {
      if (iface.methods.includes(method)) return `interface ${iface.text} requires ${method}`;
    }
    for (const embed of iface.embeds) {
      if (embed.kind === 'qualified') {
        const method = this.codec.interfaces.get(`${embed.importPath ?? embed.packageName}.${embed.name}`);
        if (method !== undefined) return `interface ${iface.text} embeds ${embed.text}, which requires ${method}`;
        continue;
      }
      const resolved = this.resolve({ expr: embed, env });
      if (resolved.kind !== 'interface') continue;
      const inner =
        resolved.defined !== undefined
          ? this.definedMarshaler(resolved.defined, visiting)
          : this.interfaceMarshaler(resolved.expr, resolved.env, visiting);
      if (inner !== undefined) return inner;
    }
    return undefined;
  }
}

function bindTypeParams(decl: GoTypeDecl, typeArgs: readonly GoTypeExpr[], callerEnv: TypeEnv): TypeEnv {
  if (decl.typeParams.length === 0) return EMPTY_ENV;
  return new Map(
    decl.typeParams.map((param, i) => {
      const arg = typeArgs[i];
      return [param, arg === undefined ? null : { expr: arg, env: callerEnv }] as const;
    }),
  );
}

function knownType(importPath: string | undefined, name: string): KnownType | undefined {
  const key = `${importPath ?? ''}.${name}`;
  return KNOWN_TYPES.has(key as KnownType) ? (key as KnownType) : undefined;
}

/**
 * A local defined type over a known type (`type Stamp time.Time`) keeps the
 * underlying type but not its methods: Duration is an int64, Number a plain
 * string, RawMessage a []byte (base64); Time's fields are unexported and
 * unknown to wirepin.
 */
function underlyingOfKnown(known: KnownType, defined: DefinedType): ResolvedType {
  switch (known) {
    case 'time.Duration':
      return { kind: 'basic', basic: 'integer', name: 'int64', defined };
    case 'encoding/json.Number':
      return { kind: 'basic', basic: 'string', name: 'string', defined };
    case 'encoding/json.RawMessage':
      return { kind: 'slice', expr: BYTE_SLICE, env: EMPTY_ENV, defined };
    // net.IP is a []byte: without IP's MarshalText a defined type over it is base64, like any []byte.
    case 'net.IP':
      return { kind: 'slice', expr: BYTE_SLICE, env: EMPTY_ENV, defined };
    case 'net/url.URL':
      return {
        kind: 'unresolved',
        typeName: defined.decl.name,
        reason: `"${defined.decl.name}" is defined over net/url.URL, whose exported fields encoding/json would list; wirepin does not model them`,
        defined,
      };
    case 'time.Time':
      return {
        kind: 'unresolved',
        typeName: defined.decl.name,
        reason: `"${defined.decl.name}" is defined over time.Time, which drops Time's MarshalJSON and leaves its unexported fields`,
        defined,
      };
    default:
      return {
        kind: 'unresolved',
        typeName: defined.decl.name,
        reason: `"${defined.decl.name}" is defined over ${known}, which drops its methods and leaves its unexported fields`,
        defined,
      };
  }
}

export type ResolvedStruct = Extract<ResolvedType, { kind: 'struct' }>;
