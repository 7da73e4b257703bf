import type { SourceLocation } from './errors.js';

/**
 * The JSON type a field has on the wire, as the JSON encoder of the source
 * language produces it. `nullable` says the value may travel as JSON null
 * (a nil Go pointer, map or slice that is not omitted; a TS `| null`).
 */
export type WireType =
  | {
      readonly kind: 'string' | 'integer' | 'number' | 'boolean' | 'any' | 'null';
      readonly nullable: boolean;
      /** Decoding side only: the values the receiving integer type can hold (Go's int8 … uint64). */
      readonly range?: IntegerRange;
    }
  /**
   * An object with named fields; its fields are separate WireFields below its pointer. In a contract,
   * `ref` names the root `$defs` entry that holds them instead (`"$ref": "#/$defs/Name"`).
   */
  | { readonly kind: 'object'; readonly nullable: boolean; readonly ref?: string }
  /** A JSON object used as a map: string keys, every value of one type. */
  | { readonly kind: 'map'; readonly values: WireType; readonly nullable: boolean }
  | {
      readonly kind: 'array';
      readonly items: WireType;
      readonly nullable: boolean;
      /** Decoding side only: a fixed-size Go array [N]T keeps exactly N items (extra ones dropped, missing ones zero). */
      readonly length?: number;
    }
  /** A type the extractor could not see into (another package, a custom marshaller). */
  | { readonly kind: 'opaque'; readonly nullable: boolean; readonly reason: string };

/** The integers a receiving type can hold, inclusive, as decimal strings (exact beyond 2^53). */
export interface IntegerRange {
  readonly min: string;
  readonly max: string;
  /** The receiving type, for messages: "int8", "uint". */
  readonly typeName: string;
}

/**
 * One field of a wire object as a producer sends it or a consumer decodes it.
 * `pointer` is a JSON pointer into the payload ("/display/mode"); fields of
 * objects inside arrays or map values use the segment "*" ("/items/*\/name").
 */
export interface WireField {
  readonly pointer: string;
  readonly jsonName: string;
  readonly type: WireType;
  /**
   * True when the producer always sends the field (Go: no omitempty/omitzero,
   * or a struct value, which encoding/json never omits; TS: no `?`).
   */
  readonly required: boolean;
  /**
   * Set when the source cannot tell whether the field is always sent (Go:
   * omitempty on a type wirepin cannot see, which may be a struct encoding/json
   * never omits): why, in words. `required` is then false and decides nothing;
   * no guard compares it and drafts must not read it as optional.
   */
  readonly requiredUnknown?: string;
  /** The declaration in the source: the struct field, the TS property, the JSON sample key. */
  readonly location: SourceLocation;
  /** The type as spelled in the source, for messages ("map[string][]byte", "string[]"). */
  readonly sourceType: string;
}

/** A place the extractor could not resolve and refuses to guess about. */
export interface OpaqueRef {
  readonly pointer: string;
  readonly typeName: string;
  readonly reason: string;
  readonly location: SourceLocation;
}

export interface ExtractResult {
  /** Where the root type is declared. */
  readonly root: { readonly name: string; readonly location: SourceLocation };
  /** Sorted by source order of declaration, parents before children. */
  readonly fields: readonly WireField[];
  readonly opaque: readonly OpaqueRef[];
  /** What the extractor left out and why, one sentence each (a skipped symlink); shown with the report. */
  readonly notes?: readonly string[];
}

/**
 * One named type of a source graph: its wire fields listed once, with
 * pointers relative to the type ("/name", "/children/*\/id" for an anonymous
 * struct in place), and where another named type continues below a field.
 */
export interface SourceTypeFields {
  /** The type's identity ("Node", "Page[Item]", "example.com/m/pkg.Owner"), also how messages name it. */
  readonly name: string;
  readonly location: SourceLocation;
  readonly fields: readonly WireField[];
  readonly opaque: readonly OpaqueRef[];
  /** Relative pointer of the object ("/owner", "/children/*") → the identity of the named type whose fields it holds. */
  readonly links: ReadonlyMap<string, string>;
}

/**
 * The wire shape as a graph of named types (Go's graph mode): each type's
 * fields once, however many paths reach it, so a densely linked or recursive
 * type costs what its declarations cost. Compared with a contract's `$defs`.
 */
export interface SourceGraph {
  readonly root: { readonly name: string; readonly location: SourceLocation };
  /** The identity of the root type in `types`. */
  readonly rootType: string;
  readonly types: ReadonlyMap<string, SourceTypeFields>;
  readonly notes?: readonly string[];
}

/** The source kinds wirepin reads a wire shape from. */
export type SourceKind = 'go' | 'ts' | 'json';

/**
 * What a static read analysis of the consumer's code found for one source
 * field: read (with every place it is read), never read, or not provable
 * because a value holding it escaped where the analysis cannot follow.
 */
export type FieldReads =
  | { readonly status: 'read'; readonly sites: readonly SourceLocation[] }
  | { readonly status: 'unread' }
  | { readonly status: 'unprovable'; readonly escape: ReadEscape };

/** Where a value left the analysis: "passed to fmt.Printf", "stored in an interface{}", "address taken". */
export interface ReadEscape {
  readonly what: string;
  readonly location: SourceLocation;
}

/**
 * The read analysis of one consumer: where the root value is decoded, and
 * per declared field what was found. A verdict belongs to the declaration (a
 * field of a struct type or interface), not to a payload path: a shared type
 * reached along many paths has one verdict per field, found once.
 */
export interface ReadEvidence {
  /** The first place the root type is decoded into (json.Unmarshal, Decoder.Decode, JSON.parse); undefined when none was found. */
  readonly decodedAt: SourceLocation | undefined;
  /** "the package" (Go) or "the consumer's files" (TypeScript), for messages. */
  readonly scope: string;
  /** By the field's declaration, `declarationKey(WireField.location)`. */
  readonly byDeclaration: ReadonlyMap<string, FieldReads>;
  /** Strict mode: an unprovable field is an error, not a warning. */
  readonly strict: boolean;
}

/**
 * A field's declaration as a map key, `file:line:column` (1-based): how the
 * read analyses tie what they found to a wire field, and how the consumes
 * rules look a pair's verdict up, whatever path reached the field.
 */
export function declarationKey(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}
