import RandExp from 'randexp';

/**
 * Deterministic, bounded strings for a contract's `pattern`, made with
 * randexp (the generator Pact JS itself uses for regex examples). The pattern
 * is tokenized first and the longest text it could produce is estimated, with
 * unbounded repetition (`*`, `+`, `{n,}`) capped at REPEAT_CAP; a pattern
 * whose estimate passes MAX_MADE_UP_LENGTH (`(a{1000}){1000}`) is refused before
 * anything is generated, so no pattern can make the generator run long or
 * allocate much. Randomness comes from a PRNG seeded by the pattern's text,
 * so the same pattern always gives the same value.
 */

/** How many times an unbounded repetition repeats at most. */
export const REPEAT_CAP = 8;
/**
 * The longest string wirepin makes up, from a pattern or padded to a minLength (example-body.ts): a pattern
 * describing more (after the cap) is refused before anything is generated.
 */
export const MAX_MADE_UP_LENGTH = 4096;
/** Candidates tried before giving up (a candidate can miss lookarounds and anchors randexp ignores). */
export const PATTERN_ATTEMPTS = 16;

interface Token {
  readonly type: number;
  readonly stack?: readonly Token[];
  readonly options?: readonly (readonly Token[])[];
  readonly value?: Token;
  readonly min?: number;
  readonly max?: number;
}

// ret's token types (ret/lib/types.js).
const ROOT = 0;
const GROUP = 1;
const POSITION = 2;
const REPETITION = 5;
const REFERENCE = 6;

function sequenceBound(stack: readonly Token[]): number {
  let total = 0;
  for (const token of stack) total += tokenBound(token);
  return total;
}

/** The longest text a token can produce, with unbounded repetition capped; Infinity past the limit. */
function tokenBound(token: Token): number {
  switch (token.type) {
    case ROOT:
    case GROUP:
      if (token.options) return Math.max(0, ...token.options.map(sequenceBound));
      return sequenceBound(token.stack ?? []);
    case POSITION:
      return 0;
    case REPETITION: {
      const times =
        token.max === undefined || !Number.isFinite(token.max) ? Math.max(token.min ?? 0, REPEAT_CAP) : token.max;
      const inner = token.value ? tokenBound(token.value) : 0;
      const product = times * inner;
      return product > MAX_MADE_UP_LENGTH ? Infinity : product;
    }
    case REFERENCE:
      // A backreference repeats a group's text; the group is counted once already.
      return MAX_MADE_UP_LENGTH / 2;
    default:
      return 1;
  }
}

function seededInt(seedText: string): (from: number, to: number) => number {
  // FNV-1a of the pattern, then mulberry32.
  let state = 0x811c9dc5;
  for (let i = 0; i < seedText.length; i += 1) state = Math.imul(state ^ seedText.charCodeAt(i), 0x01000193) >>> 0;
  return (from, to) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const unit = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return from + Math.floor(unit * (to - from + 1));
  };
}

/** Why no value could be made, or the value. */
export type PatternExample =
  { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: string };

/**
 * A string that matches `pattern` (ECMAScript, `u` flag) and `accept`, or why
 * there is none wirepin can make within its bounds.
 */
export function patternExample(pattern: string, accept: (text: string) => boolean = () => true): PatternExample {
  let matcher: RegExp;
  let generator: RandExp;
  try {
    matcher = new RegExp(pattern, 'u');
    generator = new RandExp(pattern);
  } catch (error) {
    return {
      ok: false,
      reason: `its pattern does not compile (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  const tokens = (generator as unknown as { tokens: Token }).tokens;
  if (tokenBound(tokens) > MAX_MADE_UP_LENGTH) {
    return {
      ok: false,
      reason: `its pattern describes text longer than ${MAX_MADE_UP_LENGTH} characters, past what wirepin generates`,
    };
  }
  generator.max = REPEAT_CAP;
  generator.randInt = seededInt(pattern);
  for (let attempt = 0; attempt < PATTERN_ATTEMPTS; attempt += 1) {
    const text = generator.gen();
    if (matcher.test(text) && accept(text)) return { ok: true, value: text };
  }
  return {
    ok: false,
    reason: `no text generated for its pattern in ${PATTERN_ATTEMPTS} tries matched it and its other constraints`,
  };
}
