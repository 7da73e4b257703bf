import { plural } from '../../wording.js';
import { sideNames, type DiffRule } from './context.js';

export const CONTRACT_REMOVED: DiffRule<'removed'> = {
  id: 'CONTRACT_REMOVED',
  stage: 'diff',
  severity: 'error',
  summary: 'A contract exists in the base but not in the head: its wire shape is no longer guarded. Breaking.',
  why: 'Deleting the contract removes every guard on a body that the producer may still send and the consumer may still read.',
  messages: { removed: 'contract deleted' },
  onContract(pairing) {
    if (pairing.head || !pairing.base) return [];
    const { model } = pairing.base;
    const fields = [...model.fields.values()];
    const consumed = fields.filter((f) => f.consumes === true).length;
    const names = sideNames(pairing.base);
    return [
      {
        path: '',
        message: `Contract "${model.title}" (${model.endpoint}) was deleted, with ${plural(fields.length, 'field')}, ${consumed} consumed. Delete it only after ${names.producer} stops sending the body and ${names.consumer} stops serving it.`,
        data: {
          class: 'breaking',
          kind: 'removed',
          pointer: '',
          before: `${model.title} (${model.endpoint})`,
          after: null,
          consumes: null,
          note: null,
          nested: fields.length,
        },
      },
    ];
  },
  explains: () => [],
};
