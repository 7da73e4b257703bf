/** RFC 6901 JSON pointers. */

export function escapeSegment(segment: string): string {
  return segment.includes('~') || segment.includes('/') ? segment.replaceAll('~', '~0').replaceAll('/', '~1') : segment;
}

export function unescapeSegment(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

export function joinPointer(base: string, ...segments: readonly string[]): string {
  let out = base;
  for (const s of segments) out += `/${escapeSegment(s)}`;
  return out;
}

export function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map(unescapeSegment);
}

/** "/display/mode" -> "display.mode"; "" -> "(root)". For messages only. */
export function dottedName(wirePointer: string): string {
  const parts = splitPointer(wirePointer);
  return parts.length === 0 ? '(root)' : parts.join('.');
}

/** The pointer one level up: "/a/b" -> "/a", "/a" -> "", and "" stays "" (the document has no parent). */
export function parentPointer(pointer: string): string {
  return pointer.slice(0, Math.max(0, pointer.lastIndexOf('/')));
}
