/**
 * The meta-schema's fast path (scripts/fast-meta-schema.js) may only ever be
 * stricter than schemas/contract.schema.json: whatever it accepts, the real
 * meta-schema accepts. When it rejects, validateAgainstMetaSchema reports the
 * real meta-schema's errors, so the fast path can change how long lint takes
 * and nothing else. These tests hold that on random schema documents built
 * from every 2020-12 keyword with good and bad values, and check that real
 * contracts take the fast path.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { metaValidators, validateAgainstMetaSchema } from '../../src/contract/meta-validate.js';
import type { JsonValue } from '../../src/contract/json-document.js';
import { contractJson, contractSpec, writeJson } from '../property/contract-arbitraries.js';

const SEED = 20261122;
const ROOT = join(import.meta.dirname, '..', '..');

/** Values 2020-12 refuses for one keyword or another (and some it takes: "bad" is only a mix). */
const anyValue: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.constantFrom<JsonValue>(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    '',
    ' ',
    'strin',
    '#frag',
    'a#b',
    '(',
    '1bad',
    [],
    ['a', 'a'],
    ['nope'],
    {},
    { a: 1 },
  ),
  fc.string({ maxLength: 4 }),
);

const text = fc.constantFrom('x', 'Kept for audit.', '', 'http://x/y', 'a');
const number = fc.constantFrom(0, 1, 2.5, -3);
const count = fc.constantFrom(0, 1, 7);
const names = fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 });

/** The keywords real contracts are made of come up more often than the rest. */
const COMMON: Readonly<Record<string, number>> = {
  properties: 12,
  type: 6,
  description: 4,
  items: 4,
  additionalProperties: 4,
  required: 3,
  enum: 2,
};

/** How a field's ledger is written: whole, or (when the document takes bad values) now and then broken. */
function ledgerDamage(badOdds: number): fc.Arbitrary<'none' | 'no ledger' | 'dead, no note' | 'dead, blank note'> {
  return badOdds === 0
    ? fc.constant('none')
    : fc.oneof(
        { weight: badOdds, arbitrary: fc.constant('none' as const) },
        {
          weight: 3,
          arbitrary: fc.constantFrom('no ledger' as const, 'dead, no note' as const, 'dead, blank note' as const),
        },
      );
}

/**
 * A schema document of at most `depth` levels, with keywords from every 2020-12
 * vocabulary and the ledger. `badOdds` is how many good values there are to
 * one arbitrary (often refused) value; 0 means none is arbitrary.
 */
function node(depth: number, badOdds: number, unusual = 0): fc.Arbitrary<JsonValue> {
  const maybeBad = (good: fc.Arbitrary<JsonValue>): fc.Arbitrary<JsonValue> =>
    badOdds === 0 ? good : fc.oneof({ weight: badOdds, arbitrary: good }, { weight: 1, arbitrary: anyValue });
  const sub: fc.Arbitrary<JsonValue> =
    depth <= 0 ? fc.constantFrom<JsonValue>(true, false, {}, { type: 'string' }) : node(depth - 1, badOdds, unusual);
  const field: fc.Arbitrary<JsonValue> =
    depth <= 0
      ? fc.constantFrom<JsonValue>(
          { type: 'string', cp_consumes: true },
          { cp_consumes: false, note: 'Kept for audit.' },
        )
      : fc
          .tuple(node(depth - 1, badOdds, unusual), fc.boolean(), ledgerDamage(badOdds))
          .map(([schema, consumed, damage]) => {
            if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
            const { cp_consumes: _consumes, note: _note, ...rest } = schema;
            if (damage === 'no ledger') return rest;
            if (damage === 'dead, no note') return { ...rest, cp_consumes: false };
            if (damage === 'dead, blank note') return { ...rest, cp_consumes: false, note: '  ' };
            return {
              ...rest,
              cp_consumes: consumed,
              ...(consumed ? {} : { note: 'Sent for the audit log; cp never reads it.' }),
            };
          });
  const keywords: [string, fc.Arbitrary<JsonValue>][] = [
    [
      'type',
      fc.constantFrom<JsonValue>('string', 'integer', 'object', 'array', 'null', ['string'], ['string', 'null']),
    ],
    ['properties', fc.dictionary(fc.constantFrom('a', 'b', 'constructor', '__proto__'), field, { maxKeys: 3 })],
    ['description', text],
    ['title', text],
    ['$comment', text],
    ['format', text],
    ['pattern', fc.constantFrom('^a$', '(')],
    ['contentEncoding', text],
    ['contentMediaType', text],
    ['$schema', text],
    ['$ref', fc.constantFrom('#/x', 'other.json')],
    ['$id', fc.constantFrom('http://x/y', 'a.json', 'a#')],
    ['$anchor', fc.constantFrom('a1', '_x')],
    ['$dynamicAnchor', fc.constant('here')],
    ['$dynamicRef', fc.constant('#here')],
    ['$vocabulary', fc.constant({ 'http://x/v': true })],
    ['items', sub],
    ['additionalProperties', sub],
    ['contains', sub],
    ['not', sub],
    ['if', sub],
    ['then', sub],
    ['else', sub],
    ['propertyNames', sub],
    ['contentSchema', sub],
    ['unevaluatedItems', sub],
    ['unevaluatedProperties', sub],
    ['allOf', fc.array(sub, { minLength: 1, maxLength: 2 })],
    ['anyOf', fc.array(sub, { minLength: 1, maxLength: 2 })],
    ['oneOf', fc.array(sub, { minLength: 1, maxLength: 2 })],
    ['prefixItems', fc.array(sub, { minLength: 1, maxLength: 2 })],
    ['$defs', fc.dictionary(fc.constantFrom('x', 'y'), sub, { maxKeys: 2 })],
    ['patternProperties', fc.dictionary(fc.constantFrom('^a$', 'b'), sub, { maxKeys: 2 })],
    ['dependentSchemas', fc.dictionary(fc.constantFrom('a', 'b'), sub, { maxKeys: 2 })],
    ['dependentRequired', fc.dictionary(fc.constantFrom('a', 'b'), names, { maxKeys: 2 })],
    ['required', names],
    ['enum', fc.array(fc.constantFrom<JsonValue>('a', 1, null), { maxLength: 3 })],
    ['const', anyValue],
    ['default', anyValue],
    ['examples', fc.array(anyValue, { maxLength: 2 })],
    ['minimum', number],
    ['maximum', number],
    ['exclusiveMinimum', number],
    ['exclusiveMaximum', number],
    ['multipleOf', fc.constantFrom(1, 0.5)],
    ['minLength', count],
    ['maxLength', count],
    ['minItems', count],
    ['maxItems', count],
    ['minContains', count],
    ['maxContains', count],
    ['minProperties', count],
    ['maxProperties', count],
    ['uniqueItems', fc.boolean()],
    ['deprecated', fc.boolean()],
    ['readOnly', fc.boolean()],
    ['writeOnly', fc.boolean()],
    ['cp_consumes', fc.constant(true)],
    ['note', fc.constant('Kept for audit.')],
  ];
  // Keywords the fast path leaves to the meta-schema (deprecated, unknown, a header key below the root), `unusual` times in 100.
  const leftToFull = fc.constantFrom(
    'definitions',
    'dependencies',
    '$recursiveRef',
    '$recursiveAnchor',
    'x-unknown',
    'endpoint',
  );
  const keyword = fc.oneof(
    {
      weight: 100 - unusual,
      arbitrary: fc.oneof(
        ...keywords.map(([name, value]) => ({
          weight: COMMON[name] ?? 1,
          arbitrary: fc.tuple(fc.constant(name), maybeBad(value)),
        })),
      ),
    },
    { weight: unusual, arbitrary: fc.tuple(leftToFull, maybeBad(fc.constantFrom<JsonValue>({}, '#', 'a1', 1))) },
  );
  return fc
    .uniqueArray(keyword, { maxLength: 5, selector: ([k]) => k })
    .map((pairs) => Object.fromEntries(pairs) as JsonValue);
}

/** A header value: the good one, or (when the document takes bad values at all) now and then a bad one or none. */
function header(badOdds: number, good: JsonValue, bad: JsonValue): fc.Arbitrary<JsonValue | undefined> {
  return badOdds === 0
    ? fc.constant(good)
    : fc.constantFrom<JsonValue | undefined>(good, good, good, good, good, good, good, good, bad, undefined);
}

/** A contract document: a header (sometimes wrong) and random fields, with one level of bad-value odds for the whole document. */
const document: fc.Arbitrary<JsonValue> = fc
  .tuple(fc.constantFrom(0, 0, 200, 40, 8), fc.constantFrom(0, 0, 2, 10))
  .chain(([badOdds, unusual]) =>
    fc
      .tuple(
        fc.dictionary(fc.constantFrom('a', 'b', 'c'), node(3, badOdds, unusual), { maxKeys: 3 }),
        header(badOdds, 'ProvisionRequest', 'provisionRequest'),
        header(badOdds, 'POST /cp/x', 'FETCH /x'),
        header(badOdds, { name: 'core', repo: 'core', type: 't' }, { name: '', repo: 'core', type: 't' }),
        node(0, badOdds, unusual),
      )
      .map(([fields, title, endpoint, producer, extra]) => ({
        ...(extra as Record<string, JsonValue>),
        $schema: '../schemas/contract.schema.json',
        ...(title === undefined ? {} : { title }),
        ...(endpoint === undefined ? {} : { endpoint }),
        ...(producer === undefined ? {} : { producer }),
        consumer: { name: 'cp', repo: 'cp', type: 'u' },
        type: 'object',
        properties: Object.fromEntries(
          Object.entries(fields as Record<string, JsonValue>).map(([name, schema]) => [
            name,
            typeof schema === 'object' && schema !== null && !Array.isArray(schema) && !('cp_consumes' in schema)
              ? { ...schema, cp_consumes: true }
              : schema,
          ]),
        ),
      })),
  );

describe('the meta-schema fast path', () => {
  it("accepts nothing the meta-schema rejects, and the verdict is always the meta-schema's", () => {
    const { fast, full } = metaValidators();
    const seen = { fastAccepted: 0, fellBackAndValid: 0, invalid: 0 };
    fc.assert(
      fc.property(document, (value) => {
        const fullVerdict = full(value);
        if (fast(value)) {
          expect(fullVerdict, `the fast path accepted what the meta-schema rejects: ${JSON.stringify(value)}`).toBe(
            true,
          );
          seen.fastAccepted++;
        } else if (fullVerdict) seen.fellBackAndValid++;
        else seen.invalid++;
        expect(validateAgainstMetaSchema(value).length === 0).toBe(fullVerdict);
      }),
      { seed: SEED, numRuns: 3000 },
    );
    // Not vacuous: every branch was taken a fair number of times.
    expect(seen.fastAccepted).toBeGreaterThan(100);
    expect(seen.fellBackAndValid).toBeGreaterThan(100);
    expect(seen.invalid).toBeGreaterThan(100);
    // 3,000 documents through two validators: about 25 s on an idle 2-core machine, over 40 s under load.
  }, 120_000);

  it('reports exactly what the meta-schema alone reports', () => {
    const { full } = metaValidators();
    const withoutFastPath = { fast: () => false, full };
    fc.assert(
      fc.property(document, (value) => {
        expect(validateAgainstMetaSchema(value)).toEqual(validateAgainstMetaSchema(value, withoutFastPath));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('is the path real contracts take', () => {
    const { fast } = metaValidators();
    fc.assert(
      fc.property(contractSpec, (spec) => {
        expect(fast(JSON.parse(writeJson(contractJson(spec))) as JsonValue)).toBe(true);
      }),
      { seed: SEED, numRuns: 200 },
    );
    const shipped = [
      ...readdirSync(join(ROOT, 'contracts')).map((name) => join(ROOT, 'contracts', name)),
      join(ROOT, 'test', 'fixtures', 'rules', 'CONSUMED_UNDER_DEAD_PARENT', 'good.contract.json'),
    ];
    for (const file of shipped) expect(fast(JSON.parse(readFileSync(file, 'utf8')) as JsonValue), file).toBe(true);
  });
});
