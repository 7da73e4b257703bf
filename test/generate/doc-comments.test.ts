import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/contract/json-document.js';
import { compileTypes, generateTypes } from '../../src/generate/typescript-types.js';

/**
 * generate writes property doc comments itself, after prettier, instead of
 * letting prettier attach 10,000 comments (src/generate/typescript-types.ts).
 * These tests hold that shortcut to the generator's own output, byte for byte:
 * compileTypes(..., true) is the shortcut, compileTypes(..., false) is
 * json-schema-to-typescript and prettier doing everything.
 */
const OPTIONS = { typeName: 'ProvisionRequest', banner: '/* banner */' };

async function bothWays(schema: JsonObject): Promise<{ fast: string | undefined; reference: string | undefined }> {
  return { fast: await compileTypes(schema, OPTIONS, true), reference: await compileTypes(schema, OPTIONS, false) };
}

function objectOf(properties: Record<string, JsonObject>, required: string[] = Object.keys(properties)): JsonObject {
  return { type: 'object', additionalProperties: false, required, properties } as unknown as JsonObject;
}

const CASES: Array<[string, JsonObject]> = [
  [
    'one-line descriptions',
    objectOf({
      org_id: { type: 'string', description: 'The organisation.' },
      count: { type: 'integer', description: 'How many.' },
    }),
  ],
  [
    'several paragraphs and indented lines',
    objectOf({
      note: { type: 'string', description: 'First line.\n\nSecond paragraph\n  indented line\n\tand a tab' },
    }),
  ],
  [
    'a comment terminator in the text',
    objectOf({ glob: { type: 'string', description: 'Matches src/**/*.ts and ends */ here' } }),
  ],
  ['Unicode text', objectOf({ name: { type: 'string', description: 'Nom affiché — 表示名 ✓' } })],
  [
    'optional, nullable, enum and const fields',
    objectOf(
      {
        mode: { type: 'string', enum: ['fast', 'safe'], description: 'The mode.' },
        parent: { type: ['string', 'null'], description: 'Parent, if any.' },
        kind: { const: 'workspace', description: 'Always workspace.' },
      },
      ['mode'],
    ),
  ],
  [
    'nested objects at several depths',
    objectOf({
      display: {
        ...objectOf({
          theme: { type: 'string', description: 'Theme.' },
          layout: { ...objectOf({ columns: { type: 'integer', description: 'Columns.' } }), description: 'Layout.' },
        }),
        description: 'Display settings.',
      },
    }),
  ],
  [
    'maps and arrays of plain items',
    objectOf({
      labels: {
        type: 'object',
        additionalProperties: { type: 'string', description: 'A label value.' },
        description: 'Labels by key.',
      },
      tags: { type: 'array', items: { type: 'string' }, description: 'Tags.' },
      assets: {
        type: 'array',
        items: objectOf({ url: { type: 'string', description: 'Where.' } }),
        description: 'Assets.',
      },
    }),
  ],
  [
    'names that need quotes, and prototype names',
    objectOf({
      'x-trace-id': { type: 'string', description: 'Trace.' },
      constructor: { type: 'string', description: 'Not a constructor.' },
      __proto__: { type: 'string', description: 'An ordinary field.' },
    } as Record<string, JsonObject>),
  ],
  [
    'the ledger of a dead field',
    objectOf({
      template_assets: {
        type: 'array',
        items: { type: 'string' },
        description: 'Assets.',
        cp_consumes: false,
        note: 'cp ignores them.',
      } as unknown as JsonObject,
    }),
  ],
  [
    'fields left to the generator: titled, deprecated, minItems, described items, trailing spaces',
    objectOf({
      region: { type: 'string', title: 'Region', description: 'A named type.' },
      legacy: { type: 'string', deprecated: true, description: 'Old.' },
      hosts: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'At least one.' },
      ports: { type: 'array', items: { type: 'integer', description: 'A port.' }, description: 'Ports.' },
      spaced: { type: 'string', description: 'Ends with spaces  \nand a line' },
    }),
  ],
  [
    'long union types that prettier wraps',
    objectOf({
      status: {
        type: 'string',
        enum: Array.from({ length: 30 }, (_, i) => `status_value_${i}`),
        description: 'A long enum.',
      },
    }),
  ],
];

describe('generate writes property doc comments itself, exactly as the generator would', () => {
  for (const [name, schema] of CASES) {
    it(name, async () => {
      const { fast, reference } = await bothWays(schema);
      expect(reference).toBeDefined();
      expect(fast).toBe(reference);
      expect(await generateTypes(schema, OPTIONS)).toBe(reference);
    });
  }

  it('writes a comment for every described property (the reference is not comment-free)', async () => {
    const { fast } = await bothWays(CASES[5]![1]);
    expect(fast).toContain('   * Display settings.');
    expect(fast).toContain('       * Columns.');
    // display, theme, layout, columns: one doc comment each, nothing else.
    expect(fast?.match(/\/\*\*/gu)?.length).toBe(4);
  });

  it('agrees with the generator on arbitrary descriptions', async () => {
    const text = fc.string({
      unit: fc.constantFrom('a', 'Z', ' ', '\n', '*', '/', '@', '-', '`', 'é', '\t', '\r', '\u2028', '表'),
      maxLength: 40,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 4 }), async (descriptions) => {
        const properties: Record<string, JsonObject> = {};
        descriptions.forEach((description, i) => {
          properties[`field_${i}`] = { type: i % 2 ? 'integer' : 'string', description } as unknown as JsonObject;
        });
        const { fast, reference } = await bothWays(objectOf(properties));
        expect(fast).toBe(reference);
      }),
      { numRuns: 40, seed: 20261122 },
    );
  });
});
