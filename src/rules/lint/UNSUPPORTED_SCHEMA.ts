import { escapeSegment } from '../../json-pointer.js';
import { isJsonObject, member, type JsonValue } from '../../contract/json-document.js';
import { dialectKeyword, NESTED, REFUSED_REASONS, type SchemaPosition } from '../../contract/dialect.js';
import { allContractFields, fieldLabel, nullableRefForm } from '../../contract/field-table.js';
import { opaqueReasonOf } from '../../guards/wire-type-compat.js';
import type { FindingDraft } from '../../rule.js';
import { fieldNameOfSchemaPointer, type LintRule } from './context.js';

const POSITION_WORDS: Readonly<Record<SchemaPosition, string>> = {
  root: 'at the top level of the contract',
  field: 'in a field',
  items: 'in array items',
  values: 'in map values',
  def: 'in a definition',
};

/**
 * Every keyword of every schema node, judged against the dialect
 * (src/contract/dialect.ts) for the position it stands at. Walks what
 * wirepin itself walks: `properties` (fields), `items`, an
 * `additionalProperties` schema (map values) and the root's `$defs`; other
 * subschemas are refused with the keyword that holds them, so nothing below
 * them goes unjudged. The one `anyOf` wirepin reads is a nullable reference.
 * A schema that is not an object (`true`, `false`, or a value of the wrong
 * kind that SCHEMA_INVALID reports) holds no keyword to judge.
 */
function judgeKeywords(
  schema: JsonValue | undefined,
  pointer: string,
  position: SchemaPosition,
  out: FindingDraft[],
): void {
  if (!isJsonObject(schema)) return;
  for (const keyword of Object.keys(schema)) {
    const known = dialectKeyword(keyword);
    if (known?.positions.includes(position)) continue;
    if (keyword === 'anyOf' && NESTED.includes(position) && nullableRefForm(schema, member(schema, 'anyOf') ?? null))
      continue;
    const name = fieldNameOfSchemaPointer(pointer);
    const where = position === 'root' ? POSITION_WORDS.root : `${POSITION_WORDS[position]} ("${name}")`;
    const fix =
      (Object.hasOwn(REFUSED_REASONS, keyword) ? REFUSED_REASONS[keyword] : undefined) ??
      (known
        ? `it may stand ${known.positions.map((p) => POSITION_WORDS[p]).join(', ')}`
        : 'remove it, or say what it means in the description');
    const kind = known
      ? 'misplaced-keyword'
      : Object.hasOwn(REFUSED_REASONS, keyword)
        ? 'refused-keyword'
        : 'unknown-keyword';
    const verdict = {
      'misplaced-keyword': 'is not allowed',
      'refused-keyword': 'is not supported',
      'unknown-keyword': 'is not one wirepin understands',
    }[kind];
    out.push({
      path: `${pointer}/${escapeSegment(keyword)}`,
      ...(position === 'root' ? {} : { field: name }),
      message: `The keyword "${keyword}" ${verdict} ${where}: ${fix}.`,
      data: { kind, keyword, position },
    });
  }
  const properties = member(schema, 'properties');
  if (isJsonObject(properties)) {
    for (const name of Object.keys(properties))
      judgeKeywords(member(properties, name), `${pointer}/properties/${escapeSegment(name)}`, 'field', out);
  }
  if (NESTED.includes(position)) judgeKeywords(member(schema, 'items'), `${pointer}/items`, 'items', out);
  judgeKeywords(member(schema, 'additionalProperties'), `${pointer}/additionalProperties`, 'values', out);
  const defs = position === 'root' ? member(schema, '$defs') : undefined;
  if (isJsonObject(defs)) {
    for (const name of Object.keys(defs))
      judgeKeywords(member(defs, name), `/$defs/${escapeSegment(name)}`, 'def', out);
  }
}

export const UNSUPPORTED_SCHEMA: LintRule<
  'refused-keyword' | 'unknown-keyword' | 'misplaced-keyword' | 'type' | 'definition'
> = {
  id: 'UNSUPPORTED_SCHEMA',
  stage: 'lint',
  severity: 'error',
  summary:
    'Every schema keyword is one wirepin understands at that position (the dialect), and every wire field has a type it can compare with code: one "type" (optionally with "null"), objects, maps, arrays, enums of one type, and references "#/$defs/Name" to object definitions at the contract root.',
  why: 'wirepin fails closed: a keyword or type it does not judge would change what a validator accepts while every pin, consumes and diff passes unchecked.',
  messages: {
    'refused-keyword': 'keyword not supported',
    'unknown-keyword': 'keyword not in the dialect',
    'misplaced-keyword': 'keyword not allowed here',
    type: 'type not comparable',
    definition: 'definition not comparable',
  },
  check(context) {
    const drafts: FindingDraft[] = [];
    judgeKeywords(context.value, '', 'root', drafts);
    const refused = drafts.map((d) => d.path);
    const model = context.model;
    if (!model) return drafts;
    // An invalid schema (a typo in "type") is SCHEMA_INVALID's to report, once;
    // a refused keyword inside a schema (anyOf, $dynamicRef, ...) was reported above, once, where it stands.
    const reportedElsewhere = (schemaPointer: string): boolean =>
      context.metaErrors.some(
        (e) => e.instancePath === schemaPointer || e.instancePath.startsWith(`${schemaPointer}/`),
      ) || refused.some((p) => p.startsWith(`${schemaPointer}/`));
    for (const def of model.defs.values()) {
      if (def.problem === undefined || reportedElsewhere(def.schemaPointer)) continue;
      drafts.push({
        path: def.schemaPointer,
        message: `Definition "${def.name}" cannot be compared with code: ${def.problem}.`,
        data: { kind: 'definition', reason: def.problem },
      });
    }
    for (const field of allContractFields(model)) {
      const reason = opaqueReasonOf(field.type);
      if (reason === undefined || reportedElsewhere(field.schemaPointer)) continue;
      const label = fieldLabel(field);
      drafts.push({
        path: field.schemaPointer,
        field: label,
        message: `Field "${label}" cannot be compared with code: ${reason}.`,
        data: { kind: 'type', reason },
      });
    }
    return drafts;
  },
};
