import type { SourceLocation } from '../../errors.js';
import type { OpaqueRef, WireField, WireType } from '../../wire.js';
import { escapeSegment } from '../../json-pointer.js';

/**
 * The shape a JSON sample shows, before it becomes wire fields. Array elements
 * are merged into one shape, so `[{"a":1},{"a":2,"b":null}]` has items
 * `{a: integer, b?: null}`: a key is required inside array elements only when
 * every object element has it.
 *
 * Shapes are built fresh and never mutated after construction; `mergeShapes`
 * returns new values.
 */
export type SampleShape =
  | { readonly kind: 'string' | 'integer' | 'number' | 'boolean'; readonly nullable: boolean }
  | { readonly kind: 'null' }
  | ObjectShape
  /** `items` is undefined when no element was seen (an empty array). */
  | { readonly kind: 'array'; readonly nullable: boolean; readonly items: SampleShape | undefined }
  /** Array elements of different JSON types, e.g. `[1, "a"]`; kinds in first-seen order. */
  | { readonly kind: 'mixed'; readonly nullable: boolean; readonly kinds: readonly string[] };

export interface ObjectShape {
  readonly kind: 'object';
  readonly nullable: boolean;
  /** Keyed by the decoded key, in first-seen order. A Map, so keys like "__proto__" are ordinary. */
  readonly members: ReadonlyMap<string, MemberShape>;
  /** How many objects were merged into this shape (1 outside arrays). */
  readonly instances: number;
}

export interface MemberShape {
  /** Where the key first appears. */
  readonly location: SourceLocation;
  readonly shape: SampleShape;
  /** In how many of the merged objects the key appears. */
  readonly seen: number;
}

export function mergeShapes(a: SampleShape | undefined, b: SampleShape): SampleShape {
  if (a === undefined) return b;
  if (a.kind === 'null') return b.kind === 'null' ? a : withNullable(b);
  if (b.kind === 'null') return withNullable(a);
  const nullable = a.nullable || b.nullable;
  if (a.kind === 'object' && b.kind === 'object') return mergeObjects(a, b, nullable);
  if (a.kind === 'array' && b.kind === 'array') {
    const items = b.items === undefined ? a.items : mergeShapes(a.items, b.items);
    return { kind: 'array', nullable, items };
  }
  if (a.kind === b.kind && a.kind !== 'mixed') return withNullable(a, nullable);
  // An integer literal next to a fractional one: the field carries numbers.
  if ((a.kind === 'integer' && b.kind === 'number') || (a.kind === 'number' && b.kind === 'integer')) {
    return { kind: 'number', nullable };
  }
  const kinds = [...kindsOf(a), ...kindsOf(b).filter((kind) => !kindsOf(a).includes(kind))];
  return { kind: 'mixed', nullable, kinds };
}

function kindsOf(shape: Exclude<SampleShape, { kind: 'null' }>): readonly string[] {
  return shape.kind === 'mixed' ? shape.kinds : [shape.kind];
}

function withNullable(shape: SampleShape, nullable = true): SampleShape {
  return shape.kind === 'null' ? shape : { ...shape, nullable };
}

function mergeObjects(a: ObjectShape, b: ObjectShape, nullable: boolean): ObjectShape {
  const members = new Map<string, MemberShape>(a.members);
  for (const [name, member] of b.members) {
    const known = members.get(name);
    members.set(
      name,
      known === undefined
        ? member
        : { location: known.location, shape: mergeShapes(known.shape, member.shape), seen: known.seen + member.seen },
    );
  }
  return { kind: 'object', nullable, members, instances: a.instances + b.instances };
}

/** The wire fields below a root object shape, parents before children, keys in first-seen order. */
export function shapeToFields(root: ObjectShape): { fields: WireField[]; opaque: OpaqueRef[] } {
  const fields: WireField[] = [];
  const opaque: OpaqueRef[] = [];

  const visitMembers = (shape: ObjectShape, pointer: string): void => {
    for (const [name, member] of shape.members) {
      const childPointer = `${pointer}/${escapeSegment(name)}`;
      fields.push({
        pointer: childPointer,
        jsonName: name,
        type: toWireType(member.shape),
        required: member.seen === shape.instances,
        location: member.location,
        sourceType: spell(member.shape),
      });
      visitBelow(member.shape, childPointer, member.location);
    }
  };

  const visitBelow = (shape: SampleShape, pointer: string, location: SourceLocation): void => {
    if (shape.kind === 'object') visitMembers(shape, pointer);
    if (shape.kind === 'mixed') {
      opaque.push({ pointer, typeName: spell(shape), reason: mixedReason(shape.kinds), location });
    }
    if (shape.kind === 'array' && shape.items !== undefined) visitBelow(shape.items, `${pointer}/*`, location);
  };

  visitMembers(root, '');
  return { fields, opaque };
}

function toWireType(shape: SampleShape): WireType {
  switch (shape.kind) {
    case 'null':
      return { kind: 'null', nullable: true };
    case 'array':
      return {
        kind: 'array',
        // An empty array shows nothing about its elements.
        items: shape.items === undefined ? { kind: 'any', nullable: false } : toWireType(shape.items),
        nullable: shape.nullable,
      };
    case 'mixed':
      return { kind: 'opaque', nullable: shape.nullable, reason: mixedReason(shape.kinds) };
    default:
      return { kind: shape.kind, nullable: shape.nullable };
  }
}

function mixedReason(kinds: readonly string[]): string {
  return `the sample's array elements mix JSON types (${kinds.join(', ')}), so no single wire type fits`;
}

/** The JSON type the sample shows, for messages: "integer", "string | null", "object[]", "[]" (empty). */
function spell(shape: SampleShape): string {
  switch (shape.kind) {
    case 'null':
      return 'null';
    case 'array': {
      if (shape.items === undefined) return nullableSuffix('[]', shape.nullable);
      const items = spell(shape.items);
      return nullableSuffix(items.includes(' ') ? `(${items})[]` : `${items}[]`, shape.nullable);
    }
    case 'mixed':
      return nullableSuffix(shape.kinds.join(' | '), shape.nullable);
    default:
      return nullableSuffix(shape.kind, shape.nullable);
  }
}

function nullableSuffix(text: string, nullable: boolean): string {
  return nullable ? `${text} | null` : text;
}
