/**
 * SYNC_DRIFT on hand-made differences: the three kinds, the whole document,
 * values cut at 60 characters in the message and 200 in the data, and the
 * summary finding beyond MAX_DRIFT_FINDINGS.
 */
import { describe, expect, it } from 'vitest';
import { MAX_DRIFT_FINDINGS, SYNC_DRIFT } from '../../src/rules/diff/SYNC_DRIFT.js';
import type { ValueDifference } from '../../src/sync/value-diff.js';

const COPY = 'Copy the source over the mirror: only key order and whitespace may differ.';

/** A string whose canonical JSON (with its quotes) is exactly n characters. */
const ofLength = (n: number): string => 'x'.repeat(n - 2);

describe('SYNC_DRIFT', () => {
  it('is an error of the diff stage', () => {
    expect([SYNC_DRIFT.id, SYNC_DRIFT.stage, SYNC_DRIFT.severity, MAX_DRIFT_FINDINGS]).toEqual(['SYNC_DRIFT', 'diff', 'error', 25]);
  });

  it.each<[string, ValueDifference, { message: string; data: Record<string, unknown> }]>([
    [
      'missing',
      { pointer: '/$id', kind: 'missing', source: 'urn:x', mirror: undefined },
      { message: `The mirror lacks "/$id", which the source has ("urn:x"). ${COPY}`, data: { kind: 'missing', pointer: '/$id', before: '"urn:x"', after: null } },
    ],
    [
      'extra',
      { pointer: '/a/0', kind: 'extra', source: undefined, mirror: { b: [1, true, null], a: 'z' } },
      {
        message: `The mirror has "/a/0" ({"a":"z","b":[1,true,null]}), which the source does not. ${COPY}`,
        data: { kind: 'extra', pointer: '/a/0', before: null, after: '{"a":"z","b":[1,true,null]}' },
      },
    ],
    [
      'changed',
      { pointer: '/title', kind: 'changed', source: 'A', mirror: 2 },
      { message: `The mirror has "/title" = 2 where the source has "A". ${COPY}`, data: { kind: 'changed', pointer: '/title', before: '"A"', after: '2' } },
    ],
    [
      'the whole document',
      { pointer: '', kind: 'changed', source: {}, mirror: [] },
      { message: `The mirror has the document = [] where the source has {}. ${COPY}`, data: { kind: 'changed', pointer: '', before: '{}', after: '[]' } },
    ],
    [
      'values of exactly 60 and 200 characters, shown whole',
      { pointer: '/d', kind: 'changed', source: ofLength(60), mirror: ofLength(200) },
      {
        message: `The mirror has "/d" = "${'x'.repeat(58)}… where the source has "${'x'.repeat(58)}". ${COPY}`,
        data: { kind: 'changed', pointer: '/d', before: `"${'x'.repeat(58)}"`, after: `"${'x'.repeat(198)}"` },
      },
    ],
    [
      'values one character over, cut with an ellipsis',
      { pointer: '/d', kind: 'changed', source: ofLength(61), mirror: ofLength(201) },
      {
        message: `The mirror has "/d" = "${'x'.repeat(58)}… where the source has "${'x'.repeat(58)}…. ${COPY}`,
        data: { kind: 'changed', pointer: '/d', before: `"${'x'.repeat(59)}"`, after: `"${'x'.repeat(198)}…` },
      },
    ],
  ])('%s', (_name, difference, expected) => {
    expect(SYNC_DRIFT.check({ unexplained: [difference] })).toEqual([{ path: difference.pointer, ...expected }]);
  });

  const many = (n: number): ValueDifference[] =>
    Array.from({ length: n }, (_, i) => ({ pointer: `/k${i}`, kind: 'extra', source: undefined, mirror: i }) satisfies ValueDifference);

  it('reports up to 25 differences one by one', () => {
    const drafts = SYNC_DRIFT.check({ unexplained: many(25) });
    expect(drafts.map((d) => d.path)).toEqual(Array.from({ length: 25 }, (_, i) => `/k${i}`));
  });

  it('sums up the rest in one last finding', () => {
    const one = SYNC_DRIFT.check({ unexplained: many(26) });
    expect(one).toHaveLength(26);
    expect(one[24]?.path).toBe('/k24');
    expect(one[25]).toEqual({
      path: '',
      message: 'The mirror differs from the source in 1 more place. Copy the source over the mirror.',
      data: { kind: 'more', pointer: '', before: null, after: null, more: 1 },
    });
    const three = SYNC_DRIFT.check({ unexplained: many(28) });
    expect(three).toHaveLength(26);
    expect(three[25]).toEqual({
      path: '',
      message: 'The mirror differs from the source in 3 more places. Copy the source over the mirror.',
      data: { kind: 'more', pointer: '', before: null, after: null, more: 3 },
    });
  });

  it('reports nothing without differences', () => {
    expect(SYNC_DRIFT.check({ unexplained: [] })).toEqual([]);
  });
});
