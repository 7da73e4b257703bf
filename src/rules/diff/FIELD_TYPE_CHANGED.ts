import { plural } from '../../wording.js';
import {
  atStart,
  fieldFacts,
  fieldName,
  firstExisting,
  inBase,
  services,
  sideNames,
  type DiffRule,
} from './context.js';

const NULLABLE = '|null';

function withoutNull(type: string): string {
  return type.endsWith(NULLABLE) ? type.slice(0, -NULLABLE.length) : type;
}

/** The keywords inside a field's schema that decide its wire type (see wireTypeOf). */
const TYPE_KEYWORDS = ['type', 'items', 'additionalProperties', 'properties', 'required', 'enum', 'const'];

/**
 * The keywords that say where a field's fields come from: an inline object's, or a reference (bare, nullable,
 * through items or map values). The fields themselves are compared, and explained, one by one.
 */
const SHAPE_KEYWORDS = ['type', 'items', 'additionalProperties', 'properties', 'required', '$ref', 'anyOf'];

export const FIELD_TYPE_CHANGED: DiffRule<'changed' | 'became-nullable' | 'became-non-nullable' | 'shape-moved'> = {
  id: 'FIELD_TYPE_CHANGED',
  stage: 'diff',
  severity: 'error',
  summary:
    'A field keeps its name but changes its wire type, including becoming or ceasing to be nullable. Always breaking; a field whose object only moved (inline to a `$defs` reference, or to another definition) is a safe shape move.',
  why: 'A decoder built for the old type fails on the new one (Go rejects a string where it expects an int), or meets a null it never handled.',
  messages: {
    changed: 'type changed',
    'became-nullable': 'became nullable',
    'became-non-nullable': 'no longer nullable',
    'shape-moved': 'shape moved',
  },
  onKept(pair, sides) {
    if (!pair.typeChanged && pair.shapeMoved) {
      // Only the spelling of the shape moved; whatever differs between the two shapes is reported field by field.
      const name = fieldName(pair.head);
      const { before, after } = pair.shapeMoved;
      return {
        path: pair.head.schemaPointer,
        field: name,
        message: `Field "${name}" now takes its fields from ${after === 'object' ? 'an inline object' : `"${after}"`} instead of ${before === 'object' ? 'an inline object' : `"${before}"`}. That alone changes nothing on the wire; any field that differs between the two is reported on its own.`,
        related: inBase(sides.base, pair.base.schemaPointer),
        data: { class: 'safe', kind: 'shape-moved', ...fieldFacts(pair.head), before, after },
      };
    }
    if (!pair.typeChanged) return undefined;
    const names = sideNames(sides.head);
    const { producer, consumer } = services(sides.head);
    const name = fieldName(pair.head);
    const sameKind = withoutNull(pair.baseType) === withoutNull(pair.headType);
    const kind = !sameKind ? 'changed' : pair.headType.endsWith(NULLABLE) ? 'became-nullable' : 'became-non-nullable';
    const inside = pair.nested > 0 ? ` (${plural(pair.nested, 'nested field')} added or removed with it)` : '';
    const change = `Field "${name}" changed type from "${pair.baseType}" to "${pair.headType}"${inside}.`;
    const consequence =
      kind === 'became-nullable'
        ? `${atStart(consumer)} may now receive null where it never handled one: make ${names.consumer} accept null before ${names.producer} sends it.`
        : kind === 'became-non-nullable'
          ? `Where ${consumer} validates bodies with this contract, it rejects the null that ${names.producer} may still send: stop sending null in ${producer} first.`
          : `A decoder built for the old type fails on the new one: change ${names.producer} and ${names.consumer} together, or add a new field and retire this one.`;
    return {
      path: firstExisting(sides.head, [`${pair.head.schemaPointer}/type`, pair.head.schemaPointer]),
      field: name,
      message: `${change} ${consequence}`,
      related: inBase(sides.base, `${pair.base.schemaPointer}/type`),
      data: {
        class: 'breaking',
        kind,
        ...fieldFacts(pair.head),
        before: pair.baseType,
        after: pair.headType,
        nested: pair.nested,
      },
    };
  },
  explains: (change, schemaPointers) =>
    schemaPointers.flatMap((sp) =>
      (change.kind === 'shape-moved' ? SHAPE_KEYWORDS : TYPE_KEYWORDS).map((k) => `${sp}/${k}`),
    ),
};
