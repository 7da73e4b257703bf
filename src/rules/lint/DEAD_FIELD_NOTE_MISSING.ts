import { dottedName } from '../../json-pointer.js';
import { fieldNameOfSchemaPointer, ledgerFieldPointer, ledgerKeywordOf, type LintRule } from './context.js';

/** Notes that hold a place instead of a reason. Compared lower-case, trimmed of punctuation. */
const PLACEHOLDERS = new Set([
  'todo', 'tbd', 'tba', 'fixme', 'xxx', 'n/a', 'na', 'none', 'null', 'unknown', 'later', 'wip', 'note', 'placeholder',
  'unused', 'ignored', 'dead', 'not used', 'not consumed', 'legacy', 'deprecated', 'see above', 'same as above', '?', '-', '.', '...',
]);

/** A justification is a sentence: at least this many words, and not a placeholder or a TODO. */
export const MIN_NOTE_WORDS = 3;

export function notePlaceholderKind(note: string): 'blank' | 'placeholder' | 'too-short' | undefined {
  const text = note.trim();
  if (text === '') return 'blank';
  const bare = text.toLowerCase().replace(/[\s.:!?,;-]+$/u, '').replace(/^[\s.:!?,;-]+/u, '');
  if (PLACEHOLDERS.has(bare) || PLACEHOLDERS.has(text.toLowerCase()) || /^(todo|tbd|fixme|xxx)\b/iu.test(bare)) return 'placeholder';
  if (text.split(/\s+/u).length < MIN_NOTE_WORDS) return 'too-short';
  return undefined;
}

export const DEAD_FIELD_NOTE_MISSING: LintRule<'missing' | 'not-string' | 'blank' | 'placeholder' | 'too-short'> = {
  id: 'DEAD_FIELD_NOTE_MISSING',
  stage: 'lint',
  severity: 'error',
  summary: 'A field with "cp_consumes": false carries a "note" that really justifies sending it: not blank, not a placeholder like "TODO", at least three words.',
  why: 'A sent-but-ignored field is either a bug waiting to be found or a decision; the note is what proves it is a decision.',
  messages: { missing: 'note missing', 'not-string': 'note not a string', blank: 'note blank', placeholder: 'note a placeholder', 'too-short': 'note too short' },
  check(context) {
    const drafts = context.metaErrors
      .filter((e) => ledgerKeywordOf(e) === 'note')
      .map((e) => {
        const pointer = ledgerFieldPointer(e);
        const field = fieldNameOfSchemaPointer(pointer);
        const kind = e.keyword === 'required' ? 'missing' : e.keyword === 'type' ? 'not-string' : 'blank';
        return {
          path: kind === 'missing' ? pointer : e.instancePath,
          field,
          message: `Field "${field}" is marked dead ("cp_consumes": false) but its note is ${kind === 'missing' ? 'missing' : kind === 'not-string' ? 'not a string' : 'blank'}. Say in the note why the producer sends a field the consumer ignores, or mark it consumed.`,
          data: { kind },
        };
      });
    const reported = new Set(drafts.map((d) => d.path.replace(/\/note$/u, '')));
    for (const field of context.model?.fields.values() ?? []) {
      if (field.consumes !== false || field.note === undefined || reported.has(field.schemaPointer)) continue;
      const kind = notePlaceholderKind(field.note);
      if (!kind) continue;
      drafts.push({
        path: `${field.schemaPointer}/note`,
        field: dottedName(field.pointer),
        message:
          kind === 'too-short'
            ? `Field "${field.name}" is marked dead but its note "${field.note}" is too short to justify it (fewer than ${MIN_NOTE_WORDS} words). Say why the producer sends it and what the consumer does instead.`
            : `Field "${field.name}" is marked dead but its note "${field.note.trim()}" is a placeholder, not a reason. Say why the producer sends it and what the consumer does instead.`,
        data: { kind },
      });
    }
    return drafts;
  },
};
