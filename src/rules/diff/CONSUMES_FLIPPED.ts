import { bothSides, fieldFacts, fieldName, firstExisting, inBase, sideNames, type ChangeDraft, type DiffRule } from './context.js';

export const CONSUMES_FLIPPED: DiffRule = {
  id: 'CONSUMES_FLIPPED',
  stage: 'diff',
  severity: 'error',
  summary: '"cp_consumes" flips: true → false (field became dead) is breaking, false → true (field became alive) needs both sides.',
  why: 'The ledger is the record of what cp reads: a field that became dead is one cp no longer reads, and a field that became alive is only alive once cp ships the code that reads it.',
  check(pairing) {
    const sides = bothSides(pairing);
    if (!sides) return [];
    const names = sideNames(sides.head);
    const drafts: ChangeDraft[] = [];
    for (const pair of pairing.kept) {
      const before = pair.base.consumes;
      const after = pair.head.consumes;
      if (typeof before !== 'boolean' || typeof after !== 'boolean' || before === after) continue;
      const name = fieldName(pair.head);
      const becameDead = after === false;
      drafts.push({
        path: firstExisting(sides.head, [`${pair.head.schemaPointer}/cp_consumes`, pair.head.schemaPointer]),
        field: name,
        message: becameDead
          ? `Field "${name}" became dead ("cp_consumes" true → false): cp no longer reads it, but ${names.producer} still sends it. Make sure ${names.consumer} really stopped reading it, and that the note says why core keeps sending it.`
          : `Field "${name}" became alive ("cp_consumes" false → true): cp must now read it. Ship the ${names.consumer} change that reads it together with this contract change.`,
        related: inBase(sides.base, `${pair.base.schemaPointer}/cp_consumes`),
        data: {
          class: becameDead ? 'breaking' : 'needs-both-sides',
          kind: becameDead ? 'became-dead' : 'became-alive',
          ...fieldFacts(pair.head),
          before: before ? 'consumed' : 'dead',
          after: after ? 'consumed' : 'dead',
        },
      });
    }
    return drafts;
  },
};
