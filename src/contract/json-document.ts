import { createRequire } from 'node:module';
import type { AnyNode, DocumentNode, ValueNode } from '@humanwhocodes/momoa';
import { joinPointer, splitPointer } from '../json-pointer.js';
import { measureAcceptedJson, TextPositions, type NodePosition, type TextPosition } from './text-positions.js';

/**
 * Reads JSON text into a value plus a map from JSON pointer to position, and
 * refuses what JSON.parse would quietly accept or mangle: duplicate keys
 * (last one wins, hiding a field), raw control characters, runaway nesting.
 * Keys such as "__proto__" and "constructor" are ordinary names: objects
 * inherit nothing (an empty, frozen prototype), and momoa's reading sets
 * members with defineProperty.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export type { NodePosition, TextPosition };

export interface JsonDocument {
  readonly value: JsonValue;
  /** Position of every value (and member key) by JSON pointer (found in the text when asked for). */
  readonly positions: ReadonlyMap<string, NodePosition>;
}

export type JsonProblemKind = 'syntax' | 'empty' | 'duplicate-key' | 'control-character' | 'too-deep' | 'encoding';

export interface JsonProblem {
  readonly kind: JsonProblemKind;
  readonly message: string;
  readonly position: TextPosition;
  /** JSON pointer of the object holding the problem, for duplicate keys. */
  readonly pointer?: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

export type JsonReadResult =
  | { readonly ok: true; readonly document: JsonDocument; readonly problems: readonly JsonProblem[] }
  | { readonly ok: false; readonly problems: readonly JsonProblem[] };

/** Nesting beyond this is refused before parsing, so a hostile file cannot exhaust the stack. */
export const MAX_JSON_DEPTH = 128;

const START: TextPosition = { line: 1, column: 1, offset: 0 };

/**
 * Decodes bytes as strict UTF-8 (no silent U+FFFD). A leading BOM is kept in
 * the text: readers drop exactly one, so a second one is still an error.
 * Returns the problem when the bytes are not UTF-8.
 */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { problem: JsonProblem } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { text };
  } catch {
    const lossy = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    const at = firstInvalidUtf8Offset(bytes);
    const prefix = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, at));
    return {
      problem: {
        kind: 'encoding',
        message: `The file is not valid UTF-8 (bad byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} at byte ${at}). Save it as UTF-8.`,
        position: positionAt(prefix.replace(/^\uFEFF/, ''), prefix.replace(/^\uFEFF/, '').length),
        data: { byteOffset: at, decodedLength: lossy.length },
      },
    };
  }
}

/**
 * The offset of the first byte that does not belong to a well-formed UTF-8
 * sequence (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF).
 */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    // [sequence length, allowed range of the second byte]
    const [need, lo, hi] =
      b >= 0xc2 && b <= 0xdf
        ? [1, 0x80, 0xbf]
        : b === 0xe0
          ? [2, 0xa0, 0xbf]
          : b === 0xed
            ? [2, 0x80, 0x9f]
            : b >= 0xe1 && b <= 0xef
              ? [2, 0x80, 0xbf]
              : b === 0xf0
                ? [3, 0x90, 0xbf]
                : b === 0xf4
                  ? [3, 0x80, 0x8f]
                  : b >= 0xf1 && b <= 0xf3
                    ? [3, 0x80, 0xbf]
                    : [-1, 0, 0];
    if (need < 0) return i;
    const second = bytes[i + 1];
    if (second === undefined || second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return Math.max(0, bytes.length - 1);
}

export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) {
      line++;
      lineStart = i + 1;
    } else if (ch === 13) {
      if (text.charCodeAt(i + 1) !== 10) {
        line++;
        lineStart = i + 1;
      }
    }
  }
  return { line, column: offset - lineStart + 1, offset };
}

/** Finds the first place where brackets nest deeper than `limit`, skipping strings; -1 when none does. */
export function findExcessiveNesting(text: string, limit: number = MAX_JSON_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92) i++;
      else if (ch === 34) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 || ch === 91) {
      if (++depth > limit) return i;
    } else if (ch === 125 || ch === 93) depth--;
  }
  return -1;
}

interface MomoaSyntaxError {
  message: string;
  line?: number;
  column?: number;
  offset?: number;
}

export function readJson(rawText: string): JsonReadResult {
  const text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
  if (text.trim() === '') {
    return {
      ok: false,
      problems: [{ kind: 'empty', message: 'The file is empty; a JSON object was expected.', position: START }],
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const deep = findExcessiveNesting(text);
    return deep >= 0
      ? tooDeep(text, deep)
      : readWithMomoa(text, error instanceof Error ? error.message : String(error));
  }
  return readAccepted(text, parsed as JsonValue);
}

function tooDeep(text: string, offset: number): JsonReadResult {
  return {
    ok: false,
    problems: [
      {
        kind: 'too-deep',
        message: `JSON nests deeper than ${MAX_JSON_DEPTH} levels; wirepin refuses it rather than risk exhausting the stack.`,
        position: positionAt(text, offset),
      },
    ],
  };
}

/**
 * The slow path, for text JSON.parse rejects: momoa's parser gives the line,
 * column and wording of the syntax error, and its tree lets us find what
 * momoa tolerates but JSON does not (raw control characters).
 */
function readWithMomoa(text: string, nativeMessage: string): JsonReadResult {
  let ast: DocumentNode;
  try {
    ast = momoa().parse(text, { mode: 'json', ranges: true });
  } catch (error) {
    const e = error as MomoaSyntaxError;
    const offset = typeof e.offset === 'number' ? e.offset : 0;
    const position =
      typeof e.line === 'number' && typeof e.column === 'number'
        ? { line: e.line, column: e.column, offset }
        : positionAt(text, offset);
    const reason = readableSyntaxError(e.message);
    return {
      ok: false,
      problems: [
        { kind: 'syntax', message: `Invalid JSON: ${reason}. Fix the JSON syntax at this position.`, position },
      ],
    };
  }
  const problems: JsonProblem[] = [];
  const positions = new Map<string, NodePosition>();
  const value = evaluateNode(text, ast.body, '', positions, problems, undefined);
  if (problems.length === 0) {
    // JSON.parse refused the text for a reason momoa does not share: still refuse it, never pass it.
    problems.push({
      kind: 'syntax',
      message: `Invalid JSON: ${nativeMessage.replace(/\.+$/u, '')}. Fix the JSON syntax.`,
      position: START,
    });
  }
  return { ok: true, document: { value, positions }, problems };
}

const load = createRequire(import.meta.url);

let momoaModule: typeof import('@humanwhocodes/momoa') | undefined;

/** momoa is needed only for text JSON.parse rejects; load it then (its CommonJS build loads synchronously). */
function momoa(): typeof import('@humanwhocodes/momoa') {
  momoaModule ??= load('@humanwhocodes/momoa') as typeof import('@humanwhocodes/momoa');
  return momoaModule;
}

/**
 * The fast path, for text JSON.parse accepted: the value comes from JSON.parse,
 * and positions are found in the text when something asks for one
 * (TextPositions). Duplicate keys are told by counting: JSON.parse keeps one
 * member per key, so the text has more member keys than the value has own keys
 * exactly when some object repeats a key. Then momoa reads the text instead,
 * reporting each duplicate, and its reading (the first occurrence wins) is
 * where the positions point.
 */
function readAccepted(text: string, parsed: JsonValue): JsonReadResult {
  const measured = measureAcceptedJson(text, MAX_JSON_DEPTH);
  // Checked before anything recursive (the copy below, momoa) walks the value.
  if (measured.tooDeepAt >= 0) return tooDeep(text, measured.tooDeepAt);
  const counter = { keys: 0 };
  const value = withoutPrototypes(parsed, counter);
  if (measured.keys !== counter.keys) return readWithMomoa(text, 'duplicate keys');
  return { ok: true, document: { value, positions: new TextPositions(text) }, problems: [] };
}

/**
 * The prototype of every object a contract is read into: empty, frozen, and
 * itself without a prototype, so "constructor", "toString" or "__proto__" are
 * only ever own keys. (Objects made by `Object.create(null)` would do the same,
 * but V8 keeps those in its slow dictionary representation from the start; an
 * object made by a constructor gets the fast one, which every later pass over
 * a large contract feels.)
 */
const EMPTY_PROTOTYPE: object = Object.freeze(Object.create(null) as object);

/** Makes an empty object whose only properties will be its own. */
const JsonRecord = function JsonRecord(this: JsonObject) {} as unknown as new () => JsonObject;
(JsonRecord as unknown as { prototype: object }).prototype = EMPTY_PROTOTYPE;

/** An empty object for JSON members: no inherited properties, no __proto__ setter. */
export function emptyJsonObject(): JsonObject {
  return new JsonRecord();
}

/** Copies JSON.parse's output into objects without inherited properties, so "constructor" or "toString" are only ever own keys. */
function withoutPrototypes(value: JsonValue, counter?: { keys: number }): JsonValue {
  if (Array.isArray(value)) return value.map((item) => withoutPrototypes(item, counter));
  if (value === null || typeof value !== 'object') return value;
  const out = emptyJsonObject();
  // Nothing is inherited, so there is no __proto__ setter: assigning "__proto__" makes an own key like any other.
  const keys = Object.keys(value);
  if (counter) counter.keys += keys.length;
  for (const key of keys) out[key] = withoutPrototypes(value[key] as JsonValue, counter);
  return out;
}

/** momoa's token names, as a person would write them. */
const TOKEN_TEXT: Readonly<Record<string, string>> = {
  LBrace: '"{"',
  RBrace: '"}"',
  LBracket: '"["',
  RBracket: '"]"',
  Colon: '":"',
  Comma: '","',
  EOF: 'end of file',
  String: 'a string',
  Number: 'a number',
  Boolean: 'true or false',
  Null: 'null',
};

/** "Unexpected token RBrace found. (1:9)" -> 'Unexpected token "}" found' */
function readableSyntaxError(message: string): string {
  return message
    .replace(/\s*\(\d+:\d+\)\s*$/u, '')
    .replace(/\.+$/u, '')
    .replace(
      /\b(LBrace|RBrace|LBracket|RBracket|Colon|Comma|EOF|String|Number|Boolean|Null)\b/gu,
      (name) => TOKEN_TEXT[name] ?? name,
    );
}

function toPosition(node: AnyNode): TextPosition {
  return { line: node.loc.start.line, column: node.loc.start.column, offset: node.loc.start.offset };
}

function evaluateNode(
  text: string,
  node: ValueNode,
  pointer: string,
  positions: Map<string, NodePosition>,
  problems: JsonProblem[],
  key: TextPosition | undefined,
): JsonValue {
  positions.set(pointer, key ? { key, value: toPosition(node) } : { value: toPosition(node) });
  switch (node.type) {
    case 'Object': {
      const out = emptyJsonObject();
      const firstSeen = new Map<string, TextPosition>();
      for (const member of node.members) {
        const name = member.name.type === 'String' ? member.name.value : member.name.name;
        const keyPosition = toPosition(member.name);
        const earlier = firstSeen.get(name);
        if (earlier) {
          problems.push({
            kind: 'duplicate-key',
            message: `Key "${name}" appears twice in the same object (first at line ${earlier.line}); JSON parsers keep only the last one, which hides the first.`,
            position: keyPosition,
            pointer,
            data: { key: name, firstLine: earlier.line, firstColumn: earlier.column },
          });
          continue;
        }
        firstSeen.set(name, keyPosition);
        checkControlCharacters(text, member.name, problems);
        const child = evaluateNode(text, member.value, joinPointer(pointer, name), positions, problems, keyPosition);
        Object.defineProperty(out, name, { value: child, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'Array':
      return node.elements.map((element, index) =>
        evaluateNode(text, element.value, `${pointer}/${index}`, positions, problems, undefined),
      );
    case 'String':
      checkControlCharacters(text, node, problems);
      return node.value;
    case 'Number':
      return node.value;
    case 'Boolean':
      return node.value;
    case 'Null':
      return null;
    default:
      // JSON mode never produces NaN/Infinity/identifiers; keep the compiler honest.
      return null;
  }
}

/** JSON forbids raw U+0000..U+001F inside strings; momoa lets them through, JSON.parse does not. */
function checkControlCharacters(text: string, node: AnyNode, problems: JsonProblem[]): void {
  for (let i = node.loc.start.offset; i < node.loc.end.offset; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20) {
      const position = positionAt(text, i);
      problems.push({
        kind: 'control-character',
        message: `A string contains a raw control character U+${code.toString(16).padStart(4, '0').toUpperCase()}; escape it (e.g. \\n) or remove it.`,
        position,
      });
      return;
    }
  }
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own-property lookup: never reaches Object.prototype, whatever the key. */
export function member(object: JsonObject, key: string): JsonValue | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** The value at a JSON pointer, or undefined. Own properties only. */
export function valueAt(root: JsonValue, pointer: string): JsonValue | undefined {
  if (pointer === '') return root;
  let current: JsonValue | undefined = root;
  for (const segment of splitPointer(pointer)) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isJsonObject(current)) current = member(current, segment);
    else return undefined;
  }
  return current;
}
