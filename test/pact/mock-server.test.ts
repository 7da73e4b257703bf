import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../src/contract/json-document.js';
import {
  addContractInteraction,
  contractInteractions,
  interactionExampleBody,
  loadPact,
  type ContractInteraction,
  type PactModule,
} from '../../src/pact/index.js';
import { loadPactContract } from '../../src/run/pact.js';

// The matchers are as precise as the contract: Pact's own mock server (its
// Rust core) accepts each in-contract value and rejects each out-of-contract
// one, on the shipped provision contract's interactions.

let pact: PactModule;
let scratch: string;
let byCase: Map<string, ContractInteraction>;

beforeAll(async () => {
  pact = await loadPact();
  scratch = await mkdtemp(join(tmpdir(), 'wirepin-mock-'));
  byCase = new Map(
    contractInteractions(await loadPactContract('contracts/provision_request.contract.json')).map((i) => [i.case, i]),
  );
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function interaction(name: string): ContractInteraction {
  const found = byCase.get(name);
  if (!found) throw new Error(`no interaction for case ${name}`);
  return found;
}

/** Sends `body` to a mock server declaring `declared`; true when Pact matched the request. */
async function accepted(declared: ContractInteraction, body: JsonValue): Promise<boolean> {
  const consumerPact = new pact.PactV4({
    consumer: declared.pactConsumer,
    provider: declared.pactProvider,
    dir: scratch,
    logLevel: 'error',
  });
  const headers = Object.fromEntries(declared.request.headers.map((h) => [h.name, h.example]));
  try {
    await addContractInteraction(consumerPact, declared).executeTest(async (mock) => {
      await fetch(`${mock.url}${declared.request.path}`, {
        method: declared.request.method,
        headers,
        body: JSON.stringify(body),
      });
    });
    return true;
  } catch {
    return false;
  }
}

function withField(base: JsonObject, path: readonly string[], value: JsonValue): JsonObject {
  const copy = JSON.parse(JSON.stringify(base)) as JsonObject;
  let target = copy;
  for (const segment of path.slice(0, -1)) target = target[segment] as JsonObject;
  target[path[path.length - 1] as string] = value;
  return copy;
}

describe("Pact's mock server on the derived interactions", () => {
  it("accepts each case's own example body", async () => {
    for (const declared of byCase.values())
      expect([declared.case, await accepted(declared, interactionExampleBody(declared))]).toEqual([
        declared.case,
        true,
      ]);
  });

  // [field path, value, accepted?]
  const table: readonly (readonly [readonly string[], JsonValue, boolean])[] = [
    [['disk_gb'], 2147483647, true],
    [['disk_gb'], -2147483648, true],
    [['disk_gb'], 0, true],
    [['disk_gb'], 2147483648, false],
    [['disk_gb'], -2147483649, false],
    [['disk_gb'], 1.5, false],
    [['disk_gb'], '80', false],
    [['kind'], 'platform', true],
    [['kind'], 'banana', false],
    [['kind'], 'platforms', false],
    [['platform_url'], 'https://core.example/cb', true],
    [['platform_url'], 'not a url', false],
    [['platform_url'], 'example-platform_url', false],
    [['org_id'], 'o', true],
    [['org_id'], '', false],
    [['workspace_id'], '', false],
    [['tier'], '2', false],
    [['env'], { A: '1', B: '2' }, true],
    [['env'], { A: 1 }, false],
    [['display', 'width'], 1920, true],
    [['display', 'width'], 'wide', false],
  ];

  it.each(table)('full case: %j = %j is accepted: %s', async (path, value, expected) => {
    const full = interaction('full');
    expect(await accepted(full, withField(interactionExampleBody(full), path, value))).toBe(expected);
  });

  it('accepts the minimal body only on the minimal case, and null env only on its own case', async () => {
    const minimal = interactionExampleBody(interaction('minimal'));
    expect(await accepted(interaction('full'), minimal)).toBe(false);
    expect(await accepted(interaction('minimal'), { ...minimal, display: {} })).toBe(true);
    expect(await accepted(interaction('minimal'), { ...minimal, env: {} })).toBe(true);
    const nullEnv = interactionExampleBody(interaction('null env'));
    expect(nullEnv['env']).toBeNull();
    expect(await accepted(interaction('full'), nullEnv)).toBe(false);
    expect(await accepted(interaction('null env'), nullEnv)).toBe(true);
  });
});
