import type { JsonObject, JsonValue } from '../contract/json-document.js';
import toRegexRange from 'to-regex-range';
import { compareText } from '../finding.js';
import { defineMember, exampleValue, type BodyNode } from './example-body.js';

/**
 * Type-based Pact matchers derived from the contract's example tree, so a
 * producer is held to the contract's types, not to the example's values:
 * string → type (Pact's like/string), integer → integer, number → number,
 * boolean → boolean, a string enum → regex of its values, map → eachValue over
 * the value type (any keys), array → type with min 0 plus rules for the item.
 * Objects with named fields carry no rule of their own: Pact's request
 * matching already refuses unexpected and missing keys there.
 *
 * Pact has no "or null" matcher: a nullable field is matched by the type of
 * its non-null example, and a producer that sends null needs an interaction of
 * its own (see docs/tracing.md, "What Pact can and cannot check").
 *
 * Two spellings of the same rules: `pactTemplate` is Pact JS's integration
 * JSON (what MatchersV3 builds, for PactV4's jsonBody), `bodyMatchingRules` is
 * the V4 pact file's `matchingRules.body`.
 */

/** One matching rule as a V4 pact file spells it. */
export type MatchingRule =
  | { readonly match: 'type'; readonly min?: number; readonly max?: number }
  | { readonly match: 'integer' | 'number' | 'boolean' | 'null' }
  | { readonly match: 'regex'; readonly regex: string }
  | { readonly match: 'eachValue'; readonly rules: readonly MatchingRule[]; readonly value: string };

/** A pact file's rule list for one path. */
export interface RuleList {
  readonly combine: 'AND';
  readonly matchers: readonly MatchingRule[];
}

/** Escapes a literal for a regex that both Rust's regex crate (Pact core) and JavaScript read the same way. */
export function escapeRegexLiteral(text: string): string {
  return text.replace(/[\\.+*?()|[\]{}^$#&\-~]/g, '\\$&');
}

/**
 * Regexes for the string formats a validating provider is most likely to check,
 * written in the syntax Rust's regex crate (Pact core) and JavaScript share.
 * They hold the shape (a URI has a scheme, a UUID its 8-4-4-4-12 hex groups),
 * not every rule of the RFC. A format not listed is matched by type only.
 */
export const FORMAT_REGEXES: Readonly<Record<string, string>> = {
  uri: '^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]+$',
  url: '^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]+$',
  iri: '^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]+$',
  uuid: '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$',
  'date-time': '^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(?:[.][0-9]+)?(?:[Zz]|[+-][0-9]{2}:[0-9]{2})$',
  date: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
  time: '^[0-9]{2}:[0-9]{2}:[0-9]{2}(?:[.][0-9]+)?(?:[Zz]|[+-][0-9]{2}:[0-9]{2})$',
  email: '^[^@\\s]+@[^@\\s]+$',
  'idn-email': '^[^@\\s]+@[^@\\s]+$',
  hostname: '^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:[.][A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$',
  ipv4: '^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])[.]){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$',
};

/** `^[\s\S]{min,max}$`: Rust's regex and JavaScript's with the `u` flag both count code points, as JSON Schema lengths do. */
function lengthRegex(minLength: number | undefined, maxLength: number | undefined): string | undefined {
  if (minLength === undefined && maxLength === undefined) return undefined;
  const low = minLength ?? 0;
  return `^[\\s\\S]{${low},${maxLength ?? ''}}$`;
}

/** An anchored regex of the decimal integers in [minimum, maximum] (to-regex-range); undefined when unbounded or past 2^53. */
export function integerRangeRegex(minimum: number | undefined, maximum: number | undefined): string | undefined {
  if (minimum === undefined && maximum === undefined) return undefined;
  if (minimum !== undefined && maximum !== undefined) {
    if (!Number.isSafeInteger(minimum) || !Number.isSafeInteger(maximum) || minimum > maximum) return undefined;
    return `^${toRegexRange(minimum, maximum, { capture: false, shorthand: false })}$`;
  }
  // One-sided: the bounded side's range up to ±(10^digits - 1), then any longer number on the open side.
  if (minimum !== undefined) {
    if (!Number.isSafeInteger(minimum)) return undefined;
    if (minimum <= 0) return `^(?:${toRegexRange(minimum, 0, { capture: false, shorthand: false })}|[1-9][0-9]*)$`;
    const digits = String(minimum).length;
    return `^(?:${toRegexRange(minimum, 10 ** digits - 1, { capture: false, shorthand: false })}|[1-9][0-9]{${digits},})$`;
  }
  if (maximum === undefined || !Number.isSafeInteger(maximum)) return undefined;
  if (maximum >= 0) return `^(?:${toRegexRange(0, maximum, { capture: false, shorthand: false })}|-[1-9][0-9]*)$`;
  const digits = String(-maximum).length;
  return `^(?:${toRegexRange(-(10 ** digits - 1), maximum, { capture: false, shorthand: false })}|-[1-9][0-9]{${digits},})$`;
}

/**
 * Every rule for a node's own value, combined with AND; empty for objects with
 * named fields. A string's enum (or const) is the whole rule; otherwise its
 * format, pattern and length each add a regex. An integer with bounds adds a
 * regex of its range (Pact core matches a regex against a number's decimal
 * text, so `integer` + range regex holds both the type and the range).
 */
export function matchingRulesFor(node: BodyNode): MatchingRule[] {
  switch (node.kind) {
    case 'string': {
      if (node.allowed && node.allowed.length > 0)
        return [{ match: 'regex', regex: `^(?:${node.allowed.map(escapeRegexLiteral).join('|')})$` }];
      const rules: MatchingRule[] = [{ match: 'type' }];
      const format = node.format === undefined ? undefined : FORMAT_REGEXES[node.format];
      if (format !== undefined) rules.push({ match: 'regex', regex: format });
      if (node.pattern !== undefined) rules.push({ match: 'regex', regex: node.pattern });
      const length = lengthRegex(node.minLength, node.maxLength);
      if (length !== undefined) rules.push({ match: 'regex', regex: length });
      return rules;
    }
    case 'integer': {
      const range = integerRangeRegex(node.minimum, node.maximum);
      return range === undefined ? [{ match: 'integer' }] : [{ match: 'integer' }, { match: 'regex', regex: range }];
    }
    case 'number':
    case 'boolean':
    case 'null':
      return [{ match: node.kind }];
    case 'any':
      return [{ match: 'type' }];
    case 'object':
      return [];
    case 'map':
      return [
        { match: 'eachValue', rules: nonEmpty(matchingRulesFor(node.value)), value: compactSorted(exampleValue(node)) },
      ];
    case 'array': {
      const rule: { match: 'type'; min: number; max?: number } = { match: 'type', min: node.minItems ?? 0 };
      if (node.maxItems !== undefined) rule.max = node.maxItems;
      return [rule];
    }
  }
}

function nonEmpty(rules: MatchingRule[]): MatchingRule[] {
  return rules.length > 0 ? rules : [{ match: 'type' }];
}

/** The first rule for a node's own value; undefined for objects with named fields. */
export function matchingRuleFor(node: BodyNode): MatchingRule | undefined {
  return matchingRulesFor(node)[0];
}

/** JSON text with object keys sorted by code unit, as Pact core writes embedded examples. */
export function compactSorted(value: JsonValue): string {
  return JSON.stringify(sortKeys(value));
}

/** A deep copy with every object's keys in code-unit order. */
export function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value).sort(compareText)) defineMember(out, key, sortKeys(value[key] as JsonValue));
  return out;
}

const MATCHER_TYPE = 'pact:matcher:type';

function ruleTemplate(rule: MatchingRule, value: JsonValue): JsonObject {
  const out: JsonObject = { [MATCHER_TYPE]: rule.match };
  if (rule.match === 'regex') out['regex'] = rule.regex;
  if (rule.match === 'type' && rule.min !== undefined) out['min'] = rule.min;
  if (rule.match === 'type' && rule.max !== undefined) out['max'] = rule.max;
  if (rule.match === 'eachValue') out['rules'] = rule.rules.map((r) => ruleTemplate(r, value));
  out['value'] = value;
  return out;
}

/** One rule as integration JSON, or several combined with AND (Pact core reads a list under `pact:matcher:type`). */
function rulesTemplate(rules: readonly MatchingRule[], value: JsonValue): JsonValue {
  const [first] = rules;
  if (first === undefined) return value;
  if (rules.length === 1) return ruleTemplate(first, value);
  return { [MATCHER_TYPE]: rules.map((r) => ruleTemplate(r, value)), value };
}

/** The example with Pact JS matchers in place (integration JSON), for PactV4's `jsonBody`. */
export function pactTemplate(node: BodyNode): JsonValue {
  switch (node.kind) {
    case 'object': {
      const out: JsonObject = {};
      for (const m of node.members) defineMember(out, m.name, pactTemplate(m.node));
      return out;
    }
    case 'map': {
      const item = exampleValue(node.value);
      return {
        [MATCHER_TYPE]: 'eachValue',
        rules: nonEmpty(matchingRulesFor(node.value)).map((r) => ruleTemplate(r, item)),
        value: exampleValue(node),
      };
    }
    case 'array': {
      const out: JsonObject = { [MATCHER_TYPE]: 'type', min: node.minItems ?? 0 };
      if (node.maxItems !== undefined) out['max'] = node.maxItems;
      out['value'] = [pactTemplate(node.item)];
      return out;
    }
    default:
      return rulesTemplate(matchingRulesFor(node), exampleValue(node));
  }
}

/** Pact's JSONPath for a member: `$.name` for identifiers, `$['a-b']` otherwise (as Pact core writes it). */
export function memberPath(parent: string, name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return `${parent}.${name}`;
  return `${parent}['${name.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}']`;
}

/** The V4 pact file's `matchingRules.body`: JSONPath → rule list, in walk order. */
export function bodyMatchingRules(node: BodyNode): Record<string, RuleList> {
  const rules: Record<string, RuleList> = {};
  const walk = (current: BodyNode, path: string): void => {
    const matchers = matchingRulesFor(current);
    if (matchers.length > 0)
      Object.defineProperty(rules, path, {
        value: { combine: 'AND', matchers },
        enumerable: true,
        writable: true,
        configurable: true,
      });
    if (current.kind === 'object') for (const m of current.members) walk(m.node, memberPath(path, m.name));
    if (current.kind === 'array') walk(current.item, `${path}[*]`);
  };
  walk(node, '$');
  return rules;
}
