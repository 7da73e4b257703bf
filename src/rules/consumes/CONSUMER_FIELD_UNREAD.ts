import { name, serviceName, sourceAt, type GuardRule } from '../../guards/context.js';

export const CONSUMER_FIELD_UNREAD: GuardRule = {
  id: 'CONSUMER_FIELD_UNREAD',
  stage: 'consumes',
  severity: 'error',
  summary: 'In a consumption trace, the consumer\'s handler read every field the contract marks "cp_consumes": true.',
  why: 'Decoding a field is not using it. A handler that never reads a consumed field passes Pact verification all the same; only a trace of what it read shows the gap.',
  onPair(p, context) {
    if (context.mode !== 'trace' || p.contract?.consumes !== true || p.source) return undefined;
    return {
      path: `${p.contract.schemaPointer}/cp_consumes`,
      field: name(p),
      message: `Field "${name(p)}" is marked consumed, but ${serviceName(context, 'consumer')}'s handler never read it in the traced requests. Make the handler use it, or mark it dead ("cp_consumes": false) with a note saying why it is sent.`,
      related: sourceAt(context, 'consumer', p),
      data: { pointer: p.pointer },
    };
  },
};
