import { bothSides, fieldFacts, fieldName, firstExisting, inBase, plural, sideNames, type ChangeDraft, type DiffRule } from './context.js';

const NULLABLE = '|null';

function withoutNull(type: string): string {
  return type.endsWith(NULLABLE) ? type.slice(0, -NULLABLE.length) : type;
}

export const FIELD_TYPE_CHANGED: DiffRule = {
  id: 'FIELD_TYPE_CHANGED',
  stage: 'diff',
  severity: 'error',
  summary: 'A field keeps its name but changes its wire type, including becoming or ceasing to be nullable. Always breaking.',
  why: 'A decoder built for the old type fails on the new one (Go rejects a string where it expects an int), or meets a null it never handled.',
  check(pairing) {
    const sides = bothSides(pairing);
    if (!sides) return [];
    const names = sideNames(sides.head);
    const drafts: ChangeDraft[] = [];
    for (const pair of pairing.kept) {
      if (!pair.typeChanged) continue;
      const name = fieldName(pair.head);
      const sameKind = withoutNull(pair.baseType) === withoutNull(pair.headType);
      const kind = !sameKind ? 'changed' : pair.headType.endsWith(NULLABLE) ? 'became-nullable' : 'became-non-nullable';
      const inside = pair.nested > 0 ? ` (${plural(pair.nested, 'nested field')} added or removed with it)` : '';
      const change = `Field "${name}" changed type from "${pair.baseType}" to "${pair.headType}"${inside}.`;
      const consequence =
        kind === 'became-nullable'
          ? `cp may now receive null where it never handled one: make ${names.consumer} accept null before ${names.producer} sends it.`
          : kind === 'became-non-nullable'
            ? `A cp validating with this contract rejects the null that ${names.producer} may still send: stop sending null in core first.`
            : `A decoder built for the old type fails on the new one: change ${names.producer} and ${names.consumer} together, or add a new field and retire this one.`;
      drafts.push({
        path: firstExisting(sides.head, [`${pair.head.schemaPointer}/type`, pair.head.schemaPointer]),
        field: name,
        message: `${change} ${consequence}`,
        related: inBase(sides.base, `${pair.base.schemaPointer}/type`),
        data: { class: 'breaking', kind, ...fieldFacts(pair.head), before: pair.baseType, after: pair.headType, nested: pair.nested },
      });
    }
    return drafts;
  },
};
