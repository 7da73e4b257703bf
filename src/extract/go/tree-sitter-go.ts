import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Language, Parser, Query } from 'web-tree-sitter';

/** The Go parser and the compiled declaration query, shared by every extraction in the process. */
export interface GoGrammar {
  readonly parser: Parser;
  readonly declarations: Query;
}

let grammar: Promise<GoGrammar> | undefined;

/**
 * Loads web-tree-sitter and tree-sitter-go once per process. The parser and
 * the query live as long as the process; trees are freed by their users.
 * The grammar is tree-sitter-go's WebAssembly build, which the build copies
 * next to this module (scripts/bundle-cli.js), so an install needs neither the
 * tree-sitter-go package nor its native install script.
 */
export function loadGoGrammar(): Promise<GoGrammar> {
  grammar ??= initialise().catch((error: unknown) => {
    grammar = undefined;
    throw error;
  });
  return grammar;
}

async function initialise(): Promise<GoGrammar> {
  await Parser.init();
  const wasm = fileURLToPath(new URL('./tree-sitter-go.wasm', import.meta.url));
  const language = await Language.load(wasm);
  const parser = new Parser();
  parser.setLanguage(language);
  const source = await readFile(new URL('./queries/declarations.scm', import.meta.url), 'utf8');
  const declarations = new Query(language, source);
  return { parser, declarations };
}
