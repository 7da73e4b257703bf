import { fieldFacts, fieldName, firstExisting, inBase, services, sideNames, type DiffRule } from './context.js';

export const CONSUMES_FLIPPED: DiffRule<'became-dead' | 'became-alive'> = {
  id: 'CONSUMES_FLIPPED',
  stage: 'diff',
  severity: 'error',
  summary:
    '"cp_consumes" flips: true → false (field became dead) is breaking, false → true (field became alive) needs both sides.',
  why: 'The ledger is the record of what the consumer reads: a field that became dead is one the consumer no longer reads, and a field that became alive is only alive once the consumer ships the code that reads it.',
  messages: { 'became-dead': 'became dead', 'became-alive': 'became alive' },
  onKept(pair, sides) {
    const before = pair.base.consumes;
    const after = pair.head.consumes;
    if (typeof before !== 'boolean' || typeof after !== 'boolean' || before === after) return undefined;
    const names = sideNames(sides.head);
    const { producer, consumer } = services(sides.head);
    const name = fieldName(pair.head);
    const becameDead = after === false;
    return {
      path: firstExisting(sides.head, [`${pair.head.schemaPointer}/cp_consumes`, pair.head.schemaPointer]),
      field: name,
      message: becameDead
        ? `Field "${name}" became dead ("cp_consumes" true → false): ${consumer} no longer reads it, but ${names.producer} still sends it. Make sure ${names.consumer} really stopped reading it, and that the note says why ${producer} keeps sending it.`
        : `Field "${name}" became alive ("cp_consumes" false → true): ${consumer} must now read it. Ship the ${names.consumer} change that reads it together with this contract change.`,
      related: inBase(sides.base, `${pair.base.schemaPointer}/cp_consumes`),
      data: {
        class: becameDead ? 'breaking' : 'needs-both-sides',
        kind: becameDead ? 'became-dead' : 'became-alive',
        ...fieldFacts(pair.head),
        before: before ? 'consumed' : 'dead',
        after: after ? 'consumed' : 'dead',
      },
    };
  },
  explains: (_change, schemaPointers) => schemaPointers.flatMap((sp) => [`${sp}/cp_consumes`, `${sp}/note`]),
};
