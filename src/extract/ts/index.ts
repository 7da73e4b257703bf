import path from 'node:path';
import type ts from 'typescript';
import { WirepinError, type SourceLocation } from '../../errors.js';
import { readSourceText } from '../source-text.js';
import type { ExtractResult, SourceGraph, WireType } from '../../wire.js';
import type { ExtractRequest, Extractor } from '../types.js';
import { createConfinedHost } from './confined-host.js';
import { loadTypeScript } from './load-compiler.js';
import { readShape, type ShapeContext } from './shape.js';
import { readGraph } from './graph.js';
import { displayPath } from '../../paths.js';
import { withArticle } from '../../wording.js';

/**
 * Reads the wire shape of a TypeScript interface, type alias or class with the
 * compiler's type checker, so `extends`, intersections, `Pick`/`Omit` and types
 * imported from other local files resolve as tsc resolves them.
 *
 * Integer convention: TypeScript has no integer type. A property is an integer on
 * the wire when its type is written as a reference named `integer`, `Integer` or
 * `int` (an alias of `number`, possibly imported or behind further aliases), or
 * when the property carries the JSDoc tag `@asType integer`. Any other number is
 * `number`.
 *
 * Only syntax errors in the file itself stop the extraction (E_PARSE). A file that
 * does not type-check is still read; a property whose type does not resolve
 * becomes opaque.
 */
export const tsExtractor: Extractor = {
  kind: 'ts',
  extract: (request) => withCompilerStack(request, extractTsFrom),
  extractGraph: (request) => withCompilerStack(request, extractTsGraphFrom),
};

/**
 * Options of the throwaway program: only the ES5 lib (≈200 ms instead of seconds
 * for the default libs, with the same answers for wire types) and no @types.
 */
const PROGRAM_OPTIONS: ts.CompilerOptions = {
  lib: ['lib.es5.d.ts'],
  types: [],
  noEmit: true,
  strict: true,
  skipLibCheck: true,
};

type RootDeclaration = ts.InterfaceDeclaration | ts.TypeAliasDeclaration | ts.ClassDeclaration;

async function withCompilerStack<T>(
  request: ExtractRequest,
  extract: (request: ExtractRequest, absolutePath: string, shownPath: string, cwd: string) => Promise<T>,
): Promise<T> {
  const cwd = request.cwd ?? process.cwd();
  const absolutePath = path.resolve(cwd, request.path);
  const shownPath = displayPath(absolutePath, cwd);
  try {
    return await extract(request, absolutePath, shownPath, cwd);
  } catch (error) {
    // The compiler recurses per nesting level; a hostile file can exhaust the stack inside it.
    if (error instanceof RangeError) {
      throw new WirepinError(
        'E_UNSUPPORTED',
        `"${shownPath}" nests types too deeply for the TypeScript compiler (${error.message}).`,
        {
          location: { file: shownPath, line: 1, column: 1 },
          hint: 'Give the inner object types names.',
        },
      );
    }
    throw error;
  }
}

/** The program, and the root type found and checked to be one a body can be: what both modes start from. */
interface LoadedRoot {
  readonly shapeContext: ShapeContext;
  readonly typeName: string;
  readonly shownPath: string;
  readonly rootType: ts.Type;
  readonly rootNode: ts.TypeNode | undefined;
  readonly rootLocation: SourceLocation;
}

async function loadRoot(
  request: ExtractRequest,
  absolutePath: string,
  shownPath: string,
  cwd: string,
): Promise<LoadedRoot> {
  // Strict UTF-8, like every source wirepin reads; the compiler re-reads the file itself.
  await readSourceText(absolutePath, shownPath, {
    what: 'TypeScript file',
    hint: 'Check the path; it is resolved against the working directory.',
  });
  const typeName = request.typeName;
  if (typeName === undefined || typeName === '') {
    throw new WirepinError('E_USAGE', `No type name given for "${shownPath}".`, {
      hint: 'Name the interface or type alias that describes the wire shape.',
    });
  }

  const tsApi = await loadTypeScript();
  // Every file the compiler reads goes through the confined, bounded host; imports leading out of the repository are not read.
  const confined = createConfinedHost(tsApi, PROGRAM_OPTIONS, { cwd, named: [absolutePath] });
  const program = tsApi.createProgram({ rootNames: [absolutePath], options: PROGRAM_OPTIONS, host: confined.host });
  const sourceFile = program.getSourceFile(absolutePath);
  if (sourceFile === undefined) {
    const why = confined.refused.get(absolutePath);
    throw new WirepinError(
      'E_READ',
      `The TypeScript compiler did not load "${shownPath}"${why === undefined ? '' : `: ${why}`}.`,
      {
        hint: 'Give a .ts, .mts, .cts or .d.ts file.',
      },
    );
  }

  const locate = (node: ts.Node): SourceLocation => {
    const file = node.getSourceFile();
    const position = file.getLineAndCharacterOfPosition(node.getStart(file));
    return { file: displayPath(file.fileName, cwd), line: position.line + 1, column: position.character + 1 };
  };

  const syntaxError = program.getSyntacticDiagnostics(sourceFile)[0];
  if (syntaxError !== undefined) {
    const position = sourceFile.getLineAndCharacterOfPosition(syntaxError.start ?? 0);
    const location: SourceLocation = { file: shownPath, line: position.line + 1, column: position.character + 1 };
    const text = tsApi.flattenDiagnosticMessageText(syntaxError.messageText, ' ');
    throw new WirepinError('E_PARSE', `TypeScript syntax error in "${shownPath}": ${text}`, {
      location,
      hint: 'Fix the syntax; wirepin reads files that do not type-check, but not files that do not parse.',
    });
  }

  const checker = program.getTypeChecker();
  const declaration = findRootDeclaration(tsApi, checker, sourceFile, typeName);
  if (declaration === undefined) {
    const names = declaredTypeNames(tsApi, checker, sourceFile);
    const found =
      names.length === 0
        ? 'It declares no interfaces, type aliases or classes.'
        : `Declared types: ${names.join(', ')}.`;
    throw new WirepinError('E_UNKNOWN_TYPE', `Type "${typeName}" is not declared in "${shownPath}". ${found}`, {
      hint: 'Pass the name of an interface, type alias or class that this file declares or exports.',
    });
  }

  const rootLocation = locate(declaration.name ?? declaration);
  const rootType = checker.getTypeAtLocation(declaration.name ?? declaration);
  const rootNode = tsApi.isTypeAliasDeclaration(declaration) ? declaration.type : undefined;
  // A root that may be null or undefined is not an object contract: JSON.stringify sends "null" or nothing at all.
  const emptyRoot = rootType.isUnion()
    ? rootType.types.filter(
        (member) => (member.flags & (tsApi.TypeFlags.Null | tsApi.TypeFlags.Undefined | tsApi.TypeFlags.Void)) !== 0,
      )
    : [];
  if (emptyRoot.length > 0) {
    const which = emptyRoot.map((member) => checker.typeToString(member)).join(' or ');
    throw new WirepinError(
      'E_UNSUPPORTED',
      `Type "${typeName}" in "${shownPath}" may be ${which}, and a body that may be ${which} is not an object contract.`,
      {
        location: rootLocation,
        hint: `Point wirepin at the object type itself, without "| ${which.replace(' or ', ' | ')}".`,
      },
    );
  }
  return {
    shapeContext: {
      ts: tsApi,
      program,
      checker,
      locate,
      unresolvedWhy: (node) => confined.unresolvedWhy(node, checker),
    },
    typeName,
    shownPath,
    rootType,
    rootNode,
    rootLocation,
  };
}

/** The root must be an object with named fields, in either mode. */
function requireObjectRoot(loaded: LoadedRoot, type: WireType): void {
  if (type.kind === 'object') return;
  const what = type.kind === 'opaque' ? `opaque (${type.reason})` : withArticle(type.kind);
  throw new WirepinError(
    'E_UNSUPPORTED',
    `Type "${loaded.typeName}" in "${loaded.shownPath}" is ${what}, not an object with named fields.`,
    {
      location: loaded.rootLocation,
      hint: 'Point wirepin at the object type that is sent on the wire.',
    },
  );
}

async function extractTsFrom(
  request: ExtractRequest,
  absolutePath: string,
  shownPath: string,
  cwd: string,
): Promise<ExtractResult> {
  const loaded = await loadRoot(request, absolutePath, shownPath, cwd);
  const shape = readShape(loaded.shapeContext, loaded.rootType, loaded.rootNode, loaded.rootLocation);
  requireObjectRoot(loaded, shape.type);
  return { root: { name: loaded.typeName, location: loaded.rootLocation }, fields: shape.fields, opaque: shape.opaque };
}

async function extractTsGraphFrom(
  request: ExtractRequest,
  absolutePath: string,
  shownPath: string,
  cwd: string,
): Promise<SourceGraph> {
  const loaded = await loadRoot(request, absolutePath, shownPath, cwd);
  return readGraph(loaded.shapeContext, {
    name: loaded.typeName,
    type: loaded.rootType,
    node: loaded.rootNode,
    location: loaded.rootLocation,
    checkRoot: (type) => requireObjectRoot(loaded, type),
  });
}
function isRootDeclaration(tsApi: typeof ts, node: ts.Node): node is RootDeclaration {
  return tsApi.isInterfaceDeclaration(node) || tsApi.isTypeAliasDeclaration(node) || tsApi.isClassDeclaration(node);
}

/** A type declared at the top of the file, or exported from it (`export type { X } from './x.js'`). */
function findRootDeclaration(
  tsApi: typeof ts,
  checker: ts.TypeChecker,
  sourceFile: ts.SourceFile,
  typeName: string,
): RootDeclaration | undefined {
  const local = sourceFile.statements.find(
    (statement): statement is RootDeclaration =>
      isRootDeclaration(tsApi, statement) && statement.name?.text === typeName,
  );
  if (local !== undefined) return local;
  const exported = moduleExports(checker, sourceFile).find((symbol) => symbol.getName() === typeName);
  if (exported === undefined) return undefined;
  const target = (exported.flags & tsApi.SymbolFlags.Alias) !== 0 ? checker.getAliasedSymbol(exported) : exported;
  return target.declarations?.find((declaration): declaration is RootDeclaration =>
    isRootDeclaration(tsApi, declaration),
  );
}

/** Names for the "not declared" message: local declarations first, then further exports, each once. */
function declaredTypeNames(tsApi: typeof ts, checker: ts.TypeChecker, sourceFile: ts.SourceFile): string[] {
  const names = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (isRootDeclaration(tsApi, statement) && statement.name !== undefined) names.add(statement.name.text);
  }
  for (const symbol of moduleExports(checker, sourceFile)) {
    const target = (symbol.flags & tsApi.SymbolFlags.Alias) !== 0 ? checker.getAliasedSymbol(symbol) : symbol;
    if (target.declarations?.some((declaration) => isRootDeclaration(tsApi, declaration)) === true)
      names.add(symbol.getName());
  }
  return [...names];
}

function moduleExports(checker: ts.TypeChecker, sourceFile: ts.SourceFile): ts.Symbol[] {
  const moduleSymbol = checker.getSymbolAtLocation(sourceFile);
  return moduleSymbol === undefined ? [] : checker.getExportsOfModule(moduleSymbol);
}
