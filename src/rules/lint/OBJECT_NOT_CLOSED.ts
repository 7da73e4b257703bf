import { dottedName } from '../../contract/json-pointer.js';
import { isJsonObject, member, valueAt, type JsonObject } from '../../contract/json-document.js';
import type { FindingDraft } from '../rule.js';
import type { LintRule } from './context.js';

/** An object schema with named properties must close itself; a map (no properties) is the exception. */
function isOpenStruct(schema: JsonObject): boolean {
  return isJsonObject(member(schema, 'properties') ?? null) && member(schema, 'additionalProperties') !== false;
}

export const OBJECT_NOT_CLOSED: LintRule = {
  id: 'OBJECT_NOT_CLOSED',
  stage: 'lint',
  severity: 'error',
  summary: 'Every object with named properties sets "additionalProperties": false; only maps (no "properties", an "additionalProperties" schema) stay open.',
  why: 'A closed object makes an undeclared field a validation error on the consumer side instead of one more silently ignored key.',
  check(context) {
    const drafts: FindingDraft[] = [];
    if (!isJsonObject(context.value ?? null) || !context.model) return drafts;
    const root = context.value as JsonObject;
    const candidates = [{ schemaPointer: '', name: '(root)' }, ...[...context.model.fields.values()].map((f) => ({ schemaPointer: f.schemaPointer, name: dottedName(f.pointer) }))];
    for (const { schemaPointer, name } of candidates) {
      for (const suffix of ['', '/items', '/additionalProperties']) {
        const schema = valueAt(root, schemaPointer + suffix);
        if (!isJsonObject(schema ?? null) || !isOpenStruct(schema as JsonObject)) continue;
        const where = name === '(root)' ? 'The top-level object' : `The object "${name}${suffix === '' ? '' : ' (each element)'}"`;
        drafts.push({
          path: schemaPointer + suffix,
          ...(name === '(root)' ? {} : { field: name }),
          message: `${where} is not closed. Add "additionalProperties": false so that a field the contract does not list is rejected, or drop "properties" if it is a map.`,
          data: { additionalProperties: member(schema as JsonObject, 'additionalProperties') ?? null },
        });
      }
    }
    return drafts;
  },
};
