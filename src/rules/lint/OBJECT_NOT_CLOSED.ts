import { isJsonObject, member } from '../../contract/json-document.js';
import type { FindingDraft } from '../../rule.js';
import { objectSchemaSites, type LintRule } from './context.js';

export const OBJECT_NOT_CLOSED: LintRule = {
  id: 'OBJECT_NOT_CLOSED',
  stage: 'lint',
  severity: 'error',
  summary:
    'Every object with named properties sets "additionalProperties": false; only maps (no "properties", an "additionalProperties" schema) stay open.',
  why: 'A closed object makes an undeclared field a validation error on the consumer side instead of one more silently ignored key.',
  check(context) {
    const drafts: FindingDraft[] = [];
    for (const site of objectSchemaSites(context)) {
      // A map (no "properties") is the exception; a struct must close itself.
      if (
        !isJsonObject(member(site.schema, 'properties') ?? null) ||
        member(site.schema, 'additionalProperties') === false
      )
        continue;
      const where =
        site.field === undefined
          ? 'The top-level object'
          : `The object "${site.field}${site.part === 'self' ? '' : ' (each element)'}"`;
      drafts.push({
        path: site.pointer,
        ...(site.field === undefined ? {} : { field: site.field }),
        message: `${where} is not closed. Add "additionalProperties": false so that a field the contract does not list is rejected, or drop "properties" if it is a map.`,
        data: { additionalProperties: member(site.schema, 'additionalProperties') ?? null },
      });
    }
    return drafts;
  },
};
