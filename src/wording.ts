/** "1 contract", "3 contracts": a count and a regular English noun. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** How messages name a kind: "an int", "an array", "an opaque type", but "a uint8" (said "you-int"). */
export function withArticle(noun: string): string {
  return `${/^[aeio]/u.test(noun) ? 'an' : 'a'} ${noun}`;
}
