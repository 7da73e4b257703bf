/**
 * JSDoc comments as descriptions (src/extract/ts/doc-comments.ts), which
 * `contract from-ts` writes into the draft: for each location the TypeScript
 * extractor reports (a property's or a type's name, 1-based line and column),
 * the text of the JSDoc block before the declaration, tags left out and
 * whitespace folded. A file that cannot be read gives no descriptions.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tsDocComments } from '../../../src/extract/ts/doc-comments.js';
import { tsExtractor } from '../../../src/extract/ts/index.js';
import type { SourceLocation } from '../../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'wirepin-ts-docs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SOURCE = [
  '/** The request, as sent. */', // 1
  'export interface Req {', // 2
  '  /** Who asks. */', // 3
  '  org: string;', // 4
  '  /**', // 5
  '   * How long,', // 6
  '   *   in seconds.', // 7
  '   * @asType integer', // 8
  '   */', // 9
  '  ttl: number;', // 10
  '  // a line comment is no JSDoc', // 11
  '  plain: string;', // 12
  '  /** @deprecated */', // 13
  '  tagged_only: string;', // 14
  '  /** First. */', // 15: only the block right before the declaration counts
  '  /** Second. */', // 16
  '  twice: string;', // 17
  '  child: Child;', // 18
  '}', // 19
  '/** A nested type. */', // 20
  'export type Child = {', // 21
  '  /** Inside a literal. */', // 22
  '  leaf: boolean;', // 23
  '};', // 24
  '/** A class. */', // 25
  'export class Holder {', // 26
  '  /** A class property. */', // 27
  '  held = 1;', // 28
  '}', // 29
  '/** Not a type: a function. */', // 30
  'export function helper(): void {}', // 31
  '/** Not a type: a constant. */', // 32
  'export const LIMIT = 3;', // 33
  '',
].join('\n');
writeFileSync(join(dir, 'req.ts'), SOURCE);
writeFileSync(join(dir, 'other.ts'), '/** Elsewhere. */\nexport interface Other { x: string }\n');

const at = (file: string, line: number, column: number): SourceLocation => ({ file, line, column });

async function docsAt(locations: readonly SourceLocation[]): Promise<[string, string | undefined][]> {
  const docs = await tsDocComments(locations, dir);
  return locations.map((l) => [`${l.file}:${l.line}:${l.column}`, docs.get(l)]);
}

describe('tsDocComments', () => {
  it('gives each located declaration its JSDoc text, tags dropped and whitespace folded', async () => {
    expect(
      await docsAt([
        at('req.ts', 2, 18),
        at('req.ts', 4, 3),
        at('req.ts', 10, 3),
        at('req.ts', 12, 3),
        at('req.ts', 14, 3),
        at('req.ts', 17, 3),
        at('req.ts', 18, 3),
        at('req.ts', 21, 13),
        at('req.ts', 23, 3),
        at('req.ts', 26, 14),
        at('req.ts', 28, 3),
      ]),
    ).toEqual([
      ['req.ts:2:18', 'The request, as sent.'],
      ['req.ts:4:3', 'Who asks.'],
      ['req.ts:10:3', 'How long, in seconds.'],
      ['req.ts:12:3', undefined],
      ['req.ts:14:3', undefined],
      ['req.ts:17:3', 'Second.'],
      ['req.ts:18:3', undefined],
      ['req.ts:21:13', 'A nested type.'],
      ['req.ts:23:3', 'Inside a literal.'],
      ['req.ts:26:14', 'A class.'],
      ['req.ts:28:3', 'A class property.'],
    ]);
  });

  it('gives nothing for declarations that are not properties or types, JSDoc or not', async () => {
    const docs = await tsDocComments([at('req.ts', 31, 17), at('req.ts', 33, 14)], dir);
    expect(docs.size).toBe(0);
  });

  it('matches a location only at the name itself: a column or line off gives nothing', async () => {
    const docs = await tsDocComments([at('req.ts', 4, 4), at('req.ts', 3, 3), at('req.ts', 4, 2)], dir);
    expect(docs.size).toBe(0);
  });

  it('reads each file once for its own locations, and skips a file it cannot read', async () => {
    const locations = [at('other.ts', 2, 18), at('missing.ts', 1, 1), at('req.ts', 4, 3), at('other.ts', 1, 1)];
    expect(await docsAt(locations)).toEqual([
      ['other.ts:2:18', 'Elsewhere.'],
      ['missing.ts:1:1', undefined],
      ['req.ts:4:3', 'Who asks.'],
      ['other.ts:1:1', undefined],
    ]);
  });

  it('returns an empty map for no locations', async () => {
    expect((await tsDocComments([], dir)).size).toBe(0);
  });

  it('finds the docs at the places the TypeScript extractor reports', async () => {
    const result = await tsExtractor.extract({ path: 'req.ts', typeName: 'Req', cwd: dir });
    const docs = await tsDocComments([result.root.location, ...result.fields.map((f) => f.location)], dir);
    expect(docs.get(result.root.location)).toBe('The request, as sent.');
    expect(Object.fromEntries(result.fields.map((f) => [f.pointer, docs.get(f.location) ?? null]))).toEqual({
      '/org': 'Who asks.',
      '/ttl': 'How long, in seconds.',
      '/plain': null,
      '/tagged_only': null,
      '/twice': 'Second.',
      '/child': null,
      '/child/leaf': 'Inside a literal.',
    });
  });
});
