import type { OpaqueRef, WireField } from '../../wire.js';
import { jsonFieldsOf } from './json-fields.js';
import type { StructFields } from './json-fields.js';
import type { ResolvedStruct, TypeResolver } from './resolve-type.js';
import { wireShapeOf } from './wire-type.js';
import { escapeSegment } from '../../json-pointer.js';

export interface CollectedFields {
  readonly fields: readonly WireField[];
  readonly opaque: readonly OpaqueRef[];
}

/** Nesting deeper than this is reported as opaque (it only happens with recursive generic instantiations). */
const MAX_NESTING = 32;

/**
 * The wire fields of a struct and, below each field, of the structs its value
 * holds: pre-order, so parents precede their children and siblings keep
 * encoding/json's field order. A struct type that contains itself is listed
 * once; the repeat is reported as opaque instead of unrolled forever.
 */
export function collectWireFields(root: ResolvedStruct, resolver: TypeResolver): CollectedFields {
  const fields: WireField[] = [];
  const opaque: OpaqueRef[] = [];
  const memo = new Map<string, StructFields>();

  const fieldsOf = (struct: ResolvedStruct): StructFields => {
    // Anonymous structs have no identity worth caching under; named ones are computed once.
    const key = struct.defined?.identity;
    const cached = key === undefined ? undefined : memo.get(key);
    if (cached !== undefined) return cached;
    const computed = jsonFieldsOf(struct, resolver);
    if (key !== undefined) memo.set(key, computed);
    return computed;
  };

  const visit = (struct: ResolvedStruct, prefix: string, enclosing: ReadonlySet<string>): void => {
    const { fields: jsonFields, unresolvedEmbeds } = fieldsOf(struct);
    for (const embed of unresolvedEmbeds) {
      opaque.push({ pointer: prefix, typeName: embed.typeName, reason: embed.reason, location: embed.field.location });
    }
    for (const jsonField of jsonFields) {
      const pointer = `${prefix}/${escapeSegment(jsonField.name)}`;
      const { encoding, field } = jsonField;
      const blocked = resolver.direction === 'decode' ? jsonField.behindUnexportedEmbeddedPointer : undefined;
      if (blocked !== undefined) {
        // decode.go's object: a nil embedded pointer that cannot be set (unexported) fails the whole decode.
        const reason = `it is promoted through the embedded pointer ${blocked} to an unexported struct type, so json.Unmarshal fails ("json: cannot set embedded pointer to unexported struct") whenever the body carries it`;
        fields.push({
          pointer,
          jsonName: jsonField.name,
          type: { kind: 'opaque', nullable: false, reason },
          required: false,
          location: field.location,
          sourceType: field.type.text,
        });
        continue;
      }
      const shape = wireShapeOf({ expr: field.type, env: jsonField.env }, encoding, resolver);
      // omitzero drops any zero value; omitempty drops empty values, which a struct never is.
      const omittable = encoding.omitZero || (encoding.omitEmpty && shape.canBeEmpty) || jsonField.behindEmbeddedPointer;
      fields.push({
        pointer,
        jsonName: jsonField.name,
        type: shape.type,
        required: !omittable,
        location: field.location,
        sourceType: field.type.text,
      });
      for (const site of shape.nested) {
        const sitePointer = `${pointer}${site.suffix}`;
        if (site.kind === 'opaque') {
          opaque.push({ pointer: sitePointer, typeName: site.typeName, reason: site.reason, location: field.location });
          continue;
        }
        const identity = site.struct.defined?.identity;
        if (identity !== undefined && enclosing.has(identity)) {
          opaque.push({
            pointer: sitePointer,
            typeName: site.typeName,
            reason: `"${identity}" contains itself; its fields are listed once, at the outer occurrence`,
            location: field.location,
          });
          continue;
        }
        if (enclosing.size >= MAX_NESTING) {
          opaque.push({
            pointer: sitePointer,
            typeName: site.typeName,
            reason: `struct nesting deeper than ${MAX_NESTING} levels is not unrolled`,
            location: field.location,
          });
          continue;
        }
        const inner = new Set(enclosing);
        inner.add(identity ?? `${sitePointer} (anonymous)`);
        visit(site.struct, sitePointer, inner);
      }
    }
  };

  const rootIdentity = root.defined?.identity ?? root.expr.text;
  visit(root, '', new Set([rootIdentity]));
  return { fields, opaque };
}

