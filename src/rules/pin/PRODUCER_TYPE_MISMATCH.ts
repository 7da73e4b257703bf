import { formatWireType } from '../../contract/field-table.js';
import { name, serviceName, sourceAt, type GuardRule } from '../../guards/context.js';
import { whyIncompatible } from '../../guards/wire-type-compat.js';
import type { FindingDraft } from '../../rule.js';

export const PRODUCER_TYPE_MISMATCH: GuardRule = {
  id: 'PRODUCER_TYPE_MISMATCH',
  stage: 'pin',
  severity: 'error',
  summary: "Every value the producer can send for a field fits the contract's type (an integer fits a number; null fits only a nullable type).",
  why: 'A type the contract does not allow fails validation at the consumer, or worse, decodes into a zero value without an error.',
  check(context) {
    const drafts: FindingDraft[] = [];
    for (const p of context.pairs) {
      if (!p.contract || !p.source) continue;
      const reason = whyIncompatible(p.source.type, p.contract.type, { receiverToleratesNull: false, objectMayBeMap: context.sourceKind === 'json' });
      if (!reason) continue;
      const sent = formatWireType(p.source.type);
      const declared = formatWireType(p.contract.type);
      drafts.push({
        path: `${p.contract.schemaPointer}/type`,
        field: name(p),
        message:
          reason === 'nullable'
            ? `${context.source.root.name} can send null for "${name(p)}" (${p.source.sourceType}), but the contract does not allow null. Add "null" to the contract's type, or make ${serviceName(context, 'producer')} never send null (omitempty, or a non-nil value).`
            : `${context.source.root.name} sends "${name(p)}" as ${sent} (${p.source.sourceType}), but the contract says ${declared}. Change the field's type in ${serviceName(context, 'producer')}, or the contract (a type change is breaking for ${serviceName(context, 'consumer')}).`,
        related: sourceAt(context, 'producer', p),
        data: { pointer: p.pointer, kind: reason, sent, declared, sourceType: p.source.sourceType },
      });
    }
    return drafts;
  },
};
