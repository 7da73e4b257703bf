/**
 * diff and sync agree on value constraints: over pairs of contracts that
 * differ only by random edits to the constraints of their fields (added,
 * removed, changed, at the field, its items and its map values), diff reports
 * a change for a field exactly when the field's canonical JSON differs, every
 * change has a class (so `--fail-on any` fails on it), and sync explains every
 * difference with those changes: no SYNC_DRIFT.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeContractText } from '../../src/run/analyze.js';
import { diffContracts } from '../../src/run/diff-engine.js';
import { syncContracts } from '../../src/run/sync-engine.js';
import { canonicalJson } from '../../src/sync/value-diff.js';
import { failsOn } from '../../src/diff/change.js';
import type { JsonValue } from '../../src/contract/json-document.js';

const SEED = 14_006;

type Schema = Record<string, JsonValue>;

/** The constraints each kind of leaf may carry, with a few values each (so that equal values recur). */
const STRING_CONSTRAINTS = {
  pattern: fc.constantFrom('^a', '^[a-z]+$', '\\S'),
  format: fc.constantFrom('uuid', 'date-time', 'email'),
  minLength: fc.constantFrom(0, 1, 8),
  maxLength: fc.constantFrom(8, 64, 255),
  enum: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 4 }),
  const: fc.constantFrom('a', 'b'),
  contentEncoding: fc.constantFrom('base64', 'base32'),
};
const NUMBER_CONSTRAINTS = {
  minimum: fc.constantFrom(0, 1, -5, 2.5),
  maximum: fc.constantFrom(10, 100, 1e6),
  exclusiveMinimum: fc.constantFrom(0, 3),
  exclusiveMaximum: fc.constantFrom(50, 99),
  multipleOf: fc.constantFrom(1, 2, 3, 4, 0.5),
  enum: fc.uniqueArray(fc.constantFrom(1, 2, 3, 5), { minLength: 1, maxLength: 4 }),
};
const ARRAY_CONSTRAINTS = { minItems: fc.constantFrom(0, 1, 2), maxItems: fc.constantFrom(2, 10) };

function someOf(table: Record<string, fc.Arbitrary<JsonValue>>): fc.Arbitrary<Schema> {
  return fc.record(table, { requiredKeys: [] }) as fc.Arbitrary<Schema>;
}

/** The constrained parts of the four fields: a string, a number, an array of strings, a map of integers. */
const constraints = fc.record({
  name: someOf(STRING_CONSTRAINTS),
  size: someOf(NUMBER_CONSTRAINTS),
  tags: someOf(ARRAY_CONSTRAINTS),
  tagItems: someOf(STRING_CONSTRAINTS),
  limits: someOf(NUMBER_CONSTRAINTS),
});
type Constraints = typeof constraints extends fc.Arbitrary<infer T> ? T : never;

function fields(c: Constraints): Record<string, Schema> {
  return {
    name: { type: 'string', ...c.name, cp_consumes: true },
    size: { type: 'number', ...c.size, cp_consumes: true },
    tags: { type: 'array', ...c.tags, items: { type: 'string', ...c.tagItems }, cp_consumes: true },
    limits: {
      type: 'object',
      additionalProperties: { type: 'number', ...c.limits },
      cp_consumes: false,
      note: "Only the producer's audit log reads the limits.",
    },
  };
}

function contractText(c: Constraints): string {
  return JSON.stringify({
    title: 'Order',
    endpoint: 'POST /orders',
    producer: { name: 'orders', repo: 'orders', type: 'OrderPlaced' },
    consumer: { name: 'billing', repo: 'billing', type: 'OrderEvent' },
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: fields(c),
  });
}

describe('value-constraint edits: diff and sync agree', () => {
  it('diff reports a change for a field iff its canonical JSON differs; every change has a class; sync needs no SYNC_DRIFT', () => {
    fc.assert(
      fc.property(constraints, constraints, (before, after) => {
        const base = analyzeContractText({ file: 'base.contract.json', text: contractText(before) });
        const head = analyzeContractText({ file: 'head.contract.json', text: contractText(after) });
        expect(base.findings.filter((f) => f.severity === 'error')).toEqual([]);
        expect(head.findings.filter((f) => f.severity === 'error')).toEqual([]);
        const changes = diffContracts(base, head);
        const baseFields = fields(before);
        const headFields = fields(after);
        for (const name of Object.keys(baseFields)) {
          const differs = canonicalJson(baseFields[name] as JsonValue) !== canonicalJson(headFields[name] as JsonValue);
          const reported = changes.filter((c) => c.data.pointer === `/${name}`);
          expect(reported.length > 0, name).toBe(differs);
          for (const c of reported) {
            expect(c.rule).toBe('FIELD_CONSTRAINT_CHANGED');
            expect(failsOn(c.data.class, 'any')).toBe(true);
          }
        }
        const sync = syncContracts(base, head);
        expect(sync.drift).toEqual([]);
        expect(sync.changes.map((c) => c.data.kind)).toEqual(changes.map((c) => c.data.kind));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
