/**
 * Properties of the diff and of sync's canonical form, over generated
 * contracts that lint clean: a contract never differs from itself or from a
 * copy with its keys reordered (at every depth) and its whitespace changed;
 * canonical JSON is idempotent and blind to key order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeContractText, type AnalyzedContract } from '../../src/run/analyze.js';
import { readJson, type JsonValue } from '../../src/contract/json-document.js';
import { diffContracts } from '../../src/run/diff-engine.js';
import { pairContracts } from '../../src/diff/pair.js';
import { canonicalContract, syncContracts } from '../../src/run/sync-engine.js';
import { canonicalJson } from '../../src/sync/value-diff.js';
import { contractJson, contractSpec, pointersOf, writeJson } from './contract-arbitraries.js';

const SEED = 7_001;

function analyze(text: string, file = 'contracts/x.contract.json'): AnalyzedContract {
  return analyzeContractText({ file, text });
}

function errorsOf(contract: AnalyzedContract): string[] {
  return contract.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.path} ${f.message}`);
}

describe('the generated contracts', () => {
  it('lint clean and list exactly the generated fields', () => {
    fc.assert(
      fc.property(contractSpec, (spec) => {
        const contract = analyze(writeJson(contractJson(spec)));
        expect(errorsOf(contract)).toEqual([]);
        // As a set: integer-like names ("0") come first in a JS object, whatever the document order.
        expect([...(contract.model?.fields.keys() ?? [])].sort()).toEqual(pointersOf(spec).sort());
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});

describe('wirepin diff', () => {
  it('finds no change between a contract and itself', () => {
    fc.assert(
      fc.property(contractSpec, (spec) => {
        const text = writeJson(contractJson(spec));
        expect(diffContracts(analyze(text, 'base.json'), analyze(text, 'head.json'))).toEqual([]);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('ignores key order at every depth and whitespace', () => {
    fc.assert(
      fc.property(contractSpec, fc.integer(), fc.constantFrom(0, 1, 4), (spec, shuffleSeed, indent) => {
        const json = contractJson(spec);
        const base = analyze(writeJson(json), 'base.json');
        const head = analyze(writeJson(json, { shuffleSeed, indent }), 'head.json');
        expect(errorsOf(head)).toEqual([]);
        expect(diffContracts(base, head)).toEqual([]);
        // The pairing keeps every field and finds none added or removed.
        const pairing = pairContracts(base, head);
        expect(pairing.added).toEqual([]);
        expect(pairing.removed).toEqual([]);
        expect(pairing.kept.map((k) => k.pointer).sort()).toEqual(pointersOf(spec).sort());
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('reports a removed top-level field as FIELD_REMOVED at its pointer, and nothing under it', () => {
    fc.assert(
      fc.property(contractSpec, fc.nat(), (spec, pick) => {
        if (spec.fields.length < 2) return;
        const removed = spec.fields[pick % spec.fields.length];
        if (!removed) return;
        const head = { ...spec, fields: spec.fields.filter((f) => f !== removed) };
        const changes = diffContracts(
          analyze(writeJson(contractJson(spec)), 'base.json'),
          analyze(writeJson(contractJson(head)), 'head.json'),
        );
        const pointer = `/${removed.name.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        const removals = changes.filter((c) => c.rule === 'FIELD_REMOVED');
        expect(removals.map((c) => c.data.pointer)).toEqual([pointer]);
        const nested = pointersOf({ title: spec.title, fields: [removed] }).length - 1;
        expect(removals[0]?.data.nested ?? 0).toBe(nested);
        expect(changes.filter((c) => c.rule !== 'FIELD_REMOVED' && c.data.pointer.startsWith(`${pointer}/`))).toEqual(
          [],
        );
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});

describe("sync's canonical form (RFC 8785)", () => {
  it('is idempotent on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        const once = canonicalJson(value as JsonValue);
        const read = readJson(once);
        expect(read.ok).toBe(true);
        if (!read.ok) return;
        expect(canonicalJson(read.document.value)).toBe(once);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('is idempotent on contracts and blind to key order and whitespace', () => {
    fc.assert(
      fc.property(contractSpec, fc.integer(), (spec, shuffleSeed) => {
        const json = contractJson(spec);
        const original = analyze(writeJson(json));
        const canonical = canonicalContract(original);
        expect(canonicalContract(analyze(canonical))).toBe(canonical);
        const reordered = analyze(writeJson(json, { shuffleSeed, indent: 0 }), 'mirror.json');
        expect(canonicalContract(reordered)).toBe(canonical);
        expect(syncContracts(original, reordered)).toEqual({ inSync: true, changes: [], drift: [] });
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});
