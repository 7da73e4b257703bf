/**
 * SYNC_DRIFT on hand-made differences: the three kinds, the whole document,
 * values cut at 60 characters in the message and 200 in the data, and the
 * summary finding beyond MAX_DRIFT_FINDINGS. A message is checked only for the
 * values it quotes, in order (`quoting`), never for its sentence.
 */
import { describe, expect, it } from 'vitest';
import { MAX_DRIFT_FINDINGS, SYNC_DRIFT } from '../../src/rules/diff/SYNC_DRIFT.js';
import type { ValueDifference } from '../../src/sync/value-diff.js';

/** A message that quotes these values in this order, whatever the words around them. */
const quoting = (...values: string[]): unknown =>
  expect.stringMatching(
    new RegExp(values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')).join('[\\s\\S]*'), 'u'),
  );

/** A string whose canonical JSON (with its quotes) is exactly n characters. */
const ofLength = (n: number): string => 'x'.repeat(n - 2);

describe('SYNC_DRIFT', () => {
  it('is an error of the diff stage', () => {
    expect([SYNC_DRIFT.id, SYNC_DRIFT.stage, SYNC_DRIFT.severity, MAX_DRIFT_FINDINGS]).toEqual([
      'SYNC_DRIFT',
      'diff',
      'error',
      25,
    ]);
  });

  it.each<[string, ValueDifference, { message: unknown; data: Record<string, unknown> }]>([
    [
      'missing',
      { pointer: '/$id', kind: 'missing', source: 'urn:x', mirror: undefined },
      {
        message: quoting('"/$id"', '"urn:x"'),
        data: { kind: 'missing', pointer: '/$id', before: '"urn:x"', after: null },
      },
    ],
    [
      'extra',
      { pointer: '/a/0', kind: 'extra', source: undefined, mirror: { b: [1, true, null], a: 'z' } },
      {
        message: quoting('"/a/0"', '{"a":"z","b":[1,true,null]}'),
        data: { kind: 'extra', pointer: '/a/0', before: null, after: '{"a":"z","b":[1,true,null]}' },
      },
    ],
    [
      'changed',
      { pointer: '/title', kind: 'changed', source: 'A', mirror: 2 },
      {
        message: quoting('"/title"', ' 2 ', '"A"'),
        data: { kind: 'changed', pointer: '/title', before: '"A"', after: '2' },
      },
    ],
    [
      'the whole document',
      { pointer: '', kind: 'changed', source: {}, mirror: [] },
      { message: quoting('[]', '{}'), data: { kind: 'changed', pointer: '', before: '{}', after: '[]' } },
    ],
    [
      'values of exactly 60 and 200 characters, shown whole',
      { pointer: '/d', kind: 'changed', source: ofLength(60), mirror: ofLength(200) },
      {
        message: quoting(`"${'x'.repeat(58)}… `, `"${'x'.repeat(58)}"`),
        data: { kind: 'changed', pointer: '/d', before: `"${'x'.repeat(58)}"`, after: `"${'x'.repeat(198)}"` },
      },
    ],
    [
      'values one character over, cut with an ellipsis',
      { pointer: '/d', kind: 'changed', source: ofLength(61), mirror: ofLength(201) },
      {
        message: quoting(`"${'x'.repeat(58)}… `, `"${'x'.repeat(58)}…`),
        data: { kind: 'changed', pointer: '/d', before: `"${'x'.repeat(59)}"`, after: `"${'x'.repeat(198)}…` },
      },
    ],
  ])('%s', (_name, difference, expected) => {
    expect(SYNC_DRIFT.check({ unexplained: [difference] })).toEqual([{ path: difference.pointer, ...expected }]);
  });

  const many = (n: number): ValueDifference[] =>
    Array.from(
      { length: n },
      (_, i) => ({ pointer: `/k${i}`, kind: 'extra', source: undefined, mirror: i }) satisfies ValueDifference,
    );

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
      message: quoting(' 1 more place.'),
      data: { kind: 'more', pointer: '', before: null, after: null, more: 1 },
    });
    const three = SYNC_DRIFT.check({ unexplained: many(28) });
    expect(three).toHaveLength(26);
    expect(three[25]).toEqual({
      path: '',
      message: quoting(' 3 more places.'),
      data: { kind: 'more', pointer: '', before: null, after: null, more: 3 },
    });
  });

  it('reports nothing without differences', () => {
    expect(SYNC_DRIFT.check({ unexplained: [] })).toEqual([]);
  });
});
