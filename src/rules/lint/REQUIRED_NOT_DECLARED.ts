import { isJsonObject, member, type JsonObject } from '../../contract/json-document.js';
import type { FindingDraft } from '../../rule.js';
import { objectSchemaSites, type LintRule } from './context.js';

export const REQUIRED_NOT_DECLARED: LintRule = {
  id: 'REQUIRED_NOT_DECLARED',
  stage: 'lint',
  severity: 'error',
  summary: 'Every name in "required" is declared in the same object\'s "properties".',
  why: 'A required name with no property is a field the contract demands but never describes: usually a typo or a half-finished rename.',
  check(context) {
    const drafts: FindingDraft[] = [];
    for (const site of objectSchemaSites(context)) {
      const required = member(site.schema, 'required');
      const properties = member(site.schema, 'properties');
      if (!Array.isArray(required)) continue;
      required.forEach((name, index) => {
        if (typeof name !== 'string') return;
        if (isJsonObject(properties ?? null) && Object.hasOwn(properties as JsonObject, name)) return;
        drafts.push({
          path: `${site.pointer}/required/${index}`,
          message: `"${name}" is listed in "required" but not declared in "properties". Declare the field, or remove it from "required".`,
          data: { name },
        });
      });
    }
    return drafts;
  },
};
