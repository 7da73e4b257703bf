import { plural } from '../../wording.js';
import { sideNames, type DiffRule } from './context.js';

export const CONTRACT_ADDED: DiffRule<'added'> = {
  id: 'CONTRACT_ADDED',
  stage: 'diff',
  severity: 'warning',
  summary:
    'A contract exists in the head but not in the base: a new wire shape, which needs both sides. Its fields are counted, not reported one by one.',
  why: 'A new body is only done when the producer sends it and the consumer reads every field marked consumed.',
  messages: { added: 'contract added' },
  onContract(pairing) {
    if (pairing.base || !pairing.head) return [];
    const { model } = pairing.head;
    const fields = [...model.fields.values()];
    const consumed = fields.filter((f) => f.consumes === true).length;
    const names = sideNames(pairing.head);
    return [
      {
        path: '',
        message: `Contract "${model.title}" (${model.endpoint}) is new, with ${plural(fields.length, 'field')}, ${consumed} consumed. ${names.producer} must send it and ${names.consumer} must read the consumed fields.`,
        data: {
          class: 'needs-both-sides',
          kind: 'added',
          pointer: '',
          before: null,
          after: `${model.title} (${model.endpoint})`,
          consumes: null,
          note: null,
          nested: fields.length,
        },
      },
    ];
  },
  explains: () => [],
};
