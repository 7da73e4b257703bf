import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
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
  const wasm = createRequire(import.meta.url).resolve('tree-sitter-go/tree-sitter-go.wasm');
  const language = await Language.load(wasm);
  const parser = new Parser();
  parser.setLanguage(language);
  const source = await readFile(new URL('./queries/declarations.scm', import.meta.url), 'utf8');
  const declarations = new Query(language, source);
  return { parser, declarations };
}
