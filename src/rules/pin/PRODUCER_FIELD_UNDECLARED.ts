import { contractPathFor, name, serviceName, sourceAt, type GuardRule } from '../../guards/context.js';

export const PRODUCER_FIELD_UNDECLARED: GuardRule = {
  id: 'PRODUCER_FIELD_UNDECLARED',
  stage: 'pin',
  severity: 'error',
  summary: 'The producer sends no field that the contract does not list.',
  why: 'A field the contract does not list has no ledger entry: nobody has decided whether the consumer reads it, which is how template_assets was sent and ignored for weeks.',
  onPair(p, context) {
    if (!p.source || p.contract) return undefined;
    return {
      path: contractPathFor(context, p),
      field: name(p),
      message: `${context.source.root.name} sends "${name(p)}", but the contract does not list it. Add it to ${context.contractFile} with "cp_consumes" (and a note if ${serviceName(context, 'consumer')} ignores it), or stop sending it in ${serviceName(context, 'producer')}.`,
      related: sourceAt(context, 'producer', p),
      data: { pointer: p.pointer, sourceType: p.source.sourceType },
    };
  },
};
