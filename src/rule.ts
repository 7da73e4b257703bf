import type { Finding, RelatedLocation, Severity } from './finding.js';
import { parentPointer } from './json-pointer.js';

/** A place in a text: 1-based line, 1-based column in UTF-16 code units, 0-based offset. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** Which command a rule belongs to. */
/** `source`: rules about reading a producer or consumer source, shared by pin and consumes. */
export type RuleStage = 'lint' | 'pin' | 'consumes' | 'source' | 'diff' | 'generate';

/**
 * A rule, declared as data. IDs are UPPER_SNAKE and permanent: a retired rule
 * keeps its ID with `deprecated` and `replacedBy`, it is never renamed.
 */
export interface RuleMeta<Kind extends string = string> {
  readonly id: string;
  readonly stage: RuleStage;
  readonly severity: Severity;
  /** One line: what the rule checks. */
  readonly summary: string;
  /** Why it matters, in one or two sentences. */
  readonly why: string;
  /**
   * True when a finding means wirepin could not read the input at all: the
   * command then exits 2 ("could not run") rather than 1.
   */
  readonly blocksInput?: boolean;
  readonly deprecated?: boolean;
  readonly replacedBy?: string;
  /**
   * The kinds of message the rule reports (typescript-eslint's `messages`
   * catalogue): each `data.kind` it may put in a finding, declared with the
   * short label reports show for it ("became nullable", "added (dead)").
   */
  readonly messages?: Readonly<Record<Kind, string>>;
  /** True when the rule's before/after values are prose (notes, descriptions), shown on lines of their own. */
  readonly proseValues?: boolean;
  /** True when the rule's before/after values are the field's note itself, so reports leave their note column empty. */
  readonly valuesAreNote?: boolean;
}

export interface Rule<Context, Kind extends string = string> extends RuleMeta<Kind> {
  check(context: Context): readonly FindingDraft[];
}

/**
 * What a rule reports: a JSON pointer into the checked file, and optionally an
 * exact position when the pointer cannot express it (a syntax error).
 */
export interface FindingDraft {
  readonly path: string;
  readonly message: string;
  readonly field?: string;
  readonly position?: TextPosition;
  readonly related?: RelatedLocation;
  readonly data?: Readonly<Record<string, unknown>>;
  /** Overrides the rule's severity for this finding (a warning a strict setting makes an error). */
  readonly severity?: Severity;
}

/** Turns drafts into findings, mapping each pointer to the nearest known position in the file. */
export function placeDrafts(
  rule: RuleMeta,
  drafts: readonly FindingDraft[],
  file: string,
  positions: ReadonlyMap<string, { key?: TextPosition; value: TextPosition }> | undefined,
): Finding[] {
  return drafts.map((draft) => {
    const position = draft.position ?? positionOfPointer(draft.path, positions);
    return {
      rule: rule.id,
      severity: draft.severity ?? rule.severity,
      file,
      line: position.line,
      column: position.column,
      path: draft.path,
      ...(draft.field !== undefined ? { field: draft.field } : {}),
      message: draft.message,
      ...(draft.related ? { related: draft.related } : {}),
      ...(draft.data ? { data: draft.data } : {}),
    };
  });
}

/** The key of a member when there is one (that is where an editor should jump), else the value; walks up for unknown pointers. */
export function positionOfPointer(
  pointer: string,
  positions: ReadonlyMap<string, { key?: TextPosition; value: TextPosition }> | undefined,
): TextPosition {
  let p = pointer;
  for (;;) {
    const hit = positions?.get(p);
    if (hit) return hit.key ?? hit.value;
    if (p === '') return { line: 1, column: 1, offset: 0 };
    p = parentPointer(p);
  }
}
