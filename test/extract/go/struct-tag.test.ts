import { describe, expect, test } from 'vitest';
import {
  isExportedGoName,
  isValidJsonTagName,
  lookupStructTag,
  parseJsonTag,
  unquoteGoString,
} from '../../../src/extract/go/struct-tag.js';

describe('unquoteGoString (strconv.Unquote)', () => {
  test.each([
    ['`json:"a"`', 'json:"a"'],
    ['`a\\nb`', 'a\\nb'],
    ['`a\r\nb`', 'a\nb'],
    ['"json:\\"a\\""', 'json:"a"'],
    ['"\\a\\b\\f\\n\\r\\t\\v\\\\"', '\x07\b\f\n\r\t\v\\'],
    ['"h\\x65x"', 'hex'],
    ['"\\157ct"', 'oct'],
    ['"\\u00fcber"', 'über'],
    ['"\\U0001F600"', '😀'],
    ['"\\xc3\\xbc"', 'ü'],
    ['"\\303\\274"', 'ü'],
    ['"\\xff"', '\uFFFD'],
    ['"größe"', 'größe'],
    ['""', ''],
  ])('%s → %j', (literal, expected) => {
    expect(unquoteGoString(literal)).toEqual({ ok: true, value: expected });
  });

  test.each([
    ['"\\q"', /unknown escape/],
    ['"\\\'"', /unknown escape/],
    ['"\\x1"', /invalid escape/],
    ['"\\400"', /octal/],
    ['"\\ud800"', /Unicode code point/],
    ['"\\U00110000"', /Unicode code point/],
    ['"a\nb"', /newline/],
    ['"a"b"', /unescaped/],
    ['"abc', /starts and ends/],
    ['"\\"', /ends inside an escape/],
    ['`a`b`', /backquote/],
  ])('%j is rejected', (literal, reason) => {
    const result = unquoteGoString(literal);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe('lookupStructTag (reflect.StructTag.Lookup)', () => {
  test.each([
    ['json:"id"', 'id'],
    ['xml:"x" json:"id,omitempty"', 'id,omitempty'],
    ['  json:"spaced"  ', 'spaced'],
    ['json:"a\\"b"', 'a"b'],
    ['json:"\\u00fc"', 'ü'],
    ['json:""', ''],
    ['xml:"x"', undefined],
    ['', undefined],
    ['json: "id"', undefined],
    ['bad json:"id"', undefined],
    ['yaml:"b"\tjson:"id"', undefined],
    ['json:"unterminated', undefined],
    ['json:"\\q"', undefined],
    ['jsonx:"a" json:"b"', 'b'],
  ])('%j → %j', (tag, expected) => {
    expect(lookupStructTag(tag, 'json')).toBe(expected);
  });
});

describe('parseJsonTag', () => {
  test.each([
    ['id', { name: 'id', omitEmpty: false, omitZero: false, asString: false }],
    ['id,omitempty', { name: 'id', omitEmpty: true, omitZero: false, asString: false }],
    [',omitempty,string', { name: '', omitEmpty: true, omitZero: false, asString: true }],
    ['n,omitzero', { name: 'n', omitEmpty: false, omitZero: true, asString: false }],
    ['-,', { name: '-', omitEmpty: false, omitZero: false, asString: false }],
    ['a,omitEmpty', { name: 'a', omitEmpty: false, omitZero: false, asString: false }],
  ])('%j', (value, expected) => {
    expect(parseJsonTag(value)).toEqual(expected);
  });
});

describe('isValidJsonTagName (isValidTag)', () => {
  test.each(['id', 'org_id', 'a b', 'bad name!', 'a/b~c', 'größe', '名前', '٣', '-', '!#$%&()*+-./:;<=>?@[]^_{|}~ '])(
    '%j is valid',
    (name) => expect(isValidJsonTagName(name)).toBe(true),
  );
  test.each(['', "it's", 'no\\pe', 'quote"', 'tab\t', '😀', 'a,b', '\uFFFD'])('%j is invalid', (name) => {
    expect(isValidJsonTagName(name)).toBe(false);
  });
});

describe('isExportedGoName (token.IsExported)', () => {
  test.each([
    ['Name', true],
    ['Ünicode', true],
    ['name', false],
    ['_Name', false],
    ['ñame', false],
    ['名前', false],
  ])('%j → %j', (name, expected) => {
    expect(isExportedGoName(name)).toBe(expected);
  });
});
