import { fieldFacts, fieldName, firstExisting, inBase, type DiffRule } from './context.js';

export const DESCRIPTION_CHANGED: DiffRule<'added' | 'changed' | 'removed'> = {
  id: 'DESCRIPTION_CHANGED',
  stage: 'diff',
  severity: 'notice',
  summary: 'A field\'s "description" is added, changed or removed. Safe.',
  why: 'Descriptions end up in the generated types of both sides; the wire is unchanged, but reviewers should still see the new wording.',
  messages: { added: 'description added', changed: 'description changed', removed: 'description removed' },
  proseValues: true,
  onKept({ base, head }, sides) {
    if (base.description === head.description) return undefined;
    const name = fieldName(head);
    const kind = base.description === undefined ? 'added' : head.description === undefined ? 'removed' : 'changed';
    return {
      path: firstExisting(sides.head, [`${head.schemaPointer}/description`, head.schemaPointer]),
      field: name,
      message: `The description of field "${name}" was ${kind}.`,
      related: inBase(sides.base, `${base.schemaPointer}/description`),
      data: {
        class: 'safe',
        kind,
        ...fieldFacts(head),
        before: base.description ?? null,
        after: head.description ?? null,
      },
    };
  },
  explains: (_change, schemaPointers) => schemaPointers.map((sp) => `${sp}/description`),
};
