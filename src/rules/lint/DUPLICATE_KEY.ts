import { isJsonObject, type JsonValue } from '../../contract/json-document.js';
import { escapeSegment } from '../../json-pointer.js';
import type { FindingDraft } from '../../rule.js';
import type { LintRule } from './context.js';

export const DUPLICATE_KEY: LintRule<'normalization'> = {
  id: 'DUPLICATE_KEY',
  stage: 'lint',
  severity: 'error',
  summary: 'No object in the contract may repeat a key, also not in another Unicode normalization form (NFC).',
  why: 'JSON parsers keep the last of two equal keys and drop the first without a word, so a duplicated field silently loses its ledger entry or its type; two keys that differ only in normalization look identical to a reader but are two fields to every parser.',
  messages: { normalization: 'equal under NFC' },
  check(context) {
    const drafts: FindingDraft[] = context.problems
      .filter((p) => p.kind === 'duplicate-key')
      .map((p) => ({
        path: p.pointer ?? '',
        position: p.position,
        message: `${p.message} Remove or rename one of them.`,
        data: p.data ?? {},
      }));
    if (context.value !== undefined) drafts.push(...normalizationTwins(context.value, ''));
    return drafts;
  },
};

/** Keys of one object that are different strings but equal under NFC ("é" as one code point and as e + U+0301). */
function normalizationTwins(value: JsonValue, pointer: string): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  if (Array.isArray(value)) {
    value.forEach((item, i) => drafts.push(...normalizationTwins(item, `${pointer}/${i}`)));
    return drafts;
  }
  if (!isJsonObject(value)) return drafts;
  const firstByForm = new Map<string, string>();
  for (const key of Object.keys(value)) {
    const form = key.normalize('NFC');
    const first = firstByForm.get(form);
    const member = `${pointer}/${escapeSegment(key)}`;
    if (first === undefined) firstByForm.set(form, key);
    else {
      drafts.push({
        path: member,
        message: `Key ${spelled(key)} equals key ${spelled(first)} of the same object once both are NFC-normalized, so they look the same but are two different keys to every parser. Spell both the same way (NFC), or rename one of them.`,
        data: { kind: 'normalization', key, equalTo: first, firstPath: `${pointer}/${escapeSegment(first)}` },
      });
    }
    drafts.push(...normalizationTwins((value as Record<string, JsonValue>)[key] as JsonValue, member));
  }
  return drafts;
}

/** A key as a JSON string with every non-ASCII code unit escaped, so two spellings of "café" look different. */
function spelled(key: string): string {
  return JSON.stringify(key).replace(
    /[^\x20-\x7e]/gu,
    (c) => `\\u${(c.codePointAt(0) as number).toString(16).padStart(4, '0')}`,
  );
}
