import { dottedName } from '../../json-pointer.js';
import { opaqueReasonOf } from '../../guards/wire-type-compat.js';
import type { LintRule } from './context.js';

export const UNSUPPORTED_SCHEMA: LintRule = {
  id: 'UNSUPPORTED_SCHEMA',
  stage: 'lint',
  severity: 'error',
  summary: 'Every wire field uses the JSON Schema subset wirepin can compare with code: one "type" (optionally with "null"), objects, maps, arrays, enums of one type.',
  why: 'wirepin fails closed: a field whose type it cannot understand would otherwise pass every pin unchecked.',
  check(context) {
    const drafts = [];
    for (const field of context.model?.fields.values() ?? []) {
      const reason = opaqueReasonOf(field.type);
      if (reason === undefined) continue;
      // An invalid schema (a typo in "type") is SCHEMA_INVALID's to report, once.
      if (context.metaErrors.some((e) => e.instancePath === field.schemaPointer || e.instancePath.startsWith(`${field.schemaPointer}/`))) continue;
      drafts.push({
        path: field.schemaPointer,
        field: dottedName(field.pointer),
        message: `Field "${dottedName(field.pointer)}" cannot be compared with code: ${reason}.`,
        data: { reason },
      });
    }
    return drafts;
  },
};
