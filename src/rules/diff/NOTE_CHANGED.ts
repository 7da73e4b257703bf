import { fieldFacts, fieldName, firstExisting, inBase, services, type DiffRule } from './context.js';

export const NOTE_CHANGED: DiffRule<'added' | 'changed' | 'removed'> = {
  id: 'NOTE_CHANGED',
  stage: 'diff',
  severity: 'notice',
  summary:
    'A field\'s "note" is added, changed or removed (not counting the note that comes or goes with a "cp_consumes" flip). Safe.',
  why: 'The note is the recorded reason a dead field is still sent; a reviewer should see when that reason changes, though nothing on the wire does.',
  messages: { added: 'note added', changed: 'note changed', removed: 'note removed' },
  proseValues: true,
  valuesAreNote: true,
  onKept({ base, head }, sides) {
    if (base.note === head.note) return undefined;
    // The note that comes with "field became dead", or goes with "field became alive", is part of that flip.
    if (base.note === undefined && base.consumes === true && head.consumes === false) return undefined;
    if (head.note === undefined && base.consumes === false && head.consumes === true) return undefined;
    const { producer, consumer } = services(sides.head);
    const name = fieldName(head);
    const kind = base.note === undefined ? 'added' : head.note === undefined ? 'removed' : 'changed';
    return {
      path: firstExisting(sides.head, [`${head.schemaPointer}/note`, head.schemaPointer]),
      field: name,
      message:
        kind === 'added'
          ? `Field "${name}" has a new note.`
          : kind === 'removed'
            ? `The note on field "${name}" was removed.`
            : `The note on field "${name}" changed; check that it still says why ${head.consumes === false ? `${producer} sends a field ${consumer} ignores` : 'the field is there'}.`,
      related: inBase(sides.base, `${base.schemaPointer}/note`),
      data: { class: 'safe', kind, ...fieldFacts(head), before: base.note ?? null, after: head.note ?? null },
    };
  },
  explains: (_change, schemaPointers) => schemaPointers.map((sp) => `${sp}/note`),
};
