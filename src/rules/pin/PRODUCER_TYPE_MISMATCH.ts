import { formatWireType } from '../../contract/field-table.js';
import { name, serviceName, sourceAt, typeWithSource, type GuardRule } from '../../guards/context.js';
import { whyIncompatible, type TypeMismatchKind } from '../../guards/wire-type-compat.js';

export const PRODUCER_TYPE_MISMATCH: GuardRule<TypeMismatchKind> = {
  id: 'PRODUCER_TYPE_MISMATCH',
  stage: 'pin',
  severity: 'error',
  summary:
    "Every value the producer can send for a field fits the contract's type (an integer fits a number; null fits only a nullable type).",
  why: 'A type the contract does not allow fails validation at the consumer, or worse, decodes into a zero value without an error.',
  messages: {
    kind: 'kind differs',
    nullable: 'null not allowed',
    values: 'map values differ',
    items: 'array items differ',
  },
  onPair(p, context) {
    if (!p.contract || !p.source) return undefined;
    const reason = whyIncompatible(p.source.type, p.contract.type, {
      receiverToleratesNull: false,
      objectMayBeMap: context.sourceKind === 'json',
    });
    if (!reason) return undefined;
    const sent = formatWireType(p.source.type);
    const declared = formatWireType(p.contract.type);
    return {
      path: `${p.contract.schemaPointer}/type`,
      field: name(p),
      message:
        reason === 'nullable'
          ? `${context.source.root.name} can send null for "${name(p)}" (${p.source.sourceType}), but the contract does not allow null. Add "null" to the contract's type, or make ${serviceName(context, 'producer')} never send null (omitempty, or a non-nil value).`
          : `${context.source.root.name} sends "${name(p)}" as ${typeWithSource(sent, p.source.sourceType)}, but the contract says ${declared}. Change the field's type in ${serviceName(context, 'producer')}, or the contract (a type change is breaking for ${serviceName(context, 'consumer')}).`,
      related: sourceAt(context, 'producer', p),
      data: { pointer: p.pointer, kind: reason, sent, declared, sourceType: p.source.sourceType },
    };
  },
};
