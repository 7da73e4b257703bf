import { isJsonObject, member, valueAt } from '../../contract/json-document.js';
import { bothSides, fieldFacts, fieldName, firstExisting, holderOf, inBase, type ChangeDraft, type DiffRule } from './context.js';
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

export const FIELD_REQUIRED_CHANGED: DiffRule = {
  id: 'FIELD_REQUIRED_CHANGED',
  stage: 'diff',
  severity: 'error',
  summary: 'A field moves into or out of its parent\'s "required": becoming required is breaking, becoming optional is safe.',
  why: 'A cp that validates with the new contract rejects every body from a core that still omits a newly required field.',
  check(pairing) {
    const sides = bothSides(pairing);
    if (!sides) return [];
    const drafts: ChangeDraft[] = [];
    for (const pair of pairing.kept) {
      if (pair.base.required === pair.head.required) continue;
      const name = fieldName(pair.head);
      const becameRequired = pair.head.required;
      drafts.push({
        path: becameRequired
          ? firstExisting(sides.head, [requiredEntry(sides.head, pair.head), pair.head.schemaPointer])
          : firstExisting(sides.head, [`${holderOf(pair.head.schemaPointer)}/required`, pair.head.schemaPointer]),
        field: name,
        message: becameRequired
          ? `Field "${name}" became required: core must now always send it, and a cp validating with this contract rejects bodies from a core that still omits it. Ship core first, then the contract to cp.`
          : `Field "${name}" became optional: core may now omit it.${pair.head.consumes === false ? '' : ' cp reads it, so check that cp copes with it being absent.'}`,
        related: inBase(sides.base, becameRequired ? `${holderOf(pair.base.schemaPointer)}/required` : requiredEntry(sides.base, pair.base)),
        data: {
          class: becameRequired ? 'breaking' : 'safe',
          kind: becameRequired ? 'became-required' : 'became-optional',
          ...fieldFacts(pair.head),
          before: pair.base.required ? 'required' : 'optional',
          after: pair.head.required ? 'required' : 'optional',
        },
      });
    }
    return drafts;
  },
};
