import { allContractFields, fieldLabel } from '../../contract/field-table.js';
import { serviceNamesOf } from '../../contract/service-names.js';
import { fieldNameOfSchemaPointer, ledgerFieldPointer, ledgerKeywordOf, type LintRule } from './context.js';

/** Notes that hold a place instead of a reason. Compared lower-case, trimmed of punctuation. */
const PLACEHOLDERS = new Set([
  'todo',
  'tbd',
  'tba',
  'fixme',
  'xxx',
  'n/a',
  'na',
  'none',
  'null',
  'unknown',
  'later',
  'wip',
  'note',
  'placeholder',
  'unused',
  'ignored',
  'dead',
  'not used',
  'not consumed',
  'legacy',
  'deprecated',
  'see above',
  'same as above',
  '?',
  '-',
  '.',
  '...',
]);

/** A justification is a sentence: at least this many words, and not a placeholder or a TODO. */
export const MIN_NOTE_WORDS = 3;

/**
 * The note as a reader sees it: NFKC-normalized (fullwidth and compatibility
 * forms become plain letters), invisible format characters (zero-width
 * spaces and joiners, the BOM, bidi marks: Unicode category Cf) and control
 * characters removed (tabs and line breaks count as spaces), runs of
 * whitespace collapsed to one space, and trimmed.
 */
export function normalizeNote(note: string): string {
  return note
    .normalize('NFKC')
    .replace(/[\t\n\v\f\r]/g, ' ') // no u flag: Stryker's regex mutator writes \V here, which a u-flag regex rejects at parse time
    .replace(/[\p{Cf}\p{Cc}]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

const EDGE_PUNCTUATION = /^[\s.:!?,;-]+|[\s.:!?,;-]+$/gu;

/** Multi-word placeholders ("not used"), longest first, as patterns that may repeat ("not used, not used"). */
const REPEATED_PHRASES = [...PLACEHOLDERS]
  .filter((p) => p.includes(' '))
  .map((p) => new RegExp(`^(?:${p.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}[\\s.:!?,;-]*)+$`, 'u'));

export function notePlaceholderKind(note: string): 'blank' | 'placeholder' | 'too-short' | undefined {
  const text = normalizeNote(note);
  if (text === '') return 'blank';
  const lower = text.toLowerCase();
  const bare = lower.replace(EDGE_PUNCTUATION, '');
  if (bare === '' || PLACEHOLDERS.has(bare) || PLACEHOLDERS.has(lower) || /^(todo|tbd|fixme|xxx)\b/iu.test(bare))
    return 'placeholder';
  // A placeholder said several times is still a placeholder: "n/a n/a n/a", "TODO, TODO", "not used not used".
  const words = bare
    .split(' ')
    .map((word) => word.replace(EDGE_PUNCTUATION, ''))
    .filter((word) => word !== '');
  if (words.length > 0 && words.every((word) => PLACEHOLDERS.has(word))) return 'placeholder';
  if (REPEATED_PHRASES.some((phrase) => phrase.test(bare))) return 'placeholder';
  if (text.split(' ').length < MIN_NOTE_WORDS) return 'too-short';
  return undefined;
}

export const DEAD_FIELD_NOTE_MISSING: LintRule<'missing' | 'not-string' | 'blank' | 'placeholder' | 'too-short'> = {
  id: 'DEAD_FIELD_NOTE_MISSING',
  stage: 'lint',
  severity: 'error',
  summary:
    'A field with "cp_consumes": false carries a "note" that really justifies sending it: not blank, not a placeholder like "TODO" (also repeated, or hidden behind invisible characters), at least three words.',
  why: 'A sent-but-ignored field is either a bug waiting to be found or a decision; the note is what proves it is a decision.',
  messages: {
    missing: 'note missing',
    'not-string': 'note not a string',
    blank: 'note blank',
    placeholder: 'note a placeholder',
    'too-short': 'note too short',
  },
  check(context) {
    const { producer, consumer } = serviceNamesOf([context.model]);
    const sayWhy = `Say why ${producer} sends it and what ${consumer} does instead.`;
    const drafts = context.metaErrors
      .filter((e) => ledgerKeywordOf(e) === 'note')
      .map((e) => {
        const pointer = ledgerFieldPointer(e);
        const field = fieldNameOfSchemaPointer(pointer);
        const kind = e.keyword === 'required' ? 'missing' : e.keyword === 'type' ? 'not-string' : 'blank';
        return {
          path: kind === 'missing' ? pointer : e.instancePath,
          field,
          message: `Field "${field}" is marked dead ("cp_consumes": false) but its note is ${kind === 'missing' ? 'missing' : kind === 'not-string' ? 'not a string' : 'blank'}. Say in the note why ${producer} sends a field ${consumer} ignores, or mark it consumed.`,
          data: { kind },
        };
      });
    const reported = new Set(drafts.map((d) => d.path.replace(/\/note$/u, '')));
    for (const field of context.model ? allContractFields(context.model) : []) {
      if (field.consumes !== false || field.note === undefined || reported.has(field.schemaPointer)) continue;
      const kind = notePlaceholderKind(field.note);
      if (!kind) continue;
      drafts.push({
        path: `${field.schemaPointer}/note`,
        field: fieldLabel(field),
        message:
          kind === 'blank'
            ? `Field "${field.name}" is marked dead but its note is blank once invisible and control characters are removed. ${sayWhy}`
            : kind === 'too-short'
              ? `Field "${field.name}" is marked dead but its note "${normalizeNote(field.note)}" is too short to justify it (fewer than ${MIN_NOTE_WORDS} words). ${sayWhy}`
              : `Field "${field.name}" is marked dead but its note "${normalizeNote(field.note)}" is a placeholder, not a reason. ${sayWhy}`,
        data: { kind },
      });
    }
    return drafts;
  },
};
