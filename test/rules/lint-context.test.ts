/**
 * Lint rules on small inline contracts: what DEAD_FIELD_NOTE_MISSING accepts
 * as a note, and every finding (message, data, position) of the dialect rules
 * on variations of one small contract.
 */
import { describe, expect, it } from 'vitest';
import { analyzeContractText } from '../../src/run/analyze.js';
import type { MetaSchemaError } from '../../src/contract/meta-validate.js';
import { notePlaceholderKind } from '../../src/rules/lint/DEAD_FIELD_NOTE_MISSING.js';
import { SCHEMA_INVALID } from '../../src/rules/lint/SCHEMA_INVALID.js';
import { UNSUPPORTED_SCHEMA } from '../../src/rules/lint/UNSUPPORTED_SCHEMA.js';
import {
  fieldNameOfSchemaPointer,
  isFieldNotObject,
  ledgerFieldPointer,
  ledgerKeywordOf,
} from '../../src/rules/lint/context.js';
import { expectTableEntry, findingFacts, type FindingFacts } from '../support/facts.js';

describe('notePlaceholderKind', () => {
  it.each([
    ['', 'blank'],
    ['   \n\t ', 'blank'],
    ['TODO', 'placeholder'],
    ['todo.', 'placeholder'],
    ['  Todo!!  ', 'placeholder'],
    ['unused!!', 'placeholder'],
    ['- n/a -', 'placeholder'],
    ['...unknown', 'placeholder'],
    [':; legacy ?!', 'placeholder'],
    ['Not Used', 'placeholder'],
    ['see above.', 'placeholder'],
    ['...', 'placeholder'],
    ['?', 'placeholder'],
    ['-', 'placeholder'],
    ['TODO: explain why core sends this', 'placeholder'],
    ['tbd, ask the cp team', 'placeholder'],
    ['FIXME before the release', 'placeholder'],
    ['xxx xxx xxx', 'placeholder'],
    ['todos are tracked elsewhere', undefined],
    ['fixmes are tracked elsewhere', undefined],
    ['please do todo this', undefined],
    ['cp ignores it', undefined],
    ['  padded   three\twords  ', undefined],
    ['two words', 'too-short'],
    ['kept', 'too-short'],
    ['legacy-field kept', 'too-short'],
    ['deprecated.field', 'too-short'],
    ['a-b c', 'too-short'],
    ['two  words', 'too-short'],
    ['Unused!!', 'placeholder'],
  ] as const)('%j is %s', (note, kind) => {
    expect(notePlaceholderKind(note)).toBe(kind);
  });
});

const HEADER = {
  $schema: '../../schemas/contract.schema.json',
  title: 'T',
  endpoint: 'POST /t',
  producer: { name: 'core', repo: 'core', type: 'P' },
  consumer: { name: 'cp', repo: 'cp', type: 'C' },
};

/** Lints a contract given as a value (pretty-printed, so positions are predictable) and describes every finding. */
function lint(value: Record<string, unknown>): FindingFacts[] {
  const analyzed = analyzeContractText({ file: 't.contract.json', text: `${JSON.stringify(value, null, 2)}\n` });
  return analyzed.findings.map(findingFacts);
}

function contract(properties: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...HEADER, type: 'object', additionalProperties: false, properties, ...extra };
}

describe('every placeholder note', () => {
  it.each([
    'todo',
    'tbd',
    'tba',
    'fixme',
    'xxx',
    'n/a',
    'na',
    'none',
    'null',
    'unknown',
    'later',
    'wip',
    'note',
    'placeholder',
    'unused',
    'ignored',
    'dead',
    'not used',
    'not consumed',
    'legacy',
    'deprecated',
    'see above',
    'same as above',
    '?',
    '-',
    '.',
    '...',
  ])('%j is a placeholder, in any case and with punctuation around it', (note) => {
    expect(notePlaceholderKind(note)).toBe('placeholder');
    expect(notePlaceholderKind(` ${note.toUpperCase()} `)).toBe('placeholder');
  });
});

describe('DEAD_FIELD_NOTE_MISSING', () => {
  it.each([
    ['missing', { a: { type: 'string', cp_consumes: false } }],
    ['not a string', { a: { type: 'string', cp_consumes: false, note: 3 } }],
    ['blank', { a: { type: 'string', cp_consumes: false, note: '' } }],
    ['too short', { a: { type: 'string', cp_consumes: false, note: 'kept  ' } }],
    ['a placeholder', { a: { type: 'string', cp_consumes: false, note: '  TODO.  ' } }],
    [
      'nested',
      {
        o: {
          type: 'object',
          additionalProperties: false,
          cp_consumes: false,
          note: 'cp ignores the whole object',
          properties: { b: { type: 'string', cp_consumes: false, note: 'tbd' } },
        },
      },
    ],
    ['blank, on a field named notes', { notes: { type: 'string', cp_consumes: false, note: '' } }],
    [
      'fine',
      {
        a: { type: 'string', cp_consumes: false, note: 'cp ignores it' },
        b: { type: 'string', cp_consumes: true, note: 'x' },
      },
    ],
  ])('a dead field whose note is %s', (name, properties) => {
    expectTableEntry(`note ${name}`, lint(contract(properties)), 'test/rules/tables/lint-variations.json');
  });
});

describe('dialect rules on variations of one contract', () => {
  const S = { type: 'string', cp_consumes: true };
  it.each<[string, Record<string, unknown>]>([
    ['an unknown top-level keyword', contract({ a: S }, { colour: 'red' })],
    [
      'an unknown key in the producer',
      { ...contract({ a: S }), producer: { name: 'core', repo: 'core', type: 'P', lang: 'go' } },
    ],
    ['an empty consumer name', { ...contract({ a: S }), consumer: { name: '', repo: 'cp', type: 'C' } }],
    ['a top-level array', { ...contract({ a: S }), type: 'array' }],
    [
      'producer missing',
      (() => {
        const c = contract({ a: S });
        delete c['producer'];
        return c;
      })(),
    ],
    ['a type typo', contract({ a: { type: 'strng', cp_consumes: true } })],
    ['a type that is a number', contract({ a: { type: 5, cp_consumes: true } })],
    ['a minimum that is a string', contract({ a: { type: 'integer', minimum: '3', cp_consumes: true } })],
    ['a top-level object left open', { ...contract({ a: S }), additionalProperties: true }],
    [
      'a top-level object without additionalProperties',
      (() => {
        const c = contract({ a: S });
        delete c['additionalProperties'];
        return c;
      })(),
    ],
    ['a nested object left open', contract({ o: { type: 'object', cp_consumes: true, properties: { b: S } } })],
    [
      'array items left open',
      contract({
        l: {
          type: 'array',
          cp_consumes: true,
          items: { type: 'object', additionalProperties: true, properties: { b: S } },
        },
      }),
    ],
    [
      'map values left open',
      contract({
        m: { type: 'object', cp_consumes: true, additionalProperties: { type: 'object', properties: { b: S } } },
      }),
    ],
    ['a map (fine)', contract({ m: { type: 'object', cp_consumes: true, additionalProperties: { type: 'string' } } })],
    [
      'required names that are not declared',
      contract(
        {
          a: S,
          o: {
            type: 'object',
            additionalProperties: false,
            cp_consumes: true,
            required: ['b', 'zz'],
            properties: { b: S },
          },
        },
        { required: ['a', 'nope'] },
      ),
    ],
    ['a required entry that is not a string', contract({ a: S }, { required: ['a', 5] })],
    [
      'required on an object without properties',
      contract({ m: { type: 'object', cp_consumes: true, required: ['k'], additionalProperties: { type: 'string' } } }),
    ],
    ['two types', contract({ a: { type: ['string', 'integer'], cp_consumes: true } })],
    ['a oneOf', contract({ a: { oneOf: [{ type: 'string' }, { type: 'integer' }], cp_consumes: true } })],
    // A subschema under a keyword misplaced where it stands is refused whole, with that keyword: nothing below it is walked.
    [
      'items at the top level holding a ledger entry',
      contract({ a: S }, { items: { type: 'string', cp_consumes: true } }),
    ],
    [
      '$defs in a field holding a titled definition',
      contract({ a: { ...S, $defs: { D: { type: 'object', title: 'D', additionalProperties: false } } } }),
    ],
    [
      'a oneOf in one field and two types in another',
      contract({
        a: { oneOf: [{ type: 'string' }, { type: 'integer' }], cp_consumes: true },
        b: { type: ['string', 'integer'], cp_consumes: true },
      }),
    ],
    ['cp_consumes missing', contract({ a: { type: 'string' } })],
    ['cp_consumes as a string', contract({ a: { type: 'string', cp_consumes: 'false' } })],
    ['a bare boolean field', contract({ a: true })],
    [
      'cp_consumes missing deep inside',
      contract({
        l: {
          type: 'array',
          cp_consumes: true,
          items: { type: 'object', additionalProperties: false, properties: { 'a/b~c': { type: 'string' } } },
        },
      }),
    ],
    [
      'a consumed field under a dead parent',
      contract({
        o: {
          type: 'object',
          additionalProperties: false,
          cp_consumes: false,
          note: 'cp ignores the whole object',
          properties: { b: S },
        },
      }),
    ],
  ])('%s', (name, value) => {
    expectTableEntry(name, lint(value), 'test/rules/tables/lint-variations.json');
  });
});

describe('lint context helpers', () => {
  it.each([
    ['', '(root)'],
    ['/properties', '(root)'],
    ['/type', '(root)'],
    ['/properties/a', 'a'],
    ['/properties/a/properties', 'a'],
    ['/properties/properties', 'properties'],
    ['/properties/items', 'items'],
    ['/properties/a/items/properties/b', 'a.*.b'],
    ['/properties/m/additionalProperties/properties/k', 'm.*.k'],
    ['/properties/m/additionalProperties', 'm.*'],
    ['/properties/a~1b~0c', 'a/b~c'],
    ['/properties/~01', '~1'],
  ])('names the field at %j %j', (pointer, name) => {
    expect(fieldNameOfSchemaPointer(pointer)).toBe(name);
  });

  const error = (over: Partial<MetaSchemaError>): MetaSchemaError => ({
    instancePath: '',
    keyword: 'required',
    schemaPath: '#/required',
    message: 'm',
    params: {},
    ...over,
  });

  it.each<[string, MetaSchemaError, ReturnType<typeof ledgerKeywordOf>, string, boolean]>([
    [
      'cp_consumes missing',
      error({ instancePath: '/properties/a', params: { missingProperty: 'cp_consumes' } }),
      'cp_consumes',
      '/properties/a',
      false,
    ],
    [
      'note missing',
      error({ instancePath: '/properties/a', params: { missingProperty: 'note' } }),
      'note',
      '/properties/a',
      false,
    ],
    [
      'another property missing',
      error({ instancePath: '/properties/a', params: { missingProperty: 'type' } }),
      undefined,
      '/properties/a',
      false,
    ],
    [
      'cp_consumes of the wrong type',
      error({
        instancePath: '/properties/a/cp_consumes',
        keyword: 'type',
        schemaPath: '#/properties/cp_consumes/type',
        params: { type: 'boolean' },
      }),
      'cp_consumes',
      '/properties/a',
      false,
    ],
    [
      'note of the wrong type',
      error({
        instancePath: '/properties/a/note',
        keyword: 'type',
        schemaPath: '#/properties/note/type',
        params: { type: 'string' },
      }),
      'note',
      '/properties/a',
      false,
    ],
    [
      'a note too short',
      error({ instancePath: '/properties/o/properties/b/note', keyword: 'minLength', params: { limit: 1 } }),
      'note',
      '/properties/o/properties/b',
      false,
    ],
    [
      'a field that is a bare boolean',
      error({ instancePath: '/properties/a', keyword: 'type', schemaPath: '#/type', params: { type: 'object' } }),
      'cp_consumes',
      '/properties/a',
      true,
    ],
    [
      'a nested bare boolean',
      error({
        instancePath: '/properties/o/properties/b',
        keyword: 'type',
        schemaPath: '#/type',
        params: { type: 'object' },
      }),
      'cp_consumes',
      '/properties/o/properties/b',
      true,
    ],
    [
      'a subschema check of 2020-12',
      error({
        instancePath: '/properties/a',
        keyword: 'type',
        schemaPath: '#/type',
        params: { type: 'object,boolean' },
      }),
      undefined,
      '',
      false,
    ],
    [
      'a type error elsewhere in the meta-schema',
      error({
        instancePath: '/properties/a',
        keyword: 'type',
        schemaPath: '#/$defs/x/type',
        params: { type: 'object' },
      }),
      undefined,
      '',
      false,
    ],
    [
      'an object expected at the properties member',
      error({ instancePath: '/properties', keyword: 'type', schemaPath: '#/type', params: { type: 'object' } }),
      undefined,
      '',
      false,
    ],
    [
      'an object expected below a field',
      error({ instancePath: '/properties/a/items', keyword: 'type', schemaPath: '#/type', params: { type: 'object' } }),
      undefined,
      '/properties/a',
      false,
    ],
    [
      'an enum error',
      error({ instancePath: '/properties/a/type', keyword: 'enum', params: { type: 'object' } }),
      undefined,
      '/properties/a',
      false,
    ],
  ])('%s', (_name, e, keyword, pointer, bare) => {
    expect(ledgerKeywordOf(e)).toBe(keyword);
    expect(isFieldNotObject(e)).toBe(bare);
    if (keyword !== undefined || pointer !== '') expect(ledgerFieldPointer(e)).toBe(pointer);
  });
});

describe('SCHEMA_INVALID and UNSUPPORTED_SCHEMA on given meta-schema errors', () => {
  const e = (
    instancePath: string,
    keyword: string,
    params: Record<string, unknown> = {},
    message = `fails ${keyword}`,
  ): MetaSchemaError => ({
    instancePath,
    keyword,
    schemaPath: `#/${keyword}`,
    message,
    params,
  });
  const check = (metaErrors: MetaSchemaError[]): unknown[] =>
    SCHEMA_INVALID.check({ problems: [], value: {}, metaErrors, model: undefined }).map((d) => [
      d.path,
      d.message,
      d.data,
    ]);

  it('keeps the enum of a branching error, else the anyOf or oneOf, and every error elsewhere', () => {
    expect(
      check([
        e('/a', 'type', { type: 'string' }),
        e('/a', 'enum', { allowedValues: ['x', 1] }, 'must be equal to one of the allowed values'),
        e('/a', 'anyOf'),
        e('/b', 'type', { type: 'array' }),
        e('/b', 'anyOf'),
        e('/c', 'const'),
        e('/c', 'oneOf'),
        e('', 'additionalProperties', { additionalProperty: 'colour' }, 'must NOT have additional properties'),
        e('/d', 'enum', { allowedValues: 'x' }, 'must be equal to one of the allowed values'),
        e('/properties/f/cp_consumes', 'type', { type: 'boolean' }),
        e('/properties/f', 'required', { missingProperty: 'note' }),
      ]),
    ).toEqual([
      [
        '/a',
        '"/a" must be one of "x", 1 (JSON Schema keyword "enum"). See schemas/contract.schema.json for the dialect.',
        { keyword: 'enum', params: { allowedValues: ['x', 1] } },
      ],
      [
        '/b',
        '"/b" fails anyOf (JSON Schema keyword "anyOf"). See schemas/contract.schema.json for the dialect.',
        { keyword: 'anyOf', params: {} },
      ],
      [
        '/c',
        '"/c" fails oneOf (JSON Schema keyword "oneOf"). See schemas/contract.schema.json for the dialect.',
        { keyword: 'oneOf', params: {} },
      ],
      [
        '',
        'The contract must NOT have additional properties ("colour") (JSON Schema keyword "additionalProperties"). See schemas/contract.schema.json for the dialect.',
        { keyword: 'additionalProperties', params: { additionalProperty: 'colour' } },
      ],
      [
        '/d',
        '"/d" must be equal to one of the allowed values (JSON Schema keyword "enum"). See schemas/contract.schema.json for the dialect.',
        { keyword: 'enum', params: { allowedValues: 'x' } },
      ],
    ]);
  });

  it('leaves a field whose schema is invalid to SCHEMA_INVALID', () => {
    const analyzed = analyzeContractText({
      file: 't.contract.json',
      text: JSON.stringify(contract({ a: { type: ['string', 'integer'], cp_consumes: true } })),
    });
    const run = (paths: string[]): string[] =>
      UNSUPPORTED_SCHEMA.check({
        problems: [],
        value: analyzed.document?.value,
        metaErrors: paths.map((p) => e(p, 'type')),
        model: analyzed.model,
      }).map((d) => `${d.path} ${String(d.field)}`);
    expect(run([])).toEqual(['/properties/a a']);
    expect(run(['/properties/a'])).toEqual([]);
    expect(run(['/properties/a/type/1'])).toEqual([]);
    expect(run(['/properties/ab', '/properties', '/x/properties/a'])).toEqual(['/properties/a a']);
  });
});
