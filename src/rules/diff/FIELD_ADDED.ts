import { plural } from '../../wording.js';
import { definitionName, fieldFacts, fieldName, holderOf, services, sideNames, type DiffRule } from './context.js';

export const FIELD_ADDED: DiffRule<'consumed' | 'dead' | 'definition'> = {
  id: 'FIELD_ADDED',
  stage: 'diff',
  severity: 'warning',
  summary:
    'A field is new in the head contract: consumed (needs both sides) or dead (opens a dead channel). Fields inside a new field are counted, not reported again.',
  why: 'A new consumed field is only done when the producer sends it and the consumer reads it; a new dead field is one more value on the wire that nobody reads.',
  messages: { consumed: 'added (consumed)', dead: 'added (dead)', definition: 'definition added' },
  onAdded({ field, type, nested }, sides) {
    const names = sideNames(sides.head);
    const { producer, consumer } = services(sides.head);
    const name = fieldName(field);
    const consumed = field.consumes !== false;
    const inside = nested > 0 ? ` (with ${plural(nested, 'nested field')})` : '';
    return {
      path: field.schemaPointer,
      field: name,
      message: consumed
        ? `Field "${name}"${inside} is new and marked consumed. Send it from ${names.producer} and read it in ${names.consumer}; until both ship, ${consumer} either misses it or ${producer} sends it unread.`
        : `Field "${name}"${inside} is new and marked dead: ${names.producer} will send it and ${names.consumer} ignores it. Keep it only if its note is a reason reviewers accept; otherwise drop it or have ${consumer} read it.`,
      data: {
        class: consumed ? 'needs-both-sides' : 'dead-channel',
        kind: consumed ? 'consumed' : 'dead',
        ...fieldFacts(field),
        before: null,
        after: type,
        nested,
        required: field.required,
      },
    };
  },
  onDefinitionAdded({ def }) {
    const name = definitionName(def);
    const fields = def.fields.size;
    return {
      path: def.schemaPointer,
      field: name,
      message: `Definition "${name}" is new, with ${plural(fields, 'field')}. By itself it changes nothing on the wire: each field that refers to it is reported where it changed.`,
      data: {
        class: 'safe',
        kind: 'definition',
        pointer: '',
        consumes: null,
        note: null,
        before: null,
        after: name,
        nested: fields,
      },
    };
  },
  explains: (change, schemaPointers) =>
    change.kind === 'definition'
      ? schemaPointers
      : [...schemaPointers, ...schemaPointers.map((sp) => `${holderOf(sp)}/required`)],
};
