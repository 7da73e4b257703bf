import { name, serviceName, sourceAt, type GuardRule } from '../../guards/context.js';

export const CONSUMER_FIELD_MISSING: GuardRule = {
  id: 'CONSUMER_FIELD_MISSING',
  stage: 'consumes',
  severity: 'error',
  summary: 'The consumer decodes every field the contract marks "cp_consumes": true.',
  why: 'This is the template_assets incident: the producer sent a field, the contract said the consumer uses it, and the consumer had no field to decode it into, so it was dropped without a sound.',
  onPair(p, context) {
    if (context.mode !== 'static' || p.contract?.consumes !== true || p.source) return undefined;
    return {
      path: `${p.contract.schemaPointer}/cp_consumes`,
      field: name(p),
      message: `Field "${name(p)}" is marked consumed, but ${context.source.root.name} has no json field for it, so ${serviceName(context, 'consumer')} drops it on decode. Add the field in ${serviceName(context, 'consumer')}, or mark it dead ("cp_consumes": false) with a note.`,
      related: sourceAt(context, 'consumer', p),
      data: { pointer: p.pointer },
    };
  },
};
