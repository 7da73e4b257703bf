import canonicalize from 'canonicalize';
import { isJsonObject, member, type JsonValue } from '../contract/json-document.js';
import { joinPointer } from '../json-pointer.js';
import { compareText } from '../finding.js';

/** Where two JSON documents differ. `missing`: only the source has it; `extra`: only the mirror has it. */
export interface ValueDifference {
  /** JSON pointer into both documents. */
  readonly pointer: string;
  readonly kind: 'changed' | 'missing' | 'extra';
  readonly source: JsonValue | undefined;
  readonly mirror: JsonValue | undefined;
}

/** RFC 8785 canonical JSON of a value. Throws on what JCS refuses (a lone surrogate), as a plain Error. */
export function canonicalJson(value: JsonValue): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('the value has no JSON form');
  return text;
}

function sameValue(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * The pointers at which two documents differ under canonical JSON: objects are
 * compared member by member (key order never counts), arrays and scalars as a
 * whole. Deterministic: keys in code-unit order, the source's first.
 */
export function differingValues(source: JsonValue, mirror: JsonValue, pointer = ''): ValueDifference[] {
  if (isJsonObject(source) && isJsonObject(mirror)) {
    const out: ValueDifference[] = [];
    const keys = [...new Set([...Object.keys(source), ...Object.keys(mirror)])].sort(compareText);
    for (const key of keys) {
      const inSource = member(source, key);
      const inMirror = member(mirror, key);
      const at = joinPointer(pointer, key);
      if (inMirror === undefined) out.push({ pointer: at, kind: 'missing', source: inSource, mirror: undefined });
      else if (inSource === undefined) out.push({ pointer: at, kind: 'extra', source: undefined, mirror: inMirror });
      else out.push(...differingValues(inSource, inMirror, at));
    }
    return out;
  }
  return sameValue(source, mirror) ? [] : [{ pointer, kind: 'changed', source, mirror }];
}
