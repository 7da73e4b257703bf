/**
 * whyIncompatible (src/guards/wire-type-compat.ts) against a model written
 * over values: a sent type fits a received type exactly when every JSON value
 * the sender may put on the wire is one the receiver accepts. For random type
 * pairs: when wirepin says "fits", no sampled value of the sent type is
 * refused; when it names a reason, a refused value exists, and the reason
 * says where (null at the top, the kind, map values or array items).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatWireType, sameWireType } from '../../src/contract/field-table.js';
import type { WireType } from '../../src/wire.js';
import { opaqueReasonOf, whyIncompatible, type CompatOptions } from '../../src/guards/wire-type-compat.js';

const SEED = 31_337;

/** A wire value, with objects tagged: a struct (fields checked elsewhere) or a map with its values. */
type Value =
  null | string | number | boolean | Value[] | { readonly struct: true } | { readonly map: readonly Value[] };

const wireType: fc.Arbitrary<WireType> = fc.letrec<{ type: WireType }>((tie) => ({
  type: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      kind: fc.constantFrom(
        'string' as const,
        'integer' as const,
        'number' as const,
        'boolean' as const,
        'object' as const,
      ),
      nullable: fc.boolean(),
    }),
    fc.record({ kind: fc.constantFrom('any' as const, 'null' as const), nullable: fc.constant(true) }),
    fc.record({ kind: fc.constant('map' as const), values: tie('type'), nullable: fc.boolean() }),
    fc.record({ kind: fc.constant('array' as const), items: tie('type'), nullable: fc.boolean() }),
  ),
})).type;

const options: fc.Arbitrary<CompatOptions> = fc.record({
  receiverToleratesNull: fc.boolean(),
  objectMayBeMap: fc.boolean(),
});

/** Every value a sender of `type` may put on the wire (bounded sizes). */
function valuesOf(type: WireType): fc.Arbitrary<Value> {
  const base = ((): fc.Arbitrary<Value> => {
    switch (type.kind) {
      case 'string':
        return fc.string({ maxLength: 3 });
      case 'integer':
        return fc.integer({ min: -5, max: 5 });
      case 'number':
        return fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -5, max: 5, noNaN: true }));
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'object':
        return fc.constant({ struct: true as const });
      case 'map':
        return fc.array(valuesOf(type.values), { maxLength: 3 }).map((map) => ({ map }));
      case 'array':
        return fc.array(valuesOf(type.items), { maxLength: 3 });
      case 'any':
        return fc.oneof(
          fc.constant(null),
          fc.string({ maxLength: 2 }),
          fc.double({ noNaN: true, min: -3, max: 3 }),
          fc.boolean(),
          fc.constant({ struct: true as const }),
        );
      case 'opaque':
        return fc.constant(null);
    }
  })();
  return type.nullable ? fc.oneof(base, fc.constant(null)) : base;
}

/** Does a receiver of `type` accept `value`? */
function accepts(type: WireType, value: Value, opts: CompatOptions): boolean {
  if (type.kind === 'any' || type.kind === 'opaque') return true;
  if (value === null) return type.nullable || type.kind === 'null' || opts.receiverToleratesNull;
  switch (type.kind) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return false;
    case 'object':
      return typeof value === 'object' && !Array.isArray(value) && 'struct' in value;
    case 'map':
      if (typeof value !== 'object' || Array.isArray(value)) return false;
      if ('struct' in value) return opts.objectMayBeMap;
      return value.map.every((v) => accepts(type.values, v, opts));
    case 'array':
      return Array.isArray(value) && value.every((v) => accepts(type.items, v, opts));
  }
}

const NUM_RUNS = process.env['STRYKER_MUTATOR_WORKER'] === undefined ? 400 : 150;

describe('whyIncompatible against a model over values', () => {
  it('"fits" means the receiver accepts every value the sender may send', () => {
    fc.assert(
      fc.property(wireType, wireType, options, fc.nat(), (sent, received, opts, seed) => {
        if (whyIncompatible(sent, received, opts) !== undefined) return;
        for (const value of fc.sample(valuesOf(sent), { seed, numRuns: 30 })) {
          expect(accepts(received, value, opts), JSON.stringify({ sent, received, opts, value })).toBe(true);
        }
      }),
      { seed: SEED, numRuns: NUM_RUNS },
    );
  });

  it('a reason means some value of the sent type is refused, and the reason says where', () => {
    fc.assert(
      fc.property(wireType, wireType, options, (sent, received, opts) => {
        const reason = whyIncompatible(sent, received, opts);
        if (reason === undefined) return;
        const refused = fc
          .sample(valuesOf(sent), { seed: SEED, numRuns: 300 })
          .filter((v) => !accepts(received, v, opts));
        expect(refused.length, JSON.stringify({ sent, received, opts, reason })).toBeGreaterThan(0);
        switch (reason) {
          case 'nullable':
            expect(accepts(received, null, opts)).toBe(false);
            expect(sent.nullable || sent.kind === 'null').toBe(true);
            break;
          case 'values':
            expect([sent.kind, received.kind]).toEqual(['map', 'map']);
            break;
          case 'items':
            expect([sent.kind, received.kind]).toEqual(['array', 'array']);
            break;
          case 'kind':
            // The refused values are not (only) null: the kinds themselves differ.
            expect(refused.some((v) => v !== null)).toBe(true);
            break;
        }
      }),
      { seed: SEED, numRuns: NUM_RUNS },
    );
  });

  it('never compares an opaque side, and finds the opaque reason at any depth', () => {
    fc.assert(
      fc.property(
        wireType,
        fc.string({ minLength: 1, maxLength: 8 }),
        fc.nat(3),
        options,
        (other, reason, depth, opts) => {
          let opaque: WireType = { kind: 'opaque', nullable: false, reason };
          for (let i = 0; i < depth; i++)
            opaque =
              i % 2
                ? { kind: 'map', values: opaque, nullable: false }
                : { kind: 'array', items: opaque, nullable: false };
          expect(opaqueReasonOf(opaque)).toBe(reason);
          if (depth === 0) {
            expect(whyIncompatible(opaque, other, opts)).toBeUndefined();
            expect(whyIncompatible(other, opaque, opts)).toBeUndefined();
          }
          expect(opaqueReasonOf({ kind: 'string', nullable: false })).toBeUndefined();
        },
      ),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('is reflexive: every type fits itself', () => {
    fc.assert(
      fc.property(wireType, options, (type, opts) => {
        expect(whyIncompatible(type, type, opts)).toBeUndefined();
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe('sameWireType', () => {
  /** Types of any kind, opaque included, with `nullable` free even where the spelling ignores it. */
  const anyType: fc.Arbitrary<WireType> = fc.letrec<{ type: WireType }>((tie) => ({
    type: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({
        kind: fc.constantFrom(
          'string' as const,
          'integer' as const,
          'any' as const,
          'null' as const,
          'object' as const,
        ),
        nullable: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('opaque' as const), nullable: fc.boolean(), reason: fc.constantFrom('a', 'b') }),
      fc.record({ kind: fc.constant('map' as const), values: tie('type'), nullable: fc.boolean() }),
      fc.record({ kind: fc.constant('array' as const), items: tie('type'), nullable: fc.boolean() }),
    ),
  })).type;

  it('says two types are the same exactly when reports spell them the same', () => {
    fc.assert(
      fc.property(anyType, anyType, (a, b) => {
        expect(sameWireType(a, b)).toBe(formatWireType(a) === formatWireType(b));
        expect(sameWireType(a, a)).toBe(true);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});
