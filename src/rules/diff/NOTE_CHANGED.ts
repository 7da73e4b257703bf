import { bothSides, fieldFacts, fieldName, firstExisting, inBase, type ChangeDraft, type DiffRule } from './context.js';

export const NOTE_CHANGED: DiffRule = {
  id: 'NOTE_CHANGED',
  stage: 'diff',
  severity: 'notice',
  summary: 'A field\'s "note" is added, changed or removed (not counting the note that comes or goes with a "cp_consumes" flip). Safe.',
  why: 'The note is the recorded reason a dead field is still sent; a reviewer should see when that reason changes, though nothing on the wire does.',
  check(pairing) {
    const sides = bothSides(pairing);
    if (!sides) return [];
    const drafts: ChangeDraft[] = [];
    for (const { base, head } of pairing.kept) {
      if (base.note === head.note) continue;
      // The note that comes with "field became dead", or goes with "field became alive", is part of that flip.
      if (base.note === undefined && base.consumes === true && head.consumes === false) continue;
      if (head.note === undefined && base.consumes === false && head.consumes === true) continue;
      const name = fieldName(head);
      const kind = base.note === undefined ? 'added' : head.note === undefined ? 'removed' : 'changed';
      drafts.push({
        path: firstExisting(sides.head, [`${head.schemaPointer}/note`, head.schemaPointer]),
        field: name,
        message:
          kind === 'added'
            ? `Field "${name}" has a new note.`
            : kind === 'removed'
              ? `The note on field "${name}" was removed.`
              : `The note on field "${name}" changed; check that it still says why ${head.consumes === false ? 'core sends a field cp ignores' : 'the field is there'}.`,
        related: inBase(sides.base, `${base.schemaPointer}/note`),
        data: { class: 'safe', kind, ...fieldFacts(head), before: base.note ?? null, after: head.note ?? null },
      });
    }
    return drafts;
  },
};
