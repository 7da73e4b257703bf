/**
 * pact on contracts with `$defs`: example bodies and matchers follow the
 * references; recursion stops (an optional recursive field is left out, a
 * nullable one is null, a required non-nullable one is refused: no finite
 * payload has it); the covering set varies a definition's fields once, not
 * once per path; a densely linked graph is refused within a bound. Every pact
 * written here went through Pact's own mock server (runPact checks each
 * interaction with it before writing).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/contract/json-document.js';
import { contractInteractions, exampleValue, MAX_EXAMPLE_VALUES } from '../../src/pact/index.js';
import { loadPactContract, runPact } from '../../src/run/pact.js';
import { REPO_ROOT } from '../rules/rule-tester.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wirepin-pact-defs-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const io = (): { cwd: string; env: Record<string, string> } => ({ cwd: dir, env: {} });

function contract(properties: JsonObject, defs: JsonObject, required: string[] = []): JsonObject {
  return {
    title: 'PlaceOrder',
    endpoint: 'POST /orders',
    producer: { name: 'orders', repo: 'orders', type: 'OrderPlaced' },
    consumer: { name: 'billing', repo: 'billing', type: 'OrderEvent' },
    type: 'object',
    additionalProperties: false,
    required,
    properties,
    $defs: defs,
  };
}

async function write(name: string, value: JsonObject): Promise<string> {
  await writeFile(join(dir, name), JSON.stringify(value, null, 2));
  return name;
}

const ref = (name: string, extra: JsonObject = {}): JsonObject => ({
  $ref: `#/$defs/${name}`,
  cp_consumes: true,
  ...extra,
});
const nullableRef = (name: string): JsonObject => ({
  anyOf: [{ $ref: `#/$defs/${name}` }, { type: 'null' }],
  cp_consumes: true,
});

describe('pact with $defs', () => {
  it('writes the shipped fixture’s pact through Pact’s mock server: shared types at every use, recursion left out', async () => {
    const file = 'base.contract.json';
    await writeFile(join(dir, file), await readFile(join(REPO_ROOT, 'test/fixtures/defs/base.contract.json')));
    const outcome = await runPact(io(), { contract: file, out: 'pacts' });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.report.notes?.[0]).toBe('3 interactions: full; minimal; null pickup');
    const interactions = contractInteractions(await loadPactContract(file, dir));
    const address = { street: 'example-street', city: 'example-city', zip: 'example-zip' };
    expect(exampleValue(interactions[0]?.request.body ?? { kind: 'null' })).toEqual({
      order_id: 'o-1',
      ship_to: address,
      bill_to: address,
      pickup: address,
      // Category's parent and children, and Right's way back to Left, are optional recursive fields: left out.
      category: { name: 'example-name' },
      left: { right: { label: 'example-label' } },
    });
    const pact = JSON.parse(await readFile(join(dir, 'pacts', 'orders-billing.json'), 'utf8')) as {
      interactions: { request: { matchingRules: { body: Record<string, unknown> } } }[];
    };
    // The matchers reach into the definitions at each path that uses them.
    expect(Object.keys(pact.interactions[0]?.request.matchingRules.body ?? {})).toEqual(
      expect.arrayContaining([
        '$.ship_to.city',
        '$.bill_to.city',
        '$.pickup.city',
        '$.category.name',
        '$.left.right.label',
      ]),
    );
  });

  it('varies a definition’s nullable field and further values once, however many paths use it', async () => {
    const defs = {
      Money: {
        type: 'object',
        additionalProperties: false,
        required: ['amount', 'currency', 'memo'],
        properties: {
          amount: { type: 'integer', cp_consumes: true },
          currency: { type: 'string', enum: ['EUR', 'USD', 'GBP'], cp_consumes: true },
          memo: { type: ['string', 'null'], cp_consumes: true },
        },
      },
    };
    const file = await write(
      'money.contract.json',
      contract({ net: ref('Money'), gross: ref('Money'), tax: ref('Money') }, defs, ['net', 'gross', 'tax']),
    );
    const interactions = contractInteractions(await loadPactContract(file, dir));
    expect(interactions.map((i) => i.case)).toEqual(['full', 'null net.memo', 'values 2', 'values 3']);
    const values = exampleValue(interactions[2]?.request.body ?? { kind: 'null' }) as Record<
      string,
      { currency: string }
    >;
    expect([values['net']?.currency, values['gross']?.currency, values['tax']?.currency]).toEqual([
      'USD',
      'EUR',
      'EUR',
    ]);
    expect((await runPact(io(), { contract: file, out: 'pacts-money' })).exitCode).toBe(0);
  });

  it('makes a required nullable recursive field null, and Pact accepts the body', async () => {
    const defs = {
      Node: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'next'],
        properties: { name: { type: 'string', cp_consumes: true }, next: nullableRef('Node') },
      },
    };
    const file = await write('list.contract.json', contract({ head: ref('Node') }, defs, ['head']));
    const [full] = contractInteractions(await loadPactContract(file, dir));
    expect(exampleValue(full?.request.body ?? { kind: 'null' })).toEqual({
      head: { name: 'example-name', next: null },
    });
    expect((await runPact(io(), { contract: file, out: 'pacts-list' })).exitCode).toBe(0);
  });

  it('refuses a required, non-nullable cycle (E_UNSUPPORTED, exit 2 in the CLI), naming the field and the definition', async () => {
    const defs = {
      A: { type: 'object', additionalProperties: false, required: ['b'], properties: { b: ref('B') } },
      B: { type: 'object', additionalProperties: false, required: ['a'], properties: { a: ref('A') } },
    };
    const file = await write('cycle.contract.json', contract({ start: ref('A') }, defs, ['start']));
    const refusal = runPact(io(), { contract: file, out: 'pacts-cycle' });
    await expect(refusal).rejects.toMatchObject({ code: 'E_UNSUPPORTED' });
    await expect(refusal).rejects.toThrow(
      /Field "start\.b\.a" in cycle\.contract\.json: it is required, not nullable, and refers back to "\$defs\.A"/u,
    );
  });

  it('refuses a densely linked graph within a bound instead of expanding every path', async () => {
    const defs: JsonObject = {};
    for (let i = 0; i < 32; i++) {
      const properties: JsonObject = { v: { type: 'string', cp_consumes: true } };
      if (i + 1 < 32) properties['a'] = ref(`D${i + 1}`);
      if (i + 2 < 32) properties['b'] = ref(`D${i + 2}`);
      defs[`D${i}`] = { type: 'object', additionalProperties: false, properties };
    }
    const file = await write('graph.contract.json', contract({ root: ref('D0') }, defs));
    const started = performance.now();
    await expect(loadPactContract(file, dir).then(contractInteractions)).rejects.toThrow(
      new RegExp(`the example body would hold more than ${MAX_EXAMPLE_VALUES} values`, 'u'),
    );
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
