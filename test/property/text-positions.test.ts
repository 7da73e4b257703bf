/**
 * TextPositions answers a lookup two ways: by walking one pointer's path
 * through the text (the first lookups), and from the map jsonc-parser's
 * scanner builds of every position (iteration, size, many lookups). Both must
 * give the same answer for every pointer, on any JSON text JSON.parse accepts
 * and whatever its whitespace and line endings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJson } from '../../src/contract/json-document.js';
import { escapeSegment } from '../../src/json-pointer.js';
import { scanPositions, TextPositions } from '../../src/contract/text-positions.js';

const SEED = 20261122;

/** Keys that need escaping in JSON text or in a pointer, or that look like array indexes. */
const key = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 6 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('a/b', 'x~y', '~1', '0', '01', '-', '"q"', 'back\\slash', 'é', '\u2028', 'tab\tkey', ''),
  },
);

interface Tree {
  readonly kind: 'object' | 'array' | 'scalar';
  readonly entries?: readonly (readonly [string, Tree])[];
  readonly items?: readonly Tree[];
  readonly scalar?: string;
}

const scalar: fc.Arbitrary<Tree> = fc
  .oneof(
    fc.constantFrom('null', 'true', 'false', '0', '-1.5e3', '12'),
    fc.string({ maxLength: 5 }).map((s) => JSON.stringify(s)),
  )
  .map((text) => ({ kind: 'scalar', scalar: text }));

const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc
      .uniqueArray(fc.tuple(key, tie('node')), { maxLength: 4, selector: ([k]) => k })
      .map((entries): Tree => ({ kind: 'object', entries })),
    fc.array(tie('node'), { maxLength: 4 }).map((items): Tree => ({ kind: 'array', items })),
  ),
})).node;

/** Writes the tree with whitespace drawn from `spaces` between every token. */
function write(node: Tree, space: () => string): string {
  if (node.kind === 'scalar') return node.scalar ?? 'null';
  if (node.kind === 'array')
    return `[${space()}${(node.items ?? []).map((item) => write(item, space)).join(`${space()},${space()}`)}${space()}]`;
  const members = (node.entries ?? []).map(([k, v]) => `${JSON.stringify(k)}${space()}:${space()}${write(v, space)}`);
  return `{${space()}${members.join(`${space()},${space()}`)}${space()}}`;
}

const whitespace = fc.array(fc.constantFrom('', ' ', '\n', '\r\n', '\r', '\t', '  \n  '), {
  minLength: 1,
  maxLength: 50,
});

const jsonText = fc.tuple(tree, whitespace).map(([root, spaces]) => {
  let i = 0;
  return write(root, () => spaces[i++ % spaces.length] ?? '');
});

/** Pointers that exist nowhere in a document: a missing member, an index past the end, a leading zero, a path through a scalar. */
function missingPointers(pointers: readonly string[]): string[] {
  return pointers.flatMap((p) => [`${p}/nope`, `${p}/999`, `${p}/01`, `${p}/-`, `${p}/${escapeSegment('"')}x`]);
}

describe('TextPositions', () => {
  it('finds every pointer where the full scan puts it, and nothing where the scan has nothing', () => {
    fc.assert(
      fc.property(jsonText, (text) => {
        expect(() => JSON.parse(text) as unknown).not.toThrow();
        const all = scanPositions(text);
        for (const [pointer, position] of all) expect(new TextPositions(text).get(pointer)).toEqual(position);
        for (const pointer of missingPointers([...all.keys()])) {
          if (all.has(pointer)) continue;
          expect(new TextPositions(text).get(pointer)).toBeUndefined();
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('gives the same answers before and after it switches to the full scan', () => {
    fc.assert(
      fc.property(jsonText, (text) => {
        const all = scanPositions(text);
        const positions = new TextPositions(text);
        const asked = [...all.keys(), ...missingPointers([...all.keys()])];
        // Ask more than WALKS_BEFORE_SCAN pointers, twice: walks first, then the scan, then the memo.
        for (let round = 0; round < 2; round++) {
          for (const pointer of asked) {
            expect(positions.get(pointer)).toEqual(all.get(pointer));
            expect(positions.has(pointer)).toBe(all.has(pointer));
          }
        }
        expect(positions.size).toBe(all.size);
        expect([...positions]).toEqual([...all]);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('walks (and does not scan) for the first lookups, then scans once', () => {
    const members = Array.from({ length: TextPositions.WALKS_BEFORE_SCAN + 2 }, (_, i) => `"k${i}": ${i}`);
    const text = `{\r\n  ${members.join(',\r\n  ')}\r\n}`;
    const positions = new TextPositions(text);
    expect(positions.get('/k3')).toEqual({
      key: { line: 5, column: 3, offset: text.indexOf('"k3"') },
      value: { line: 5, column: 9, offset: text.indexOf('"k3"') + 6 },
    });
    expect(positions.get('/k3/0')).toBeUndefined();
    expect(positions.get('')).toEqual({ value: { line: 1, column: 1, offset: 0 } });
    for (let i = 0; i < members.length; i++) expect(positions.get(`/k${i}`)?.value.line).toBe(i + 2);
    expect([...positions.keys()]).toHaveLength(members.length + 1);
  });

  it('is what readJson hands out for text JSON.parse accepts', () => {
    const read = readJson('{"a": [1, {"b/c": true}]}');
    expect(read.ok && read.document.positions instanceof TextPositions).toBe(true);
    if (!read.ok) return;
    expect(read.document.positions.get('/a/1/b~1c')).toEqual({
      key: { line: 1, column: 12, offset: 11 },
      value: { line: 1, column: 19, offset: 18 },
    });
    let visited = 0;
    read.document.positions.forEach((_position, pointer, map) => {
      visited++;
      expect(map.get(pointer)).toBeDefined();
    });
    expect(visited).toBe(5);
    expect([...read.document.positions.values()]).toHaveLength(5);
  });
});
