import { name, serviceName, sourceAt, type GuardRule } from '../../guards/context.js';

export const PRODUCER_REQUIRED_MISMATCH: GuardRule<'producer-may-omit' | 'producer-always-sends'> = {
  id: 'PRODUCER_REQUIRED_MISMATCH',
  stage: 'pin',
  severity: 'error',
  summary:
    'A field is "required" in the contract exactly when the producer always sends it (Go: no omitempty or omitzero; a struct value is sent even with omitempty).',
  why: 'The consumer trusts "required": if the producer may omit the field, the consumer reads a zero value it mistakes for data; if it is always sent, the contract should say so.',
  messages: { 'producer-may-omit': 'producer may omit it', 'producer-always-sends': 'producer always sends it' },
  onPair(p, context) {
    // One sample cannot show that a field is sometimes omitted.
    if (context.sourceKind === 'json') return undefined;
    if (!p.contract || !p.source || p.contract.required === p.source.required) return undefined;
    // Requiredness the source cannot tell (omitempty on a type wirepin cannot see) is SOURCE_TYPE_UNRESOLVED's to report, not a mismatch.
    if (p.source.requiredUnknown !== undefined) return undefined;
    const omitted = !p.source.required;
    return {
      path: p.contract.schemaPointer,
      field: name(p),
      message: omitted
        ? `The contract requires "${name(p)}", but ${context.source.root.name} may omit it (${p.source.sourceType}, omitempty or optional). Drop omitempty in ${serviceName(context, 'producer')}, or remove "${p.contract.name}" from "required" in the contract.`
        : `${context.source.root.name} always sends "${name(p)}", but the contract marks it optional. Add "${p.contract.name}" to "required" in the contract, or add omitempty in ${serviceName(context, 'producer')} if it is really optional.`,
      related: sourceAt(context, 'producer', p),
      data: {
        pointer: p.pointer,
        kind: omitted ? 'producer-may-omit' : 'producer-always-sends',
        contractRequired: p.contract.required,
      },
    };
  },
};
