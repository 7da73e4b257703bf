import path from 'node:path';
import type ts from 'typescript';
import type { SourceLocation } from '../../errors.js';
import { readSourceText } from '../source-text.js';
import { loadTypeScript } from './load-compiler.js';

/**
 * JSDoc comments of TypeScript declarations, as descriptions: for each
 * location (a property's or a type's name, as the TS extractor reports it),
 * the text of the JSDoc block right before the declaration (tags left out).
 * `cwd` resolves the locations' display paths; a file that cannot be read
 * gives no descriptions (a description is an aid, never a check).
 */
export async function tsDocComments(
  locations: readonly SourceLocation[],
  cwd: string,
): Promise<Map<SourceLocation, string>> {
  const out = new Map<SourceLocation, string>();
  if (locations.length === 0) return out;
  // The optional peer: when it is missing, loadTypeScript's E_CONFIG names it and the command exits 2.
  const tsApi = await loadTypeScript();
  const files = [...new Set(locations.map((l) => l.file))].sort();
  for (const file of files) {
    let text: string;
    try {
      text = await readSourceText(path.resolve(cwd, file), file, { what: 'TypeScript source' });
    } catch {
      continue;
    }
    const source = tsApi.createSourceFile(file, text, tsApi.ScriptTarget.Latest, true);
    const docs = new Map<string, string>();
    const visit = (node: ts.Node): void => {
      const name = (node as { name?: ts.Node }).name;
      if (
        name !== undefined &&
        (tsApi.isPropertySignature(node) ||
          tsApi.isPropertyDeclaration(node) ||
          tsApi.isInterfaceDeclaration(node) ||
          tsApi.isTypeAliasDeclaration(node) ||
          tsApi.isClassDeclaration(node))
      ) {
        const at = source.getLineAndCharacterOfPosition(name.getStart(source));
        const comment = tsApi
          .getJSDocCommentsAndTags(node)
          .filter(tsApi.isJSDoc)
          .map((doc) => tsApi.getTextOfJSDocComment(doc.comment) ?? '')
          .join(' ')
          .replace(/\s+/gu, ' ')
          .trim();
        if (comment !== '') docs.set(`${at.line + 1}:${at.character + 1}`, comment);
      }
      tsApi.forEachChild(node, visit);
    };
    visit(source);
    for (const location of locations) {
      if (location.file !== file) continue;
      const doc = docs.get(`${location.line}:${location.column}`);
      if (doc !== undefined) out.set(location, doc);
    }
  }
  return out;
}
