import type { SourceLocation } from '../errors.js';
import type { FieldReads, ReadEscape, WireField } from '../wire.js';

/** A source place as a map key, `file:line:column` (1-based): how both read analyses tie a declaration to its wire field. */
export function locationKey(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/**
 * Each wire field's verdict, by pointer, from what an analysis found: `read`
 * with its read sites (in file, line, column order) when a site reads the
 * field's declaration; else `unprovable` with the escape `escapeOf` names for
 * that declaration; else `unread`.
 */
export function fieldReads(
  fields: readonly WireField[],
  reads: ReadonlyMap<string, readonly SourceLocation[]>,
  escapeOf: (key: string) => ReadEscape | undefined,
): Map<string, FieldReads> {
  const byPointer = new Map<string, FieldReads>();
  for (const field of fields) {
    const key = locationKey(field.location);
    const sites = reads.get(key);
    if (sites !== undefined && sites.length > 0) {
      byPointer.set(field.pointer, { status: 'read', sites: [...sites].sort(compareLocations) });
      continue;
    }
    const escape = escapeOf(key);
    byPointer.set(
      field.pointer,
      escape
        ? { status: 'unprovable', escape: { what: escape.what, location: escape.location } }
        : { status: 'unread' },
    );
  }
  return byPointer;
}

function compareLocations(a: SourceLocation, b: SourceLocation): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column;
}
