import { allContractFields, fieldLabel } from '../../contract/field-table.js';
import { opaqueReasonOf } from '../../guards/wire-type-compat.js';
import type { FindingDraft } from '../../rule.js';
import type { LintRule } from './context.js';

export const UNSUPPORTED_SCHEMA: LintRule = {
  id: 'UNSUPPORTED_SCHEMA',
  stage: 'lint',
  severity: 'error',
  summary:
    'Every wire field uses the JSON Schema subset wirepin can compare with code: one "type" (optionally with "null"), objects, maps, arrays, enums of one type, and references "#/$defs/Name" to object definitions at the contract root.',
  why: 'wirepin fails closed: a field whose type it cannot understand would otherwise pass every pin unchecked.',
  check(context) {
    const drafts: FindingDraft[] = [];
    const model = context.model;
    if (!model) return drafts;
    const invalid = (schemaPointer: string): boolean =>
      context.metaErrors.some((e) => e.instancePath === schemaPointer || e.instancePath.startsWith(`${schemaPointer}/`));
    for (const def of model.defs.values()) {
      if (def.problem === undefined || invalid(def.schemaPointer)) continue;
      drafts.push({
        path: def.schemaPointer,
        message: `Definition "${def.name}" cannot be compared with code: ${def.problem}.`,
        data: { reason: def.problem },
      });
    }
    for (const field of allContractFields(model)) {
      const reason = opaqueReasonOf(field.type);
      if (reason === undefined) continue;
      // An invalid schema (a typo in "type") is SCHEMA_INVALID's to report, once.
      if (invalid(field.schemaPointer)) continue;
      const label = fieldLabel(field);
      drafts.push({
        path: field.schemaPointer,
        field: label,
        message: `Field "${label}" cannot be compared with code: ${reason}.`,
        data: { reason },
      });
    }
    return drafts;
  },
};
