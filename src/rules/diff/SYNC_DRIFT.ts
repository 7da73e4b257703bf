import type { JsonValue } from '../../contract/json-document.js';
import { canonicalJson, type ValueDifference } from '../../sync/value-diff.js';
import type { FindingDraft, Rule } from '../../rule.js';
import { plural } from '../../wording.js';

/** What SYNC_DRIFT sees: the differences between source and mirror that no field-level change explains. */
export interface SyncDriftContext {
  readonly unexplained: readonly ValueDifference[];
}

/** Findings beyond this many are summed up in one last finding, so a wholly different file stays readable. */
export const MAX_DRIFT_FINDINGS = 25;

function shown(value: JsonValue | undefined, limit: number): string | null {
  if (value === undefined) return null;
  const text = canonicalJson(value);
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

export const SYNC_DRIFT: Rule<SyncDriftContext, 'missing' | 'extra' | 'changed' | 'more'> = {
  id: 'SYNC_DRIFT',
  stage: 'diff',
  severity: 'error',
  summary:
    'A mirrored contract equals its source of truth under canonical JSON (RFC 8785); this reports each difference that no field-level change explains, such as a top-level "description" or "$id".',
  why: 'A mirror exists so both repositories build from the same contract; any difference, even one that does not touch a wire field, means one side reads a contract the other does not.',
  messages: { missing: 'missing in mirror', extra: 'only in mirror', changed: 'differs', more: 'differs' },
  check({ unexplained }) {
    const drafts: FindingDraft[] = unexplained.slice(0, MAX_DRIFT_FINDINGS).map((d) => {
      const source = shown(d.source, 200);
      const mirror = shown(d.mirror, 200);
      const where = d.pointer === '' ? 'the document' : `"${d.pointer}"`;
      const what =
        d.kind === 'missing'
          ? `The mirror lacks ${where}, which the source has (${shown(d.source, 60)}).`
          : d.kind === 'extra'
            ? `The mirror has ${where} (${shown(d.mirror, 60)}), which the source does not.`
            : `The mirror has ${where} = ${shown(d.mirror, 60)} where the source has ${shown(d.source, 60)}.`;
      return {
        path: d.pointer,
        message: `${what} Copy the source over the mirror: only key order and whitespace may differ.`,
        data: { kind: d.kind, pointer: d.pointer, before: source, after: mirror },
      };
    });
    const rest = unexplained.length - MAX_DRIFT_FINDINGS;
    if (rest > 0) {
      drafts.push({
        path: '',
        message: `The mirror differs from the source in ${plural(rest, 'more place')}. Copy the source over the mirror.`,
        data: { kind: 'more', pointer: '', before: null, after: null, more: rest },
      });
    }
    return drafts;
  },
};
