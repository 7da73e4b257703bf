import type { GoPackage } from './parse-package.js';
import type {
  GoArrayType,
  GoInterfaceType,
  GoMapType,
  GoPointerType,
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

/** Standard-library types whose encoding is known without reading their package. */
export type KnownType = 'time.Time' | 'time.Duration' | 'encoding/json.Number' | 'encoding/json.RawMessage';

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
  | { readonly kind: 'basic'; readonly basic: BasicKind; readonly name: string; readonly defined: DefinedType | undefined }
  | { readonly kind: 'known'; readonly known: KnownType; readonly defined: undefined }
  | { readonly kind: 'unresolved'; readonly typeName: string; readonly reason: string; readonly defined: DefinedType | undefined }
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
    known: new Map([
      ['time.Time', 'MarshalJSON'],
      ['encoding/json.RawMessage', 'MarshalJSON'],
    ]),
    interfaces: new Map([
      ['encoding/json.Marshaler', 'MarshalJSON'],
      ['encoding.TextMarshaler', 'MarshalText'],
    ]),
    noun: 'marshaller',
  },
  // decode.go's indirect: a named, addressable value is looked at through its address, so pointer-receiver methods count too.
  decode: {
    methods: ['UnmarshalJSON', 'UnmarshalText'],
    known: new Map([
      ['time.Time', 'UnmarshalJSON'],
      ['encoding/json.RawMessage', 'UnmarshalJSON'],
    ]),
    interfaces: new Map([
      ['encoding/json.Unmarshaler', 'UnmarshalJSON'],
      ['encoding.TextUnmarshaler', 'UnmarshalText'],
    ]),
    noun: 'unmarshaller',
  },
};

const MAX_CHAIN = 100;

/** Resolves type expressions of one package; results about method sets are memoised per type identity. */
export class TypeResolver {
  private readonly marshalers = new Map<string, string | undefined>();
  private readonly codec: CodecMethods;

  constructor(
    readonly pkg: GoPackage,
    readonly direction: CodecDirection = 'encode',
    /** Bits of int, uint and uintptr on the target: 64 on amd64 and arm64, 32 on 386 and arm. */
    readonly wordBits: 32 | 64 = 64,
  ) {
    this.codec = CODEC_METHODS[direction];
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
          const decl = this.pkg.lookupType(expr.name);
          if (decl !== undefined) {
            const declEnv = bindTypeParams(decl, expr.typeArgs, env);
            // A defined type has its own method set; an alias shares the aliased type's.
            if (!decl.alias && defined === undefined) defined = { decl, env: declEnv, identity: this.identityOf(decl, declEnv) };
            ({ expr, env } = { expr: decl.type, env: declEnv });
            continue;
          }
          const basic = PREDECLARED.get(expr.name);
          if (basic !== undefined) return { kind: 'basic', ...basic, defined };
          if (expr.name === 'any') return { kind: 'interface', expr: EMPTY_INTERFACE, env: EMPTY_ENV, defined };
          if (expr.name === 'error') return { kind: 'interface', expr: ERROR_INTERFACE, env: EMPTY_ENV, defined };
          const where = this.pkg.hasDotImport(expr.file) ? '; it may come from a dot-imported package' : '';
          return {
            kind: 'unresolved',
            typeName: expr.text,
            reason: `"${expr.name}" is not declared in package "${this.pkg.name}"${where}`,
            defined,
          };
        }
        case 'qualified': {
          const known = knownType(expr.importPath, expr.name);
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
    return { kind: 'unresolved', typeName: start.expr.text, reason: `"${start.expr.text}" is an invalid recursive type`, defined };
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
    if (resolved.kind === 'known') return resolved.known === 'time.Time';
    if (resolved.defined !== undefined) return this.pkg.methodsOf(resolved.defined.decl.name)?.get('MarshalText') === 'value';
    if (resolved.kind === 'pointer') {
      const elem = this.resolve({ expr: resolved.expr.elem, env: resolved.env });
      return elem.defined !== undefined && this.pkg.methodsOf(elem.defined.decl.name)?.has('MarshalText') === true;
    }
    return false;
  }

  private identityOf(decl: GoTypeDecl, env: TypeEnv): string {
    if (decl.typeParams.length === 0) return decl.name;
    const args = decl.typeParams.map((param) => {
      const bound = env.get(param);
      return bound === undefined || bound === null ? param : this.identity(bound);
    });
    return `${decl.name}[${args.join(',')}]`;
  }

  private definedMarshaler(defined: DefinedType, visiting: Set<string>): string | undefined {
    if (this.marshalers.has(defined.identity)) return this.marshalers.get(defined.identity);
    if (visiting.has(defined.identity)) return undefined;
    // Only a top-level answer is final: inside a cycle an inner type may have been cut short.
    const topLevel = visiting.size === 0;
    visiting.add(defined.identity);
    const methods = this.pkg.methodsOf(defined.decl.name);
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
  switch (key) {
    case 'time.Time':
    case 'time.Duration':
    case 'encoding/json.Number':
    case 'encoding/json.RawMessage':
      return key;
    default:
      return undefined;
  }
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
    case 'time.Time':
      return {
        kind: 'unresolved',
        typeName: defined.decl.name,
        reason: `"${defined.decl.name}" is defined over time.Time, which drops Time's MarshalJSON and leaves its unexported fields`,
        defined,
      };
  }
}

export type ResolvedStruct = Extract<ResolvedType, { kind: 'struct' }>;
