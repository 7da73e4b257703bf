import { dottedName } from '../../contract/json-pointer.js';
import { bothSides, fieldFacts, fieldName, inBase, plural, sideNames, type ChangeDraft, type DiffRule } from './context.js';

export const FIELD_REMOVED: DiffRule = {
  id: 'FIELD_REMOVED',
  stage: 'diff',
  severity: 'error',
  summary: 'A field of the base contract is gone from the head: breaking when cp read it. A removed object is reported once, not once per nested field.',
  why: 'cp still decodes the fields it reads; when core stops sending one, cp gets a zero value or rejects the body.',
  check(pairing) {
    const sides = bothSides(pairing);
    if (!sides) return [];
    const { base, head } = sides;
    const names = sideNames(base);
    return pairing.removed.map(({ field, type, nested, possibleRename }): ChangeDraft => {
      const name = fieldName(field);
      // Fail closed: a field without a boolean cp_consumes counts as read.
      const consumed = field.consumes !== false;
      const inside = nested > 0 ? ` (with ${plural(nested, 'nested field')})` : '';
      const rename = possibleRename
        ? ` "${dottedName(possibleRename.pointer)}" was added under the same parent with the same type: a rename shows as remove plus add.`
        : '';
      const message = consumed
        ? `Field "${name}"${inside} was removed, but cp reads it (it was marked consumed). Stop reading it in ${names.consumer} before ${names.producer} stops sending it.${rename}`
        : field.required
          ? `Field "${name}"${inside} was removed; cp does not read it, but the base contract requires it, so a cp validating with the base contract rejects bodies without it. Ship the contract to cp before core stops sending it.${rename}`
          : `Field "${name}"${inside} was removed; it was optional and cp did not read it, so cp loses nothing.${rename}`;
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
    });
  },
};
