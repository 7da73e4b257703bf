import { createRequire } from 'node:module';
import { escapeSegment, splitPointer } from './json-pointer.js';

/** 1-based line and column (UTF-16 code units), 0-based offset. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

export interface NodePosition {
  /** Where the member's key starts, for object members. */
  readonly key?: TextPosition;
  /** Where the value starts. */
  readonly value: TextPosition;
}

/**
 * Where things are in JSON text that JSON.parse accepted and that repeats no
 * key. Most runs look up no position at all (a clean contract has no findings)
 * or a handful (a diff places each change), so nothing is scanned up front:
 * `get` and `has` find one pointer by walking down its path and stepping over
 * every sibling value without reading it. Iterating, `size`, or many lookups
 * build the whole map once with jsonc-parser's scanner, which is what every
 * lookup then reads. Both ways give the same answer
 * (test/property/text-positions.test.ts holds them equal on random JSON).
 */
export class TextPositions implements ReadonlyMap<string, NodePosition> {
  readonly #text: string;
  readonly #found = new Map<string, NodePosition | undefined>();
  #all: Map<string, NodePosition> | undefined;
  #lineStarts: number[] | undefined;

  /** After this many different pointers, scanning everything once is cheaper than walking to each. */
  static readonly WALKS_BEFORE_SCAN = 64;

  constructor(text: string) {
    this.#text = text;
  }

  get(pointer: string): NodePosition | undefined {
    if (this.#all) return this.#all.get(pointer);
    if (this.#found.has(pointer)) return this.#found.get(pointer);
    if (this.#found.size >= TextPositions.WALKS_BEFORE_SCAN) return this.#scanned().get(pointer);
    const position = this.#walkTo(pointer);
    this.#found.set(pointer, position);
    return position;
  }

  has(pointer: string): boolean {
    return this.get(pointer) !== undefined;
  }

  get size(): number {
    return this.#scanned().size;
  }

  entries(): MapIterator<[string, NodePosition]> {
    return this.#scanned().entries();
  }

  keys(): MapIterator<string> {
    return this.#scanned().keys();
  }

  values(): MapIterator<NodePosition> {
    return this.#scanned().values();
  }

  [Symbol.iterator](): MapIterator<[string, NodePosition]> {
    return this.#scanned()[Symbol.iterator]();
  }

  forEach(callback: (value: NodePosition, key: string, map: ReadonlyMap<string, NodePosition>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.#scanned()) callback.call(thisArg, value, key, this);
  }

  #scanned(): Map<string, NodePosition> {
    this.#all ??= scanPositions(this.#text);
    return this.#all;
  }

  /** Line and column of an offset, from the start of every line (found once). */
  #at(offset: number): TextPosition {
    const starts = (this.#lineStarts ??= lineStarts(this.#text));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (starts[low] as number) + 1, offset };
  }

  /** Follows the pointer's segments down from the root; undefined when it leads nowhere. */
  #walkTo(pointer: string): NodePosition | undefined {
    const text = this.#text;
    let at = skipWhitespace(text, 0);
    let keyAt = -1;
    for (const segment of splitPointer(pointer)) {
      const open = text.charCodeAt(at);
      keyAt = -1;
      if (open === OPEN_BRACE) {
        at = skipWhitespace(text, at + 1);
        for (;;) {
          if (text.charCodeAt(at) !== QUOTE) return undefined;
          const keyEnd = endOfString(text, at);
          const valueAt = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1);
          if (keyText(text, at, keyEnd) === segment) {
            keyAt = at;
            at = valueAt;
            break;
          }
          at = skipWhitespace(text, endOfValue(text, valueAt));
          if (text.charCodeAt(at) !== COMMA) return undefined;
          at = skipWhitespace(text, at + 1);
        }
      } else if (open === OPEN_BRACKET) {
        if (!ARRAY_INDEX.test(segment)) return undefined;
        at = skipWhitespace(text, at + 1);
        if (text.charCodeAt(at) === CLOSE_BRACKET) return undefined;
        for (let index = Number(segment); index > 0; index--) {
          at = skipWhitespace(text, endOfValue(text, at));
          if (text.charCodeAt(at) !== COMMA) return undefined;
          at = skipWhitespace(text, at + 1);
        }
      } else {
        return undefined;
      }
    }
    return keyAt >= 0 ? { key: this.#at(keyAt), value: this.#at(at) } : { value: this.#at(at) };
  }
}

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
/** How jsonc-parser (and so every position wirepin reports) spells an array element's pointer segment. */
const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/u;

function isWhitespace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

function skipWhitespace(text: string, from: number): number {
  let at = from;
  while (at < text.length && isWhitespace(text.charCodeAt(at))) at++;
  return at;
}

/** The offset just after the string that opens at `from` (a quote). */
function endOfString(text: string, from: number): number {
  let at = from + 1;
  for (;;) {
    const code = text.charCodeAt(at);
    if (code === BACKSLASH) at += 2;
    else if (code === QUOTE || Number.isNaN(code)) return at + 1;
    else at++;
  }
}

/** A member key's text as JSON.parse reads it. */
function keyText(text: string, from: number, end: number): string {
  const raw = text.slice(from, end);
  return raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
}

/** The offset just after the value that starts at `from`. */
function endOfValue(text: string, from: number): number {
  const first = text.charCodeAt(from);
  if (first === QUOTE) return endOfString(text, from);
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0;
    let at = from;
    while (at < text.length) {
      const code = text.charCodeAt(at);
      if (code === QUOTE) {
        at = endOfString(text, at);
        continue;
      }
      if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
      else if ((code === CLOSE_BRACE || code === CLOSE_BRACKET) && --depth === 0) return at + 1;
      at++;
    }
    return at;
  }
  // A number, true, false or null: up to the next delimiter.
  let at = from;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || isWhitespace(code)) break;
    at++;
  }
  return at;
}

/** The offset where each line starts; CRLF, CR and LF each end a line (as jsonc-parser counts them). */
function lineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    // The common case, LF only: let indexOf find each one.
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
    return starts;
  }
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 10) starts.push(at + 1);
    else if (code === 13) {
      if (text.charCodeAt(at + 1) === 10) at++;
      starts.push(at + 1);
    }
  }
  return starts;
}

type CreateScanner = (typeof import('jsonc-parser'))['createScanner'];
let createScanner: CreateScanner | undefined;

/** jsonc-parser's scanner module alone (the package entry also loads its parser, formatter and editor), when first needed. */
function scannerFor(text: string): ReturnType<CreateScanner> {
  createScanner ??= (createRequire(import.meta.url)('jsonc-parser/lib/umd/impl/scanner.js') as { createScanner: CreateScanner }).createScanner;
  return createScanner(text, true);
}

// jsonc-parser's SyntaxKind values (a const enum, which isolated modules cannot import).
const KIND_OPEN_BRACE = 1;
const KIND_CLOSE_BRACE = 2;
const KIND_OPEN_BRACKET = 3;
const KIND_CLOSE_BRACKET = 4;
const KIND_COMMA = 5;
const KIND_COLON = 6;
const KIND_EOF = 17;

interface PositionFrame {
  readonly array: boolean;
  readonly pointer: string;
  /** Array: index of the next element. */
  index: number;
  /** Object: the member key waiting for its value, and where it is. */
  key: string | undefined;
  keyPosition: TextPosition | undefined;
}

/** One pass of jsonc-parser's scanner over accepted JSON: the position of every value and member key. */
export function scanPositions(text: string): Map<string, NodePosition> {
  const positions = new Map<string, NodePosition>();
  const scanner = scannerFor(text);
  const stack: PositionFrame[] = [];
  for (let kind = scanner.scan(); kind !== KIND_EOF; kind = scanner.scan()) {
    if (kind === KIND_COLON || kind === KIND_COMMA) {
      if (kind === KIND_COMMA) {
        const top = stack[stack.length - 1];
        if (top?.array) top.index++;
      }
      continue;
    }
    if (kind === KIND_CLOSE_BRACE || kind === KIND_CLOSE_BRACKET) {
      stack.pop();
      continue;
    }
    const top = stack[stack.length - 1];
    const here: TextPosition = { line: scanner.getTokenStartLine() + 1, column: scanner.getTokenStartCharacter() + 1, offset: scanner.getTokenOffset() };
    let pointer: string;
    if (!top) {
      pointer = '';
      positions.set(pointer, { value: here });
    } else if (top.array) {
      pointer = `${top.pointer}/${top.index}`;
      positions.set(pointer, { value: here });
    } else if (top.key === undefined) {
      // A member key (in accepted JSON, a string where an object expects one).
      top.key = scanner.getTokenValue();
      top.keyPosition = here;
      continue;
    } else {
      pointer = `${top.pointer}/${escapeSegment(top.key)}`;
      positions.set(pointer, { key: top.keyPosition as TextPosition, value: here });
      top.key = undefined;
    }
    if (kind === KIND_OPEN_BRACE || kind === KIND_OPEN_BRACKET) stack.push({ array: kind === KIND_OPEN_BRACKET, pointer, index: 0, key: undefined, keyPosition: undefined });
  }
  return positions;
}
