/**
 * Go's decode-side key folding (encoding/json foldName): ASCII upper-cased,
 * other runes mapped to the smallest rune of their simple-fold orbit.
 */
import { describe, expect, it } from 'vitest';
import { foldGoName } from '../../../src/extract/go/fold-name.js';

describe('foldGoName', () => {
  it.each([
    ['name', 'NAME'],
    ['NaMe_1-x', 'NAME_1-X'],
    ['\u212Aey', 'KEY'], // Kelvin sign folds with K and k
    ['\u017Fize', 'SIZE'], // long s folds with S and s
    ['σς', 'ΣΣ'], // both sigmas fold to capital sigma
    ['ǅ', 'Ǆ'], // title case digraph
    ['straße', 'STRAßE'], // ß has no single-rune upper case in simple folding here
  ])('%j folds to %j', (name, folded) => {
    expect(foldGoName(name)).toBe(folded);
  });

  it('dotted and dotless I fold only to themselves', () => {
    expect(foldGoName('\u0131d')).toBe('\u0131D');
    expect(foldGoName('\u0130d')).toBe('\u0130D');
    expect(foldGoName('id')).not.toBe(foldGoName('\u0131d'));
  });

  it('keys that differ only in case fold together; different letters do not', () => {
    expect(foldGoName('template_assets')).toBe(foldGoName('Template_Assets'));
    expect(foldGoName('a b')).not.toBe(foldGoName('a_b'));
  });
});
