import { dottedName, escapeSegment } from '../../json-pointer.js';
import { isJsonObject, member, type JsonObject, type JsonValue } from '../../contract/json-document.js';
import { dialectKeyword, REFUSED_REASONS, type SchemaPosition } from '../../contract/dialect.js';
import { opaqueReasonOf } from '../../guards/wire-type-compat.js';
import type { FindingDraft } from '../../rule.js';
import { fieldNameOfSchemaPointer, type LintRule } from './context.js';

const POSITION_WORDS: Readonly<Record<SchemaPosition, string>> = {
  root: 'at the top level of the contract',
  field: 'in a field',
  items: 'in array items',
  values: 'in map values',
};

/**
 * Every keyword of every schema node, judged against the dialect
 * (src/contract/dialect.ts) for the position it stands at. Walks what
 * wirepin itself walks: `properties` (fields), `items` and an
 * `additionalProperties` schema (map values); other subschemas are refused
 * with the keyword that holds them, so nothing below them goes unjudged.
 */
function judgeKeywords(schema: JsonObject, pointer: string, position: SchemaPosition, out: FindingDraft[]): void {
  for (const keyword of Object.keys(schema)) {
    const known = dialectKeyword(keyword);
    if (known?.positions.includes(position)) continue;
    const name = fieldNameOfSchemaPointer(pointer);
    const where = position === 'root' ? POSITION_WORDS.root : `${POSITION_WORDS[position]} ("${name}")`;
    const fix =
      (Object.hasOwn(REFUSED_REASONS, keyword) ? REFUSED_REASONS[keyword] : undefined) ??
      (known ? `it may stand ${known.positions.map((p) => POSITION_WORDS[p]).join(', ')}` : 'remove it, or say what it means in the description');
    const kind = known ? 'misplaced-keyword' : Object.hasOwn(REFUSED_REASONS, keyword) ? 'refused-keyword' : 'unknown-keyword';
    const verdict = { 'misplaced-keyword': 'is not allowed', 'refused-keyword': 'is not supported', 'unknown-keyword': 'is not one wirepin understands' }[kind];
    out.push({
      path: `${pointer}/${escapeSegment(keyword)}`,
      ...(position === 'root' ? {} : { field: name }),
      message: `The keyword "${keyword}" ${verdict} ${where}: ${fix}.`,
      data: { kind, keyword, position },
    });
  }
  const properties = member(schema, 'properties');
  if (isJsonObject(properties ?? null)) {
    for (const name of Object.keys(properties as JsonObject)) {
      const field = member(properties as JsonObject, name);
      if (isJsonObject(field ?? null)) judgeKeywords(field as JsonObject, `${pointer}/properties/${escapeSegment(name)}`, 'field', out);
    }
  }
  const items: JsonValue | undefined = member(schema, 'items');
  if (position !== 'root' && isJsonObject(items ?? null)) judgeKeywords(items as JsonObject, `${pointer}/items`, 'items', out);
  const values: JsonValue | undefined = member(schema, 'additionalProperties');
  if (isJsonObject(values ?? null)) judgeKeywords(values as JsonObject, `${pointer}/additionalProperties`, 'values', out);
}

export const UNSUPPORTED_SCHEMA: LintRule<'refused-keyword' | 'unknown-keyword' | 'misplaced-keyword' | 'type'> = {
  id: 'UNSUPPORTED_SCHEMA',
  stage: 'lint',
  severity: 'error',
  summary:
    'Every schema keyword is one wirepin understands at that position (the dialect), and every wire field has a type it can compare with code: one "type" (optionally with "null"), objects, maps, arrays, enums of one type.',
  why: 'wirepin fails closed: a keyword or type it does not judge would change what a validator accepts while every pin, consumes and diff passes unchecked.',
  messages: { 'refused-keyword': 'keyword not supported', 'unknown-keyword': 'keyword not in the dialect', 'misplaced-keyword': 'keyword not allowed here', type: 'type not comparable' },
  check(context) {
    const drafts: FindingDraft[] = [];
    if (isJsonObject(context.value ?? null)) judgeKeywords(context.value as JsonObject, '', 'root', drafts);
    const refused = drafts.map((d) => d.path);
    for (const field of context.model?.fields.values() ?? []) {
      const reason = opaqueReasonOf(field.type);
      if (reason === undefined) continue;
      // An invalid schema (a typo in "type") is SCHEMA_INVALID's to report, once.
      if (context.metaErrors.some((e) => e.instancePath === field.schemaPointer || e.instancePath.startsWith(`${field.schemaPointer}/`))) continue;
      // A refused keyword inside the field (anyOf, $ref, ...) was reported above, once, where it stands.
      if (refused.some((p) => p.startsWith(`${field.schemaPointer}/`))) continue;
      drafts.push({
        path: field.schemaPointer,
        field: dottedName(field.pointer),
        message: `Field "${dottedName(field.pointer)}" cannot be compared with code: ${reason}.`,
        data: { kind: 'type', reason },
      });
    }
    return drafts;
  },
};
