import { isJsonObject, member, valueAt, type JsonObject } from '../../contract/json-document.js';
import type { FindingDraft } from '../rule.js';
import type { LintRule } from './context.js';

export const REQUIRED_NOT_DECLARED: LintRule = {
  id: 'REQUIRED_NOT_DECLARED',
  stage: 'lint',
  severity: 'error',
  summary: 'Every name in "required" is declared in the same object\'s "properties".',
  why: 'A required name with no property is a field the contract demands but never describes: usually a typo or a half-finished rename.',
  check(context) {
    const drafts: FindingDraft[] = [];
    if (!isJsonObject(context.value ?? null) || !context.model) return drafts;
    const root = context.value as JsonObject;
    const owners = ['', ...[...context.model.fields.values()].flatMap((f) => [f.schemaPointer, `${f.schemaPointer}/items`, `${f.schemaPointer}/additionalProperties`])];
    for (const owner of owners) {
      const schema = valueAt(root, owner);
      if (!isJsonObject(schema ?? null)) continue;
      const required = member(schema as JsonObject, 'required');
      const properties = member(schema as JsonObject, 'properties');
      if (!Array.isArray(required)) continue;
      required.forEach((name, index) => {
        if (typeof name !== 'string') return;
        if (isJsonObject(properties ?? null) && Object.hasOwn(properties as JsonObject, name)) return;
        drafts.push({
          path: `${owner}/required/${index}`,
          message: `"${name}" is listed in "required" but not declared in "properties". Declare the field, or remove it from "required".`,
          data: { name },
        });
      });
    }
    return drafts;
  },
};
