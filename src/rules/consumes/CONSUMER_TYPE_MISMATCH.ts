import { formatWireType } from '../../contract/field-table.js';
import { name, serviceName, sourceAt, type GuardRule } from '../../guards/context.js';
import { whyIncompatible } from '../../guards/wire-type-compat.js';
import type { FindingDraft } from '../../rule.js';

export const CONSUMER_TYPE_MISMATCH: GuardRule = {
  id: 'CONSUMER_TYPE_MISMATCH',
  stage: 'consumes',
  severity: 'error',
  summary: "The consumer's type for a field accepts every value the contract allows (a number field accepts an integer; a Go field accepts null).",
  why: 'A value the consumer cannot decode fails the whole request, or in Go decodes to a zero value that looks like data.',
  check(context) {
    const drafts: FindingDraft[] = [];
    if (context.mode !== 'static') return drafts;
    for (const p of context.pairs) {
      if (!p.contract || !p.source) continue;
      // Go's decoder turns null into the zero value; TS code has to handle it.
      const reason = whyIncompatible(p.contract.type, p.source.type, { receiverToleratesNull: context.sourceKind === 'go', objectMayBeMap: false });
      if (!reason) continue;
      const declared = formatWireType(p.contract.type);
      const received = formatWireType(p.source.type);
      drafts.push({
        path: `${p.contract.schemaPointer}/type`,
        field: name(p),
        message: `The contract says "${name(p)}" is ${declared}, but ${context.source.root.name} decodes it as ${received} (${p.source.sourceType}). Change the field's type in ${serviceName(context, 'consumer')} to accept ${declared}.`,
        related: sourceAt(context, 'consumer', p),
        data: { pointer: p.pointer, kind: reason, declared, received, sourceType: p.source.sourceType },
      });
    }
    return drafts;
  },
};
