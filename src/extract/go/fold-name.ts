/**
 * encoding/json's decode-side key matching: a key goes to the field whose
 * name equals it exactly, else to the first field (in field order) whose name
 * is equal under Unicode simple case folding (Go 1.21+ `foldName`, which
 * agrees with the `equalFold` functions of earlier releases): ASCII letters
 * are upper-cased, any other rune becomes the smallest rune of its
 * `unicode.SimpleFold` orbit (so "K", "k" and the Kelvin sign "K" are one key,
 * as are "S", "s" and "ſ").
 */
export function foldGoName(name: string): string {
  let out = '';
  for (const char of name) {
    const code = char.codePointAt(0) as number;
    if (code < 0x80) {
      out += code >= 0x61 && code <= 0x7a ? String.fromCharCode(code - 0x20) : char;
      continue;
    }
    out += String.fromCodePoint(foldRune(code));
  }
  return out;
}

/**
 * Dotted and dotless I fold only to themselves in Unicode's simple folding
 * (CaseFolding.txt gives them Turkic `T` mappings only), though JavaScript's
 * case mappings join them to "I"/"i".
 */
const FOLDS_TO_ITSELF: ReadonlySet<number> = new Set([0x130, 0x131]);

/** The smallest code point reachable from `code` by single-code-point case mappings: its simple fold orbit's minimum. */
function foldRune(code: number): number {
  if (FOLDS_TO_ITSELF.has(code)) return code;
  const orbit = new Set<number>([code]);
  const queue = [code];
  while (queue.length > 0) {
    const current = String.fromCodePoint(queue.pop() as number);
    for (const mapped of [current.toLowerCase(), current.toUpperCase()]) {
      const points = [...mapped];
      if (points.length !== 1) continue;
      const next = (points[0] as string).codePointAt(0) as number;
      if (FOLDS_TO_ITSELF.has(next) || orbit.has(next)) continue;
      orbit.add(next);
      queue.push(next);
    }
  }
  return Math.min(...orbit);
}
