/**
 * READS_MODE_CHANGED both ways: the consumer's `"reads": "strict"` added or
 * removed is one safe change, and sync takes it as explained (no SYNC_DRIFT).
 */
import { describe, expect, it } from 'vitest';
import { analyzeContractText } from '../../src/run/analyze.js';
import { diffContracts } from '../../src/run/diff-engine.js';
import { syncContracts } from '../../src/run/sync-engine.js';

function contract(strict: boolean, file: string) {
  const text = JSON.stringify({
    title: 'Order',
    endpoint: 'POST /orders',
    producer: { name: 'orders', repo: 'orders-svc', type: 'OrderPlaced' },
    consumer: { name: 'billing', repo: 'billing-svc', type: 'OrderEvent', ...(strict ? { reads: 'strict' } : {}) },
    type: 'object',
    additionalProperties: false,
    properties: { f: { type: 'string', cp_consumes: true } },
  });
  return analyzeContractText({ file, text });
}

describe('READS_MODE_CHANGED', () => {
  it.each([
    [false, true, 'became-strict', null, 'strict'],
    [true, false, 'no-longer-strict', 'strict', null],
  ] as const)('strict %s → %s is %s', (before, after, kind, beforeValue, afterValue) => {
    const changes = diffContracts(contract(before, 'base.json'), contract(after, 'head.json'));
    expect(changes.map((c) => [c.rule, c.path, c.data])).toEqual([
      [
        'READS_MODE_CHANGED',
        after ? '/consumer/reads' : '/consumer',
        { class: 'safe', kind, pointer: '', before: beforeValue, after: afterValue, consumes: null, note: null },
      ],
    ]);
    // The message names the contract's consumer and its repository.
    expect(changes[0]?.message).toContain('billing');
    expect(changes[0]?.message).toContain('billing-svc');
  });

  it('reports nothing when the mode is the same on both sides', () => {
    expect(diffContracts(contract(true, 'base.json'), contract(true, 'head.json'))).toEqual([]);
  });

  it('is explained to sync: a mirror that only lacks the strict mode is not drift beyond that change', () => {
    const result = syncContracts(contract(true, 'source.json'), contract(false, 'mirror.json'));
    expect(result.inSync).toBe(false);
    expect(result.changes.map((c) => c.rule)).toEqual(['READS_MODE_CHANGED']);
    expect(result.drift).toEqual([]);
  });
});
