import { name, serviceName, sourceAt, type GuardRule } from '../../guards/context.js';
import type { SourcePair } from '../../guards/pair-fields.js';
import { dottedName } from '../../json-pointer.js';
import type { FindingDraft } from '../../rule.js';

export const CONSUMER_CASE_COLLISION: GuardRule = {
  id: 'CONSUMER_CASE_COLLISION',
  stage: 'consumes',
  severity: 'error',
  summary:
    'No two contract fields decode into one consumer field (Go matches JSON keys to fields case-insensitively, so "name" and "NAME" both fill a field tagged "name").',
  why: "Go's decoder puts every key that equals a field's name up to case into that field, so two contract fields land in one and whichever comes last in the body wins; the other is lost without an error.",
  onSource(context) {
    const drafts: FindingDraft[] = [];
    if (context.mode !== 'static') return drafts;
    // Contract fields by the consumer field they land in, in contract order.
    const bySource = new Map<string, SourcePair[]>();
    for (const p of context.pairs) {
      if (!p.contract || !p.source) continue;
      let group = bySource.get(p.source.pointer);
      if (group === undefined) bySource.set(p.source.pointer, (group = []));
      group.push(p);
    }
    for (const [sourcePointer, group] of bySource) {
      if (group.length < 2) continue;
      // The field whose key matches exactly keeps its claim; every other one is reported.
      const owner = group.find((p) => p.pointer === sourcePointer) ?? (group[0] as SourcePair);
      for (const p of group) {
        if (p === owner) continue;
        drafts.push({
          path: p.contract?.schemaPointer ?? '',
          field: name(p),
          message: `Fields "${name(p)}" and "${name(owner)}" both decode into ${context.source.root.name}'s "${dottedName(sourcePointer)}": ${serviceName(context, 'consumer')}'s Go decoder matches keys case-insensitively, so whichever comes last in the body wins. Rename one of them in the contract (and in ${serviceName(context, 'producer')}), or give ${serviceName(context, 'consumer')} a field tagged exactly "${p.contract?.name ?? name(p)}".`,
          related: sourceAt(context, 'consumer', p),
          data: { pointer: p.pointer, collidesWith: owner.pointer, sourcePointer },
        });
      }
    }
    return drafts;
  },
};
