import { isJsonObject, member, valueAt } from '../../contract/json-document.js';
import { atStart, fieldFacts, fieldName, firstExisting, holderOf, inBase, services, type DiffRule } from './context.js';
import type { PairedSide } from '../../diff/pair.js';
import type { ContractField } from '../../contract/field-table.js';

/** The `required` entry naming the field, when there is one: the line that changed. */
function requiredEntry(side: PairedSide, field: ContractField): string {
  const holder = holderOf(field.schemaPointer);
  const schema = valueAt(side.root, holder);
  const list = isJsonObject(schema) ? member(schema, 'required') : undefined;
  const index = Array.isArray(list) ? list.indexOf(field.name) : -1;
  return index >= 0 ? `${holder}/required/${index}` : `${holder}/required`;
}

export const FIELD_REQUIRED_CHANGED: DiffRule<'became-required' | 'became-optional'> = {
  id: 'FIELD_REQUIRED_CHANGED',
  stage: 'diff',
  severity: 'error',
  summary:
    'A field moves into or out of its parent\'s "required": becoming required is breaking, becoming optional is safe.',
  why: 'A consumer that validates with the new contract rejects every body from a producer that still omits a newly required field.',
  messages: { 'became-required': 'became required', 'became-optional': 'became optional' },
  onKept(pair, sides) {
    if (pair.base.required === pair.head.required) return undefined;
    const { producer, consumer } = services(sides.head);
    const name = fieldName(pair.head);
    const becameRequired = pair.head.required;
    return {
      path: becameRequired
        ? firstExisting(sides.head, [requiredEntry(sides.head, pair.head), pair.head.schemaPointer])
        : firstExisting(sides.head, [`${holderOf(pair.head.schemaPointer)}/required`, pair.head.schemaPointer]),
      field: name,
      message: becameRequired
        ? `Field "${name}" became required: ${producer} must now always send it. Where ${consumer} validates bodies with this contract, it rejects a body ${producer} still sends without it: ship ${producer} first, then the contract to ${consumer}.`
        : `Field "${name}" became optional: ${producer} may now omit it.${pair.head.consumes === false ? '' : ` ${atStart(consumer)} reads it, so check that ${consumer} copes with it being absent.`}`,
      related: inBase(
        sides.base,
        becameRequired ? `${holderOf(pair.base.schemaPointer)}/required` : requiredEntry(sides.base, pair.base),
      ),
      data: {
        class: becameRequired ? 'breaking' : 'safe',
        kind: becameRequired ? 'became-required' : 'became-optional',
        ...fieldFacts(pair.head),
        before: pair.base.required ? 'required' : 'optional',
        after: pair.head.required ? 'required' : 'optional',
      },
    };
  },
  explains: (_change, schemaPointers) => schemaPointers.map((sp) => `${holderOf(sp)}/required`),
};
