import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadPactContract } from '../../src/run/pact.js';
import { valueAt, type JsonObject, type JsonValue } from '../../src/contract/json-document.js';
import { WirepinError } from '../../src/errors.js';
import { EXAMPLE_MAP_KEY, exampleBody, exampleNode, exampleValue, type PactContract } from '../../src/pact/index.js';
import { createBodyValidator } from '../../src/runtime/validate-body.js';

async function shipped(): Promise<PactContract> {
  return await loadPactContract('contracts/provision_request.contract.json');
}

function example(schema: JsonValue): JsonValue {
  return exampleValue(exampleNode(schema, { contract: 'c.contract.json', pointer: '', name: 'body' }));
}

function refusal(schema: JsonValue): WirepinError {
  try {
    example(schema);
  } catch (error) {
    if (error instanceof WirepinError) return error;
    throw error;
  }
  throw new Error('an example was made');
}

describe('exampleBody of the shipped contract', () => {
  it('populates every field of the contract, optional and dead ones included', async () => {
    const contract = await shipped();
    const body = exampleBody(contract);
    for (const field of contract.model.fields.values()) {
      expect(valueAt(body, field.pointer.replaceAll('/*', `/${EXAMPLE_MAP_KEY}`)), field.pointer).toBeDefined();
    }
    expect(Object.keys(body)).toHaveLength(15);
    expect(Object.keys(body['display'] as JsonObject)).toEqual(['mode', 'width', 'height', 'protocol']);
  });

  it('is valid against the generated wire schema', async () => {
    const schema = JSON.parse(await readFile('schemas/provision_request.schema.json', 'utf8')) as object;
    expect(createBodyValidator(schema)(exampleBody(await shipped()))).toMatchObject({ ok: true });
  });

  it('is deterministic and pinned', async () => {
    const first = JSON.stringify(exampleBody(await shipped()));
    expect(JSON.stringify(exampleBody(await shipped()))).toBe(first);
    expect(JSON.parse(first)).toEqual({
      org_id: 'org-acme',
      workspace_id: 'ws-7f3a',
      runtime: 'example-runtime',
      template: 'example-template',
      tier: 1,
      instance_type: 'example-instance_type',
      disk_gb: 1,
      provider: 'example-provider',
      data_persistence: 'example-data_persistence',
      kind: 'platform',
      display: { mode: 'example-mode', width: 1, height: 1, protocol: 'example-protocol' },
      platform_url: 'https://core.acme.example',
      env: { example_key: 'example-env-value' },
      config_files: { example_key: 'example-config_files-value' },
      template_assets: { example_key: Buffer.from('example-template_assets-value').toString('base64') },
    });
  });
});

describe('exampleNode', () => {
  it("prefers the author's examples, then const, then the first enum value", () => {
    expect(example({ type: 'string', examples: ['given'], enum: ['a'] })).toBe('given');
    expect(example({ type: 'string', const: 'fixed' })).toBe('fixed');
    expect(example({ type: 'string', enum: ['platform', 'ordinary'] })).toBe('platform');
    expect(example({ enum: [null, 3, 4] })).toBe(3);
  });

  it('makes values that satisfy format, length and range', () => {
    const schema: JsonObject = {
      type: 'object',
      properties: {
        url: { type: 'string', format: 'uri' },
        id: { type: 'string', format: 'uuid' },
        at: { type: 'string', format: 'date-time' },
        mail: { type: 'string', format: 'email' },
        short: { type: 'string', maxLength: 3 },
        long: { type: 'string', minLength: 40 },
        code: { type: 'string', pattern: '^example-' },
        size: { type: 'integer', minimum: 10, maximum: 20 },
        step: { type: 'integer', exclusiveMinimum: 0, multipleOf: 5 },
        below: { type: 'integer', maximum: -3 },
        ratio: { type: 'number', exclusiveMaximum: 1 },
        flag: { type: 'boolean' },
        nothing: { type: 'null' },
        maybe: { type: ['string', 'null'] },
      },
    };
    const { code, ...value } = example(schema) as JsonObject;
    expect(code).toMatch(/^example-/);
    expect(value).toEqual({
      url: 'https://example.test/url',
      id: '00000000-0000-4000-8000-000000000000',
      at: '2000-01-01T00:00:00Z',
      mail: 'mail@example.test',
      short: 'exa',
      long: 'example-longxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      size: 10,
      step: 5,
      below: -3,
      ratio: 0,
      flag: true,
      nothing: null,
      maybe: 'example-maybe',
    });
    expect(createBodyValidator(schema)({ ...value, code })).toMatchObject({ ok: true });
  });

  it('gives maps one entry and arrays one item, at any depth', () => {
    const schema: JsonObject = {
      type: 'object',
      properties: {
        items: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } },
        labels: { type: 'object', additionalProperties: { type: 'object', properties: { color: { type: 'string' } } } },
      },
    };
    expect(example(schema)).toEqual({
      items: [{ id: 'example-id' }],
      labels: { example_key: { color: 'example-color' } },
    });
  });

  it('keeps a field named "__proto__" as an ordinary member', () => {
    const value = example({ type: 'object', properties: { ['__proto__']: { type: 'string' } } }) as JsonObject;
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it('refuses, with E_UNSUPPORTED naming the field, what it cannot make an example for', () => {
    const pattern = refusal({
      type: 'object',
      properties: { code: { type: 'string', pattern: '^[0-9]{4}$', maxLength: 3 } },
    });
    expect(pattern.code).toBe('E_UNSUPPORTED');
    expect(pattern.message).toMatch(
      /^Field "code" in c\.contract\.json: no text generated for its pattern in 16 tries matched it/,
    );
    expect(pattern.hint).toMatch(/"examples"/);
    expect(
      refusal({ type: 'object', properties: { n: { type: 'integer', minimum: 1, maximum: 2, multipleOf: 5 } } })
        .message,
    ).toMatch(/Field "n"/);
    expect(refusal({ type: 'object', properties: { r: { $ref: '#/x' } } }).message).toMatch(
      /Field "r".*"\$ref" is not supported/,
    );
  });
});

describe('made-up examples are bounded whatever the contract says', () => {
  it('refuses a minLength over MAX_MADE_UP_LENGTH instead of building it, and accepts one at the bound', () => {
    expect(() => example({ type: 'string', minLength: 1e9 })).toThrow(/over the 4096 characters/u);
    expect(String(example({ type: 'string', minLength: 4096 }))).toHaveLength(4096);
  });
});
