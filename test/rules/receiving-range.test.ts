/**
 * The receiving side's integer ranges and fixed array lengths
 * (src/rules/consumes/receiving-range.ts), which CONSUMER_TYPE_MISMATCH
 * reports as `range` and `length`: the integers a contract schema allows, and
 * the first place a consumer's Go type cannot hold them. Bounds are inclusive;
 * a fractional bound rounds inwards.
 */
import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../src/contract/json-document.js';
import { contractIntegerRange, receivingRangeProblem } from '../../src/rules/consumes/receiving-range.js';
import type { WireType } from '../../src/wire.js';

const INT64_MIN = '-9223372036854775808';
const INT64_MAX = '9223372036854775807';
const I = { type: 'integer' };

describe('contractIntegerRange', () => {
  it.each<[string, JsonObject, string | undefined]>([
    ['a string schema', { type: 'string' }, undefined],
    ['no type', {}, undefined],
    ['an integer without bounds: 64-bit signed', I, `${INT64_MIN}..${INT64_MAX}`],
    ['a nullable integer', { type: ['integer', 'null'] }, `${INT64_MIN}..${INT64_MAX}`],
    ['minimum 0', { ...I, minimum: 0 }, `0..${INT64_MAX}`],
    ['minimum 0.5 rounds up', { ...I, minimum: 0.5 }, `1..${INT64_MAX}`],
    ['minimum -0.5 rounds up to 0', { ...I, minimum: -0.5 }, `0..${INT64_MAX}`],
    ['exclusiveMinimum 0', { ...I, exclusiveMinimum: 0 }, `1..${INT64_MAX}`],
    ['exclusiveMinimum 0.5', { ...I, exclusiveMinimum: 0.5 }, `1..${INT64_MAX}`],
    ['maximum 10.5 rounds down', { ...I, maximum: 10.5 }, `${INT64_MIN}..10`],
    ['exclusiveMaximum 10', { ...I, exclusiveMaximum: 10 }, `${INT64_MIN}..9`],
    ['exclusiveMaximum 9.5', { ...I, exclusiveMaximum: 9.5 }, `${INT64_MIN}..9`],
    ['a minimum below int64 keeps int64', { ...I, minimum: -1e30 }, `${INT64_MIN}..${INT64_MAX}`],
    ['a maximum above int64 keeps int64', { ...I, maximum: 1e30 }, `${INT64_MIN}..${INT64_MAX}`],
    [
      'the larger of minimum and exclusiveMinimum (exclusive)',
      { ...I, minimum: 5, exclusiveMinimum: 7 },
      `8..${INT64_MAX}`,
    ],
    [
      'the larger of minimum and exclusiveMinimum (inclusive)',
      { ...I, minimum: 9, exclusiveMinimum: 7 },
      `9..${INT64_MAX}`,
    ],
    [
      'the smaller of maximum and exclusiveMaximum (exclusive)',
      { ...I, maximum: 5, exclusiveMaximum: 3 },
      `${INT64_MIN}..2`,
    ],
    [
      'the smaller of maximum and exclusiveMaximum (inclusive)',
      { ...I, maximum: 1, exclusiveMaximum: 3 },
      `${INT64_MIN}..1`,
    ],
    ['one value', { ...I, minimum: 5, maximum: 5 }, '5..5'],
    ['no integer at all', { ...I, minimum: 5, maximum: 4 }, undefined],
    ['no integer between 0.2 and 0.8', { ...I, minimum: 0.2, maximum: 0.8 }, undefined],
    ['a bound that is not a number is no bound', { ...I, minimum: '3' }, `${INT64_MIN}..${INT64_MAX}`],
  ])('%s', (_name, schema, range) => {
    const allowed = contractIntegerRange(schema);
    expect(allowed === undefined ? undefined : `${allowed.min}..${allowed.max}`).toBe(range);
  });
});

const int8: WireType = { kind: 'integer', nullable: false, range: { min: '-128', max: '127', typeName: 'int8' } };
const uint64: WireType = {
  kind: 'integer',
  nullable: false,
  range: { min: '0', max: '18446744073709551615', typeName: 'uint64' },
};
const array = (items: WireType, length?: number): WireType => ({
  kind: 'array',
  items,
  nullable: false,
  ...(length === undefined ? {} : { length }),
});
const map = (values: WireType): WireType => ({ kind: 'map', values, nullable: false });

describe('receivingRangeProblem', () => {
  it.each<[string, JsonValue | undefined, WireType, object | undefined]>([
    ['no schema', undefined, int8, undefined],
    ['an integer without a range (a number on the receiving side)', I, { kind: 'integer', nullable: false }, undefined],
    ['int8 holds exactly -128..127', { ...I, minimum: -128, maximum: 127 }, int8, undefined],
    [
      'int8 cannot hold -129',
      { ...I, minimum: -129, maximum: 127 },
      int8,
      { kind: 'range', schemaSuffix: '', declared: '-129..127', received: 'int8 (-128..127)' },
    ],
    [
      'int8 cannot hold 128',
      { ...I, minimum: -128, maximum: 128 },
      int8,
      { kind: 'range', schemaSuffix: '', declared: '-128..128', received: 'int8 (-128..127)' },
    ],
    ['a string schema decoded into an integer is a kind question, not a range', { type: 'string' }, int8, undefined],
    [
      'uint64 cannot hold a negative int64',
      I,
      uint64,
      {
        kind: 'range',
        schemaSuffix: '',
        declared: `${INT64_MIN}..${INT64_MAX}`,
        received: 'uint64 (0..18446744073709551615)',
      },
    ],
    ['uint64 holds 0 and up', { ...I, minimum: 0 }, uint64, undefined],
    ['a slice has no length', { type: 'array', items: I }, array({ kind: 'integer', nullable: false }), undefined],
    [
      '[2] with exactly 2 items',
      { type: 'array', items: I, minItems: 2, maxItems: 2 },
      array({ kind: 'integer', nullable: false }, 2),
      undefined,
    ],
    [
      '[0] with at most 0 items',
      { type: 'array', items: I, maxItems: 0 },
      array({ kind: 'integer', nullable: false }, 0),
      undefined,
    ],
    [
      '[2] with at least 2 items',
      { type: 'array', items: I, minItems: 2 },
      array({ kind: 'integer', nullable: false }, 2),
      { kind: 'length', schemaSuffix: '', declared: '2.. items', received: '[2] (exactly 2 items)' },
    ],
    [
      '[2] with at most 2 items',
      { type: 'array', items: I, maxItems: 2 },
      array({ kind: 'integer', nullable: false }, 2),
      { kind: 'length', schemaSuffix: '', declared: '0..2 items', received: '[2] (exactly 2 items)' },
    ],
    [
      '[0] with no bounds: minItems defaults to 0, maxItems stays open',
      { type: 'array', items: I },
      array({ kind: 'integer', nullable: false }, 0),
      { kind: 'length', schemaSuffix: '', declared: '0.. items', received: '[0] (exactly 0 items)' },
    ],
    [
      'counts that are not non-negative integers are no bounds',
      { type: 'array', items: I, minItems: -1, maxItems: 1.5 },
      array({ kind: 'integer', nullable: false }, 0),
      { kind: 'length', schemaSuffix: '', declared: '0.. items', received: '[0] (exactly 0 items)' },
    ],
    [
      'the items of an array',
      { type: 'array', items: { ...I, maximum: 1000 } },
      array(int8),
      { kind: 'range', schemaSuffix: '/items', declared: `${INT64_MIN}..1000`, received: 'int8 (-128..127)' },
    ],
    [
      'the items of map values',
      { type: 'object', additionalProperties: { type: 'array', items: I } },
      map(array(int8)),
      {
        kind: 'range',
        schemaSuffix: '/additionalProperties/items',
        declared: `${INT64_MIN}..${INT64_MAX}`,
        received: 'int8 (-128..127)',
      },
    ],
    [
      'map values that fit',
      { type: 'object', additionalProperties: { ...I, minimum: 0, maximum: 9 } },
      map(int8),
      undefined,
    ],
  ])('%s', (_name, schema, received, problem) => {
    expect(receivingRangeProblem(schema, received)).toEqual(problem);
  });
});
