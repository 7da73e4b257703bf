import path from 'node:path';
import type ts from 'typescript';
import { decodeUtf8 } from '../../contract/json-document.js';
import { isWirepinError } from '../../errors.js';
import { readBoundedSync } from '../../fs/bounded-read.js';
import { findRepositoryRoot, isInside, resolveReal } from '../../fs/confine.js';
import { displayPath } from '../../paths.js';

export interface ConfinedHostRequest {
  /** Where wirepin runs: its repository root bounds what the compiler may read, and messages show paths relative to it. */
  readonly cwd: string;
  /** The files the user named (the program's root files), absolute: always read, wherever they are. */
  readonly named: readonly string[];
  /** The size limit per file (default: src/fs's limit for every repository file). */
  readonly maxBytes?: number;
}

/** A compiler host that reads only what wirepin allows, and remembers what it did not read and why. */
export interface ConfinedHost {
  readonly host: ts.CompilerHost;
  /** Each file the compiler asked for and did not get (absolute path as the compiler named it) → why, in words. */
  readonly refused: ReadonlyMap<string, string>;
  /**
   * Why the type written at `node` does not resolve, when it names an import
   * whose module resolves to a file the host refused: the specifier, where it
   * pointed, and why that file was not read. Undefined otherwise.
   */
  readonly unresolvedWhy: (node: ts.Node | undefined, checker: ts.TypeChecker) => string | undefined;
}

/**
 * The TypeScript compiler reads every file a program imports through its
 * host. This host routes each of those reads through src/fs's bounded reader
 * (regular files only, checked on the opened descriptor; a size limit counted
 * while reading; a per-file timeout; strict UTF-8), and reads only files that
 * resolve, after symlinks, inside an allowed place:
 *
 * - the repository root of `cwd` (node_modules inside it included, bounded like
 *   any file);
 * - the files the user named, and the repository each of them sits in (a file
 *   named outside the working repository brings its own relative imports);
 * - the compiler's own lib directory (lib.es5.d.ts and the like).
 *
 * Anything else (a relative import climbing out, a symlink leading out, a
 * package in a node_modules above the repository) is not read: the compiler
 * sees no file there, the types it would have given do not resolve and become
 * opaque, and `unresolvedWhy` says where the import pointed. Only existence
 * checks (stat) and directory listings, which module resolution needs, go to
 * the file system directly; no file content is read outside these places.
 */
export function createConfinedHost(
  tsApi: typeof ts,
  options: ts.CompilerOptions,
  request: ConfinedHostRequest,
): ConfinedHost {
  const base = tsApi.createCompilerHost(options);
  const real = (file: string): string | undefined => {
    try {
      return resolveReal(path.resolve(request.cwd, file));
    } catch {
      return undefined;
    }
  };
  const libDirectory = real(path.dirname(tsApi.getDefaultLibFilePath(options)));
  const named = new Set(request.named.map((file) => real(file)).filter((file): file is string => file !== undefined));
  const roots = [findRepositoryRoot(request.cwd), ...[...named].map((file) => findRepositoryRoot(path.dirname(file)))];
  const refused = new Map<string, string>();

  /** The real path to read, or why this file may not be read. */
  const admit = (fileName: string): { readonly file: string } | { readonly why: string } => {
    const file = real(fileName);
    if (file === undefined) return { why: 'its path goes through a symlink loop' };
    if (
      named.has(file) ||
      (libDirectory !== undefined && isInside(libDirectory, file)) ||
      roots.some((root) => isInside(root, file))
    )
      return { file };
    return {
      why: `it resolves to ${file}, outside the repository; wirepin reads no source outside it unless the file is named on the command line`,
    };
  };
  const readText = (fileName: string): { readonly text: string } | { readonly why: string } => {
    const admitted = admit(fileName);
    if ('why' in admitted) return admitted;
    const shown = displayPath(fileName, request.cwd);
    try {
      const decoded = decodeUtf8(
        readBoundedSync(admitted.file, {
          what: 'TypeScript source',
          shown,
          ...(request.maxBytes === undefined ? {} : { maxBytes: request.maxBytes }),
        }),
      );
      if ('problem' in decoded) return { why: `it is not valid UTF-8 (${decoded.problem.message})` };
      return { text: decoded.text.startsWith('\ufeff') ? decoded.text.slice(1) : decoded.text };
    } catch (error) {
      if (isWirepinError(error)) return { why: error.message };
      throw error;
    }
  };

  const host: ts.CompilerHost = {
    ...base,
    readFile: (fileName) => {
      const read = readText(fileName);
      return 'text' in read ? read.text : undefined;
    },
    getSourceFile: (fileName, languageVersionOrOptions) => {
      const read = readText(fileName);
      if ('why' in read) {
        refused.set(path.resolve(request.cwd, fileName), read.why);
        return undefined;
      }
      return tsApi.createSourceFile(fileName, read.text, languageVersionOrOptions);
    },
  };

  const unresolvedWhy = (node: ts.Node | undefined, checker: ts.TypeChecker): string | undefined => {
    if (node === undefined || refused.size === 0) return undefined;
    const specifier = importSpecifierOf(tsApi, checker, node);
    if (specifier !== undefined) {
      const resolved = tsApi.resolveModuleName(specifier, node.getSourceFile().fileName, options, host).resolvedModule
        ?.resolvedFileName;
      const why = resolved === undefined ? undefined : refused.get(path.resolve(request.cwd, resolved));
      if (resolved !== undefined && why !== undefined)
        return `its import "${specifier}" points to ${displayPath(resolved, request.cwd)}, which wirepin did not read: ${why}`;
    }
    // A union, intersection, array or generic written around the reference: the first part that explains it.
    return tsApi.forEachChild(node, (child) => unresolvedWhy(child, checker));
  };

  return { host, refused, unresolvedWhy };
}

/** The module specifier a type reference's name was imported from (`import { T } from 'x'`, `import * as m`, `import('x').T`). */
function importSpecifierOf(tsApi: typeof ts, checker: ts.TypeChecker, node: ts.Node): string | undefined {
  if (tsApi.isImportTypeNode(node)) {
    const argument = node.argument;
    return tsApi.isLiteralTypeNode(argument) && tsApi.isStringLiteral(argument.literal)
      ? argument.literal.text
      : undefined;
  }
  let name: ts.EntityName | ts.Expression;
  if (tsApi.isTypeReferenceNode(node)) name = node.typeName;
  else if (tsApi.isExpressionWithTypeArguments(node)) name = node.expression;
  else return undefined;
  while (tsApi.isQualifiedName(name) || tsApi.isPropertyAccessExpression(name))
    name = tsApi.isQualifiedName(name) ? name.left : name.expression;
  for (const declaration of checker.getSymbolAtLocation(name)?.declarations ?? []) {
    let at: ts.Node | undefined = declaration;
    while (at !== undefined && !tsApi.isImportDeclaration(at)) at = at.parent;
    if (at !== undefined && tsApi.isStringLiteral(at.moduleSpecifier)) return at.moduleSpecifier.text;
  }
  return undefined;
}
