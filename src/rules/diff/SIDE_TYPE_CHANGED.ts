import type { ContractSide } from '../../contract/field-table.js';
import { inBase, type ChangeDraft, type DiffRule } from './context.js';

export const SIDE_TYPE_CHANGED: DiffRule<'producer' | 'consumer'> = {
  id: 'SIDE_TYPE_CHANGED',
  stage: 'diff',
  severity: 'notice',
  summary:
    'The producer\'s or the consumer\'s "type" (the struct or type that holds the shape) is renamed. Safe: the wire is unchanged.',
  why: 'The pin and completeness guards read the named type; a rename in the contract must land with the rename in that repository, or those guards stop finding it.',
  messages: { producer: 'renamed', consumer: 'renamed' },
  onHeader(sides) {
    const drafts: ChangeDraft<'producer' | 'consumer'>[] = [];
    for (const role of ['producer', 'consumer'] as const) {
      const before: ContractSide | undefined = sides.base.model[role];
      const after: ContractSide | undefined = sides.head.model[role];
      if (!before || !after || before.type === after.type) continue;
      drafts.push({
        path: `/${role}/type`,
        message: `The ${role} type changed from "${before.type}" to "${after.type}". The wire shape is unchanged; the guards now read ${after.type} in the ${after.repo} repository, so the rename must land there too.`,
        related: inBase(sides.base, `/${role}/type`),
        data: {
          class: 'safe',
          kind: role,
          pointer: '',
          before: before.type,
          after: after.type,
          consumes: null,
          note: null,
        },
      });
    }
    return drafts;
  },
  explains: (change) => [`/${change.kind}/type`],
};
