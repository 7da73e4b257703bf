import type { GoStructField } from './source-model.js';
import type { ResolvedStruct, ResolvedType, TypeEnv, TypeResolver } from './resolve-type.js';
import { isExportedGoName, isValidJsonTagName, lookupStructTag, parseJsonTag } from './struct-tag.js';
import type { FieldEncoding } from './wire-type.js';

/** One field of a struct's JSON object, as encoding/json's typeFields lists it. */
export interface JsonField {
  readonly name: string;
  /** The name came from the json tag (it wins conflicts at equal depth). */
  readonly tagged: boolean;
  /** Field index sequence through embedded structs; its length is the depth. */
  readonly index: readonly number[];
  readonly field: GoStructField;
  /** Type-parameter bindings of the struct that declares the field. */
  readonly env: TypeEnv;
  readonly encoding: FieldEncoding;
  /** Promoted through an embedded pointer: encoding/json skips the field while that pointer is nil. */
  readonly behindEmbeddedPointer: boolean;
  /**
   * Promoted through an embedded pointer to an unexported struct type (the
   * spelling, e.g. `*inner`): decode.go's object cannot allocate it, so
   * json.Unmarshal fails with "json: cannot set embedded pointer to
   * unexported struct" whenever the body carries the field.
   */
  readonly behindUnexportedEmbeddedPointer: string | undefined;
}

/** An embedded type wirepin cannot read: its fields and methods may change the whole encoding. */
export interface UnresolvedEmbed {
  readonly field: GoStructField;
  readonly typeName: string;
  readonly reason: string;
}

export interface StructFields {
  readonly fields: readonly JsonField[];
  readonly unresolvedEmbeds: readonly UnresolvedEmbed[];
}

interface Candidate {
  readonly struct: ResolvedStruct;
  readonly identity: string;
  readonly index: readonly number[];
  readonly behindEmbeddedPointer: boolean;
  readonly behindUnexportedEmbeddedPointer: string | undefined;
}

/**
 * encoding/json's typeFields: a breadth-first walk over the struct and the
 * structs embedded in it, followed by the Go rules for hidden fields.
 */
export function jsonFieldsOf(root: ResolvedStruct, resolver: TypeResolver): StructFields {
  const found: JsonField[] = [];
  const unresolvedEmbeds: UnresolvedEmbed[] = [];
  const visited = new Set<string>();
  let next: Candidate[] = [
    {
      struct: root,
      identity: root.defined?.identity ?? root.expr.text,
      index: [],
      behindEmbeddedPointer: false,
      behindUnexportedEmbeddedPointer: undefined,
    },
  ];
  let nextCount = new Map<string, number>();
  while (next.length > 0) {
    const current = next;
    const count = nextCount;
    next = [];
    nextCount = new Map();
    for (const candidate of current) {
      // typeFields: each struct type is explored once, at the shallowest depth it is embedded.
      if (visited.has(candidate.identity)) continue;
      visited.add(candidate.identity);
      candidate.struct.expr.fields.forEach((field, i) => {
        const env = candidate.struct.env;
        const declared = resolver.resolve({ expr: field.type, env });
        // typeFields follows an unnamed pointer once: `*T` is looked at as T.
        const target =
          declared.kind === 'pointer' && declared.defined === undefined
            ? resolver.resolve({ expr: declared.expr.elem, env })
            : declared;
        if (field.embedded) {
          if (target.kind === 'unresolved') {
            unresolvedEmbeds.push({
              field,
              typeName: target.typeName,
              reason: `embedded ${field.type.text} cannot be resolved (${target.reason}); its fields and methods may change the whole encoding`,
            });
          }
          // typeFields: an embedded field of an unexported non-struct type is ignored.
          if (!isExportedGoName(field.name) && !isStructKind(target)) return;
          // An embedded unexported struct is kept: its exported fields are promoted.
        } else if (!isExportedGoName(field.name)) {
          // typeFields: unexported fields are ignored, even when tagged.
          return;
        }
        const tagValue = field.tag === undefined ? '' : (lookupStructTag(field.tag, 'json') ?? '');
        // json:"-" skips the field (json:"-," names it "-").
        if (tagValue === '-') return;
        const tag = parseJsonTag(tagValue);
        // isValidTag: an empty or invalid tag name falls back to the Go field name.
        const tagName = isValidJsonTagName(tag.name) ? tag.name : '';
        const index = [...candidate.index, i];
        // The ,string option only applies to bool, integer, float and string kinds.
        const quoted = tag.asString && isQuotableKind(target);
        const encoding: FieldEncoding = { omitEmpty: tag.omitEmpty, omitZero: tag.omitZero, quoted };
        if (tagName !== '' || !field.embedded || !isStructKind(target)) {
          // An embedded type of unknown kind without a tag name: promoted fields or a field, wirepin cannot tell.
          if (field.embedded && tagName === '' && target.kind === 'unresolved') return;
          const record: JsonField = {
            name: tagName !== '' ? tagName : field.name,
            tagged: tagName !== '',
            index,
            field,
            env,
            encoding,
            behindEmbeddedPointer: candidate.behindEmbeddedPointer,
            behindUnexportedEmbeddedPointer: candidate.behindUnexportedEmbeddedPointer,
          };
          found.push(record);
          // typeFields: a struct type embedded more than once at one depth gets its fields twice, so they annihilate.
          if ((count.get(candidate.identity) ?? 0) > 1) found.push(record);
          return;
        }
        // An embedded struct without a tag name: its fields are promoted at the next depth.
        if (target.kind !== 'struct') return;
        const identity = target.defined?.identity ?? target.expr.text;
        const seen = (nextCount.get(identity) ?? 0) + 1;
        nextCount.set(identity, seen);
        if (seen === 1) {
          next.push({
            struct: target,
            identity,
            index,
            behindEmbeddedPointer: candidate.behindEmbeddedPointer || field.type.kind === 'pointer',
            behindUnexportedEmbeddedPointer:
              candidate.behindUnexportedEmbeddedPointer ??
              (field.type.kind === 'pointer' && !isExportedGoName(field.name) ? field.type.text : undefined),
          });
        }
      });
    }
  }
  return { fields: dominantFields(found), unresolvedEmbeds };
}

/**
 * Go's rules for hidden fields, as encoding/json applies them: per JSON name,
 * the fields at minimum depth; one left wins; else the single tagged one wins;
 * else all are dropped. The survivors are ordered by index sequence.
 */
function dominantFields(fields: readonly JsonField[]): JsonField[] {
  const sorted = [...fields].sort(
    (a, b) =>
      compareStrings(a.name, b.name) ||
      a.index.length - b.index.length ||
      Number(b.tagged) - Number(a.tagged) ||
      compareIndex(a.index, b.index),
  );
  const out: JsonField[] = [];
  for (let i = 0; i < sorted.length;) {
    const first = sorted[i] as JsonField;
    let end = i + 1;
    while (end < sorted.length && (sorted[end] as JsonField).name === first.name) end++;
    const second = end - i > 1 ? sorted[i + 1] : undefined;
    // dominantField: two fields at the same depth with the same taggedness cancel each other.
    if (second === undefined || second.index.length !== first.index.length || second.tagged !== first.tagged)
      out.push(first);
    i = end;
  }
  // byIndex: encoding/json writes fields in field index order.
  return out.sort((a, b) => compareIndex(a.index, b.index));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareIndex(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < a.length && k < b.length; k++) {
    const diff = (a[k] as number) - (b[k] as number);
    if (diff !== 0) return diff;
  }
  return a.length - b.length;
}

function isStructKind(type: ResolvedType): boolean {
  return type.kind === 'struct' || (type.kind === 'known' && type.known === 'time.Time');
}

function isQuotableKind(type: ResolvedType): boolean {
  if (type.kind === 'basic') return type.basic !== 'complex';
  return type.kind === 'known' && (type.known === 'time.Duration' || type.known === 'encoding/json.Number');
}
