import type { SourceLocation } from '../../errors.js';

/**
 * The Go declarations the extractor reasons about, as plain data copied out of
 * the tree-sitter tree (so no WASM object outlives the parse). `text` is always
 * the type exactly as written in the source.
 */
export type GoTypeExpr =
  | GoNamedType
  | GoQualifiedType
  | GoPointerType
  | GoSliceType
  | GoArrayType
  | GoMapType
  | GoStructType
  | GoInterfaceType
  | GoUnsupportedType;

/** A type name of this package, a predeclared type or a type parameter: `Foo`, `string`, `Page[Item]`. */
export interface GoNamedType {
  readonly kind: 'named';
  readonly name: string;
  readonly typeArgs: readonly GoTypeExpr[];
  readonly text: string;
  /** The file the name appears in (its dot imports decide what an unknown name may be). */
  readonly file: string;
}

/** A type of another package: `time.Time`, `json.RawMessage`. */
export interface GoQualifiedType {
  readonly kind: 'qualified';
  readonly packageName: string;
  /** The import path the package name refers to in its file, when the file imports it. */
  readonly importPath: string | undefined;
  readonly name: string;
  readonly typeArgs: readonly GoTypeExpr[];
  readonly text: string;
}

export interface GoPointerType {
  readonly kind: 'pointer';
  readonly elem: GoTypeExpr;
  readonly text: string;
}

export interface GoSliceType {
  readonly kind: 'slice';
  readonly elem: GoTypeExpr;
  readonly text: string;
}

export interface GoArrayType {
  readonly kind: 'array';
  /** The length when it is an integer literal; undefined for a constant expression. */
  readonly length: number | undefined;
  readonly elem: GoTypeExpr;
  readonly text: string;
}

export interface GoMapType {
  readonly kind: 'map';
  readonly key: GoTypeExpr;
  readonly value: GoTypeExpr;
  readonly text: string;
}

export interface GoStructType {
  readonly kind: 'struct';
  /** One entry per field name, in declaration order: `A, B string` gives two fields. */
  readonly fields: readonly GoStructField[];
  readonly text: string;
}

export interface GoInterfaceType {
  readonly kind: 'interface';
  readonly methods: readonly string[];
  /** Embedded interfaces and type-set terms. */
  readonly embeds: readonly GoTypeExpr[];
  readonly text: string;
}

/** Function and channel types, and syntax the extractor does not model (type-set unions). */
export interface GoUnsupportedType {
  readonly kind: 'unsupported';
  readonly what: string;
  readonly text: string;
}

export interface GoStructField {
  /** The Go field name; for an embedded field, the name of its type without package or `*`. */
  readonly name: string;
  readonly embedded: boolean;
  /** For an embedded `*T`, a pointer to T. */
  readonly type: GoTypeExpr;
  /** The tag's value after Go string unquoting; undefined when the field has no tag. */
  readonly tag: string | undefined;
  /** The field name identifier, or the type name for an embedded field. */
  readonly location: SourceLocation;
}

/** A package-level `type Name ...` (defined type) or `type Name = ...` (alias). */
export interface GoTypeDecl {
  readonly name: string;
  readonly alias: boolean;
  readonly typeParams: readonly string[];
  readonly type: GoTypeExpr;
  /** The name identifier of the type_spec. */
  readonly location: SourceLocation;
}

/** Whether a method is declared on the value (`func (T) M()`) or the pointer (`func (*T) M()`) receiver. */
export type GoReceiver = 'value' | 'pointer';
