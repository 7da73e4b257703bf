import type ts from 'typescript';

/**
 * Reading the type as written, next to the checker's resolved type. The checker
 * erases `type integer = number` to `number`, so the integer convention can only
 * be seen in the syntax: a type reference named `integer`, `Integer` or `int`
 * (directly, or through non-generic aliases such as `type Count = integer`), or
 * a JSDoc tag `@asType integer` on the property.
 */

/** Type names that mean "a number the producer only ever sends as a whole number". */
const INTEGER_TYPE_NAMES: ReadonlySet<string> = new Set(['integer', 'Integer', 'int']);

/** Alias chains longer than this are not followed (they would only be cycles in broken code). */
const MAX_ALIAS_HOPS = 16;

export interface TypeNodeReader {
  /** True when `node` (a number type as written) follows the integer convention. */
  isIntegerNode(node: ts.TypeNode | undefined): boolean;
  /** The element type node of `T[]`, `readonly T[]`, `Array<T>`, `ReadonlyArray<T>` (through aliases and `| null`). */
  elementNode(node: ts.TypeNode | undefined): ts.TypeNode | undefined;
  /** The value type node of `Record<K, T>` or `{ [k: string]: T }` (through aliases and `| null`). */
  mapValueNode(node: ts.TypeNode | undefined): ts.TypeNode | undefined;
}

/** True when the property carries the JSDoc tag `@asType integer`. */
export function hasIntegerTag(tsApi: typeof ts, declaration: ts.Node): boolean {
  return tsApi
    .getJSDocTags(declaration)
    .some((tag) => tag.tagName.text === 'asType' && tsApi.getTextOfJSDocComment(tag.comment)?.trim() === 'integer');
}

export function createTypeNodeReader(tsApi: typeof ts, checker: ts.TypeChecker): TypeNodeReader {
  function peel(node: ts.TypeNode): ts.TypeNode {
    let current = node;
    while (tsApi.isParenthesizedTypeNode(current)) current = current.type;
    return current;
  }

  function referenceName(node: ts.TypeReferenceNode): string {
    return tsApi.isIdentifier(node.typeName) ? node.typeName.text : node.typeName.right.text;
  }

  /** The type node a non-generic alias stands for, or undefined. Imported aliases are followed. */
  function aliasTarget(node: ts.TypeReferenceNode): ts.TypeNode | undefined {
    if (node.typeArguments !== undefined) return undefined;
    let symbol = checker.getSymbolAtLocation(node.typeName);
    if (symbol === undefined) return undefined;
    if ((symbol.flags & tsApi.SymbolFlags.Alias) !== 0) symbol = checker.getAliasedSymbol(symbol);
    const declaration = symbol.declarations?.find(tsApi.isTypeAliasDeclaration);
    if (declaration === undefined || declaration.typeParameters !== undefined) return undefined;
    return declaration.type;
  }

  /** Drops `null`, `undefined` and `void` members of a union as written; returns the single rest or the node itself. */
  function withoutNullish(node: ts.TypeNode): ts.TypeNode {
    if (!tsApi.isUnionTypeNode(node)) return node;
    const rest = node.types.filter((member) => !isNullishNode(peel(member)));
    // Nested unions, `(integer | null) | undefined`, peel down level by level.
    return rest.length === 1 && rest[0] !== undefined ? withoutNullish(peel(rest[0])) : node;
  }

  function isNullishNode(node: ts.TypeNode): boolean {
    if (node.kind === tsApi.SyntaxKind.UndefinedKeyword || node.kind === tsApi.SyntaxKind.VoidKeyword) return true;
    return tsApi.isLiteralTypeNode(node) && node.literal.kind === tsApi.SyntaxKind.NullKeyword;
  }

  /** Follows parentheses, `| null` and non-generic aliases down to the structural node. */
  function expand(node: ts.TypeNode): ts.TypeNode {
    let current = withoutNullish(peel(node));
    for (let hop = 0; hop < MAX_ALIAS_HOPS && tsApi.isTypeReferenceNode(current); hop++) {
      const target = aliasTarget(current);
      if (target === undefined) break;
      current = withoutNullish(peel(target));
    }
    return current;
  }

  return {
    isIntegerNode(node) {
      let current = node === undefined ? undefined : withoutNullish(peel(node));
      for (let hop = 0; current !== undefined && hop < MAX_ALIAS_HOPS; hop++) {
        if (!tsApi.isTypeReferenceNode(current)) return false;
        if (INTEGER_TYPE_NAMES.has(referenceName(current))) return true;
        const target = aliasTarget(current);
        current = target === undefined ? undefined : withoutNullish(peel(target));
      }
      return false;
    },

    elementNode(node) {
      if (node === undefined) return undefined;
      let current = expand(node);
      if (tsApi.isTypeOperatorNode(current) && current.operator === tsApi.SyntaxKind.ReadonlyKeyword) {
        current = expand(current.type);
      }
      if (tsApi.isArrayTypeNode(current)) return current.elementType;
      if (tsApi.isTypeReferenceNode(current) && current.typeArguments?.length === 1) {
        const name = referenceName(current);
        if (name === 'Array' || name === 'ReadonlyArray') return current.typeArguments[0];
      }
      return undefined;
    },

    mapValueNode(node) {
      if (node === undefined) return undefined;
      const current = expand(node);
      if (
        tsApi.isTypeReferenceNode(current) &&
        referenceName(current) === 'Record' &&
        current.typeArguments?.length === 2
      ) {
        return current.typeArguments[1];
      }
      if (tsApi.isTypeLiteralNode(current) && current.members.length === 1) {
        const member = current.members[0];
        if (member !== undefined && tsApi.isIndexSignatureDeclaration(member)) return member.type;
      }
      return undefined;
    },
  };
}
