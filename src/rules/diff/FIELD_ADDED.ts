import { bothSides, fieldFacts, fieldName, plural, sideNames, type ChangeDraft, type DiffRule } from './context.js';

export const FIELD_ADDED: DiffRule = {
  id: 'FIELD_ADDED',
  stage: 'diff',
  severity: 'warning',
  summary: 'A field is new in the head contract: consumed (needs both sides) or dead (opens a dead channel). Fields inside a new field are counted, not reported again.',
  why: 'A new consumed field is only done when core sends it and cp reads it; a new dead field is one more value on the wire that nobody reads.',
  check(pairing) {
    const sides = bothSides(pairing);
    if (!sides) return [];
    const names = sideNames(sides.head);
    return pairing.added.map(({ field, type, nested }): ChangeDraft => {
      const name = fieldName(field);
      const consumed = field.consumes !== false;
      const inside = nested > 0 ? ` (with ${plural(nested, 'nested field')})` : '';
      return {
        path: field.schemaPointer,
        field: name,
        message: consumed
          ? `Field "${name}"${inside} is new and marked consumed. Send it from ${names.producer} and read it in ${names.consumer}; until both ship, cp either misses it or core sends it unread.`
          : `Field "${name}"${inside} is new and marked dead: ${names.producer} will send it and ${names.consumer} ignores it. Keep it only if its note is a reason reviewers accept; otherwise drop it or have cp read it.`,
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
    });
  },
};
