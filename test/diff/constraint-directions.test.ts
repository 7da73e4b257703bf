/**
 * FIELD_CONSTRAINT_CHANGED's direction for each keyword: which way each edit
 * moves the values the contract accepts, and the class that follows. One
 * field, base and head differing in one constraint.
 */
import { describe, expect, it } from 'vitest';
import { analyzeContractText } from '../../src/run/analyze.js';
import { diffContracts } from '../../src/run/diff-engine.js';
import type { JsonValue } from '../../src/contract/json-document.js';
import { CONSTRAINT_KEYWORDS } from '../../src/contract/dialect.js';
import { CONSTRAINTS_COMPARED } from '../../src/rules/diff/FIELD_CONSTRAINT_CHANGED.js';

function contract(field: Record<string, JsonValue>, file: string) {
  const text = JSON.stringify({
    title: 'Order',
    endpoint: 'POST /orders',
    producer: { name: 'orders', repo: 'orders', type: 'OrderPlaced' },
    consumer: { name: 'billing', repo: 'billing', type: 'OrderEvent' },
    type: 'object',
    additionalProperties: false,
    properties: { f: { ...field, cp_consumes: true } },
  });
  return analyzeContractText({ file, text });
}

const S = { type: 'string' };
const N = { type: 'number' };
const A = { type: 'array', items: { type: 'string' } };

// [keyword, base schema, head schema, kind, class]
const CASES: readonly [string, Record<string, JsonValue>, Record<string, JsonValue>, string, string][] = [
  ['maxLength added', S, { ...S, maxLength: 5 }, 'maxLength-tightened', 'needs-both-sides'],
  ['maxLength removed', { ...S, maxLength: 5 }, S, 'maxLength-loosened', 'needs-both-sides'],
  ['maxLength raised', { ...S, maxLength: 5 }, { ...S, maxLength: 9 }, 'maxLength-loosened', 'needs-both-sides'],
  ['minLength raised', { ...S, minLength: 1 }, { ...S, minLength: 2 }, 'minLength-tightened', 'needs-both-sides'],
  ['minimum lowered', { ...N, minimum: 1 }, { ...N, minimum: 0 }, 'minimum-loosened', 'needs-both-sides'],
  ['maximum lowered', { ...N, maximum: 9 }, { ...N, maximum: 8 }, 'maximum-tightened', 'needs-both-sides'],
  [
    'exclusiveMinimum raised',
    { ...N, exclusiveMinimum: 1 },
    { ...N, exclusiveMinimum: 2 },
    'exclusiveMinimum-tightened',
    'needs-both-sides',
  ],
  [
    'exclusiveMaximum raised',
    { ...N, exclusiveMaximum: 1 },
    { ...N, exclusiveMaximum: 2 },
    'exclusiveMaximum-loosened',
    'needs-both-sides',
  ],
  ['multipleOf 2 to 4', { ...N, multipleOf: 2 }, { ...N, multipleOf: 4 }, 'multipleOf-tightened', 'needs-both-sides'],
  ['multipleOf 4 to 2', { ...N, multipleOf: 4 }, { ...N, multipleOf: 2 }, 'multipleOf-loosened', 'needs-both-sides'],
  ['multipleOf 2 to 3', { ...N, multipleOf: 2 }, { ...N, multipleOf: 3 }, 'multipleOf-changed', 'breaking'],
  // A base may fail SCHEMA_INVALID (a bound written as a string); such a value has no order with a number: changed.
  ['minimum "3" (a base error) to 3', { ...N, minimum: '3' }, { ...N, minimum: 3 }, 'minimum-changed', 'breaking'],
  ['minItems raised', { ...A, minItems: 0 }, { ...A, minItems: 1 }, 'minItems-tightened', 'needs-both-sides'],
  ['maxItems lowered', { ...A, maxItems: 3 }, { ...A, maxItems: 2 }, 'maxItems-tightened', 'needs-both-sides'],
  ['enum member removed', { ...S, enum: ['a', 'b'] }, { ...S, enum: ['a'] }, 'enum-tightened', 'needs-both-sides'],
  ['enum member added', { ...S, enum: ['a'] }, { ...S, enum: ['a', 'b'] }, 'enum-loosened', 'needs-both-sides'],
  ['enum member swapped', { ...S, enum: ['a'] }, { ...S, enum: ['b'] }, 'enum-changed', 'breaking'],
  ['enum reordered', { ...S, enum: ['a', 'b'] }, { ...S, enum: ['b', 'a'] }, 'enum-reordered', 'safe'],
  ['const changed', { ...S, const: 'a' }, { ...S, const: 'b' }, 'const-changed', 'breaking'],
  // A const is one value, whatever its kind: no member count (as for enum) nor divisibility (as for multipleOf) orders it.
  ['const array gains an item', { ...A, const: ['a'] }, { ...A, const: ['a', 'b'] }, 'const-changed', 'breaking'],
  ['const 2 to 4', { ...N, const: 2 }, { ...N, const: 4 }, 'const-changed', 'breaking'],
  ['const added', S, { ...S, const: 'a' }, 'const-tightened', 'needs-both-sides'],
  ['pattern changed', { ...S, pattern: '^a' }, { ...S, pattern: '^b' }, 'pattern-changed', 'breaking'],
  ['pattern removed', { ...S, pattern: '^a' }, S, 'pattern-loosened', 'needs-both-sides'],
  ['format changed', { ...S, format: 'uuid' }, { ...S, format: 'email' }, 'format-changed', 'breaking'],
  ['contentEncoding added', S, { ...S, contentEncoding: 'base64' }, 'contentEncoding-tightened', 'needs-both-sides'],
  [
    'items maxLength added',
    A,
    { ...A, items: { type: 'string', maxLength: 3 } },
    'maxLength-tightened',
    'needs-both-sides',
  ],
];

describe('FIELD_CONSTRAINT_CHANGED directions', () => {
  it('compares exactly the constraint keywords of the dialect', () => {
    expect([...CONSTRAINTS_COMPARED].sort()).toEqual([...CONSTRAINT_KEYWORDS].sort());
  });

  it.each(CASES)('%s', (_name, before, after, kind, changeClass) => {
    const changes = diffContracts(contract(before, 'base.json'), contract(after, 'head.json'));
    expect(changes.map((c) => [c.rule, c.data.kind, c.data.class, c.data.pointer])).toEqual([
      ['FIELD_CONSTRAINT_CHANGED', kind, changeClass, '/f'],
    ]);
  });

  it("speaks in the contract's own service names", () => {
    const [change] = diffContracts(
      contract({ ...S, maxLength: 9 }, 'base.json'),
      contract({ ...S, maxLength: 5 }, 'head.json'),
    );
    expect(change?.message).toContain('orders (OrderPlaced)');
    expect(change?.message).toContain('billing');
    expect(change?.message).not.toMatch(/\bcore\b|\bcp\b/u);
  });

  // The sides a message tells to change, named as the header spells them with their types,
  // and the values it shows; the sentences themselves are pinned by the goldens only.
  const PRODUCER = 'orders (OrderPlaced)';
  const CONSUMER = 'billing (OrderEvent)';
  it.each<[string, Record<string, JsonValue>, Record<string, JsonValue>, readonly string[]]>([
    ['added (tightened): the producer', S, { ...S, maxLength: 5 }, [PRODUCER]],
    ['lowered (tightened): the producer', { ...S, maxLength: 9 }, { ...S, maxLength: 5 }, [PRODUCER]],
    ['removed (loosened): the consumer', { ...S, maxLength: 5 }, S, [CONSUMER]],
    ['raised (loosened): the consumer', { ...S, maxLength: 5 }, { ...S, maxLength: 9 }, [CONSUMER]],
    ['changed both ways: both', { ...S, enum: ['a'] }, { ...S, enum: ['b'] }, [PRODUCER, CONSUMER]],
    ['reordered: neither', { ...S, enum: ['a', 'b'] }, { ...S, enum: ['b', 'a'] }, []],
  ])('a constraint %s is told to change, and the message shows the values', (_name, before, after, sides) => {
    const [change, ...rest] = diffContracts(contract(before, 'base.json'), contract(after, 'head.json'));
    expect(rest).toEqual([]);
    const message = change?.message ?? '';
    expect([PRODUCER, CONSUMER].filter((side) => message.includes(side))).toEqual(sides);
    const shown = [change?.data.before, change?.data.after].filter((v) => typeof v === 'string');
    expect(shown.length).toBeGreaterThan(0);
    for (const value of shown) expect(message).toContain(value);
    expect(message).toMatch(/^Field "f": .*[^.\s]\.$/su);
    expect(message).not.toMatch(/\s\s/u);
  });

  it('reads an additionalProperties schema beside properties as no map: a base left open and closed in the head changes no map-value constraint', () => {
    // A base may have lint errors (here OBJECT_NOT_CLOSED); the head must lint clean.
    const properties = { a: { type: 'string', cp_consumes: true } };
    const base = contract(
      { type: 'object', properties, additionalProperties: { type: 'string', maxLength: 3 } },
      'base.json',
    );
    expect(base.findings.map((f) => f.rule)).toEqual(['OBJECT_NOT_CLOSED']);
    const head = contract({ type: 'object', properties, additionalProperties: false }, 'head.json');
    expect(diffContracts(base, head).filter((c) => c.rule === 'FIELD_CONSTRAINT_CHANGED')).toEqual([]);
  });

  it('leaves a field whose type changed to FIELD_TYPE_CHANGED', () => {
    const changes = diffContracts(
      contract({ ...S, maxLength: 5 }, 'base.json'),
      contract({ ...N, maximum: 5 }, 'head.json'),
    );
    expect(changes.map((c) => c.rule)).toEqual(['FIELD_TYPE_CHANGED']);
  });
});
