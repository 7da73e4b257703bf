import { isJsonObject, member, type JsonObject, type JsonValue } from '../../contract/json-document.js';
import type { WireType } from '../../wire.js';

/**
 * Integer ranges and array lengths on the receiving side: can the consumer's
 * type hold every value the contract allows? The producer pin does not ask
 * this (a producer type cannot express most value bounds).
 */

/** What a contract integer may be when no keyword bounds it: a 64-bit signed integer. */
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** A value the consumer's type cannot hold, found at `schemaSuffix` below the field's schema. */
export interface RangeProblem {
  readonly kind: 'range' | 'length';
  /** "/items", "/additionalProperties/items", or "" for the field itself. */
  readonly schemaSuffix: string;
  /** What the contract allows: "-9223372036854775808..9223372036854775807", "0.. items". */
  readonly declared: string;
  /** What the consumer holds: "int8 (-128..127)", "[2] (exactly 2 items)". */
  readonly received: string;
}

/**
 * Walks the contract schema and the consumer's wire type together, through
 * array items and map values, and returns the first place the consumer's
 * integer range or fixed array length cannot hold what the contract allows.
 */
export function receivingRangeProblem(
  schema: JsonValue | undefined,
  received: WireType,
  suffix = '',
): RangeProblem | undefined {
  if (!isJsonObject(schema)) return undefined;
  if (received.kind === 'integer' && received.range !== undefined) {
    const allowed = contractIntegerRange(schema);
    if (allowed === undefined) return undefined;
    const min = BigInt(received.range.min);
    const max = BigInt(received.range.max);
    if (allowed.min >= min && allowed.max <= max) return undefined;
    return {
      kind: 'range',
      schemaSuffix: suffix,
      declared: `${allowed.min}..${allowed.max}`,
      received: `${received.range.typeName} (${received.range.min}..${received.range.max})`,
    };
  }
  if (received.kind === 'array') {
    if (received.length !== undefined) {
      const minItems = nonNegativeInteger(member(schema, 'minItems')) ?? 0;
      const maxItems = nonNegativeInteger(member(schema, 'maxItems'));
      // decode.go's array: items past N are dropped, missing ones are left zero.
      if (minItems !== received.length || maxItems !== received.length) {
        return {
          kind: 'length',
          schemaSuffix: suffix,
          declared: `${minItems}..${maxItems ?? ''} items`,
          received: `[${received.length}] (exactly ${received.length} items)`,
        };
      }
    }
    return receivingRangeProblem(member(schema, 'items'), received.items, `${suffix}/items`);
  }
  if (received.kind === 'map') {
    return receivingRangeProblem(
      member(schema, 'additionalProperties'),
      received.values,
      `${suffix}/additionalProperties`,
    );
  }
  return undefined;
}

/**
 * The integers an integer schema allows: the 64-bit signed range narrowed by
 * minimum/maximum/exclusiveMinimum/exclusiveMaximum (a fractional bound
 * rounds inwards). Undefined when the schema is not an integer schema or
 * allows no integer at all.
 */
export function contractIntegerRange(schema: JsonObject): { min: bigint; max: bigint } | undefined {
  const type = member(schema, 'type');
  const types = Array.isArray(type) ? type : [type];
  if (!types.includes('integer')) return undefined;
  let min = INT64_MIN;
  let max = INT64_MAX;
  const minimum = finite(member(schema, 'minimum'));
  const maximum = finite(member(schema, 'maximum'));
  const exclusiveMinimum = finite(member(schema, 'exclusiveMinimum'));
  const exclusiveMaximum = finite(member(schema, 'exclusiveMaximum'));
  if (minimum !== undefined) min = larger(min, BigInt(Math.ceil(minimum)));
  if (exclusiveMinimum !== undefined) min = larger(min, BigInt(Math.floor(exclusiveMinimum)) + 1n);
  if (maximum !== undefined) max = smaller(max, BigInt(Math.floor(maximum)));
  if (exclusiveMaximum !== undefined) max = smaller(max, BigInt(Math.ceil(exclusiveMaximum)) - 1n);
  return min <= max ? { min, max } : undefined;
}

function finite(value: JsonValue | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function nonNegativeInteger(value: JsonValue | undefined): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function larger(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

function smaller(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
