/**
 * Doc comments of Go declarations as descriptions (`goDocComments`, used by `contract from-go`): which comment
 * belongs to which declaration, as go/doc decides (the comment block ending on the row right above, else a line
 * comment after it on its own row), and how the comment text becomes one line of description.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { goDocComments } from '../../../src/extract/go/doc-comments.js';
import type { SourceLocation } from '../../../src/errors.js';
import { GoScratch } from './go-cases.js';

const scratch = new GoScratch();
afterAll(() => scratch.dispose());

/** The description of each 1-based line of `a.go` that declares something, keyed by that line's first word. */
async function describeLines(source: string): Promise<Record<string, string | undefined>> {
  const cwd = scratch.write({ 'a.go': source });
  const lines = source.split('\n');
  const locations: SourceLocation[] = [];
  const names: string[] = [];
  lines.forEach((text, index) => {
    const name = /^\s*([A-Z]\w*)\s/u.exec(text)?.[1] ?? /^type (\w+)/u.exec(text)?.[1];
    if (name === undefined) return;
    names.push(name);
    locations.push({ file: 'a.go', line: index + 1, column: text.length - text.trimStart().length + 1 });
  });
  const found = await goDocComments(locations, cwd);
  return Object.fromEntries(names.map((name, i) => [name, found.get(locations[i] as SourceLocation)]));
}

describe('goDocComments', () => {
  it('joins a block of // lines ending right above a field, in order, without the slashes and one space', async () => {
    const got = await describeLines(
      [
        'package wire',
        '',
        '// Request asks for one thing.',
        'type Request struct {',
        '\t// Name is the name,',
        '\t// given by the customer.',
        '\tName string `json:"name"`',
        '\t//Tight has no space after the slashes.',
        '\tTight string `json:"tight"`',
        '\t//   Padded  has   runs of   blanks.  ',
        '\tPadded string `json:"padded"`',
        '}',
        '',
      ].join('\n'),
    );
    expect(got).toEqual({
      Request: 'Request asks for one thing.',
      Name: 'Name is the name, given by the customer.',
      Tight: 'Tight has no space after the slashes.',
      Padded: 'Padded has runs of blanks.',
    });
  });

  it('reads a block comment above: delimiters, leading blanks and the * of each line dropped', async () => {
    const got = await describeLines(
      [
        'package wire',
        '',
        'type Request struct {',
        '\t/* One is on one line. */',
        '\tOne string',
        '\t/*',
        '\t * Two spans',
        '\t *tightly starred',
        '\t * lines.',
        '\t */',
        '\tTwo string',
        '\t/* Three',
        '\t   has no stars */',
        '\tThree string',
        '}',
        '',
      ].join('\n'),
    );
    expect(got).toEqual({
      One: 'One is on one line.',
      Two: 'Two spans tightly starred lines.',
      Three: 'Three has no stars',
      Request: undefined,
    });
  });

  it('takes a trailing line comment when nothing stands right above, and never gives it to the next field', async () => {
    const got = await describeLines(
      [
        'package wire',
        '',
        'type Request struct {',
        '\tCount int // how many, omitted when zero',
        '\tNote string',
        '\t// Far is separated by a blank line.',
        '',
        '\tFar string',
        '\tOwn string // its own trailing comment',
        '\tPlain string',
        '\tLast string /* a block after it */',
        '}',
        '',
      ].join('\n'),
    );
    expect(got).toEqual({
      Request: undefined,
      Count: 'how many, omitted when zero',
      Note: undefined,
      Far: undefined,
      Own: 'its own trailing comment',
      Plain: undefined,
      Last: 'a block after it',
    });
  });

  it('prefers the comment above to a trailing one', async () => {
    const got = await describeLines(
      ['package wire', '', 'type Request struct {', '\t// Above wins.', '\tBoth string // not this', '}', ''].join(
        '\n',
      ),
    );
    expect(got['Both']).toBe('Above wins.');
  });

  it('skips directives (//word: with no space) but keeps prose that looks like one', async () => {
    const got = await describeLines(
      [
        'package wire',
        '',
        'type Request struct {',
        '\t//go:generate stringer',
        '\t//nolint:errcheck',
        '\tOnlyDirectives string // the trailing comment then speaks',
        '\t// Mixed keeps its prose.',
        '\t//lint2:ignore',
        '\tMixed string',
        '\t// note: a colon after a space is prose',
        '\tNote string',
        '\t//TODO: capitals are prose too',
        '\tTodo string',
        '\t// see //x: inside the text',
        '\tInside string',
        '}',
        '',
      ].join('\n'),
    );
    expect(got).toEqual({
      Request: undefined,
      OnlyDirectives: 'the trailing comment then speaks',
      Mixed: 'Mixed keeps its prose.',
      Note: 'note: a colon after a space is prose',
      Todo: 'TODO: capitals are prose too',
      Inside: 'see //x: inside the text',
    });
  });

  it('gives nothing for an empty comment, and falls back to the trailing comment', async () => {
    const got = await describeLines(
      [
        'package wire',
        '',
        'type Request struct {',
        '\t//',
        '\tEmpty string //   ',
        '\t/**/',
        '\tStars string // kept',
        '}',
        '',
      ].join('\n'),
    );
    expect(got).toEqual({ Request: undefined, Empty: undefined, Stars: 'kept' });
  });

  it('reads CRLF files like LF files', async () => {
    const got = await describeLines(
      [
        'package wire',
        '',
        'type Request struct {',
        '\t// First line',
        '\t// second line.',
        '\tName string',
        '\t/*',
        '\t * Block',
        '\t * lines.',
        '\t */',
        '\tBlock string',
        '}',
        '',
      ].join('\r\n'),
    );
    expect(got).toEqual({ Request: undefined, Name: 'First line second line.', Block: 'Block lines.' });
  });

  it('answers every file of the request, in file order, and skips a file it cannot read', async () => {
    const cwd = scratch.write({
      'b.go': 'package wire\n\n// B is second.\ntype B struct{}\n',
      'a.go': 'package wire\n\n// A is first.\ntype A struct{}\n\ntype Bare struct{}\n',
      'c.go': 'package wire\n\n// C is third.\ntype C struct{}\n',
    });
    const b: SourceLocation = { file: 'b.go', line: 4, column: 6 };
    const a: SourceLocation = { file: 'a.go', line: 4, column: 6 };
    const bare: SourceLocation = { file: 'a.go', line: 6, column: 6 };
    const c: SourceLocation = { file: 'c.go', line: 4, column: 6 };
    const missing: SourceLocation = { file: 'gone.go', line: 1, column: 1 };
    // Asked in no order; answered by file name, each file's locations in the order asked, undocumented ones left out.
    const found = await goDocComments([b, missing, bare, a, c], cwd);
    expect([...found.entries()]).toEqual([
      [a, 'A is first.'],
      [b, 'B is second.'],
      [c, 'C is third.'],
    ]);
    expect(found.has(bare)).toBe(false);
    expect((await goDocComments([], cwd)).size).toBe(0);
  });
});
