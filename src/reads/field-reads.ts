import type { SourceLocation } from '../errors.js';
import { declarationKey } from '../wire.js';
import type { FieldReads, ReadEscape, WireField } from '../wire.js';

/**
 * Each declared field's verdict, by declaration (`declarationKey`), from what
 * an analysis found: `read` with its read sites (in file, line, column order)
 * when a site reads the declaration; else `unprovable` with the escape
 * `escapeOf` names for it; else `unread`. Fields listed twice (a shared type
 * reached along two paths, or listed by two types) are judged once.
 */
export function fieldReads(
  fields: readonly WireField[],
  reads: ReadonlyMap<string, readonly SourceLocation[]>,
  escapeOf: (key: string, field: WireField) => ReadEscape | undefined,
): Map<string, FieldReads> {
  const byDeclaration = new Map<string, FieldReads>();
  for (const field of fields) {
    const key = declarationKey(field.location);
    if (byDeclaration.has(key)) continue;
    const sites = reads.get(key);
    if (sites !== undefined && sites.length > 0) {
      byDeclaration.set(key, { status: 'read', sites: [...sites].sort(compareLocations) });
      continue;
    }
    const escape = escapeOf(key, field);
    byDeclaration.set(
      key,
      escape
        ? { status: 'unprovable', escape: { what: escape.what, location: escape.location } }
        : { status: 'unread' },
    );
  }
  return byDeclaration;
}

function compareLocations(a: SourceLocation, b: SourceLocation): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column;
}
