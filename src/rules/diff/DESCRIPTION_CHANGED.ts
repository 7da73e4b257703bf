import { bothSides, fieldFacts, fieldName, firstExisting, inBase, type ChangeDraft, type DiffRule } from './context.js';

export const DESCRIPTION_CHANGED: DiffRule = {
  id: 'DESCRIPTION_CHANGED',
  stage: 'diff',
  severity: 'notice',
  summary: 'A field\'s "description" is added, changed or removed. Safe.',
  why: 'Descriptions end up in the generated types of both sides; the wire is unchanged, but reviewers should still see the new wording.',
  check(pairing) {
    const sides = bothSides(pairing);
    if (!sides) return [];
    const drafts: ChangeDraft[] = [];
    for (const { base, head } of pairing.kept) {
      if (base.description === head.description) continue;
      const name = fieldName(head);
      const kind = base.description === undefined ? 'added' : head.description === undefined ? 'removed' : 'changed';
      drafts.push({
        path: firstExisting(sides.head, [`${head.schemaPointer}/description`, head.schemaPointer]),
        field: name,
        message: `The description of field "${name}" was ${kind}.`,
        related: inBase(sides.base, `${base.schemaPointer}/description`),
        data: { class: 'safe', kind, ...fieldFacts(head), before: base.description ?? null, after: head.description ?? null },
      });
    }
    return drafts;
  },
};
