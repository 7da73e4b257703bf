import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type ts from 'typescript';
import { WirepinError } from '../errors.js';
import type { SourceLocation } from '../errors.js';
import { createConfinedHost } from '../extract/ts/confined-host.js';
import { loadTypeScript } from '../extract/ts/load-compiler.js';
import { displayPath } from '../paths.js';
import { declarationKey } from '../wire.js';
import type { ReadEscape, ReadEvidence, WireField } from '../wire.js';
import { fieldReads } from './field-reads.js';

export interface TsReadRequest {
  /** The file declaring the consumer's type; the consumer's files are the TypeScript files of its directory. */
  readonly path: string;
  readonly cwd: string;
  readonly typeName: string;
  /** The consumer's wire fields as the TS extractor read them: their locations are the property declarations. */
  readonly fields: readonly WireField[];
  readonly strict: boolean;
}

/** Test files are not consumption: a test that reads a field proves nothing about the handler. */
const TEST_FILE = /\.(test|spec)\.[cm]?ts$/u;

/**
 * Static read analysis of a TypeScript consumer with the compiler's type
 * checker. The consumer's files are the .ts files beside the one declaring the
 * type (no tests, no .d.ts). A property access, element access with a literal
 * key, or destructuring whose property symbol is declared at a wire field's
 * declaration is a read of it (not on the left of `=`); an object spread or
 * rest of a value holding followed fields, or `JSON.stringify` of one, is an
 * escape. The first place a value gets the consumer's type (`as T`, `: T`) in
 * a file other than the declaring one counts as where it is decoded.
 */
export async function analyzeTsReads(request: TsReadRequest): Promise<ReadEvidence> {
  // The optional peer, through the one loader: a missing install exits 2 naming the package.
  const tsApi = await loadTypeScript();
  const declaring = path.resolve(request.cwd, request.path);
  const directory = path.dirname(declaring);
  const entries = await readdir(directory, { withFileTypes: true });
  // Regular files only, as the Go side lists a package (the compiler host would refuse a FIFO or a device named *.ts
  // too, but then the read analysis would silently miss that file).
  const files = entries
    .filter((entry) => /\.[cm]?ts$/u.test(entry.name) && !entry.name.endsWith('.d.ts') && !TEST_FILE.test(entry.name))
    .map((entry) => ({ entry, file: path.join(directory, entry.name) }))
    .filter(({ entry, file }) => entry.isFile() || file === declaring)
    .map(({ file }) => file)
    .sort();
  const consumerFiles = new Set(files);
  const options: ts.CompilerOptions = {
    lib: ['lib.es2022.d.ts'],
    types: [],
    noEmit: true,
    strict: true,
    skipLibCheck: true,
  };
  // The consumer's files are named by the user (its directory); what they import is read bounded and only inside the repository.
  const host = createConfinedHost(tsApi, options, { cwd: request.cwd, named: files }).host;
  let program: ts.Program;
  try {
    program = tsApi.createProgram({ rootNames: files, options, host });
  } catch (error) {
    // The parser recurses per nesting level too: name the consumer's file it cannot parse (the declaring file when
    // none alone overflows).
    if (!(error instanceof RangeError)) throw error;
    const overflows = (file: string): boolean => {
      try {
        tsApi.createSourceFile(file, host.readFile(file) ?? '', tsApi.ScriptTarget.Latest);
        return false;
      } catch (inner) {
        return inner instanceof RangeError;
      }
    };
    throw tooDeep(files.find(overflows) ?? declaring, error, request.cwd);
  }
  const checker = program.getTypeChecker();
  const locate = (node: ts.Node): SourceLocation => {
    const file = node.getSourceFile();
    const at = file.getLineAndCharacterOfPosition(node.getStart(file));
    return { file: displayPath(file.fileName, request.cwd), line: at.line + 1, column: at.character + 1 };
  };
  const wanted = new Set(request.fields.map((field) => declarationKey(field.location)));
  const reads = new Map<string, SourceLocation[]>();
  const escapes: (ReadEscape & { readonly keys: ReadonlySet<string> })[] = [];
  let decodedAt: SourceLocation | undefined;

  /** The wire-field declarations a symbol stands for. */
  const declared = (symbol: ts.Symbol | undefined): string[] =>
    (symbol?.declarations ?? [])
      .map((d) => declarationKey(locate(tsApi.getNameOfDeclaration(d) ?? d)))
      .filter((key) => wanted.has(key));
  /** Every wire-field declaration reachable from a value of this type. */
  const reachable = (type: ts.Type, seen = new Set<ts.Type>()): Set<string> => {
    const found = new Set<string>();
    const visit = (t: ts.Type): void => {
      if (seen.has(t)) return;
      seen.add(t);
      for (const part of t.isUnion() || t.isIntersection() ? t.types : [t]) {
        const element = checker.getIndexTypeOfType(part, tsApi.IndexKind.Number);
        if (element) visit(element);
        for (const property of checker.getPropertiesOfType(part)) {
          for (const key of declared(property)) found.add(key);
          // A property that is no wire field may still hold a value that has some (`{ order, attempt }`).
          const declaration = property.valueDeclaration;
          if (declaration) visit(checker.getTypeOfSymbolAtLocation(property, declaration));
        }
      }
    };
    visit(type);
    return found;
  };
  const record = (keys: readonly string[], at: ts.Node): void => {
    for (const key of keys) {
      let sites = reads.get(key);
      if (sites === undefined) reads.set(key, (sites = []));
      sites.push(locate(at));
    }
  };
  const isWrite = (node: ts.Node): boolean => {
    let child = node;
    let parent = node.parent;
    while (tsApi.isParenthesizedExpression(parent) || tsApi.isNonNullExpression(parent)) {
      child = parent;
      parent = parent.parent;
    }
    return (
      tsApi.isBinaryExpression(parent) &&
      parent.left === child &&
      parent.operatorToken.kind === tsApi.SyntaxKind.EqualsToken
    );
  };

  /**
   * How to name the callee of a call whose body is not among the consumer's files, or undefined when it is (its reads
   * are then seen where they are).
   */
  const calleeOutside = (call: ts.CallExpression | ts.NewExpression): string | undefined => {
    const name = call.expression.getText();
    const declaration = checker.getResolvedSignature(call)?.declaration;
    if (declaration === undefined) return `${name}, which the analysis cannot resolve`;
    const where = path.resolve(declaration.getSourceFile().fileName);
    if (consumerFiles.has(where)) return undefined;
    // A package's file is named from its node_modules folder on: the rest of the path says nothing to the reader.
    const marker = `node_modules${path.sep}`;
    const shown = where.includes(marker) ? where.slice(where.lastIndexOf(marker)) : displayPath(where, request.cwd);
    return `${name}, declared outside the consumer's files (${shown})`;
  };

  for (const file of program.getSourceFiles()) {
    if (!consumerFiles.has(path.resolve(file.fileName))) continue;
    const inDeclaringFile = path.resolve(file.fileName) === declaring;
    const walk = (node: ts.Node): void => {
      if (tsApi.isPropertyAccessExpression(node) && !isWrite(node)) {
        record(declared(checker.getSymbolAtLocation(node.name)), node.name);
      } else if (
        tsApi.isElementAccessExpression(node) &&
        tsApi.isStringLiteralLike(node.argumentExpression) &&
        !isWrite(node)
      ) {
        record(declared(checker.getSymbolAtLocation(node.argumentExpression)), node.argumentExpression);
      } else if (tsApi.isBindingElement(node) && tsApi.isObjectBindingPattern(node.parent)) {
        if (node.dotDotDotToken) {
          const keys = reachable(checker.getTypeAtLocation(node.parent));
          if (keys.size > 0) escapes.push({ what: 'object rest', location: locate(node), keys });
        } else {
          const name = node.propertyName ?? node.name;
          const property =
            tsApi.isIdentifier(name) || tsApi.isStringLiteralLike(name)
              ? checker.getPropertyOfType(checker.getTypeAtLocation(node.parent), name.text)
              : undefined;
          record(declared(property), name);
        }
      } else if (tsApi.isSpreadAssignment(node) || tsApi.isSpreadElement(node)) {
        const keys = reachable(checker.getTypeAtLocation(node.expression));
        if (keys.size > 0)
          escapes.push({ what: `spread of ${node.expression.getText()}`, location: locate(node), keys });
      } else if (
        tsApi.isCallExpression(node) &&
        node.expression.getText() === 'JSON.stringify' &&
        node.arguments[0] !== undefined
      ) {
        const keys = reachable(checker.getTypeAtLocation(node.arguments[0]));
        if (keys.size > 0)
          escapes.push({
            what: `${node.arguments[0].getText()} passed to JSON.stringify`,
            location: locate(node.arguments[0]),
            keys,
          });
      } else if (tsApi.isCallExpression(node) || tsApi.isNewExpression(node)) {
        // A value handed to a function the analysis cannot read (the standard library, a package, a file outside the
        // consumer's, or a callee whose type it could not resolve) may be read there or not: an escape, not "unread".
        const callee = calleeOutside(node);
        if (callee !== undefined) {
          for (const argument of node.arguments ?? []) {
            const keys = reachable(checker.getTypeAtLocation(argument));
            if (keys.size > 0)
              escapes.push({ what: `${argument.getText()} passed to ${callee}`, location: locate(argument), keys });
          }
        }
      } else if (
        !inDeclaringFile &&
        decodedAt === undefined &&
        tsApi.isTypeReferenceNode(node) &&
        node.typeName.getText() === request.typeName
      ) {
        decodedAt = locate(node);
      }
      tsApi.forEachChild(node, walk);
    };
    try {
      walk(file);
    } catch (error) {
      // The walk recurses per nesting level; hostile input can exhaust the stack.
      if (!(error instanceof RangeError)) throw error;
      throw tooDeep(file.fileName, error, request.cwd);
    }
  }

  const byDeclaration = fieldReads(request.fields, reads, (key) => escapes.find((e) => e.keys.has(key)));
  return { decodedAt, scope: "the consumer's files", byDeclaration, strict: request.strict };
}

/** A consumer file that nests code deeper than the compiler's or the walk's recursion can follow: refused at its place. */
function tooDeep(file: string, error: RangeError, cwd: string): WirepinError {
  const shown = displayPath(file, cwd);
  return new WirepinError(
    'E_UNSUPPORTED',
    `"${shown}" nests code too deeply for the read analysis (${error.message}).`,
    {
      location: { file: shown, line: 1, column: 1 },
      hint: 'Split the nested code, or turn the read analysis off for this consumer (--no-reads, or reads: off in wirepin.yaml).',
    },
  );
}
