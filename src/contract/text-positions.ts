import { createRequire } from 'node:module';
import { escapeSegment, splitPointer } from '../json-pointer.js';

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
  /** What walks have learned about each object they entered, by the offset of its "{". */
  readonly #objects = new Map<number, ObjectMembers>();
  #all: Map<string, NodePosition> | undefined;
  /** The start of every line up to `#linesReadTo`, found as far as lookups needed. */
  readonly #lineStarts: number[] = [0];
  #linesReadTo = 0;
  #hasCarriageReturn: boolean | undefined;

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

  forEach(
    callback: (value: NodePosition, key: string, map: ReadonlyMap<string, NodePosition>) => void,
    thisArg?: unknown,
  ): void {
    for (const [key, value] of this.#scanned()) callback.call(thisArg, value, key, this);
  }

  #scanned(): Map<string, NodePosition> {
    this.#all ??= scanPositions(this.#text);
    return this.#all;
  }

  /** Line and column of an offset; lines are counted only as far as lookups have reached. */
  #at(offset: number): TextPosition {
    if (offset >= this.#linesReadTo) this.#readLines(offset + 1);
    const starts = this.#lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (starts[low] as number) + 1, offset };
  }

  /** Records where lines start up to `end`; CRLF, CR and LF each end a line (as jsonc-parser counts them). */
  #readLines(end: number): void {
    const text = this.#text;
    const starts = this.#lineStarts;
    let at = this.#linesReadTo;
    this.#hasCarriageReturn ??= text.includes('\r');
    if (!this.#hasCarriageReturn) {
      // The common case, LF only: let indexOf find each one.
      for (let lf = text.indexOf('\n', at); lf >= 0 && lf < end; lf = text.indexOf('\n', lf + 1)) starts.push(lf + 1);
      this.#linesReadTo = Math.max(at, end);
      return;
    }
    for (; at < end; at++) {
      const code = text.charCodeAt(at);
      if (code === 10) starts.push(at + 1);
      else if (code === 13) {
        if (text.charCodeAt(at + 1) === 10) at++;
        starts.push(at + 1);
      }
    }
    this.#linesReadTo = at;
  }

  /**
   * The member `name` of the object whose "{" is at `open`. Members are read
   * once, in order, as far as lookups have needed; each one passed is
   * remembered, so several lookups in one large object read it only once.
   */
  #member(open: number, name: string): { readonly key: number; readonly value: number } | undefined {
    const text = this.#text;
    let members = this.#objects.get(open);
    if (!members) {
      members = { at: new Map(), next: skipWhitespace(text, open + 1) };
      this.#objects.set(open, members);
    }
    const known = members.at.get(name);
    if (known || members.next < 0) return known;
    for (let at = members.next; ; at = members.next) {
      if (text.charCodeAt(at) !== QUOTE) {
        members.next = -1;
        return undefined;
      }
      const keyEnd = endOfString(text, at);
      const member = { key: at, value: skipWhitespace(text, skipWhitespace(text, keyEnd) + 1) };
      const key = keyText(text, at, keyEnd);
      members.at.set(key, member);
      const after = skipWhitespace(text, endOfValue(text, member.value));
      members.next = text.charCodeAt(after) === COMMA ? skipWhitespace(text, after + 1) : -1;
      if (key === name) return member;
      if (members.next < 0) return undefined;
    }
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
        const member = this.#member(at, segment);
        if (!member) return undefined;
        keyAt = member.key;
        at = member.value;
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

/** The members of one object a walk has read so far, and where the next one starts (-1: no more). */
interface ObjectMembers {
  readonly at: Map<string, { readonly key: number; readonly value: number }>;
  next: number;
}

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
/** A quote or a bracket: what a walk stepping over a value has to look at. */
const STRUCTURE = /["{}[\]]/g;
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

/**
 * The offset just after the string that opens at `from` (a quote): the first
 * quote after it that an even number of backslashes precedes. indexOf does the
 * reading, which matters when a walk steps over most of a large file once.
 */
function endOfString(text: string, from: number): number {
  for (let quote = text.indexOf('"', from + 1); quote >= 0; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
  }
  return text.length + 1;
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
    // Jump from one quote or bracket to the next (the regex engine skips the rest); strings are stepped over whole.
    let depth = 0;
    STRUCTURE.lastIndex = from;
    while (STRUCTURE.test(text)) {
      const at = STRUCTURE.lastIndex - 1;
      const code = text.charCodeAt(at);
      if (code === QUOTE) STRUCTURE.lastIndex = endOfString(text, at);
      else if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
      else if (--depth === 0) return at + 1;
    }
    return text.length;
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

/** A quote, a colon or a bracket: what counting keys and measuring nesting has to look at. */
const KEYS_AND_BRACKETS = /[":{}[\]]/g;

/**
 * One pass over text JSON.parse accepted: how many member keys it has (a colon
 * outside a string only ever follows a member key) and where, if anywhere,
 * brackets first nest deeper than `limit` (-1 when they never do).
 */
export function measureAcceptedJson(text: string, limit: number): { keys: number; tooDeepAt: number } {
  let keys = 0;
  let depth = 0;
  let tooDeepAt = -1;
  KEYS_AND_BRACKETS.lastIndex = 0;
  while (KEYS_AND_BRACKETS.test(text)) {
    const at = KEYS_AND_BRACKETS.lastIndex - 1;
    const code = text.charCodeAt(at);
    if (code === QUOTE) KEYS_AND_BRACKETS.lastIndex = endOfString(text, at);
    else if (code === COLON) keys++;
    else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (++depth > limit && tooDeepAt < 0) tooDeepAt = at;
    } else depth--;
  }
  return { keys, tooDeepAt };
}

type CreateScanner = (typeof import('jsonc-parser'))['createScanner'];
let createScanner: CreateScanner | undefined;

/** jsonc-parser's scanner module alone (the package entry also loads its parser, formatter and editor), when first needed. */
function scannerFor(text: string): ReturnType<CreateScanner> {
  createScanner ??= (
    createRequire(import.meta.url)('jsonc-parser/lib/umd/impl/scanner.js') as { createScanner: CreateScanner }
  ).createScanner;
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
    const here: TextPosition = {
      line: scanner.getTokenStartLine() + 1,
      column: scanner.getTokenStartCharacter() + 1,
      offset: scanner.getTokenOffset(),
    };
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
    if (kind === KIND_OPEN_BRACE || kind === KIND_OPEN_BRACKET)
      stack.push({ array: kind === KIND_OPEN_BRACKET, pointer, index: 0, key: undefined, keyPosition: undefined });
  }
  return positions;
}
