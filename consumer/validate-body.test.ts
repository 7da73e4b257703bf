import { describe, expect, it } from 'vitest';
import { createBodyValidator, MAX_BODY_ERRORS, validateProvisionRequest } from './validate-body.js';
import * as library from '../src/runtime/validate-body.js';

describe('provision body validator (generated wire schema)', () => {
  const valid = {
    org_id: 'o',
    workspace_id: 'w',
    runtime: 'r',
    tier: 1,
    display: {},
    platform_url: 'https://core.example',
    env: null,
  };

  it('accepts a valid body, including the dead template_assets (the producer may send it), and returns it', () => {
    const body = { ...valid, template_assets: { 'a.png': 'AA==' } };
    expect(validateProvisionRequest(body)).toEqual({ ok: true, value: body });
  });

  it('names an unknown field by its key, dotted at depth', () => {
    expect(validateProvisionRequest({ ...valid, display: { depth: 24 }, extra: 1 })).toEqual({
      ok: false,
      errors: [
        { field: 'display.depth', message: 'unknown field "display.depth"; the contract does not list it' },
        { field: 'extra', message: 'unknown field "extra"; the contract does not list it' },
      ],
    });
  });

  it('names the field of a wrong type, and the missing required ones', () => {
    const { runtime: _r, ...body } = { ...valid, display: { width: '1280' }, env: { A: 1 } };
    expect(validateProvisionRequest(body)).toEqual({
      ok: false,
      errors: [
        { field: 'display.width', message: 'must be an integer' },
        { field: 'env.A', message: 'must be a string' },
        { field: 'runtime', message: 'is required' },
      ],
    });
  });

  it('spells a nullable type as "X or null"', () => {
    expect(validateProvisionRequest({ ...valid, env: 'A=1' })).toEqual({
      ok: false,
      errors: [{ field: 'env', message: 'must be an object or null' }],
    });
  });

  it("reports range violations with ajv's wording", () => {
    expect(validateProvisionRequest({ ...valid, disk_gb: 2 ** 31 })).toEqual({
      ok: false,
      errors: [{ field: 'disk_gb', message: 'must be <= 2147483647' }],
    });
  });

  it('is the library helper, re-exported', () => {
    expect(createBodyValidator).toBe(library.createBodyValidator);
  });
});

describe('createBodyValidator', () => {
  it('accepts the dialect keywords as annotations and validates formats', () => {
    const validate = createBodyValidator({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      endpoint: 'POST /x',
      producer: { name: 'a', repo: 'a', type: 'A' },
      consumer: { name: 'b', repo: 'b', type: 'B' },
      additionalProperties: false,
      properties: { url: { type: 'string', format: 'uri', cp_consumes: false, note: 'why' } },
    });
    expect(validate({ url: 'https://example.test/' }).ok).toBe(true);
    expect(validate({ url: 'not a uri' })).toEqual({
      ok: false,
      errors: [{ field: 'url', message: 'must match format "uri"' }],
    });
  });

  it('escapes pointer characters in field names and caps the error list', () => {
    const validate = createBodyValidator({ type: 'object', additionalProperties: false });
    const many = Object.fromEntries(
      Array.from({ length: MAX_BODY_ERRORS + 10 }, (_, i) => [`k${String(i).padStart(3, '0')}`, i]),
    );
    const result = validate({ ...many, 'a/b': 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(MAX_BODY_ERRORS);
    expect(result.errors[0]).toEqual({ field: 'a/b', message: 'unknown field "a/b"; the contract does not list it' });
  });

  it('throws at creation for a schema ajv cannot compile', () => {
    expect(() => createBodyValidator({ type: 'object', properties: { a: { type: 'strnig' } } })).toThrow();
  });
});
