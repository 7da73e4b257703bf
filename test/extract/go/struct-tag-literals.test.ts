/**
 * Go string-literal unquoting (strconv.Unquote) and struct-tag lookup
 * (reflect.StructTag.Lookup) at their edges, with the exact reason for each
 * refusal: raw literals, every escape form, the limits of \x, octal, \u and
 * \U, and malformed tags.
 */
import { describe, expect, it } from 'vitest';
import {
  isExportedGoName,
  isValidJsonTagName,
  lookupStructTag,
  parseJsonTag,
  unquoteGoString,
} from '../../../src/extract/go/struct-tag.js';

const ok = (value: string) => ({ ok: true, value });
const bad = (reason: string) => ({ ok: false, reason });

describe('unquoteGoString (strconv.Unquote)', () => {
  const cases: readonly [string, ReturnType<typeof ok> | ReturnType<typeof bad>][] = [
    ['`abc`', ok('abc')],
    ['``', ok('')],
    ['`a\rb\r`', ok('ab')],
    ['`a\\nb`', ok('a\\nb')],
    ['`', bad('a Go string literal starts and ends with " or `')],
    ['`a"', bad('a Go string literal starts and ends with " or `')],
    ['"a`', bad('a Go string literal starts and ends with " or `')],
    ['"', bad('a Go string literal starts and ends with " or `')],
    ['a', bad('a Go string literal starts and ends with " or `')],
    ['', bad('a Go string literal starts and ends with " or `')],
    ['""', ok('')],
    ['"plain é 😀"', ok('plain é 😀')],
    ['"\\a\\b\\f\\n\\r\\t\\v\\\\\\""', ok('\u0007\b\f\n\r\t\v\\"')],
    ['"a\\x41b"', ok('aAb')],
    ['"\\xc3\\xa9"', ok('é')],
    ['"\\xff"', ok('\uFFFD')],
    ['"\\x4"', bad('invalid escape \\x4')],
    ['"\\xg1"', bad('invalid escape \\xg1')],
    ['"\\x"', bad('invalid escape \\x')],
    ['"\\101\\060"', ok('A0')],
    ['"\\377"', ok('\uFFFD')],
    ['"\\303\\251"', ok('é')],
    ['"\\400"', bad('invalid octal escape \\400')],
    ['"\\08x"', bad('invalid octal escape \\08x')],
    ['"\\07"', bad('invalid octal escape \\07')],
    ['"\\8"', bad('unknown escape sequence \\8')],
    ['"\\u00e9"', ok('é')],
    ['"\\uE000"', ok('\uE000')],
    ['"\\U0001F600"', ok('😀')],
    ['"\\U0010FFFF"', ok('\u{10FFFF}')],
    ['"\\ud800"', bad('escape \\ud800 is not a valid Unicode code point')],
    ['"\\uDFFF"', bad('escape \\uDFFF is not a valid Unicode code point')],
    ['"\\uD7FF"', ok('\uD7FF')],
    ['"\\U00110000"', bad('escape \\U00110000 is not a valid Unicode code point')],
    ['"\\u12"', bad('escape \\u12 is not a valid Unicode code point')],
    ['"\\U1234567"', bad('escape \\U1234567 is not a valid Unicode code point')],
    ['"a"b"', bad('unescaped " inside an interpreted string literal')],
    ['"a\nb"', bad('newline inside an interpreted string literal')],
    ['"abc\\"', bad('string literal ends inside an escape sequence')],
    ['"\\q"', bad('unknown escape sequence \\q')],
    ['"\\\'"', bad("unknown escape sequence \\'")],
  ];
  for (const [literal, expected] of cases) {
    it(`${JSON.stringify(literal)} → ${JSON.stringify(expected)}`, () => {
      expect(unquoteGoString(literal)).toEqual(expected);
    });
  }
});

describe('lookupStructTag (reflect.StructTag.Lookup)', () => {
  const cases: readonly [string, string, string | undefined][] = [
    ['json:"a" xml:"b"', 'json', 'a'],
    ['json:"a" xml:"b"', 'xml', 'b'],
    ['json:"a" xml:"b"', 'yaml', undefined],
    ['   json:"a"', 'json', 'a'],
    ['xml:"1"json:"2"', 'json', '2'],
    ['json:""', 'json', ''],
    ['json:"a\\"b"', 'json', 'a"b'],
    ['json:"a\\\\"', 'json', 'a\\'],
    ['json:"\\u00e9"', 'json', 'é'],
    ['json:"\\q" xml:"b"', 'json', undefined],
    ['json:a', 'json', undefined],
    ['json :"a"', 'json', undefined],
    ['json:"a', 'json', undefined],
    [':"a" json:"b"', 'json', undefined],
    ['x"y:"1" json:"b"', 'json', undefined],
    ['x\u0001y:"1" json:"b"', 'json', undefined],
    ['x\u007fy:"1" json:"b"', 'json', undefined],
    ['json:"first" json:"second"', 'json', 'first'],
    ['xml:"a b" json:"c"', 'json', 'c'],
    ['xml:"a\\" json:\\"x" json:"c"', 'json', 'c'],
    ['json', 'json', undefined],
    ['json:', 'json', undefined],
    ['', 'json', undefined],
    ['    ', 'json', undefined],
  ];
  for (const [tag, key, expected] of cases) {
    it(`${JSON.stringify(tag)} [${key}] → ${JSON.stringify(expected)}`, () => {
      expect(lookupStructTag(tag, key)).toBe(expected);
    });
  }
});

describe('parseJsonTag (encoding/json parseTag)', () => {
  const tag = (name: string, omitEmpty = false, omitZero = false, asString = false) => ({
    name,
    omitEmpty,
    omitZero,
    asString,
  });
  const cases: readonly [string, ReturnType<typeof tag>][] = [
    ['', tag('')],
    ['name', tag('name')],
    ['name,', tag('name')],
    [',omitempty', tag('', true)],
    ['n,omitzero', tag('n', false, true)],
    ['n,string', tag('n', false, false, true)],
    ['n,omitempty,omitzero,string', tag('n', true, true, true)],
    ['n,string,omitempty', tag('n', true, false, true)],
    ['omitempty', tag('omitempty')],
    ['string', tag('string')],
    ['n,OmitEmpty', tag('n')],
    ['n, omitempty', tag('n')],
    ['n,omitempty ', tag('n')],
    ['n,,omitempty', tag('n', true)],
    ['n,omit,empty', tag('n')],
    ['a,b,c', tag('a')],
    ['-', tag('-')],
    ['-,', tag('-')],
  ];
  for (const [value, expected] of cases) {
    it(`${JSON.stringify(value)} → ${JSON.stringify(expected)}`, () => {
      expect(parseJsonTag(value)).toEqual(expected);
    });
  }
});

describe('isValidJsonTagName (encoding/json isValidTag)', () => {
  const valid = [
    'a',
    'A1',
    'snake_case',
    'kebab-case',
    'dot.ted',
    'with space',
    '!#$%&()*+-./:;<=>?@[]^_{|}~',
    'é',
    '名前',
    '٣',
    'x٣',
    '٣x',
    'Ωmega',
  ];
  const invalid = [
    '',
    '"',
    "'",
    '\\',
    ',',
    '`',
    'a"b',
    "a'b",
    'a\\',
    'tab\there',
    'new\nline',
    '😀',
    'a😀',
    '😀a',
    '\u00a0',
    '\u2160',
    '²',
  ];
  for (const name of valid) it(`${JSON.stringify(name)} is valid`, () => expect(isValidJsonTagName(name)).toBe(true));
  for (const name of invalid)
    it(`${JSON.stringify(name)} is invalid`, () => expect(isValidJsonTagName(name)).toBe(false));
});

describe('isExportedGoName (token.IsExported)', () => {
  const cases: readonly [string, boolean][] = [
    ['Name', true],
    ['N', true],
    ['name', false],
    ['_Name', false],
    ['', false],
    ['Ärger', true],
    ['ärger', false],
    ['Ωmega', true],
    ['ß', false],
    ['ǅ', false],
    ['Ⅰ', false],
    ['1A', false],
    ['aB', false],
  ];
  for (const [name, expected] of cases)
    it(`${JSON.stringify(name)} → ${expected}`, () => expect(isExportedGoName(name)).toBe(expected));
});
