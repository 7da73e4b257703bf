import { dottedName } from '../../json-pointer.js';
import { plural } from '../../wording.js';
import { fieldFacts, fieldName, holderOf, inBase, services, sideNames, type DiffRule } from './context.js';

export const FIELD_REMOVED: DiffRule<'consumed' | 'dead'> = {
  id: 'FIELD_REMOVED',
  stage: 'diff',
  severity: 'error',
  summary: 'A field of the base contract is gone from the head: breaking when the consumer read it. A removed object is reported once, not once per nested field.',
  why: 'The consumer still decodes the fields it reads; when the producer stops sending one, the consumer gets a zero value or rejects the body.',
  messages: { consumed: 'removed (was consumed)', dead: 'removed (was dead)' },
  onRemoved({ field, type, nested, possibleRename }, { base, head }) {
    const names = sideNames(base);
    const { producer, consumer } = services(base);
    const name = fieldName(field);
    // Fail closed: a field without a boolean cp_consumes counts as read.
    const consumed = field.consumes !== false;
    const inside = nested > 0 ? ` (with ${plural(nested, 'nested field')})` : '';
    const rename = possibleRename
      ? ` "${dottedName(possibleRename.pointer)}" was added under the same parent with the same type: a rename shows as remove plus add.`
      : '';
    const message = consumed
      ? `Field "${name}"${inside} was removed, but ${consumer} reads it (it was marked consumed). Stop reading it in ${names.consumer} before ${names.producer} stops sending it.${rename}`
      : field.required
        ? `Field "${name}"${inside} was removed; ${consumer} does not read it, but the base contract requires it, so ${consumer === 'the consumer' ? 'a consumer' : `a ${consumer}`} validating with the base contract rejects bodies without it. Ship the contract to ${consumer} before ${producer} stops sending it.${rename}`
        : `Field "${name}"${inside} was removed; it was optional and ${consumer} did not read it, so ${consumer} loses nothing.${rename}`;
    // Annotate the parent in the head (the line the field was removed from); top-level fields at "properties".
    const parent = field.parent === '' ? undefined : head.model.fields.get(field.parent);
    return {
      path: parent ? parent.schemaPointer : '/properties',
      field: name,
      message,
      related: inBase(base, field.schemaPointer),
      data: {
        class: consumed ? 'breaking' : field.required ? 'needs-both-sides' : 'safe',
        kind: consumed ? 'consumed' : 'dead',
        ...fieldFacts(field),
        before: type,
        after: null,
        nested,
        required: field.required,
        ...(possibleRename ? { possibleRename: dottedName(possibleRename.pointer) } : {}),
      },
    };
  },
  explains: (_change, schemaPointers) => [...schemaPointers, ...schemaPointers.map((sp) => `${holderOf(sp)}/required`)],
};
