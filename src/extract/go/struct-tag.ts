/**
 * Go struct tags: string-literal unquoting, `reflect.StructTag.Lookup`, and
 * the `json` tag grammar of encoding/json.
 */

export type Unquoted = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: string };

const SIMPLE_ESCAPES: ReadonlyMap<string, number> = new Map([
  ['a', 0x07],
  ['b', 0x08],
  ['f', 0x0c],
  ['n', 0x0a],
  ['r', 0x0d],
  ['t', 0x09],
  ['v', 0x0b],
  ['\\', 0x5c],
]);

const utf8Decoder = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

/**
 * Unquotes a Go string literal as `strconv.Unquote` does: a raw literal
 * (`` `...` ``, carriage returns dropped) or an interpreted one ("..." with
 * \a \b \f \n \r \t \v \\ \" \xHH \OOO \uHHHH \UHHHHHHHH). \x and octal
 * escapes are single bytes, so the result is assembled as UTF-8 bytes and
 * decoded at the end; invalid UTF-8 decodes to U+FFFD, as ranging over a Go
 * string yields utf8.RuneError.
 */
export function unquoteGoString(literal: string): Unquoted {
  if (literal.length >= 2 && literal.startsWith('`') && literal.endsWith('`')) {
    const body = literal.slice(1, -1);
    if (body.includes('`')) return { ok: false, reason: 'a raw string literal cannot contain a backquote' };
    return { ok: true, value: body.replaceAll('\r', '') };
  }
  if (literal.length < 2 || !literal.startsWith('"') || !literal.endsWith('"')) {
    return { ok: false, reason: 'a Go string literal starts and ends with " or `' };
  }
  const body = literal.slice(1, -1);
  // Nothing to unescape: the body is the value (the source was checked to be UTF-8, so it has no lone surrogates).
  if (!/["\\\n]/.test(body)) return { ok: true, value: body };
  const bytes: number[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i] as string;
    if (c === '"') return { ok: false, reason: 'unescaped " inside an interpreted string literal' };
    if (c === '\n') return { ok: false, reason: 'newline inside an interpreted string literal' };
    if (c !== '\\') {
      const codePoint = body.codePointAt(i) as number;
      const char = String.fromCodePoint(codePoint);
      for (const byte of utf8Encoder.encode(char)) bytes.push(byte);
      i += char.length;
      continue;
    }
    const escape = body[i + 1];
    if (escape === undefined) return { ok: false, reason: 'string literal ends inside an escape sequence' };
    const simple = escape === '"' ? 0x22 : SIMPLE_ESCAPES.get(escape);
    if (simple !== undefined) {
      bytes.push(simple);
      i += 2;
      continue;
    }
    if (escape === 'x') {
      const value = parseDigits(body, i + 2, 2, 16);
      if (value === undefined) return { ok: false, reason: `invalid escape \\x${body.slice(i + 2, i + 4)}` };
      bytes.push(value);
      i += 4;
      continue;
    }
    if (escape >= '0' && escape <= '7') {
      const value = parseDigits(body, i + 1, 3, 8);
      if (value === undefined || value > 0xff) {
        return { ok: false, reason: `invalid octal escape \\${body.slice(i + 1, i + 4)}` };
      }
      bytes.push(value);
      i += 4;
      continue;
    }
    if (escape === 'u' || escape === 'U') {
      const digits = escape === 'u' ? 4 : 8;
      const value = parseDigits(body, i + 2, digits, 16);
      if (value === undefined || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) {
        return {
          ok: false,
          reason: `escape \\${escape}${body.slice(i + 2, i + 2 + digits)} is not a valid Unicode code point`,
        };
      }
      for (const byte of utf8Encoder.encode(String.fromCodePoint(value))) bytes.push(byte);
      i += 2 + digits;
      continue;
    }
    return { ok: false, reason: `unknown escape sequence \\${escape}` };
  }
  return { ok: true, value: utf8Decoder.decode(Uint8Array.from(bytes)) };
}

function parseDigits(text: string, start: number, count: number, radix: 8 | 16): number | undefined {
  const digits = text.slice(start, start + count);
  if (digits.length !== count) return undefined;
  const pattern = radix === 16 ? /^[0-9a-fA-F]+$/ : /^[0-7]+$/;
  return pattern.test(digits) ? Number.parseInt(digits, radix) : undefined;
}

/**
 * The value of `key` in a struct tag, mirroring reflect.StructTag.Lookup:
 * space-separated `key:"value"` pairs, scanning stops at the first malformed
 * pair, and the value is Go-unquoted. Undefined when the key is absent.
 */
export function lookupStructTag(tag: string, key: string): string | undefined {
  let rest = tag;
  while (rest !== '') {
    let i = 0;
    while (i < rest.length && rest[i] === ' ') i++;
    rest = rest.slice(i);
    if (rest === '') break;
    // A key runs to the colon; a space, a quote or a control character ends the scan.
    i = 0;
    while (i < rest.length && isTagKeyChar(rest.charCodeAt(i))) i++;
    if (i === 0 || i + 1 >= rest.length || rest[i] !== ':' || rest[i + 1] !== '"') break;
    const name = rest.slice(0, i);
    rest = rest.slice(i + 1);
    i = 1;
    while (i < rest.length && rest[i] !== '"') {
      if (rest[i] === '\\') i++;
      i++;
    }
    if (i >= rest.length) break;
    const quoted = rest.slice(0, i + 1);
    rest = rest.slice(i + 1);
    if (name === key) {
      const value = unquoteGoString(quoted);
      return value.ok ? value.value : undefined;
    }
  }
  return undefined;
}

function isTagKeyChar(code: number): boolean {
  return code > 0x20 && code !== 0x3a && code !== 0x22 && code !== 0x7f;
}

/** A parsed `json:"name,opt,opt"` tag value. */
export interface JsonTag {
  /** The name before the first comma; may be empty or invalid (then the Go field name is used). */
  readonly name: string;
  readonly omitEmpty: boolean;
  readonly omitZero: boolean;
  /** The `,string` option: quote a bool, number or string value as a JSON string. */
  readonly asString: boolean;
}

/** Splits a json tag value like encoding/json's parseTag: name, then comma-separated options. */
export function parseJsonTag(value: string): JsonTag {
  const comma = value.indexOf(',');
  const name = comma < 0 ? value : value.slice(0, comma);
  const options = comma < 0 ? [] : value.slice(comma + 1).split(',');
  return {
    name,
    omitEmpty: options.includes('omitempty'),
    omitZero: options.includes('omitzero'),
    asString: options.includes('string'),
  };
}

const TAG_PUNCTUATION = new Set('!#$%&()*+-./:;<=>?@[]^_{|}~ ');

/**
 * encoding/json's isValidTag: non-empty, and every rune is a Unicode letter, a
 * decimal digit, or one of `!#$%&()*+-./:;<=>?@[]^_{|}~` and space.
 */
export function isValidJsonTagName(name: string): boolean {
  if (name === '') return false;
  for (const char of name) {
    if (TAG_PUNCTUATION.has(char)) continue;
    if (!/^[\p{L}\p{Nd}]$/u.test(char)) return false;
  }
  return true;
}

/** Go's token.IsExported: the name starts with an upper-case letter (Unicode Lu). */
export function isExportedGoName(name: string): boolean {
  return /^\p{Lu}/u.test(name);
}
