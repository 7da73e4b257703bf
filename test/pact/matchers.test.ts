import { describe, expect, it } from 'vitest';
import { loadPactContract } from '../../src/run/pact.js';
import type { JsonValue } from '../../src/contract/json-document.js';
import {
  bodyMatchingRules,
  exampleNode,
  exampleTree,
  matchingRuleFor,
  pactTemplate,
  type BodyNode,
} from '../../src/pact/index.js';
import { escapeRegexLiteral, memberPath } from '../../src/pact/matchers.js';

function node(schema: JsonValue): BodyNode {
  return exampleNode(schema, { contract: 'c.contract.json', pointer: '', name: 'body' });
}

describe('matching rules of the shipped contract', () => {
  it("matches every field by type and by the contract's ranges, enums, formats and lengths, keeps objects rule-free, and lets maps have any keys", async () => {
    const tree = exampleTree(await loadPactContract('contracts/provision_request.contract.json'));
    const rules = bodyMatchingRules(tree);
    const byPath = Object.fromEntries(
      Object.entries(rules).map(([path, list]) => [path, list.matchers.map((m) => m.match).join('+')]),
    );
    expect(byPath).toEqual({
      '$.org_id': 'type+regex',
      '$.workspace_id': 'type+regex',
      '$.runtime': 'type',
      '$.template': 'type',
      '$.tier': 'integer',
      '$.instance_type': 'type',
      '$.disk_gb': 'integer+regex',
      '$.provider': 'type',
      '$.data_persistence': 'type',
      '$.kind': 'regex',
      '$.display.mode': 'type',
      '$.display.width': 'integer',
      '$.display.height': 'integer',
      '$.display.protocol': 'type',
      '$.platform_url': 'type+regex',
      '$.env': 'eachValue',
      '$.config_files': 'eachValue',
      '$.template_assets': 'eachValue',
    });
    expect(rules['$.env']).toEqual({
      combine: 'AND',
      matchers: [{ match: 'eachValue', rules: [{ match: 'type' }], value: '{"example_key":"example-env-value"}' }],
    });
  });
});

describe('matchingRuleFor', () => {
  it('derives type-based rules from the schema', () => {
    expect(matchingRuleFor(node({ type: 'string' }))).toEqual({ match: 'type' });
    expect(matchingRuleFor(node({ type: ['string', 'null'] }))).toEqual({ match: 'type' });
    expect(matchingRuleFor(node({ type: 'integer' }))).toEqual({ match: 'integer' });
    expect(matchingRuleFor(node({ type: 'number' }))).toEqual({ match: 'number' });
    expect(matchingRuleFor(node({ type: 'boolean' }))).toEqual({ match: 'boolean' });
    expect(matchingRuleFor(node({ type: 'null' }))).toEqual({ match: 'null' });
    expect(matchingRuleFor(node({ type: 'object', properties: {} }))).toBeUndefined();
    expect(matchingRuleFor(node({ type: 'array', items: { type: 'integer' } }))).toEqual({ match: 'type', min: 0 });
  });

  it('turns a string enum into an anchored regex of its literal values', () => {
    const rule = matchingRuleFor(node({ type: 'string', enum: ['platform', 'a.b', 'x|y'] }));
    expect(rule).toEqual({ match: 'regex', regex: '^(?:platform|a\\.b|x\\|y)$' });
    const regex = new RegExp(rule?.match === 'regex' ? rule.regex : '');
    expect(['platform', 'a.b', 'x|y'].every((v) => regex.test(v))).toBe(true);
    expect(['axb', 'x', 'platforms'].some((v) => regex.test(v))).toBe(false);
  });

  it('escapes every regex metacharacter Rust and JavaScript share', () => {
    const literal = '\\.+*?()|[]{}^$#&-~';
    expect(new RegExp(`^${escapeRegexLiteral(literal)}$`).test(literal)).toBe(true);
  });
});

describe('bodyMatchingRules and pactTemplate', () => {
  const schema: JsonValue = {
    type: 'object',
    properties: {
      items: {
        type: 'array',
        items: { type: 'object', properties: { id: { type: 'string' }, n: { type: 'integer' } } },
      },
      'a-b': { type: 'string' },
    },
  };

  it('writes array item rules under [*] and non-identifier names in brackets, as Pact core does', () => {
    expect(Object.keys(bodyMatchingRules(node(schema)))).toEqual([
      '$.items',
      '$.items[*].id',
      '$.items[*].n',
      "$['a-b']",
    ]);
    expect(memberPath('$', "it's")).toBe("$['it\\'s']");
    expect(memberPath('$', '_ok1')).toBe('$._ok1');
    expect(memberPath('$', '1st')).toBe("$['1st']");
  });

  it('builds Pact JS integration JSON with the same rules', () => {
    expect(pactTemplate(node(schema))).toEqual({
      items: {
        'pact:matcher:type': 'type',
        min: 0,
        value: [
          { id: { 'pact:matcher:type': 'type', value: 'example-id' }, n: { 'pact:matcher:type': 'integer', value: 1 } },
        ],
      },
      'a-b': { 'pact:matcher:type': 'type', value: 'example-a-b' },
    });
    expect(pactTemplate(node({ type: 'object', additionalProperties: { type: 'integer' } }))).toEqual({
      'pact:matcher:type': 'eachValue',
      rules: [{ 'pact:matcher:type': 'integer', value: 1 }],
      value: { example_key: 1 },
    });
  });
});
