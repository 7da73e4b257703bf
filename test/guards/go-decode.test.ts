/**
 * `consumes --go` judges the consumer by how encoding/json *decodes* into it:
 * Unmarshaler methods, case-insensitive key matching, embedded pointers to
 * unexported structs, `,string`, integer ranges and fixed array lengths.
 * Each case is one contract and one Go package in a scratch directory, run
 * through the real CLI; findings are compared by rule, pointer, position and
 * data (the wording is pinned by the rule docs and goldens, not here).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { goExtractor } from '../../src/extract/go/index.js';
import { runCliJson, type JsonFinding } from '../support/run-cli.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'wirepin-go-decode-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

type Properties = Record<string, Record<string, unknown>>;

/** A contract whose properties are laid out one per line, so a property's key is on line 10 + its index. */
function contractText(properties: Properties): string {
  const names = Object.keys(properties);
  const lines = [
    '{',
    '  "title": "Req",',
    '  "endpoint": "POST /req",',
    '  "producer": { "name": "orders", "repo": "orders", "type": "Sent" },',
    '  "consumer": { "name": "billing", "repo": "billing", "type": "Req" },',
    '  "type": "object",',
    '  "additionalProperties": false,',
    `  "required": ${JSON.stringify(names)},`,
    '  "properties": {',
    ...names.map(
      (name, i) => `    ${JSON.stringify(name)}: ${JSON.stringify(properties[name])}${i < names.length - 1 ? ',' : ''}`,
    ),
    '  }',
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

interface Case {
  readonly dir: string;
  consumes(extra?: readonly string[]): ReturnType<typeof runCliJson>;
}

function setup(properties: Properties, files: Record<string, string>): Case {
  const dir = path.join(scratch, `c${counter++}`);
  mkdirSync(path.join(dir, 'billing'), { recursive: true });
  writeFileSync(path.join(dir, 'req.contract.json'), contractText(properties));
  for (const [file, source] of Object.entries(files)) writeFileSync(path.join(dir, 'billing', file), source);
  return {
    dir,
    consumes: (extra = []) =>
      runCliJson(['consumes', '--contract', 'req.contract.json', '--go', 'billing', '--type', 'Req', ...extra], {
        cwd: dir,
      }),
  };
}

const go = (body: string): string => `package billing\n\n${body}\n`;
const consumed = (schema: Record<string, unknown>): Record<string, unknown> => ({ ...schema, cp_consumes: true });
const STRING = consumed({ type: 'string' });
const INTEGER = consumed({ type: 'integer' });

/** rule, path, line, column and data of each finding. */
function summary(findings: readonly JsonFinding[]): unknown[] {
  return findings.map((f) => ({ rule: f.rule, path: f.path, line: f.line, column: f.column, data: f.data }));
}

describe('custom unmarshallers are opaque, never a pass', () => {
  it.each([
    [
      'UnmarshalJSON on the pointer receiver',
      'func (r *Req) UnmarshalJSON(b []byte) error { return nil }',
      'UnmarshalJSON on its pointer receiver',
    ],
    [
      'UnmarshalJSON on the value receiver',
      'func (r Req) UnmarshalJSON(b []byte) error { return nil }',
      'UnmarshalJSON on its value receiver',
    ],
    [
      'UnmarshalText on the pointer receiver',
      'func (r *Req) UnmarshalText(b []byte) error { return nil }',
      'UnmarshalText on its pointer receiver',
    ],
    [
      'UnmarshalJSON declared on an alias',
      'type ReqAlias = Req\n\nfunc (r *ReqAlias) UnmarshalJSON(b []byte) error { return nil }',
      'UnmarshalJSON on its pointer receiver',
    ],
  ])('%s of the root', async (_name, method, reason) => {
    const c = setup(
      { name: STRING },
      { 'req.go': go(`type Req struct {\n\tName string \`json:"name"\`\n}\n\n${method}`) },
    );
    const run = await c.consumes();
    expect(summary(run.findings)).toEqual([
      {
        rule: 'SOURCE_TYPE_UNRESOLVED',
        path: '',
        line: 1,
        column: 1,
        data: { pointer: '', sourceType: 'Req', reason: `type "Req" has a custom unmarshaller (${reason})` },
      },
      // As for an opaque producer root, the consumed fields are listed too: nothing shows the consumer decodes them.
      {
        rule: 'CONSUMER_FIELD_MISSING',
        path: '/properties/name/cp_consumes',
        line: 10,
        column: 30,
        data: { pointer: '/name' },
      },
    ]);
    expect(run.exit).toBe(1);
  });

  it('promoted from an embedded struct (pointer receiver, embedded by value)', async () => {
    const c = setup(
      { name: STRING },
      {
        'req.go': go(
          'type Base struct{}\n\nfunc (b *Base) UnmarshalJSON(data []byte) error { return nil }\n\ntype Req struct {\n\tBase\n\tName string `json:"name"`\n}',
        ),
      },
    );
    const run = await c.consumes();
    expect(run.findings.map((f) => [f.rule, f.path, f.data?.['reason']])).toEqual([
      [
        'SOURCE_TYPE_UNRESOLVED',
        '',
        'it embeds Base, and type "Base" has a custom unmarshaller (UnmarshalJSON on its pointer receiver), which is promoted',
      ],
      ['CONSUMER_FIELD_MISSING', '/properties/name/cp_consumes', undefined],
    ]);
  });

  it('on a field type: that field is opaque, the others are still compared', async () => {
    const c = setup(
      { name: STRING, when: STRING },
      {
        'req.go': go(
          'type Stamp struct{ S string }\n\nfunc (s Stamp) UnmarshalText(b []byte) error { return nil }\n\ntype Req struct {\n\tWhen Stamp `json:"when"`\n}',
        ),
      },
    );
    const run = await c.consumes();
    expect(summary(run.findings)).toEqual([
      {
        rule: 'CONSUMER_FIELD_MISSING',
        path: '/properties/name/cp_consumes',
        line: 10,
        column: 30,
        data: { pointer: '/name' },
      },
      {
        rule: 'SOURCE_TYPE_UNRESOLVED',
        path: '/properties/when',
        line: 11,
        column: 5,
        data: {
          pointer: '/when',
          sourceType: 'Stamp',
          reason: 'type "Stamp" has a custom unmarshaller (UnmarshalText on its value receiver)',
        },
      },
    ]);
  });

  it('an UnmarshalJSON only in a _test.go file or a file for another GOOS does not count', async () => {
    const c = setup(
      { name: STRING },
      {
        'req.go': go('type Req struct {\n\tName string `json:"name"`\n}'),
        'req_test.go': go('func (r *Req) UnmarshalJSON(b []byte) error { return nil }'),
        'req_windows.go': go('func (r *Req) UnmarshalText(b []byte) error { return nil }'),
      },
    );
    expect((await c.consumes()).findings).toEqual([]);
    // Built for windows, the UnmarshalText is there.
    expect((await c.consumes(['--goos', 'windows'])).findings.map((f) => [f.rule, f.path])).toEqual([
      ['SOURCE_TYPE_UNRESOLVED', ''],
      ['CONSUMER_FIELD_MISSING', '/properties/name/cp_consumes'],
    ]);
  });

  it('the producer pin keeps marshal semantics: an UnmarshalJSON does not make the producer opaque', async () => {
    const dir = path.join(scratch, `pin${counter++}`);
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'req.go'),
      go(
        'type Req struct {\n\tName string `json:"name"`\n}\n\nfunc (r *Req) UnmarshalJSON(b []byte) error { return nil }',
      ),
    );
    const encode = await goExtractor.extract({ path: dir, typeName: 'Req', cwd: dir });
    expect(encode.opaque).toEqual([]);
    expect(encode.fields.map((f) => f.pointer)).toEqual(['/name']);
    const decode = await goExtractor.extract({ path: dir, typeName: 'Req', cwd: dir, direction: 'decode' });
    expect(decode.fields).toEqual([]);
    expect(decode.opaque.map((o) => o.pointer)).toEqual(['']);
  });
});

describe('embedded pointers to unexported structs fail the decode', () => {
  it('a field promoted through *inner is reported, one through *Outer is not', async () => {
    const c = setup(
      { a: STRING, b: STRING },
      {
        'req.go': go(
          'type inner struct {\n\tA string `json:"a"`\n}\n\ntype Outer struct {\n\tB string `json:"b"`\n}\n\ntype Req struct {\n\t*inner\n\t*Outer\n}',
        ),
      },
    );
    const run = await c.consumes();
    expect(summary(run.findings)).toEqual([
      {
        rule: 'SOURCE_TYPE_UNRESOLVED',
        path: '/properties/a',
        line: 10,
        column: 5,
        data: {
          pointer: '/a',
          sourceType: 'string',
          reason:
            'it is promoted through the embedded pointer *inner to an unexported struct type, so json.Unmarshal fails ("json: cannot set embedded pointer to unexported struct") whenever the body carries it',
        },
      },
    ]);
  });

  it('an embedded unexported struct by value decodes fine', async () => {
    const c = setup(
      { a: STRING },
      { 'req.go': go('type inner struct {\n\tA string `json:"a"`\n}\n\ntype Req struct {\n\tinner\n}') },
    );
    expect((await c.consumes()).findings).toEqual([]);
  });
});

describe('keys match case-insensitively on decode', () => {
  it('"name" consumed and "NAME" dead both land in the field tagged "name": a collision and a dead field read', async () => {
    const c = setup(
      {
        name: STRING,
        NAME: { type: 'string', cp_consumes: false, note: 'orders sends it for the audit log; billing ignores it.' },
      },
      {
        'req.go': go('type Req struct {\n\tName string `json:"name"`\n}'),
      },
    );
    const run = await c.consumes();
    expect(summary(run.findings)).toEqual([
      {
        rule: 'CONSUMER_CASE_COLLISION',
        path: '/properties/NAME',
        line: 11,
        column: 5,
        data: { pointer: '/NAME', collidesWith: '/name', sourcePointer: '/name' },
      },
      {
        rule: 'CONSUMER_READS_DEAD_FIELD',
        path: '/properties/NAME/cp_consumes',
        line: 11,
        column: 30,
        data: { pointer: '/NAME' },
      },
    ]);
    expect(run.exit).toBe(1);
    // Messages use the contract's own service names.
    expect(run.findings[0]?.message).toContain("billing's Go decoder");
    expect(run.findings[0]?.message).toContain('orders');
  });

  it('with no exact match, the first field in field order takes the key; the later contract field collides', async () => {
    const c = setup(
      { Name: STRING, NAME: STRING },
      { 'req.go': go('type Req struct {\n\tLabel string `json:"nAmE"`\n}') },
    );
    const run = await c.consumes();
    expect(summary(run.findings)).toEqual([
      {
        rule: 'CONSUMER_CASE_COLLISION',
        path: '/properties/NAME',
        line: 11,
        column: 5,
        data: { pointer: '/NAME', collidesWith: '/Name', sourcePointer: '/nAmE' },
      },
    ]);
  });

  it('a key that differs only in case is decoded: no missing or unknown field', async () => {
    const c = setup(
      {
        OrgID: STRING,
        display: consumed({
          type: 'object',
          additionalProperties: false,
          required: ['Mode'],
          properties: { Mode: STRING },
        }),
      },
      {
        'req.go': go(
          'type Req struct {\n\tOrgID string `json:"orgid"`\n\tDisplay struct {\n\t\tMode string `json:"mode"`\n\t} `json:"Display"`\n}',
        ),
      },
    );
    expect((await c.consumes()).findings).toEqual([]);
  });

  it('Unicode folding: the Kelvin sign and the long s fold with k and s', async () => {
    const c = setup(
      { '\u212Aey': STRING, '\u017Fize': STRING },
      { 'req.go': go('type Req struct {\n\tKey string `json:"key"`\n\tSize string `json:"SIZE"`\n}') },
    );
    expect((await c.consumes()).findings).toEqual([]);
  });

  it('exact names win over folded ones: separate fields for "name" and "NAME" pass', async () => {
    const c = setup(
      { name: STRING, NAME: STRING },
      { 'req.go': go('type Req struct {\n\tA string `json:"NAME"`\n\tB string `json:"name"`\n}') },
    );
    expect((await c.consumes()).findings).toEqual([]);
  });

  it('the producer pin stays exact', async () => {
    const dir = path.join(scratch, `pin${counter++}`);
    mkdirSync(path.join(dir, 'orders'), { recursive: true });
    writeFileSync(path.join(dir, 'req.contract.json'), contractText({ Name: STRING }));
    writeFileSync(
      path.join(dir, 'orders', 'sent.go'),
      'package orders\n\ntype Sent struct {\n\tName string `json:"name"`\n}\n',
    );
    const run = await runCliJson(['pin', '--contract', 'req.contract.json', '--go', 'orders', '--type', 'Sent'], {
      cwd: dir,
    });
    expect(run.findings.map((f) => [f.rule, f.data?.['pointer']])).toEqual([
      ['PRODUCER_FIELD_UNDECLARED', '/name'],
      ['PRODUCER_FIELD_MISSING', '/Name'],
    ]);
  });
});

describe('integer ranges and array lengths on the receiving side', () => {
  const INT64 = '-9223372036854775808..9223372036854775807';
  it.each([
    ['int8 against an unbounded integer', 'int8', INTEGER, { declared: INT64, received: 'int8 (-128..127)' }],
    [
      'uint against an unbounded integer',
      'uint',
      INTEGER,
      { declared: INT64, received: 'uint (0..18446744073709551615)' },
    ],
    [
      'uintptr against an unbounded integer',
      'uintptr',
      INTEGER,
      { declared: INT64, received: 'uintptr (0..18446744073709551615)' },
    ],
    [
      'int32 against an unbounded integer',
      'int32',
      INTEGER,
      { declared: INT64, received: 'int32 (-2147483648..2147483647)' },
    ],
    [
      'uint8 against 0..256',
      'uint8',
      consumed({ type: 'integer', minimum: 0, maximum: 256 }),
      { declared: '0..256', received: 'uint8 (0..255)' },
    ],
    [
      'uint64 against -1..10',
      'uint64',
      consumed({ type: 'integer', minimum: -1, maximum: 10 }),
      { declared: '-1..10', received: 'uint64 (0..18446744073709551615)' },
    ],
    [
      'int16 against exclusiveMaximum 32769',
      'int16',
      consumed({ type: 'integer', minimum: -5, exclusiveMaximum: 32769 }),
      { declared: '-5..32768', received: 'int16 (-32768..32767)' },
    ],
    [
      'time.Duration (int64) against a nullable unbounded integer: fits',
      'time.Duration',
      consumed({ type: ['integer', 'null'] }),
      undefined,
    ],
    ['int against an unbounded integer: fits (64-bit on amd64)', 'int', INTEGER, undefined],
    ['uint against minimum 0: fits', 'uint', consumed({ type: 'integer', minimum: 0 }), undefined],
    ['int8 against -128..127: fits', 'int8', consumed({ type: 'integer', minimum: -128, maximum: 127 }), undefined],
    [
      'uint8 against exclusiveMinimum -1 and maximum 255.5: fits',
      'uint8',
      consumed({ type: 'integer', exclusiveMinimum: -1, maximum: 255.5 }),
      undefined,
    ],
    [
      'int32 against an integer with a fractional minimum just below its range: fits',
      'int32',
      consumed({ type: 'integer', minimum: -2147483648.5, maximum: 0 }),
      undefined,
    ],
  ] as const)('%s', async (_name, goType, schema, expected) => {
    const c = setup(
      { n: schema },
      { 'req.go': go(`import "time"\n\nvar _ time.Duration\n\ntype Req struct {\n\tN ${goType} \`json:"n"\`\n}`) },
    );
    const run = await c.consumes();
    if (expected === undefined) {
      expect(run.findings).toEqual([]);
      return;
    }
    expect(summary(run.findings)).toEqual([
      {
        rule: 'CONSUMER_TYPE_MISMATCH',
        path: '/properties/n',
        line: 10,
        column: 5,
        data: { pointer: '/n', kind: 'range', ...expected, sourceType: goType },
      },
    ]);
    expect(run.exit).toBe(1);
  });

  it('int is 32-bit for --goarch 386', async () => {
    const c = setup({ n: INTEGER }, { 'req.go': go('type Req struct {\n\tN int `json:"n"`\n}') });
    expect((await c.consumes()).findings).toEqual([]);
    expect(summary((await c.consumes(['--goarch', '386'])).findings)).toEqual([
      {
        rule: 'CONSUMER_TYPE_MISMATCH',
        path: '/properties/n',
        line: 10,
        column: 5,
        data: {
          pointer: '/n',
          kind: 'range',
          declared: INT64,
          received: 'int (-2147483648..2147483647)',
          sourceType: 'int',
        },
      },
    ]);
  });

  it('array items and map values are checked too, at their schema', async () => {
    const c = setup(
      {
        sizes: consumed({ type: 'array', items: { type: 'integer' } }),
        limits: consumed({ type: 'object', additionalProperties: { type: 'integer', minimum: 0 } }),
      },
      {
        'req.go': go('type Req struct {\n\tSizes []int8 `json:"sizes"`\n\tLimits map[string]uint16 `json:"limits"`\n}'),
      },
    );
    const run = await c.consumes();
    expect(
      run.findings.map((f) => [f.rule, f.path, f.data?.['kind'], f.data?.['declared'], f.data?.['received']]),
    ).toEqual([
      ['CONSUMER_TYPE_MISMATCH', '/properties/sizes/items', 'range', INT64, 'int8 (-128..127)'],
      [
        'CONSUMER_TYPE_MISMATCH',
        '/properties/limits/additionalProperties',
        'range',
        '0..9223372036854775807',
        'uint16 (0..65535)',
      ],
    ]);
  });

  it.each([
    ['an unbounded array into [2]string', {}, { declared: '0.. items', received: '[2] (exactly 2 items)' }],
    [
      'at most 3 items into [2]string (the third is dropped)',
      { minItems: 2, maxItems: 3 },
      { declared: '2..3 items', received: '[2] (exactly 2 items)' },
    ],
    [
      '1 to 2 items into [2]string (a missing one reads as "")',
      { minItems: 1, maxItems: 2 },
      { declared: '1..2 items', received: '[2] (exactly 2 items)' },
    ],
    ['exactly 2 items into [2]string: fits', { minItems: 2, maxItems: 2 }, undefined],
  ] as const)('%s', async (_name, bounds, expected) => {
    const c = setup(
      { pair: consumed({ type: 'array', items: { type: 'string' }, ...bounds }) },
      { 'req.go': go('type Req struct {\n\tPair [2]string `json:"pair"`\n}') },
    );
    const run = await c.consumes();
    if (expected === undefined) {
      expect(run.findings).toEqual([]);
      return;
    }
    expect(summary(run.findings)).toEqual([
      {
        rule: 'CONSUMER_TYPE_MISMATCH',
        path: '/properties/pair',
        line: 10,
        column: 5,
        data: { pointer: '/pair', kind: 'length', ...expected, sourceType: '[2]string' },
      },
    ]);
  });

  it('the producer pin does not demand value bounds', async () => {
    const dir = path.join(scratch, `pin${counter++}`);
    mkdirSync(path.join(dir, 'orders'), { recursive: true });
    writeFileSync(
      path.join(dir, 'req.contract.json'),
      contractText({ n: INTEGER, pair: consumed({ type: 'array', items: { type: 'string' } }) }),
    );
    writeFileSync(
      path.join(dir, 'orders', 'sent.go'),
      'package orders\n\ntype Sent struct {\n\tN int8 `json:"n"`\n\tPair [2]string `json:"pair"`\n}\n',
    );
    const run = await runCliJson(['pin', '--contract', 'req.contract.json', '--go', 'orders', '--type', 'Sent'], {
      cwd: dir,
    });
    expect(run.findings).toEqual([]);
  });
});

describe('other decode-side kinds', () => {
  it('the ,string option: the consumer reads a JSON string, so a contract integer does not fit', async () => {
    const c = setup(
      { n: INTEGER, s: consumed({ type: 'string' }) },
      { 'req.go': go('type Req struct {\n\tN int64 `json:"n,string"`\n\tS int64 `json:"s,string"`\n}') },
    );
    const run = await c.consumes();
    expect(run.findings.map((f) => [f.rule, f.path, f.data?.['kind']])).toEqual([
      ['CONSUMER_TYPE_MISMATCH', '/properties/n/type', 'kind'],
    ]);
  });

  it('null is tolerated by every Go kind (it leaves the zero value)', async () => {
    const c = setup(
      {
        s: consumed({ type: ['string', 'null'] }),
        n: consumed({ type: ['integer', 'null'] }),
        a: consumed({ type: ['array', 'null'], items: { type: 'string' } }),
      },
      { 'req.go': go('type Req struct {\n\tS string `json:"s"`\n\tN int64 `json:"n"`\n\tA []string `json:"a"`\n}') },
    );
    expect((await c.consumes()).findings).toEqual([]);
  });

  it.each([
    [
      'a non-empty interface',
      'type Shape interface{ Area() float64 }\n\ntype Req struct {\n\tV Shape `json:"v"`\n}',
      'encoding/json cannot decode into the non-empty interface Shape (json.Unmarshal fails)',
    ],
    [
      'a map with integer keys',
      'type Req struct {\n\tV map[int]string `json:"v"`\n}',
      'map key type "int" only accepts keys that are int numbers; any other key fails json.Unmarshal',
    ],
    [
      'a channel',
      'type Req struct {\n\tV chan int `json:"v"`\n}',
      'encoding/json cannot decode into chan values (json.Unmarshal fails)',
    ],
  ])('%s is opaque', async (_name, body, reason) => {
    const c = setup(
      { v: consumed({ type: 'object', additionalProperties: { type: 'string' } }) },
      { 'req.go': go(body) },
    );
    const run = await c.consumes();
    expect(run.findings.map((f) => [f.rule, f.path, f.data?.['reason']])).toEqual([
      ['SOURCE_TYPE_UNRESOLVED', '/properties/v', reason],
    ]);
  });
});
