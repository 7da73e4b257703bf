import type { IntegerRange, WireType } from '../../wire.js';
import { KNOWN_TYPES } from './resolve-type.js';
import type { ResolvedStruct, ResolvedType, ScopedType, TypeResolver } from './resolve-type.js';

/** How a struct field is encoded, from its json tag options (after encoding/json's own checks). */
export interface FieldEncoding {
  readonly omitEmpty: boolean;
  readonly omitZero: boolean;
  /** The `,string` option took effect (the field is a bool, number or string, possibly behind one pointer). */
  readonly quoted: boolean;
}

/**
 * A place inside a field's value that the caller still has to visit: a struct
 * whose fields are listed below the field, or a value wirepin cannot see into.
 * `suffix` is the JSON pointer below the field: "" for the field itself,
 * "/*" for the items of an array or the values of a map, "/*\/*" and so on.
 */
export type NestedSite =
  | { readonly kind: 'struct'; readonly suffix: string; readonly struct: ResolvedStruct; readonly typeName: string }
  | { readonly kind: 'opaque'; readonly suffix: string; readonly typeName: string; readonly reason: string };

export interface WireShape {
  readonly type: WireType;
  readonly nested: readonly NestedSite[];
  /** Whether encoding/json's isEmptyValue can be true, i.e. omitempty can drop the field; 'unknown' for a type wirepin cannot see. */
  readonly canBeEmpty: boolean | 'unknown';
}

/** The JSON shape encoding/json gives a value of this Go type. */
export function wireShapeOf(scoped: ScopedType, encoding: FieldEncoding, resolver: TypeResolver): WireShape {
  const resolved = resolver.resolve(scoped);
  const shape = shapeOf(scoped, resolved, encoding.omitEmpty || encoding.omitZero, encoding.quoted, '', resolver);
  return { ...shape, canBeEmpty: canBeEmpty(resolved) };
}

type Shape = Omit<WireShape, 'canBeEmpty'>;

/**
 * `omitted`: the field is dropped when nil or empty (omitempty/omitzero), so a
 * nil pointer, map or slice never travels as null. It applies to the field's
 * own value only, never to array items or map values.
 */
function shapeOf(
  scoped: ScopedType,
  resolved: ResolvedType,
  omitted: boolean,
  quoted: boolean,
  suffix: string,
  resolver: TypeResolver,
): Shape {
  const typeName = scoped.expr.text;
  // Marshaler and TextMarshaler implementations replace the structural encoding.
  const custom = resolver.customMarshaler(resolved);
  if (custom !== undefined) {
    // A (Un)MarshalJSON/Text promoted from an embedded known type (`struct{ time.Time }`) encodes as that type does.
    const promoted = resolver.promotedKnown(resolved);
    if (promoted !== undefined)
      return shapeOf(scoped, { kind: 'known', known: promoted, defined: undefined }, omitted, quoted, suffix, resolver);
    return opaque(typeName, custom, suffix);
  }
  const decoding = resolver.direction === 'decode';
  switch (resolved.kind) {
    case 'basic':
      // The ,string option encodes bools, numbers and strings inside a JSON string (and decodes only from one).
      if (quoted && resolved.basic !== 'complex') return leaf('string', false);
      switch (resolved.basic) {
        case 'string':
          return leaf('string', false);
        case 'bool':
          return leaf('boolean', false);
        case 'integer':
        case 'byte': {
          // literalStore: a number outside the kind's range (v.OverflowInt/OverflowUint) fails the decode.
          const range = decoding ? integerRange(resolved.name, resolver.wordBits) : undefined;
          return range === undefined
            ? leaf('integer', false)
            : { type: { kind: 'integer', nullable: false, range }, nested: [] };
        }
        case 'float':
          return leaf('number', false);
        case 'complex':
          return opaque(
            typeName,
            `encoding/json cannot ${decoding ? 'decode into' : 'encode'} complex numbers (json.${decoding ? 'Unmarshal' : 'Marshal'} fails)`,
            suffix,
          );
      }
      break;
    case 'known':
      switch (resolved.known) {
        // time.Time marshals as an RFC 3339 string.
        case 'time.Time':
          return leaf('string', false);
        case 'time.Duration': {
          if (quoted) return leaf('string', false);
          const range = decoding ? integerRange('int64', resolver.wordBits) : undefined;
          return range === undefined
            ? leaf('integer', false)
            : { type: { kind: 'integer', nullable: false, range }, nested: [] };
        }
        // json.Number is written as a JSON number literal.
        case 'encoding/json.Number':
          return leaf(quoted ? 'string' : 'number', false);
        // json.RawMessage is copied verbatim: any JSON value, null when nil.
        case 'encoding/json.RawMessage':
          return leaf('any', true);
        // MarshalText/UnmarshalText on a value receiver: a JSON string ("" for the zero value or a nil IP, never null).
        case 'net/netip.Addr':
        case 'net/netip.AddrPort':
        case 'net/netip.Prefix':
        case 'net.IP':
          return leaf('string', false);
        case 'math/big.Int':
        case 'math/big.Float':
        case 'math/big.Rat':
          // Decoding always goes through the field's address, so the pointer methods apply.
          if (decoding) return leaf(resolved.known === 'math/big.Int' ? 'integer' : 'string', false);
          // encode.go's condAddrEncoder: a pointer method counts only when the value is addressable, which depends on how Marshal was called.
          return opaque(
            typeName,
            `${resolved.known}'s ${KNOWN_TYPES.get(resolved.known)?.encodeMethod?.name ?? 'marshaller'} is on the pointer receiver, so encoding/json uses it only when the value is addressable (json.Marshal(&v), not json.Marshal(v)); use *${typeName} to make the encoding certain`,
            suffix,
          );
        case 'net/url.URL':
          return opaque(
            typeName,
            'net/url.URL has no JSON or text marshaller, so encoding/json writes its exported fields (Scheme, Host, Path, ...), which wirepin does not model; send url.String() in a string field instead',
            suffix,
          );
      }
      break;
    case 'pointer': {
      // A nil pointer encodes as null; the pointee is encoded in its place otherwise.
      const elem = { expr: resolved.expr.elem, env: resolved.env };
      const elemType = resolver.resolve(elem);
      // decode.go's indirect asks a pointer for an Unmarshaler only when the pointer type has methods: a defined pointer
      // type (`type P *time.Time`) has none, so the value it points at is decoded by its structure and its own
      // UnmarshalJSON/UnmarshalText never runs ("cannot unmarshal string into ... of type time.Time").
      const decodeMethod = elemType.kind === 'known' ? KNOWN_TYPES.get(elemType.known)?.decodeMethod : undefined;
      if (decoding && resolved.defined !== undefined && decodeMethod !== undefined) {
        return opaque(
          typeName,
          `"${resolved.defined.decl.name}" is a defined pointer type, which has no methods, so json.Unmarshal decodes the ${elem.expr.text} it points at by its structure and never calls its ${decodeMethod}`,
          suffix,
        );
      }
      // *big.Int, *big.Float, *big.Rat: the pointer has the methods (MarshalJSON writes null for nil).
      if (
        elemType.kind === 'known' &&
        (elemType.known === 'math/big.Int' || elemType.known === 'math/big.Float' || elemType.known === 'math/big.Rat')
      ) {
        return leaf(elemType.known === 'math/big.Int' ? 'integer' : 'string', !omitted);
      }
      const inner = shapeOf(elem, elemType, false, quoted, suffix, resolver);
      return { type: { ...inner.type, nullable: !omitted || inner.type.nullable }, nested: inner.nested };
    }
    case 'slice': {
      const elem = { expr: resolved.expr.elem, env: resolved.env };
      const elemType = resolver.resolve(elem);
      // []byte encodes as a base64 string unless the element type has its own marshaller; a nil slice as null.
      if (elemType.kind === 'basic' && elemType.basic === 'byte' && resolver.customMarshaler(elemType) === undefined) {
        return leaf('string', !omitted);
      }
      const items = shapeOf(elem, elemType, false, false, `${suffix}/*`, resolver);
      return { type: { kind: 'array', items: items.type, nullable: !omitted }, nested: items.nested };
    }
    case 'array': {
      // Arrays (even [N]byte) encode as JSON arrays and are never null.
      const elem = { expr: resolved.expr.elem, env: resolved.env };
      const items = shapeOf(elem, resolver.resolve(elem), false, false, `${suffix}/*`, resolver);
      const length = resolved.expr.length;
      // decode.go's array: items past N are dropped, missing ones are zeroed.
      if (decoding && length !== undefined)
        return { type: { kind: 'array', items: items.type, nullable: false, length }, nested: items.nested };
      if (decoding)
        return opaque(
          typeName,
          `the length of ${typeName} is a constant expression wirepin does not evaluate, and a Go array drops items past it`,
          suffix,
        );
      return { type: { kind: 'array', items: items.type, nullable: false }, nested: items.nested };
    }
    case 'map': {
      const key = { expr: resolved.expr.key, env: resolved.env };
      const problem = decoding ? mapKeyDecodeProblem(key, resolver) : mapKeyProblem(key, resolver);
      if (problem !== undefined) return opaque(typeName, problem, suffix);
      const value = { expr: resolved.expr.value, env: resolved.env };
      const values = shapeOf(value, resolver.resolve(value), false, false, `${suffix}/*`, resolver);
      // A nil map encodes as null.
      return { type: { kind: 'map', values: values.type, nullable: !omitted }, nested: values.nested };
    }
    case 'struct':
      return {
        type: { kind: 'object', nullable: false },
        nested: [{ kind: 'struct', suffix, struct: resolved, typeName }],
      };
    case 'interface':
      // decode.go: only an empty interface receives a decoded value; any other (non-nil) interface fails with UnmarshalTypeError.
      if (decoding && (resolved.expr.methods.length > 0 || resolved.expr.embeds.length > 0)) {
        return opaque(
          typeName,
          `encoding/json cannot decode into the non-empty interface ${typeName} (json.Unmarshal fails)`,
          suffix,
        );
      }
      // An interface encodes its dynamic value: any JSON, null when nil.
      return leaf('any', true);
    case 'unsupported':
      return decoding
        ? opaque(
            typeName,
            `encoding/json cannot decode into ${resolved.expr.what} values (json.Unmarshal fails)`,
            suffix,
          )
        : opaque(typeName, `encoding/json cannot encode ${resolved.expr.what} values (json.Marshal fails)`, suffix);
    case 'unresolved':
      return opaque(resolved.typeName, resolved.reason, suffix);
  }
}

function leaf(kind: 'string' | 'integer' | 'number' | 'boolean' | 'any', nullable: boolean): Shape {
  return { type: { kind, nullable }, nested: [] };
}

function opaque(typeName: string, reason: string, suffix: string): Shape {
  return { type: { kind: 'opaque', nullable: false, reason }, nested: [{ kind: 'opaque', suffix, typeName, reason }] };
}

/**
 * encoding/json map keys: string and integer kinds are used directly, other
 * key types must implement encoding.TextMarshaler; anything else makes
 * json.Marshal fail.
 */
function mapKeyProblem(key: ScopedType, resolver: TypeResolver): string | undefined {
  const resolved = resolver.resolve(key);
  if (
    resolved.kind === 'basic' &&
    resolved.basic !== 'bool' &&
    resolved.basic !== 'float' &&
    resolved.basic !== 'complex'
  ) {
    return undefined;
  }
  // encode.go's newMapEncoder: string and integer kinds (Duration, Number), or a key type implementing encoding.TextMarshaler.
  if (resolved.kind === 'known' && (resolved.known === 'time.Duration' || resolved.known === 'encoding/json.Number'))
    return undefined;
  if (resolver.implementsTextMarshaler(resolved)) return undefined;
  if (resolved.kind === 'unresolved') return `the map key type is unknown: ${resolved.reason}`;
  return `encoding/json cannot encode map key type "${key.expr.text}" (not a string, an integer or an encoding.TextMarshaler)`;
}

/**
 * decode.go's object for a map: string kinds are used as they are, integer
 * kinds are parsed from the key (a key that is not such an integer fails the
 * decode), and a key type whose pointer is an encoding.TextUnmarshaler decides
 * for itself. Only string keys take every key a contract map may carry.
 */
function mapKeyDecodeProblem(key: ScopedType, resolver: TypeResolver): string | undefined {
  const resolved = resolver.resolve(key);
  if (resolved.kind === 'unresolved') return `the map key type is unknown: ${resolved.reason}`;
  const custom = resolver.customMarshaler(resolved);
  if (custom !== undefined) return `the map key type "${key.expr.text}" decodes keys itself: ${custom}`;
  if (resolved.kind === 'basic' && resolved.basic === 'string') return undefined;
  if (resolved.kind === 'known' && resolved.known === 'encoding/json.Number') return undefined;
  if (resolved.kind === 'basic' && (resolved.basic === 'integer' || resolved.basic === 'byte')) {
    return `map key type "${key.expr.text}" only accepts keys that are ${resolved.name} numbers; any other key fails json.Unmarshal`;
  }
  if (resolved.kind === 'known' && resolved.known === 'time.Duration') {
    return `map key type "${key.expr.text}" only accepts keys that are int64 numbers; any other key fails json.Unmarshal`;
  }
  if (resolved.kind === 'known' && KNOWN_TYPES.get(resolved.known)?.decodeMethod === 'UnmarshalText') {
    return `the map key type "${key.expr.text}" decodes keys itself: ${resolved.known} has UnmarshalText`;
  }
  return `encoding/json cannot decode into map key type "${key.expr.text}" (not a string, an integer or an encoding.TextUnmarshaler)`;
}

/** The values a Go integer type holds; int, uint and uintptr follow the target's word size. */
export function integerRange(name: string, wordBits: 32 | 64): IntegerRange | undefined {
  const signedBits: Readonly<Record<string, number>> = { int8: 8, int16: 16, int32: 32, int64: 64, int: wordBits };
  const unsignedBits: Readonly<Record<string, number>> = {
    uint8: 8,
    uint16: 16,
    uint32: 32,
    uint64: 64,
    uint: wordBits,
    uintptr: wordBits,
  };
  const signed = signedBits[name];
  if (signed !== undefined) {
    const half = 2n ** BigInt(signed - 1);
    return { min: (-half).toString(), max: (half - 1n).toString(), typeName: name };
  }
  const unsigned = unsignedBits[name];
  if (unsigned !== undefined) return { min: '0', max: (2n ** BigInt(unsigned) - 1n).toString(), typeName: name };
  return undefined;
}

/** encoding/json's isEmptyValue: structs, time.Time and non-empty arrays are never empty, so omitempty never drops them. */
function canBeEmpty(resolved: ResolvedType): boolean | 'unknown' {
  switch (resolved.kind) {
    // The kind of a type wirepin cannot see is unknown: it may be a struct, which isEmptyValue never reports empty.
    case 'unresolved':
      return 'unknown';
    case 'struct':
      return false;
    case 'known':
      return KNOWN_TYPES.get(resolved.known)?.struct !== true;
    case 'array':
      return resolved.expr.length === undefined || resolved.expr.length === 0;
    default:
      return true;
  }
}
