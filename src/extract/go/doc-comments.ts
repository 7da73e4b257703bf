import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Query } from 'web-tree-sitter';
import type { SourceLocation } from '../../errors.js';
import { readSourceText } from '../source-text.js';
import { loadGoGrammar } from './tree-sitter-go.js';

let commentQuery: Promise<Query> | undefined;

async function loadCommentQuery(): Promise<Query> {
  const grammar = await loadGoGrammar();
  const language = grammar.parser.language;
  if (language === null) throw new Error('the Go grammar has no language loaded');
  const source = await readFile(new URL('./queries/comments.scm', import.meta.url), 'utf8');
  return new Query(language, source);
}

/** One comment of a file: 0-based rows, and whether only blanks precede it on its first row. */
interface GoComment {
  readonly startRow: number;
  readonly endRow: number;
  readonly startsLine: boolean;
  readonly text: string;
}

/**
 * The comment text a reader would see, without `//`, `/*`, `*\/` and the one
 * space gofmt puts after `//`. Directives (`//go:generate`, `//nolint:...`:
 * no space after the slashes, then a word and a colon) are not documentation.
 */
function commentLines(raw: string): string[] {
  if (raw.startsWith('//')) {
    if (/^\/\/[a-z0-9]+:/u.test(raw)) return [];
    return [raw.slice(2).replace(/^ /u, '')];
  }
  return raw
    .replace(/^\/\*/u, '')
    .replace(/\*\/$/u, '')
    .split(/\r?\n/u)
    .map((line) => line.replace(/^\s*\*?\s?/u, ''));
}

/** Joins comment lines into one description: paragraphs and line breaks become single spaces. */
function asDescription(lines: readonly string[]): string | undefined {
  const text = lines.join(' ').replace(/\s+/gu, ' ').trim();
  return text === '' ? undefined : text;
}

/**
 * Doc comments of Go declarations, as descriptions. For a declaration at a
 * location (a struct field's name, a type's name), its description is, as in
 * go/doc: the block of `//` lines (or one block comment) that ends on the row
 * right above it with nothing else on those rows; failing that, a line
 * comment after it on its own row (`Name string // the name`).
 *
 * `cwd` resolves the locations' display paths. Files that cannot be read give
 * no descriptions (the extractor has read them already; a description is an
 * aid, never a check).
 */
export async function goDocComments(
  locations: readonly SourceLocation[],
  cwd: string,
): Promise<Map<SourceLocation, string>> {
  const byFile = new Map<string, SourceLocation[]>();
  for (const location of locations) {
    const list = byFile.get(location.file) ?? [];
    list.push(location);
    byFile.set(location.file, list);
  }
  const out = new Map<SourceLocation, string>();
  if (byFile.size === 0) return out;
  const grammar = await loadGoGrammar();
  commentQuery ??= loadCommentQuery();
  const query = await commentQuery;
  for (const [file, wanted] of [...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    let text: string;
    try {
      text = await readSourceText(path.resolve(cwd, file), file, { what: 'Go source' });
    } catch {
      continue;
    }
    const tree = grammar.parser.parse(text);
    if (tree === null) continue;
    try {
      const lines = text.split('\n');
      const comments: GoComment[] = query.captures(tree.rootNode).map(({ node }) => ({
        startRow: node.startPosition.row,
        endRow: node.endPosition.row,
        startsLine: (lines[node.startPosition.row] ?? '').slice(0, node.startPosition.column).trim() === '',
        text: node.text,
      }));
      for (const location of wanted) {
        const description = describeAt(comments, location.line - 1);
        if (description !== undefined) out.set(location, description);
      }
    } finally {
      tree.delete();
    }
  }
  return out;
}

function describeAt(comments: readonly GoComment[], row: number): string | undefined {
  // The doc comment: walk up from the row above while each row is a whole-line comment.
  const above: GoComment[] = [];
  let next = row - 1;
  for (;;) {
    const comment = comments.find((c) => c.endRow === next && c.startsLine);
    if (comment === undefined) break;
    above.unshift(comment);
    next = comment.startRow - 1;
  }
  const doc = asDescription(above.flatMap((c) => commentLines(c.text)));
  if (doc !== undefined) return doc;
  const trailing = comments.find((c) => c.startRow === row && !c.startsLine);
  return trailing === undefined ? undefined : asDescription(commentLines(trailing.text));
}
