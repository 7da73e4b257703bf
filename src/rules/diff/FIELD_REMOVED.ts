import { dottedName } from '../../json-pointer.js';
import { plural } from '../../wording.js';
import {
  definitionName,
  fieldFacts,
  fieldName,
  firstExisting,
  holderOf,
  inBase,
  services,
  sideNames,
  type DiffRule,
} from './context.js';

export const FIELD_REMOVED: DiffRule<'consumed' | 'dead' | 'definition'> = {
  id: 'FIELD_REMOVED',
  stage: 'diff',
  severity: 'error',
  summary:
    'A field of the base contract is gone from the head: breaking when the consumer read it. A removed object is reported once, not once per nested field.',
  why: 'The consumer still decodes the fields it reads; when the producer stops sending one, the consumer gets a zero value or rejects the body.',
  messages: { consumed: 'removed (was consumed)', dead: 'removed (was dead)', definition: 'definition removed' },
  onRemoved({ field, type, nested, possibleRename, removedFrom }, { base }) {
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
    return {
      path: removedFrom,
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
  onDefinitionRemoved({ def }, { base, head }) {
    const name = definitionName(def);
    const fields = def.fields.size;
    return {
      path: firstExisting(head, ['/$defs', '']),
      field: name,
      message: `Definition "${name}" was removed, with ${plural(fields, 'field')}. By itself it changes nothing on the wire: each field that referred to it is reported where it changed.`,
      related: inBase(base, def.schemaPointer),
      data: {
        class: 'safe',
        kind: 'definition',
        pointer: '',
        consumes: null,
        note: null,
        before: name,
        after: null,
        nested: fields,
      },
    };
  },
  explains: (change, schemaPointers) =>
    change.kind === 'definition'
      ? schemaPointers
      : [...schemaPointers, ...schemaPointers.map((sp) => `${holderOf(sp)}/required`)],
};
