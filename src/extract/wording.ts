/** How extractors' messages name a kind: "an int", "an array", "an opaque type", but "a uint8" (said "you-int"). */
export function withArticle(noun: string): string {
  return `${/^[aeio]/u.test(noun) ? 'an' : 'a'} ${noun}`;
}
