import { formatWireType } from '../../contract/field-table.js';
import { name, serviceName, sourceAt, type GuardRule } from '../../guards/context.js';
import { whyIncompatible, type TypeMismatchKind } from '../../guards/wire-type-compat.js';

export const CONSUMER_TYPE_MISMATCH: GuardRule<TypeMismatchKind> = {
  id: 'CONSUMER_TYPE_MISMATCH',
  stage: 'consumes',
  severity: 'error',
  summary: "The consumer's type for a field accepts every value the contract allows (a number field accepts an integer; a Go field accepts null).",
  why: 'A value the consumer cannot decode fails the whole request, or in Go decodes to a zero value that looks like data.',
  messages: { kind: 'kind differs', nullable: 'null not allowed', values: 'map values differ', items: 'array items differ' },
  onPair(p, context) {
    if (context.mode !== 'static' || !p.contract || !p.source) return undefined;
    // Go's decoder turns null into the zero value; TS code has to handle it.
    const reason = whyIncompatible(p.contract.type, p.source.type, { receiverToleratesNull: context.sourceKind === 'go', objectMayBeMap: false });
    if (!reason) return undefined;
    const declared = formatWireType(p.contract.type);
    const received = formatWireType(p.source.type);
    return {
      path: `${p.contract.schemaPointer}/type`,
      field: name(p),
      message: `The contract says "${name(p)}" is ${declared}, but ${context.source.root.name} decodes it as ${received} (${p.source.sourceType}). Change the field's type in ${serviceName(context, 'consumer')} to accept ${declared}.`,
      related: sourceAt(context, 'consumer', p),
      data: { pointer: p.pointer, kind: reason, declared, received, sourceType: p.source.sourceType },
    };
  },
};
