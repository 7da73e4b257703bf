import { isSafePattern } from 'redos-detector';
import { isJsonObject, type JsonValue } from '../../contract/json-document.js';
import { joinPointer } from '../../json-pointer.js';
import type { FindingDraft } from '../../rule.js';
import type { LintRule } from './context.js';

/**
 * How far the detector may search one pattern; past it the pattern is not proven safe. A step count, not a
 * clock, so the verdict is the same on every machine and under any load (about a second here at worst).
 */
export const PATTERN_MAX_STEPS = 2000;
/** A last resort only: a search that the step bound has not stopped by then is not proven safe either. */
export const PATTERN_CHECK_TIMEOUT_MS = 20_000;
/** Backtracks the detector tolerates for one input (redos-detector's score); above it, a pattern is refused. */
export const PATTERN_MAX_SCORE = 200;

type Kind = 'backtracking' | 'undecided';

/** Every `pattern` keyword with a string value in the contract, with its JSON pointer. */
function patternsIn(value: JsonValue, pointer: string[], out: Array<{ pointer: string[]; pattern: string }>): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => patternsIn(item, [...pointer, String(i)], out));
    return;
  }
  if (!isJsonObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    // Under "properties" a key named "pattern" is a field name, not the keyword.
    if (key === 'pattern' && typeof child === 'string' && pointer.at(-1) !== 'properties')
      out.push({ pointer: [...pointer, key], pattern: child });
    patternsIn(child, [...pointer, key], out);
  }
}

/** The detector's answer for one pattern: undefined when it is safe. */
function verdict(pattern: string): { kind: Kind; reason: string } | undefined {
  let result;
  try {
    // JSON Schema patterns are ECMA-262 regular expressions; ajv compiles them with the "u" flag.
    result = isSafePattern(pattern, {
      unicode: true,
      maxSteps: PATTERN_MAX_STEPS,
      timeout: PATTERN_CHECK_TIMEOUT_MS,
      maxScore: PATTERN_MAX_SCORE,
      downgradePattern: true,
    });
  } catch (error) {
    return {
      kind: 'undecided',
      reason: `the detector cannot analyze it (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  if (result.safe) return undefined;
  if (result.error === 'hitMaxScore')
    return {
      kind: 'backtracking',
      reason: 'a failing input can make a backtracking matcher try exponentially or polynomially many paths',
    };
  // What is left is 'hitMaxSteps' or 'timedOut': the detector gave up, which is not a proof either way.
  const why = result.error === 'timedOut' ? 'it ran out of time' : 'it reached its step limit';
  return { kind: 'undecided', reason: `the detector could not prove it safe (${why})` };
}

export const PATTERN_UNSAFE: LintRule<Kind> = {
  id: 'PATTERN_UNSAFE',
  stage: 'lint',
  severity: 'error',
  summary: 'Every "pattern" is free of catastrophic backtracking, as judged by redos-detector within a bounded search.',
  why: 'The generated schema puts each pattern in front of the consumer\'s validator and wirepin\'s own example generation; one pattern such as "(x+x+)+y" lets a short body cost seconds of CPU.',
  messages: {
    backtracking: 'catastrophic backtracking',
    undecided: 'not proven safe',
  },
  check(context) {
    if (context.value === undefined) return [];
    const found: Array<{ pointer: string[]; pattern: string }> = [];
    patternsIn(context.value, [], found);
    const drafts: FindingDraft[] = [];
    for (const { pointer, pattern } of found) {
      const problem = verdict(pattern);
      if (!problem) continue;
      drafts.push({
        path: joinPointer('', ...pointer),
        message: `The pattern ${JSON.stringify(pattern)} is unsafe: ${problem.reason}. Rewrite it without nested or overlapping repetition (e.g. "^[a-z]+$"), or drop it and validate the value in code.`,
        data: { kind: problem.kind, pattern },
      });
    }
    return drafts;
  },
};
