import { name, serviceName, sourceAt, type GuardRule } from '../../guards/context.js';

export const PRODUCER_FIELD_MISSING: GuardRule = {
  id: 'PRODUCER_FIELD_MISSING',
  stage: 'pin',
  severity: 'error',
  summary: 'The producer sends every field the contract lists.',
  why: 'A listed field the producer never sends is a promise nobody keeps: the consumer may be waiting for a value that cannot arrive.',
  onPair(p, context) {
    if (!p.contract || p.source) return undefined;
    // A JSON sample shows one payload: an optional field may simply have been omitted that time.
    if (context.sourceKind === 'json' && p.contract.required !== true) return undefined;
    return {
      path: p.contract.schemaPointer,
      field: name(p),
      message: `The contract lists "${name(p)}", but ${context.source.root.name} never sends it. Add the field to ${context.source.root.name} in ${serviceName(context, 'producer')}, or remove it from ${context.contractFile} (which ${serviceName(context, 'consumer')} may feel if it reads it).`,
      related: sourceAt(context, 'producer', p),
      data: { pointer: p.pointer, consumed: p.contract.consumes },
    };
  },
};
