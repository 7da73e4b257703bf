import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/contract/json-document.js';
import {
  contractInteractions,
  credentialHeaders,
  exampleNode,
  exampleValue,
  integerRangeRegex,
  interactionExampleBody,
  matchingRulesFor,
  MAX_MADE_UP_LENGTH,
  patternExample,
  renderPactFile,
} from '../../src/pact/index.js';
import { loadPactContract, runPact } from '../../src/run/pact.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wirepin-interactions-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A contract between orders and billing; `extra` is merged into the header. */
function metricsContract(extra: JsonObject = {}): JsonObject {
  return {
    title: 'MetricsPush',
    endpoint: 'PUT /metrics/push',
    producer: { name: 'orders', repo: 'orders', type: 'MetricsPush' },
    consumer: { name: 'billing', repo: 'billing', type: 'metricsPush' },
    ...extra,
    type: 'object',
    additionalProperties: false,
    required: ['source', 'unit', 'samples', 'labels'],
    properties: {
      source: { type: 'string', format: 'uuid', cp_consumes: true },
      unit: { type: 'string', enum: ['ms', 's', 'min'], cp_consumes: true },
      level: { type: 'string', enum: ['low', 'high'], cp_consumes: true },
      code: { type: 'string', pattern: '^[A-Z]{3}-[0-9]{2}$', cp_consumes: true },
      host: { type: 'string', format: 'hostname', examples: ['a.example', 'b.example'], cp_consumes: true },
      samples: {
        type: 'array',
        minItems: 1,
        maxItems: 50,
        items: { type: 'integer', minimum: 0, maximum: 1000 },
        cp_consumes: true,
      },
      labels: { type: ['object', 'null'], additionalProperties: { type: 'string' }, cp_consumes: true },
      note: { type: ['string', 'null'], cp_consumes: true },
    },
  };
}

async function load(name: string, contract: JsonObject) {
  const file = join(dir, `${name}.contract.json`);
  await writeFile(file, `${JSON.stringify(contract, null, 2)}\n`);
  return loadPactContract(file, dir);
}

describe('the interaction set', () => {
  it('covers full, minimal, each nullable field null and every further value, each with its own description and state', async () => {
    const interactions = contractInteractions(await load('metrics', metricsContract()));
    expect(interactions.map((i) => i.case)).toEqual([
      'full',
      'minimal',
      'null labels',
      'null note',
      'values 2',
      'values 3',
    ]);
    expect(new Set(interactions.map((i) => i.description)).size).toBe(interactions.length);
    expect(new Set(interactions.map((i) => JSON.stringify(i.providerState))).size).toBe(interactions.length);
    const bodies = interactions.map(interactionExampleBody);
    expect(Object.keys(bodies[1] ?? {}).sort()).toEqual(['labels', 'samples', 'source', 'unit']);
    expect(bodies[2]?.['labels']).toBeNull();
    expect(bodies[3]?.['note']).toBeNull();
    // Every enum member and every example appears at least once across the set.
    expect(new Set(bodies.map((b) => b['unit']))).toEqual(new Set(['ms', 's', 'min']));
    expect(new Set(bodies.map((b) => b['level']))).toEqual(new Set(['low', 'high', undefined]));
    expect(new Set(bodies.map((b) => b['host']))).toEqual(new Set(['a.example', 'b.example', undefined]));
  });

  it('is deterministic', async () => {
    const a = renderPactFile(await load('metrics-a', metricsContract())).text;
    const b = renderPactFile(await load('metrics-a', metricsContract())).text;
    expect(a).toBe(b);
  });

  it('never makes up "example-<name>" for a field with a format or pattern, and the values fit', async () => {
    const [full] = contractInteractions(await load('metrics', metricsContract()));
    const body = interactionExampleBody(full ?? (undefined as never));
    expect(body['source']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(body['code']).toMatch(/^[A-Z]{3}-[0-9]{2}$/);
    expect(body['samples']).toEqual([1]);
  });
});

describe('the envelope', () => {
  it("gives a contract between two other services nothing of cp's: no cp headers, state or response", async () => {
    const contract = await load('metrics', metricsContract());
    const [first] = contractInteractions(contract);
    expect(first?.request.headers).toEqual([{ name: 'Content-Type', example: 'application/json' }]);
    expect(first?.providerState.name).toBe('billing accepts PUT /metrics/push from orders');
    expect(first?.response).toEqual({
      status: 200,
      statuses: [200, 201, 202, 203, 204, 205, 206],
      headers: [],
      body: undefined,
    });
    const text = renderPactFile(contract).text;
    for (const word of ['cp', 'core', 'Tenant', 'Bearer', 'org_id', 'workspace', 'accepted'])
      expect(text).not.toContain(word);
    expect(text).toContain('"name": "billing"');
  });

  it("takes headers, credentials, the state and the response from the contract's pact block", async () => {
    await writeFile(
      join(dir, 'push_response.contract.json'),
      JSON.stringify({
        title: 'PushAck',
        endpoint: 'PUT /metrics/push',
        producer: { name: 'billing', repo: 'billing', type: 'ack' },
        consumer: { name: 'orders', repo: 'orders', type: 'Ack' },
        type: 'object',
        additionalProperties: false,
        required: ['stored'],
        properties: { stored: { type: 'integer', minimum: 0, cp_consumes: true } },
      }),
    );
    const contract = await load(
      'metrics-enveloped',
      metricsContract({
        pact: {
          request: {
            headers: [
              { name: 'X-Api-Key', example: 'example-key', regex: '^\\S+$', credential: true },
              { name: 'X-Trace', example: 't-1' },
            ],
          },
          state: { name: 'the source is registered', params: { source: '/source', unit: '/unit' } },
          response: { status: 200, contract: 'push_response.contract.json' },
        },
      }),
    );
    const interactions = contractInteractions(contract);
    const [first] = interactions;
    expect(first?.request.headers.map((h) => h.name)).toEqual(['Content-Type', 'X-Api-Key', 'X-Trace']);
    expect(credentialHeaders(first ?? (undefined as never))).toEqual(['X-Api-Key']);
    expect(first?.providerState).toEqual({
      name: 'the source is registered',
      params: {
        source: interactionExampleBody(first ?? (undefined as never))['source'] ?? null,
        unit: 'ms',
        wirepin_case: 'full',
      },
    });
    expect(interactions[4]?.providerState.params['unit']).toBe('s');
    expect(first?.response.statuses).toEqual([200]);
    expect(first?.response.headers).toEqual([{ name: 'Content-Type', example: 'application/json' }]);
    expect(first?.response.body && exampleValue(first.response.body)).toEqual({ stored: 1 });
  });

  it('is validated by the meta-schema: a malformed block is SCHEMA_INVALID, and `wirepin pact` exits 2 with the findings', async () => {
    const blocks: [string, JsonObject][] = [
      ['status-text', { response: { status: '202' } }],
      ['unknown-key', { headers: [] }],
      ['header-without-example', { request: { headers: [{ name: 'X-Key' }] } }],
      ['param-not-a-pointer', { state: { name: 's', params: { org: 'org_id' } } }],
    ];
    for (const [name, pact] of blocks) {
      await writeFile(join(dir, `${name}.contract.json`), JSON.stringify(metricsContract({ pact })));
      const outcome = await runPact({ cwd: dir, env: {} }, { contract: `${name}.contract.json`, out: 'never' });
      expect([
        name,
        outcome.exitCode,
        outcome.report.findings.map((f) => [f.rule, f.path.startsWith('/pact')]),
      ]).toEqual([name, 2, [['SCHEMA_INVALID', true]]]);
    }
  });

  it('refuses (E_READ, exit 2 in the CLI) a response contract that is not there', async () => {
    await writeFile(
      join(dir, 'lost.contract.json'),
      JSON.stringify(metricsContract({ pact: { response: { status: 200, contract: 'missing.contract.json' } } })),
    );
    await expect(
      runPact({ cwd: dir, env: {} }, { contract: 'lost.contract.json', out: 'never' }),
    ).rejects.toMatchObject({ code: 'E_READ' });
  });

  it("reports the set's size from `wirepin pact`", async () => {
    await writeFile(join(dir, 'm.contract.json'), JSON.stringify(metricsContract()));
    const outcome = await runPact({ cwd: dir, env: {} }, { contract: 'm.contract.json', out: 'pacts' });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.report.notes?.[0]).toBe('6 interactions: full; minimal; null labels; null note; values 2; values 3');
  });
});

describe('matchers', () => {
  const node = (schema: JsonObject) => exampleNode(schema, { contract: 'c.contract.json', pointer: '/x', name: 'x' });

  it('bounds arrays, and holds a pattern, a format and lengths as regexes', () => {
    expect(matchingRulesFor(node({ type: 'array', minItems: 1, maxItems: 3, items: { type: 'string' } }))).toEqual([
      { match: 'type', min: 1, max: 3 },
    ]);
    expect(matchingRulesFor(node({ type: 'string', pattern: '^a+$', minLength: 2, maxLength: 4 }))).toEqual([
      { match: 'type' },
      { match: 'regex', regex: '^a+$' },
      { match: 'regex', regex: '^[\\s\\S]{2,4}$' },
    ]);
    expect(matchingRulesFor(node({ type: 'integer', exclusiveMinimum: 0 }))).toEqual([
      { match: 'integer' },
      { match: 'regex', regex: integerRangeRegex(1, undefined) },
    ]);
    expect(matchingRulesFor(node({ type: 'integer' }))).toEqual([{ match: 'integer' }]);
  });

  it.each([
    [0, 10],
    [-5, 5],
    [1, undefined],
    [-3, undefined],
    [undefined, 7],
    [undefined, -7],
    [-2147483648, 2147483647],
  ] as const)('the range regex for [%s, %s] holds exactly its integers', (low, high) => {
    const regex = new RegExp(integerRangeRegex(low, high) ?? '');
    for (let n = -3000; n <= 3000; n += 1)
      expect([n, regex.test(String(n))]).toEqual([
        n,
        (low === undefined || n >= low) && (high === undefined || n <= high),
      ]);
    for (const n of [-2147483649, -2147483648, 2147483647, 2147483648, 123456789012]) {
      expect([n, regex.test(String(n))]).toEqual([
        n,
        (low === undefined || n >= low) && (high === undefined || n <= high),
      ]);
    }
  });
});

describe('values made from a pattern', () => {
  it('match the pattern and are the same every time', () => {
    for (const pattern of ['^[a-z]{3,8}$', '^ws-[0-9a-f]{6}$', '^(?:red|green|blue)$', '^\\d+(\\.\\d+)?$']) {
      const first = patternExample(pattern);
      expect(first.ok && new RegExp(pattern, 'u').test(first.value)).toBe(true);
      expect(patternExample(pattern)).toEqual(first);
    }
  });

  it('refuses, quickly, a pattern describing more text than it generates', () => {
    const started = performance.now();
    const refused = patternExample('^(a{1000}){1000}(b{1000}){1000}$');
    expect(refused).toMatchObject({ ok: false });
    expect(refused.ok ? '' : refused.reason).toContain(String(MAX_MADE_UP_LENGTH));
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('stays bounded on a catastrophic pattern and on one it cannot satisfy', () => {
    const started = performance.now();
    expect(patternExample('^(a+)+$').ok).toBe(true);
    expect(patternExample('^(?=x)y$')).toMatchObject({ ok: false });
    expect(patternExample('([')).toMatchObject({ ok: false });
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
