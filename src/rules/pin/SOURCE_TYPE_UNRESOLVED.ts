import { dottedName } from '../../json-pointer.js';
import { name, serviceName, type GuardContext, type GuardRule } from '../../guards/context.js';
import { opaqueReasonOf } from '../../guards/wire-type-compat.js';

/**
 * The way out while the type stays unreadable: the reason says what is missing
 * when something can be made visible (a module to download or vendor); a real
 * payload checks a producer, a run-time trace a consumer.
 */
function instead(context: GuardContext): string {
  return context.guard === 'pin'
    ? `Until wirepin can read it, check ${serviceName(context, 'producer')} by a JSON sample it sent (--json)`
    : `Until wirepin can read it, check ${serviceName(context, 'consumer')} by a consumption trace (--trace)`;
}

export const SOURCE_TYPE_UNRESOLVED: GuardRule = {
  id: 'SOURCE_TYPE_UNRESOLVED',
  stage: 'source',
  severity: 'error',
  summary:
    'Every field of the checked source has a type wirepin can see into; an unresolved type (another package, a custom marshaller) is reported, never guessed.',
  why: 'Guessing the wire shape of a type wirepin cannot read would make the guard pass on exactly the fields it did not check.',
  onPair(p, context) {
    if (!p.source) return undefined;
    const reason = opaqueReasonOf(p.source.type);
    if (reason === undefined) return undefined;
    return {
      path: p.contract?.schemaPointer ?? '',
      field: name(p),
      message: `wirepin cannot see the wire shape of "${name(p)}" (${p.source.sourceType}): ${reason}. ${instead(context)}.`,
      related: { label: `source ${context.source.root.name}`, ...p.source.location },
      data: { pointer: p.pointer, sourceType: p.source.sourceType, reason },
    };
  },
  onSource(context) {
    // Places the extractor could not resolve that are not already reported at their field above.
    const seen = new Set(
      context.pairs.filter((p) => p.source && opaqueReasonOf(p.source.type) !== undefined).map((p) => p.pointer),
    );
    return context.source.opaque
      .filter((o) => !seen.has(o.pointer))
      .map((o) => ({
        path: context.model.fields.get(o.pointer)?.schemaPointer ?? '',
        ...(o.pointer ? { field: dottedName(o.pointer) } : {}),
        message: `wirepin cannot see the wire shape of ${o.pointer ? `"${dottedName(o.pointer)}"` : context.source.root.name} (${o.typeName}): ${o.reason}. ${instead(context)}.`,
        related: { label: `source ${context.source.root.name}`, ...o.location },
        data: { pointer: o.pointer, sourceType: o.typeName, reason: o.reason },
      }));
  },
};
