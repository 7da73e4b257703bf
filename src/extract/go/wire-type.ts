import type { WireType } from '../../wire.js';
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
  /** Whether encoding/json's isEmptyValue can be true, i.e. omitempty can drop the field. */
  readonly canBeEmpty: boolean;
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
  if (custom !== undefined) return opaque(typeName, custom, suffix);
  switch (resolved.kind) {
    case 'basic':
      // The ,string option encodes bools, numbers and strings inside a JSON string.
      if (quoted && resolved.basic !== 'complex') return leaf('string', false);
      switch (resolved.basic) {
        case 'string':
          return leaf('string', false);
        case 'bool':
          return leaf('boolean', false);
        case 'integer':
        case 'byte':
          return leaf('integer', false);
        case 'float':
          return leaf('number', false);
        case 'complex':
          return opaque(typeName, 'encoding/json cannot encode complex numbers (json.Marshal fails)', suffix);
      }
      break;
    case 'known':
      switch (resolved.known) {
        // time.Time marshals as an RFC 3339 string.
        case 'time.Time':
          return leaf('string', false);
        case 'time.Duration':
          return leaf(quoted ? 'string' : 'integer', false);
        // json.Number is written as a JSON number literal.
        case 'encoding/json.Number':
          return leaf(quoted ? 'string' : 'number', false);
        // json.RawMessage is copied verbatim: any JSON value, null when nil.
        case 'encoding/json.RawMessage':
          return leaf('any', true);
      }
      break;
    case 'pointer': {
      // A nil pointer encodes as null; the pointee is encoded in its place otherwise.
      const elem = { expr: resolved.expr.elem, env: resolved.env };
      const inner = shapeOf(elem, resolver.resolve(elem), false, quoted, suffix, resolver);
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
      return { type: { kind: 'array', items: items.type, nullable: false }, nested: items.nested };
    }
    case 'map': {
      const problem = mapKeyProblem({ expr: resolved.expr.key, env: resolved.env }, resolver);
      if (problem !== undefined) return opaque(typeName, problem, suffix);
      const value = { expr: resolved.expr.value, env: resolved.env };
      const values = shapeOf(value, resolver.resolve(value), false, false, `${suffix}/*`, resolver);
      // A nil map encodes as null.
      return { type: { kind: 'map', values: values.type, nullable: !omitted }, nested: values.nested };
    }
    case 'struct':
      return { type: { kind: 'object', nullable: false }, nested: [{ kind: 'struct', suffix, struct: resolved, typeName }] };
    case 'interface':
      // An interface encodes its dynamic value: any JSON, null when nil.
      return leaf('any', true);
    case 'unsupported':
      return opaque(typeName, `encoding/json cannot encode ${resolved.expr.what} values (json.Marshal fails)`, suffix);
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
  if (resolved.kind === 'basic' && resolved.basic !== 'bool' && resolved.basic !== 'float' && resolved.basic !== 'complex') {
    return undefined;
  }
  if (resolved.kind === 'known' && resolved.known !== 'encoding/json.RawMessage') return undefined;
  if (resolver.implementsTextMarshaler(resolved)) return undefined;
  if (resolved.kind === 'unresolved') return `the map key type is unknown: ${resolved.reason}`;
  return `encoding/json cannot encode map key type "${key.expr.text}" (not a string, an integer or an encoding.TextMarshaler)`;
}

/** encoding/json's isEmptyValue: structs, time.Time and non-empty arrays are never empty, so omitempty never drops them. */
function canBeEmpty(resolved: ResolvedType): boolean {
  switch (resolved.kind) {
    case 'struct':
      return false;
    case 'known':
      return resolved.known !== 'time.Time';
    case 'array':
      return resolved.expr.length === undefined || resolved.expr.length === 0;
    default:
      return true;
  }
}
