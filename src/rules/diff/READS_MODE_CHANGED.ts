import type { ConsumerSide } from '../../contract/field-table.js';
import { firstExisting, inBase, type DiffRule } from './context.js';

export const READS_MODE_CHANGED: DiffRule<'became-strict' | 'no-longer-strict'> = {
  id: 'READS_MODE_CHANGED',
  stage: 'diff',
  severity: 'notice',
  summary:
    'The consumer\'s "reads": "strict" is added or removed, which decides whether a read wirepin cannot prove fails the consumer\'s CI. Safe: the wire is unchanged.',
  why: "With strict reads a field whose read escapes the analysis fails `consumes` in the consumer's repository instead of warning; turning it on can make that CI red with no change to the wire, turning it off lets such fields pass with a warning.",
  messages: { 'became-strict': 'reads became strict', 'no-longer-strict': 'reads no longer strict' },
  onHeader(sides) {
    const before: ConsumerSide | undefined = sides.base.model.consumer;
    const after: ConsumerSide | undefined = sides.head.model.consumer;
    if (!before || !after || before.strictReads === after.strictReads) return [];
    const kind = after.strictReads ? 'became-strict' : 'no-longer-strict';
    const where = `the ${after.repo} repository`;
    return [
      {
        path: firstExisting(sides.head, ['/consumer/reads', '/consumer']),
        message:
          kind === 'became-strict'
            ? `The consumer ${after.name} now asks for strict reads: a field whose read wirepin cannot prove fails \`wirepin consumes\` in ${where} instead of warning. Run it there before merging, and read each such field where wirepin can see it.`
            : `The consumer ${after.name} no longer asks for strict reads: a field whose read wirepin cannot prove is a warning again in ${where}, not an error.`,
        related: inBase(sides.base, firstExisting(sides.base, ['/consumer/reads', '/consumer'])),
        data: {
          class: 'safe',
          kind,
          pointer: '',
          before: before.strictReads ? 'strict' : null,
          after: after.strictReads ? 'strict' : null,
          consumes: null,
          note: null,
        },
      },
    ];
  },
  explains: () => ['/consumer/reads'],
};
