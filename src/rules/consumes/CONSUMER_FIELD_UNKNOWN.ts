import { contractPathFor, name, serviceName, sourceAt, type GuardRule } from '../../guards/context.js';

export const CONSUMER_FIELD_UNKNOWN: GuardRule = {
  id: 'CONSUMER_FIELD_UNKNOWN',
  stage: 'consumes',
  severity: 'error',
  summary: 'The consumer expects no field the contract does not list.',
  why: 'A field the consumer waits for but the contract does not list is never sent: the consumer silently works with a zero value.',
  onPair(p, context) {
    if (!p.source || p.contract) return undefined;
    return {
      path: contractPathFor(context, p),
      field: name(p),
      message: `${context.source.root.name} expects "${name(p)}", but the contract does not list it, so ${serviceName(context, 'producer')} never sends it. Remove it from ${serviceName(context, 'consumer')}, or add it to the contract (and to ${serviceName(context, 'producer')}).`,
      related: sourceAt(context, 'consumer', p),
      data: { pointer: p.pointer, sourceType: p.source.sourceType },
    };
  },
};
