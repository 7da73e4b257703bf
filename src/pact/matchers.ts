import type { JsonObject, JsonValue } from '../contract/json-document.js';
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
  | { readonly match: 'type'; readonly min?: number }
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

/** The rule for a node's own value; undefined for objects with named fields. */
export function matchingRuleFor(node: BodyNode): MatchingRule | undefined {
  switch (node.kind) {
    case 'string':
      return node.allowed && node.allowed.length > 0
        ? { match: 'regex', regex: `^(?:${node.allowed.map(escapeRegexLiteral).join('|')})$` }
        : { match: 'type' };
    case 'integer':
    case 'number':
    case 'boolean':
    case 'null':
      return { match: node.kind };
    case 'any':
      return { match: 'type' };
    case 'object':
      return undefined;
    case 'map':
      return { match: 'eachValue', rules: [matchingRuleFor(node.value) ?? { match: 'type' }], value: compactSorted(exampleValue(node)) };
    case 'array':
      return { match: 'type', min: 0 };
  }
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
  for (const key of Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) defineMember(out, key, sortKeys(value[key] as JsonValue));
  return out;
}

const MATCHER_TYPE = 'pact:matcher:type';

function ruleTemplate(rule: MatchingRule, value: JsonValue): JsonObject {
  const out: JsonObject = { [MATCHER_TYPE]: rule.match };
  if (rule.match === 'regex') out['regex'] = rule.regex;
  if (rule.match === 'type' && rule.min !== undefined) out['min'] = rule.min;
  out['value'] = value;
  return out;
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
      const valueRule = matchingRuleFor(node.value) ?? { match: 'type' };
      return { [MATCHER_TYPE]: 'eachValue', rules: [ruleTemplate(valueRule, exampleValue(node.value))], value: exampleValue(node) };
    }
    case 'array':
      return { [MATCHER_TYPE]: 'type', min: 0, value: [pactTemplate(node.item)] };
    default: {
      const rule = matchingRuleFor(node);
      const value = exampleValue(node);
      return rule ? ruleTemplate(rule, value) : value;
    }
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
    const rule = matchingRuleFor(current);
    if (rule) Object.defineProperty(rules, path, { value: { combine: 'AND', matchers: [rule] }, enumerable: true, writable: true, configurable: true });
    if (current.kind === 'object') for (const m of current.members) walk(m.node, memberPath(path, m.name));
    if (current.kind === 'array') walk(current.item, `${path}[*]`);
  };
  walk(node, '$');
  return rules;
}
