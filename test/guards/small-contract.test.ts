/**
 * The producer pin and consumer completeness rules on one small contract and
 * sources given as data: each case starts from a source that is the
 * contract's exact image, changes it, and pins every finding the guard
 * reports (rule, contract position, path, field, message, related place and
 * data) in test/guards/tables/small-contract.json. Pairing and the type
 * compatibility check are pinned on their own below.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeContractText } from '../../src/run/analyze.js';
import { formatWireType, type ContractModel } from '../../src/contract/field-table.js';
import type { ExtractResult, SourceKind, WireField, WireType } from '../../src/wire.js';
import { contractPathFor, serviceName, sourceAt, type GuardContext } from '../../src/guards/context.js';
import { pairFields } from '../../src/guards/pair-fields.js';
import { requireUsable } from '../../src/contract/usable.js';
import { runGuard } from '../../src/run/guard-engine.js';
import { opaqueReasonOf, whyIncompatible } from '../../src/guards/wire-type-compat.js';
import { CONSUMES_RULES } from '../../src/rules/consumes/index.js';
import { PIN_RULES } from '../../src/rules/pin/index.js';
import { errorFacts, expectTableEntry, findingFacts, REPO_ROOT } from '../support/facts.js';

const CONTRACT = {
  title: 'Req',
  endpoint: 'POST /req',
  producer: { name: 'core', repo: 'core', type: 'Req' },
  consumer: { name: 'cp', repo: 'cp', type: 'Req' },
  type: 'object',
  additionalProperties: false,
  required: ['id', 'count', 'meta'],
  properties: {
    id: { type: 'string', cp_consumes: true },
    count: { type: 'integer', cp_consumes: true },
    ratio: { type: ['number', 'null'], cp_consumes: true },
    meta: {
      type: 'object',
      additionalProperties: false,
      required: ['a'],
      properties: { a: { type: 'string', cp_consumes: true } },
      cp_consumes: true,
    },
    tags: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, properties: { t: { type: 'string', cp_consumes: true } } },
      cp_consumes: true,
    },
    grid: {
      type: 'array',
      items: { type: 'array', items: { type: 'object', additionalProperties: false, properties: {} } },
      cp_consumes: true,
    },
    env: { type: 'object', additionalProperties: { type: 'string' }, cp_consumes: true },
    hosts: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: { port: { type: 'integer', cp_consumes: true } },
      },
      cp_consumes: true,
    },
    dead: { type: 'string', cp_consumes: false, note: 'Nobody reads it.' },
  },
};

const FILE = 'contracts/req.contract.json';
const contract = analyzeContractText({ file: FILE, text: `${JSON.stringify(CONTRACT, null, 2)}\n` });
const model = requireUsable(contract).model;

const ROOT_LOCATION = { file: 'src/req.ts', line: 1, column: 18 };

/** The source that is the contract's exact image: field i sits on line i + 2. */
function mirror(): WireField[] {
  return [...model.fields.values()].map((field, index) => ({
    pointer: field.pointer,
    jsonName: field.name,
    type: field.type,
    required: field.required,
    location: { file: 'src/req.ts', line: index + 2, column: 3 },
    sourceType: formatWireType(field.type),
  }));
}

function field(pointer: string, type: WireType, extra: Partial<WireField> = {}): WireField {
  return {
    pointer,
    jsonName: pointer.slice(pointer.lastIndexOf('/') + 1),
    type,
    required: true,
    location: { file: 'src/req.ts', line: 40, column: 5 },
    sourceType: `T${pointer.replace(/\W/g, '_')}`,
    ...extra,
  };
}

const STRING: WireType = { kind: 'string', nullable: false };

interface Case {
  readonly name: string;
  readonly guard: 'pin' | 'consumes';
  readonly kind?: SourceKind;
  readonly mode?: 'static' | 'trace';
  /** Changes the mirror source. */
  readonly change: (fields: WireField[]) => WireField[];
  readonly opaque?: ExtractResult['opaque'];
}

const drop =
  (...pointers: string[]) =>
  (fields: WireField[]) =>
    fields.filter((f) => !pointers.some((p) => f.pointer === p || f.pointer.startsWith(`${p}/`)));
const add =
  (...extra: WireField[]) =>
  (fields: WireField[]) => [...fields, ...extra];
const retype =
  (pointer: string, type: WireType, extra: Partial<WireField> = {}) =>
  (fields: WireField[]) =>
    fields.map((f) =>
      f.pointer === pointer ? { ...f, type, sourceType: `T${pointer.replace(/\W/g, '_')}`, ...extra } : f,
    );
const both =
  (...changes: ((fields: WireField[]) => WireField[])[]) =>
  (fields: WireField[]) =>
    changes.reduce((acc, c) => c(acc), fields);

const CASES: readonly Case[] = [
  { name: 'pin: the exact image passes', guard: 'pin', change: (f) => f },
  {
    name: 'pin: missing fields, required and optional, top-level and nested',
    guard: 'pin',
    change: drop('/count', '/ratio', '/meta/a', '/tags/*/t'),
  },
  {
    name: 'pin from a JSON sample: only a missing required field counts',
    guard: 'pin',
    kind: 'json',
    change: drop('/count', '/ratio', '/meta/a', '/tags/*/t', '/dead'),
  },
  { name: 'pin: a whole object missing hides its fields', guard: 'pin', change: drop('/meta') },
  {
    name: 'pin: undeclared fields at the top, in an object, in array items, nested arrays and map values',
    guard: 'pin',
    change: add(
      field('/extra', STRING),
      field('/meta/b', STRING),
      field('/tags/*/u', STRING),
      field('/grid/*/*/g', STRING),
      field('/hosts/*/name', STRING),
      field('/ghost/child', STRING),
    ),
  },
  {
    name: 'pin: an undeclared object hides its own fields',
    guard: 'pin',
    change: add(field('/box', { kind: 'object', nullable: false }), field('/box/inner', STRING)),
  },
  {
    name: 'pin: required flipped both ways',
    guard: 'pin',
    change: (fields) =>
      fields.map((f) =>
        f.pointer === '/count' ? { ...f, required: false } : f.pointer === '/ratio' ? { ...f, required: true } : f,
      ),
  },
  {
    name: 'pin from a JSON sample: required is not compared',
    guard: 'pin',
    kind: 'json',
    change: (fields) => fields.map((f) => (f.pointer === '/count' ? { ...f, required: false } : f)),
  },
  {
    name: 'pin: type mismatches of kind, null, items and values',
    guard: 'pin',
    change: both(
      retype('/id', { kind: 'integer', nullable: false }),
      retype('/count', { kind: 'number', nullable: false }),
      retype('/meta/a', { kind: 'string', nullable: true }),
      retype('/env', { kind: 'map', values: { kind: 'integer', nullable: false }, nullable: false }),
      retype('/tags', { kind: 'array', items: { kind: 'object', nullable: true }, nullable: false }),
      retype('/ratio', { kind: 'integer', nullable: true }),
    ),
  },
  {
    name: 'pin from code: an object where the contract has a map is a mismatch, its keys undeclared',
    guard: 'pin',
    change: both(retype('/env', { kind: 'object', nullable: false }), add(field('/env/KEY', STRING))),
  },
  {
    name: 'pin from a JSON sample: an object where the contract has a map fits, its keys are not fields',
    guard: 'pin',
    kind: 'json',
    change: both(retype('/env', { kind: 'object', nullable: false }), add(field('/env/KEY', STRING))),
  },
  {
    name: 'pin: opaque fields, opaque values and items, and opaque places of the source',
    guard: 'pin',
    change: both(
      retype('/id', { kind: 'opaque', nullable: false, reason: 'reason one' }),
      retype('/env', {
        kind: 'map',
        values: { kind: 'opaque', nullable: false, reason: 'reason two' },
        nullable: false,
      }),
      retype('/tags', {
        kind: 'array',
        items: { kind: 'opaque', nullable: false, reason: 'reason three' },
        nullable: false,
      }),
      add(field('/unlisted', { kind: 'opaque', nullable: false, reason: 'reason four' })),
    ),
    opaque: [
      { pointer: '/id', typeName: 'Id', reason: 'reason one', location: { file: 'src/req.ts', line: 2, column: 3 } },
      {
        pointer: '/env/*',
        typeName: 'Value',
        reason: 'reason two',
        location: { file: 'src/req.ts', line: 8, column: 3 },
      },
      { pointer: '', typeName: 'Req', reason: 'reason five', location: ROOT_LOCATION },
      {
        pointer: '/meta/*',
        typeName: 'boolean',
        reason: 'reason six',
        location: { file: 'src/req.ts', line: 5, column: 3 },
      },
    ],
  },
  {
    name: 'consumes: opaque places are reported with the trace as the way out',
    guard: 'consumes',
    change: retype('/id', { kind: 'opaque', nullable: false, reason: 'reason one' }),
    opaque: [{ pointer: '', typeName: 'Req', reason: 'reason five', location: ROOT_LOCATION }],
  },
  { name: 'consumes: the exact image passes', guard: 'consumes', change: drop('/dead') },
  {
    name: 'consumes: consumed fields the consumer has no field for',
    guard: 'consumes',
    change: drop('/dead', '/id', '/meta/a', '/tags/*/t'),
  },
  {
    name: 'consumes from a trace: consumed fields the handler never read',
    guard: 'consumes',
    mode: 'trace',
    change: drop('/dead', '/id', '/meta/a'),
  },
  { name: 'consumes: the consumer decodes a dead field', guard: 'consumes', change: (f) => f },
  { name: 'consumes from a trace: the handler read a dead field', guard: 'consumes', mode: 'trace', change: (f) => f },
  {
    name: 'consumes: fields the contract does not list',
    guard: 'consumes',
    change: both(
      drop('/dead'),
      add(field('/extra', STRING), field('/meta/b', STRING), field('/tags/*/u', STRING), field('/env/*/k', STRING)),
    ),
  },
  {
    name: 'consumes: types that cannot hold what the contract allows',
    guard: 'consumes',
    change: both(
      drop('/dead'),
      retype('/ratio', { kind: 'number', nullable: false }),
      retype('/count', { kind: 'string', nullable: false }),
      retype('/id', { kind: 'string', nullable: true }),
    ),
  },
  {
    name: 'consumes from Go: null is tolerated, a kind is not',
    guard: 'consumes',
    kind: 'go',
    change: both(
      drop('/dead'),
      retype('/ratio', { kind: 'number', nullable: false }),
      retype('/count', { kind: 'string', nullable: false }),
    ),
  },
  {
    name: 'consumes from a trace: types are not compared',
    guard: 'consumes',
    mode: 'trace',
    change: both(drop('/dead'), retype('/count', { kind: 'string', nullable: false })),
  },
];

describe('the guard rules on a small contract', () => {
  it('reads the contract clean', () => {
    expect(contract.findings).toEqual([]);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (name, testCase) => {
    const source: ExtractResult = {
      root: { name: 'Req', location: ROOT_LOCATION },
      fields: testCase.change(mirror()),
      opaque: testCase.opaque ?? [],
    };
    const findings = runGuard(testCase.guard, contract, source, testCase.kind ?? 'ts', testCase.mode);
    expectTableEntry(name, findings.map(findingFacts), 'test/guards/tables/small-contract.json');
  });
});

describe('guard context helpers', () => {
  const bare: ContractModel = { ...model, producer: undefined, consumer: undefined };
  const context = (m: ContractModel): GuardContext => ({
    guard: 'pin',
    contractFile: FILE,
    model: m,
    source: { root: { name: 'Req', location: ROOT_LOCATION }, fields: [], opaque: [] },
    sourceKind: 'ts',
    mode: 'static',
    pairs: [],
  });

  it('names each side by the contract, else by its role', () => {
    expect([serviceName(context(model), 'producer'), serviceName(context(model), 'consumer')]).toEqual(['core', 'cp']);
    expect([serviceName(context(bare), 'producer'), serviceName(context(bare), 'consumer')]).toEqual([
      'the producer',
      'the consumer',
    ]);
  });

  it('places a related location at the source field, else at the source root', () => {
    const pair = { pointer: '/id', contract: model.fields.get('/id'), source: field('/id', STRING) };
    expect(sourceAt(context(model), 'consumer', pair)).toEqual({
      label: 'consumer Req',
      file: 'src/req.ts',
      line: 40,
      column: 5,
    });
    expect(sourceAt(context(model), 'producer', { ...pair, source: undefined })).toEqual({
      label: 'producer Req',
      ...ROOT_LOCATION,
    });
  });

  it.each([
    ['/id', '/properties/id'],
    ['/new', '/properties'],
    ['/meta/new', '/properties/meta/properties'],
    ['/tags/*/new', '/properties/tags/items/properties'],
    ['/grid/*/*/new', '/properties/grid/items/items/properties'],
    ['/hosts/*/new', '/properties/hosts/additionalProperties/properties'],
    ['/env/*/new', '/properties/env/additionalProperties/properties'],
    // More "*" levels than the container has: as deep as its type goes.
    ['/id/*/new', '/properties/id/properties'],
    ['/tags/*/*/new', '/properties/tags/items/properties'],
    // A parent that is in neither: the nearest listed ancestor, as if directly under it.
    ['/meta/ghost/new', '/properties/meta/properties'],
    ['/meta/ghost/*/new', '/properties/meta/properties'],
  ])('puts a field %s that the contract does not list at %s', (pointer, path) => {
    expect(
      contractPathFor(context(model), { pointer, contract: model.fields.get(pointer), source: field(pointer, STRING) }),
    ).toBe(path);
  });

  it('refuses a contract with lint errors, at the first finding', () => {
    const broken = analyzeContractText({ file: FILE, text: '{\n  "title": "Req",\n  "type": "object"\n}\n' });
    let thrown: unknown;
    try {
      runGuard('pin', broken, { root: { name: 'Req', location: ROOT_LOCATION }, fields: [], opaque: [] }, 'ts');
    } catch (error) {
      thrown = error;
    }
    const message = String((thrown as Error).message);
    expect(message).toContain(FILE);
    // The refusal carries the first finding (its rule and what it quotes) and counts the rest.
    expect(message).toContain(`${broken.findings[0]?.rule}`);
    expect(message).toMatch(new RegExp(`\\b${broken.findings.length - 1}\\b`, 'u'));
    expect(errorFacts(thrown)).toEqual({
      error: 'WirepinError',
      code: 'E_PARSE',
      at: `${FILE}:${broken.findings[0]?.line}:${broken.findings[0]?.column}`,
      quoted: ['required'],
      hint: true,
    });
    expect(broken.findings[0]?.line).toBe(1);
  });

  it('refuses a contract that has no model, at its first line', () => {
    expect(() => requireUsable({ ...contract, model: undefined, findings: [] })).toThrow(
      expect.objectContaining({ code: 'E_PARSE', location: { file: FILE, line: 1, column: 1 } }),
    );
  });

  it('accepts a contract whose findings are only warnings', () => {
    const warned = {
      ...contract,
      findings: [{ rule: 'X', severity: 'warning' as const, file: FILE, line: 3, column: 1, path: '', message: 'm' }],
    };
    expect(requireUsable(warned).model).toBe(model);
  });

  it('runs the rules of the guard asked for, in ID order', () => {
    expect(PIN_RULES.map((r) => r.id)).toEqual([
      'PRODUCER_FIELD_MISSING',
      'PRODUCER_FIELD_UNDECLARED',
      'PRODUCER_REQUIRED_MISMATCH',
      'PRODUCER_TYPE_MISMATCH',
      'SOURCE_TYPE_UNRESOLVED',
    ]);
    expect(CONSUMES_RULES.map((r) => r.id)).toEqual([
      'CONSUMER_CASE_COLLISION',
      'CONSUMER_FIELD_MISSING',
      'CONSUMER_FIELD_UNKNOWN',
      'CONSUMER_FIELD_UNREAD',
      'CONSUMER_READS_DEAD_FIELD',
      'CONSUMER_READ_UNPROVABLE',
      'CONSUMER_TYPE_MISMATCH',
      'SOURCE_TYPE_UNRESOLVED',
    ]);
  });
});

describe('pairing fields', () => {
  const at = { file: 'x', line: 1, column: 1 };
  const source = (...fields: [string, WireType][]): ExtractResult => ({
    root: { name: 'R', location: at },
    fields: fields.map(([pointer, type]) => ({
      pointer,
      jsonName: pointer,
      type,
      required: true,
      location: at,
      sourceType: 't',
    })),
    opaque: [],
  });
  const spell = (pairs: ReturnType<typeof pairFields>) =>
    pairs.map((p) => `${p.pointer} ${p.contract ? 'C' : '-'}${p.source ? 'S' : '-'}`);

  it('lists contract fields in order, then source-only fields, each once', () => {
    const pairs = pairFields(
      model,
      source(['/zeta', STRING], ['/id', STRING], ['/zeta', { kind: 'integer', nullable: false }]),
      'ts',
    );
    expect(spell(pairs)).toEqual([
      '/id CS',
      '/count C-',
      '/ratio C-',
      '/meta C-',
      '/tags C-',
      '/grid C-',
      '/env C-',
      '/hosts C-',
      '/dead C-',
      '/zeta -S',
    ]);
    // The first of two source fields at one pointer wins.
    expect(pairs.at(-1)?.source?.type).toEqual(STRING);
  });

  it('hides the fields under an unpaired, opaque or (for JSON samples) map ancestor', () => {
    const object: WireType = { kind: 'object', nullable: false };
    const opaque: WireType = { kind: 'opaque', nullable: false, reason: 'r' };
    const fields: [string, WireType][] = [
      ['/meta', opaque],
      ['/meta/a', STRING],
      ['/tags', { kind: 'array', items: object, nullable: false }],
      ['/tags/*/t', STRING],
      ['/hosts', object],
      ['/hosts/*/port', { kind: 'integer', nullable: false }],
      ['/hosts/x', STRING],
      ['/box', object],
      ['/box/in', STRING],
      ['/ghost/in', STRING],
    ];
    // /meta/a under an opaque source field, /box/in under an undeclared object: hidden.
    // /ghost/in: its parent is in neither, so nothing else reports it.
    expect(spell(pairFields(model, source(...fields), 'ts'))).toEqual([
      '/id C-',
      '/count C-',
      '/ratio C-',
      '/meta CS',
      '/tags CS',
      '/tags/*/t CS',
      '/grid C-',
      '/env C-',
      '/hosts CS',
      '/hosts/*/port CS',
      '/dead C-',
      '/hosts/x -S',
      '/box -S',
      '/ghost/in -S',
    ]);
    // A JSON sample cannot tell a map's keys from fields: nothing under /hosts is compared.
    expect(spell(pairFields(model, source(...fields), 'json'))).toEqual([
      '/id C-',
      '/count C-',
      '/ratio C-',
      '/meta CS',
      '/tags CS',
      '/tags/*/t CS',
      '/grid C-',
      '/env C-',
      '/hosts CS',
      '/dead C-',
      '/box -S',
      '/ghost/in -S',
    ]);
  });

  it('pairs a graph pair deep under its base as it pairs the same fields at the root', () => {
    // A graph pair's fields all lie under its payload path; `base` stops the walk up there. Same pairs, same hiding
    // (/q/in stays hidden under its one-letter parent, just below the base).
    const object: WireType = { kind: 'object', nullable: false };
    const opaque: WireType = { kind: 'opaque', nullable: false, reason: 'r' };
    const fields: [string, WireType][] = [
      ['/ID', STRING],
      ['/meta', opaque],
      ['/meta/a', STRING],
      ['/hosts', object],
      ['/hosts/*/port', { kind: 'integer', nullable: false }],
      ['/hosts/x', STRING],
      ['/q', object],
      ['/q/in', STRING],
    ];
    const base = '/a/*/b/c';
    const deepModel = {
      ...model,
      fields: new Map(
        [...model.fields.values()].map((f) => [
          `${base}${f.pointer}`,
          { ...f, pointer: `${base}${f.pointer}`, parent: f.parent === '' ? '' : `${base}${f.parent}` },
        ]),
      ),
    };
    // Source fields named by their last segment, as extractors name them (folding compares names).
    const named = (prefix: string): ExtractResult => {
      const result = source(...fields.map(([pointer, type]): [string, WireType] => [`${prefix}${pointer}`, type]));
      return { ...result, fields: result.fields.map((f) => ({ ...f, jsonName: f.pointer.split('/').at(-1) ?? '' })) };
    };
    const fold = (key: string) => key.toLowerCase();
    for (const kind of ['ts', 'json', 'go'] as const) {
      for (const options of [{}, { foldKey: fold }]) {
        const flat = spell(pairFields(model, named(''), kind, options)).map((p) => `${base}${p}`);
        expect(spell(pairFields(deepModel, named(base), kind, { ...options, base }))).toEqual(flat);
        // Without the base the deep pair is paired the same way too (only slower).
        expect(spell(pairFields(deepModel, named(base), kind, options))).toEqual(flat);
        // A base the fields do not lie under changes nothing.
        expect(spell(pairFields(model, named(''), kind, { ...options, base })).map((p) => `${base}${p}`)).toEqual(flat);
      }
    }
    // Folding lands /id in /ID under the base as at the root.
    const landed = pairFields(deepModel, named(base), 'go', { foldKey: fold, base }).find(
      (p) => p.pointer === `${base}/id`,
    );
    expect(landed?.source?.pointer).toBe(`${base}/ID`);
  });
});

describe('whether a sent type can be received', () => {
  const t = (kind: string, nullable = false, inner?: WireType): WireType =>
    (kind === 'array'
      ? { kind, items: inner, nullable }
      : kind === 'map'
        ? { kind, values: inner, nullable }
        : kind === 'opaque'
          ? { kind, nullable, reason: 'r' }
          : { kind, nullable }) as WireType;
  const strict = { receiverToleratesNull: false, objectMayBeMap: false };
  const lenient = { receiverToleratesNull: true, objectMayBeMap: true };

  it.each<[string, WireType, WireType, string | undefined, string | undefined]>([
    // sent, received, strict answer, lenient answer
    ['anything to any', t('string', true), t('any'), undefined, undefined],
    ['opaque sent', t('opaque'), t('string'), undefined, undefined],
    ['to opaque', t('string'), t('opaque'), undefined, undefined],
    ['null to nullable', t('null', true), t('string', true), undefined, undefined],
    ['null to not nullable', t('null', true), t('string'), 'nullable', undefined],
    ['nullable to not nullable', t('string', true), t('string'), 'nullable', undefined],
    ['nullable of another kind to not nullable', t('string', true), t('integer'), 'nullable', 'kind'],
    ['not nullable to nullable', t('string'), t('string', true), undefined, undefined],
    ['integer to integer', t('integer'), t('integer'), undefined, undefined],
    ['integer to number', t('integer'), t('number'), undefined, undefined],
    ['integer to string', t('integer'), t('string'), 'kind', 'kind'],
    ['number to integer', t('number'), t('integer'), 'kind', 'kind'],
    ['string to string', t('string'), t('string'), undefined, undefined],
    ['boolean to string', t('boolean'), t('string'), 'kind', 'kind'],
    ['map to object', t('map', false, t('string')), t('object'), 'kind', 'kind'],
    ['map to map of the same values', t('map', false, t('string')), t('map', false, t('string')), undefined, undefined],
    ['map to map of other values', t('map', false, t('string')), t('map', false, t('integer')), 'values', 'values'],
    [
      'map of nullable values to map',
      t('map', false, t('string', true)),
      t('map', false, t('string')),
      'values',
      undefined,
    ],
    ['array to object', t('array', false, t('string')), t('object'), 'kind', 'kind'],
    [
      'array to array of the same items',
      t('array', false, t('integer')),
      t('array', false, t('number')),
      undefined,
      undefined,
    ],
    [
      'array to array of other items',
      t('array', false, t('number')),
      t('array', false, t('integer')),
      'items',
      'items',
    ],
    ['object to object', t('object'), t('object'), undefined, undefined],
    ['object to map', t('object'), t('map', false, t('string')), 'kind', undefined],
    ['object to array', t('object'), t('array', false, t('string')), 'kind', 'kind'],
    ['null to null', t('null', true), t('null', true), undefined, undefined],
  ])('%s', (_name, sent, received, strictAnswer, lenientAnswer) => {
    expect([whyIncompatible(sent, received, strict), whyIncompatible(sent, received, lenient)]).toEqual([
      strictAnswer,
      lenientAnswer,
    ]);
  });

  it('finds the reason of an opaque type, also inside maps and arrays', () => {
    const opaque: WireType = { kind: 'opaque', nullable: false, reason: 'why' };
    expect([
      opaqueReasonOf(opaque),
      opaqueReasonOf(t('map', false, opaque)),
      opaqueReasonOf(t('array', false, t('map', false, opaque))),
      opaqueReasonOf(t('array', false, t('string'))),
      opaqueReasonOf(t('map', false, t('string'))),
      opaqueReasonOf(t('object')),
    ]).toEqual(['why', 'why', 'why', undefined, undefined, undefined]);
  });
});

describe('the guard rules as listed by wirepin', () => {
  const rules = [...PIN_RULES, ...CONSUMES_RULES.filter((r) => !PIN_RULES.includes(r))];

  it.each(rules.map((r) => [r.id, r] as const))('%s states in its summary what its doc states first', (id, rule) => {
    const doc = readFileSync(`${REPO_ROOT}/docs/rules/${id}.md`, 'utf8');
    expect(doc.split('\n')[2]).toBe(rule.summary);
  });

  it('have these IDs, stages and severities, and none blocks the input', () => {
    expect(
      rules.map((r) => `${r.id} ${r.stage} ${r.severity} ${r.blocksInput === true ? 'blocks' : 'checks'}`),
    ).toEqual([
      'PRODUCER_FIELD_MISSING pin error checks',
      'PRODUCER_FIELD_UNDECLARED pin error checks',
      'PRODUCER_REQUIRED_MISMATCH pin error checks',
      'PRODUCER_TYPE_MISMATCH pin error checks',
      'SOURCE_TYPE_UNRESOLVED source error checks',
      'CONSUMER_CASE_COLLISION consumes error checks',
      'CONSUMER_FIELD_MISSING consumes error checks',
      'CONSUMER_FIELD_UNKNOWN consumes error checks',
      'CONSUMER_FIELD_UNREAD consumes error checks',
      'CONSUMER_READS_DEAD_FIELD consumes error checks',
      'CONSUMER_READ_UNPROVABLE consumes warning checks',
      'CONSUMER_TYPE_MISMATCH consumes error checks',
    ]);
  });
});
