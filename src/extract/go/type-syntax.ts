import type { Node } from 'web-tree-sitter';
import { WirepinError } from '../../errors.js';
import type { SourceLocation } from '../../errors.js';
import type { GoStructField, GoTypeExpr } from './source-model.js';
import { unquoteGoString } from './struct-tag.js';

/** What a type expression needs from its file: the display path and the import table. */
export interface FileScope {
  /** The file path as reported in locations (relative to cwd, forward slashes). */
  readonly file: string;
  /** Package name as used in the file → import path. */
  readonly imports: ReadonlyMap<string, string>;
}

/** 1-based line and column of a node's start (columns in UTF-16 code units, as tree-sitter counts them for JS strings). */
export function locationOf(node: Node, file: string): SourceLocation {
  return { file, line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
}

/** Type expressions nested deeper than this ([][][]…, ***…, struct { struct { … } }) are refused, not recursed into. */
export const MAX_TYPE_NESTING = 64;

/** Raised past MAX_TYPE_NESTING; the nearest field or declaration that holds the type turns it into a WirepinError naming itself. */
class TypeNestingError extends Error {}

let nesting = 0;

/** Converts a tree-sitter Go type node into the plain GoTypeExpr model. */
export function convertType(node: Node, scope: FileScope): GoTypeExpr {
  if (nesting >= MAX_TYPE_NESTING) throw new TypeNestingError();
  nesting++;
  try {
    return convertTypeNode(node, scope);
  } finally {
    nesting--;
  }
}

function convertTypeNode(node: Node, scope: FileScope): GoTypeExpr {
  const text = node.text;
  switch (node.type) {
    case 'type_identifier':
      return { kind: 'named', name: text, typeArgs: [], text, file: scope.file };
    case 'qualified_type':
      return convertQualified(node, [], text, scope);
    case 'generic_type': {
      const base = requiredChild(node, 'type', scope);
      const typeArgs = convertTypeArguments(node.childForFieldName('type_arguments'), scope);
      if (base.type === 'qualified_type') return convertQualified(base, typeArgs, text, scope);
      if (base.type === 'type_identifier') return { kind: 'named', name: base.text, typeArgs, text, file: scope.file };
      return { kind: 'unsupported', what: base.type, text };
    }
    case 'pointer_type':
      return { kind: 'pointer', elem: convertType(firstNamed(node, scope), scope), text };
    case 'slice_type':
      return { kind: 'slice', elem: convertType(requiredChild(node, 'element', scope), scope), text };
    case 'array_type':
      return {
        kind: 'array',
        length: parseIntLiteral(requiredChild(node, 'length', scope)),
        elem: convertType(requiredChild(node, 'element', scope), scope),
        text,
      };
    case 'implicit_length_array_type':
      return {
        kind: 'array',
        length: undefined,
        elem: convertType(requiredChild(node, 'element', scope), scope),
        text,
      };
    case 'map_type':
      return {
        kind: 'map',
        key: convertType(requiredChild(node, 'key', scope), scope),
        value: convertType(requiredChild(node, 'value', scope), scope),
        text,
      };
    case 'struct_type':
      return { kind: 'struct', fields: convertFields(firstNamed(node, scope), scope), text };
    case 'interface_type':
      return convertInterface(node, text, scope);
    case 'parenthesized_type':
      return convertType(firstNamed(node, scope), scope);
    case 'function_type':
      return { kind: 'unsupported', what: 'func', text };
    case 'channel_type':
      return { kind: 'unsupported', what: 'chan', text };
    default:
      return { kind: 'unsupported', what: node.type, text };
  }
}

function convertQualified(node: Node, typeArgs: readonly GoTypeExpr[], text: string, scope: FileScope): GoTypeExpr {
  const packageName = requiredChild(node, 'package', scope).text;
  const name = requiredChild(node, 'name', scope).text;
  return { kind: 'qualified', packageName, importPath: scope.imports.get(packageName), name, typeArgs, text };
}

function convertTypeArguments(node: Node | null, scope: FileScope): GoTypeExpr[] {
  if (node === null) return [];
  return node.namedChildren.map((element) => convertTypeElement(element, scope));
}

/** A type_elem: one type, or a union of terms (`~int | string`), which only constraints use. */
function convertTypeElement(element: Node, scope: FileScope): GoTypeExpr {
  const terms = element.namedChildren;
  const only = terms[0];
  return terms.length === 1 && only !== undefined
    ? convertType(only, scope)
    : { kind: 'unsupported', what: 'type union', text: element.text };
}

function convertInterface(node: Node, text: string, scope: FileScope): GoTypeExpr {
  const methods: string[] = [];
  const embeds: GoTypeExpr[] = [];
  for (const element of node.namedChildren) {
    if (element.type === 'method_elem') {
      const name = element.childForFieldName('name');
      if (name !== null) methods.push(name.text);
    } else if (element.type === 'type_elem') {
      embeds.push(convertTypeElement(element, scope));
    }
  }
  return { kind: 'interface', methods, embeds, text };
}

/** A field's or a declaration's type; a type nested past the limit becomes an error naming the nearest field or type. */
export function convertNamedType(typeNode: Node, fieldName: string | undefined, scope: FileScope): GoTypeExpr {
  try {
    return convertType(typeNode, scope);
  } catch (error) {
    if (!(error instanceof TypeNestingError)) throw error;
    throw new WirepinError(
      'E_UNSUPPORTED',
      `The type of ${fieldName ? `"${fieldName}"` : 'an embedded field'} in "${scope.file}" nests deeper than ${MAX_TYPE_NESTING} levels.`,
      {
        location: locationOf(typeNode, scope.file),
        hint: 'Give the inner types names; wirepin does not follow type expressions this deep.',
      },
    );
  }
}

function convertFields(list: Node, scope: FileScope): GoStructField[] {
  const fields: GoStructField[] = [];
  for (const declaration of list.namedChildren) {
    if (declaration.type !== 'field_declaration') continue;
    const typeNode = requiredChild(declaration, 'type', scope);
    const tagNode = declaration.childForFieldName('tag');
    const tag = tagNode === null ? undefined : unquoteTag(tagNode, scope);
    const names = declaration.childrenForFieldName('name');
    const type = convertNamedType(typeNode, names[0]?.text, scope);
    if (names.length > 0) {
      for (const name of names) {
        fields.push({ name: name.text, embedded: false, type, tag, location: locationOf(name, scope.file) });
      }
      continue;
    }
    // An embedded field `T` or `*T`; tree-sitter-go puts the `*` as an anonymous token before the type.
    const pointer = declaration.children.some((child) => child.type === '*');
    fields.push({
      name: embeddedFieldName(type),
      embedded: true,
      type: pointer ? { kind: 'pointer', elem: type, text: `*${type.text}` } : type,
      tag,
      location: locationOf(typeNode, scope.file),
    });
  }
  return fields;
}

/** The implicit name of an embedded field: its type name without package qualifier, type arguments or `*`. */
function embeddedFieldName(type: GoTypeExpr): string {
  switch (type.kind) {
    case 'named':
    case 'qualified':
      return type.name;
    default:
      return type.text;
  }
}

function unquoteTag(node: Node, scope: FileScope): string {
  const unquoted = unquoteGoString(node.text);
  if (unquoted.ok) return unquoted.value;
  throw new WirepinError('E_PARSE', `Struct tag ${node.text} is not a valid Go string literal: ${unquoted.reason}.`, {
    location: locationOf(node, scope.file),
    hint: 'Fix the tag literal so that the Go compiler accepts it (run gofmt).',
  });
}

/** Go integer literal (decimal, 0x, 0o, 0b, legacy octal, with `_` separators); undefined for any other expression. */
function parseIntLiteral(node: Node): number | undefined {
  if (node.type !== 'int_literal') return undefined;
  const digits = node.text.replaceAll('_', '').toLowerCase();
  if (/^0x[0-9a-f]+$/.test(digits)) return Number.parseInt(digits.slice(2), 16);
  if (/^0o[0-7]+$/.test(digits)) return Number.parseInt(digits.slice(2), 8);
  if (/^0b[01]+$/.test(digits)) return Number.parseInt(digits.slice(2), 2);
  if (/^0[0-7]+$/.test(digits)) return Number.parseInt(digits.slice(1), 8);
  if (/^[0-9]+$/.test(digits)) return Number.parseInt(digits, 10);
  return undefined;
}

function requiredChild(node: Node, field: string, scope: FileScope): Node {
  const child = node.childForFieldName(field);
  if (child === null) throw malformed(node, scope);
  return child;
}

function firstNamed(node: Node, scope: FileScope): Node {
  const child = node.firstNamedChild;
  if (child === null) throw malformed(node, scope);
  return child;
}

function malformed(node: Node, scope: FileScope): WirepinError {
  return new WirepinError('E_PARSE', `Go ${node.type.replaceAll('_', ' ')} "${node.text}" is incomplete.`, {
    location: locationOf(node, scope.file),
    hint: 'Fix the Go syntax error (run gofmt).',
  });
}
