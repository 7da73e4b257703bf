import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPactContract } from '../src/run/pact.js';
import {
  addContractInteraction,
  contractInteraction,
  loadPact,
  pactFileName,
  type ContractInteraction,
  type PactContract,
  type PactModule,
} from '../src/pact/index.js';
import { ProvisionError, provisionWorkspace, type ProvisionCredentials } from './client.js';
import type { ProvisionRequest } from './provision_request.types.js';

// The Pact consumer test of core's client: the producer (core) is the Pact
// *consumer*, cp the Pact *provider*. The expected request comes from the
// contract (every field, matched by type), so the client is pinned to the
// contract's field list, not to example values.

const PACT_DIR = '.wirepin/pacts/producer-test';
const CONTRACT = 'contracts/provision_request.contract.json';

const credentials: ProvisionCredentials = { bearerToken: 'core-shared-secret', tenantAdminToken: 'acme-admin-token' };

/** What core sends for a real workspace: every field, with values unlike the contract's examples. */
const request: ProvisionRequest = {
  org_id: 'org-acme',
  workspace_id: 'ws-7f3a',
  runtime: 'node20',
  template: 'next-app',
  tier: 2,
  instance_type: 'c6i.large',
  disk_gb: 80,
  provider: 'aws',
  data_persistence: 'volume',
  kind: 'platform',
  display: { mode: 'desktop', width: 1920, height: 1080, protocol: 'webrtc' },
  platform_url: 'https://core.acme.example',
  env: { NODE_ENV: 'production', LOG_LEVEL: 'info' },
  config_files: { '/etc/app.json': '{"port":8080}' },
  template_assets: { 'public/logo.png': 'iVBORw0KGgo=' },
};

let pact: PactModule;
let contract: PactContract;
let interaction: ContractInteraction;
const scratchDirs: string[] = [];

beforeAll(async () => {
  // Pact merges new interactions into an existing pact file: start from none, so a renamed interaction of an
  // earlier run is not counted here.
  await rm(PACT_DIR, { recursive: true, force: true });
  pact = await loadPact();
  contract = await loadPactContract(CONTRACT);
  interaction = contractInteraction(contract);
});

afterAll(async () => {
  for (const dir of scratchDirs) await rm(dir, { recursive: true, force: true });
});

/** A consumer pact writing to `dir`, with the contract's interaction declared. */
function declare(dir: string) {
  const consumerPact = new pact.PactV4({
    consumer: interaction.pactConsumer,
    provider: interaction.pactProvider,
    dir,
    logLevel: 'error',
  });
  return addContractInteraction(consumerPact, interaction);
}

async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'wirepin-producer-pact-'));
  scratchDirs.push(dir);
  return dir;
}

/** A client variant whose transport rewrites the JSON body before sending it. */
function rewritingFetch(rewrite: (body: Record<string, unknown>) => Record<string, unknown>): typeof fetch {
  return (input, init) =>
    fetch(input, { ...init, body: JSON.stringify(rewrite(JSON.parse(String(init?.body)) as Record<string, unknown>)) });
}

/**
 * Runs a client variant against the mock server. The mock answers a request
 * it does not expect with 500 (the client's error); executeTest then rejects
 * with Pact's list of mismatches (the Pact error).
 */
async function runVariant(send: typeof fetch): Promise<{ clientError: unknown; pactError: string }> {
  let clientError: unknown;
  try {
    await declare(await scratchDir()).executeTest(async (mock) => {
      await provisionWorkspace(mock.url, request, credentials, { fetch: send }).catch((error: unknown) => {
        clientError = error;
      });
    });
  } catch (error) {
    return { clientError, pactError: error instanceof Error ? error.message : String(error) };
  }
  throw new Error('Pact accepted the request; the variant was expected to be refused.');
}

describe('core provision client against the Pact mock server', () => {
  it('sends every contract field and nothing else, and writes the pact file', async () => {
    const answer = await declare(PACT_DIR).executeTest(async (mock) => {
      expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      return provisionWorkspace(mock.url, request, credentials);
    });
    expect(answer).toEqual({ status: 'accepted', workspace_id: 'ws-7f3a' });

    const written = JSON.parse(await readFile(join(PACT_DIR, pactFileName(contract)), 'utf8')) as {
      consumer: { name: string };
      provider: { name: string };
      interactions: { type: string; request: { body: { content: Record<string, unknown> } } }[];
    };
    expect(written.consumer.name).toBe('core');
    expect(written.provider.name).toBe('cp');
    expect(written.interactions).toHaveLength(1);
    expect(written.interactions[0]?.type).toBe('Synchronous/HTTP');
    const topLevel = [...contract.model.fields.values()].filter((f) => f.parent === '').map((f) => f.name);
    expect(Object.keys(written.interactions[0]?.request.body.content ?? {}).sort()).toEqual([...topLevel].sort());
  });

  it('rejects a client variant that adds a field the contract does not list', async () => {
    const addsPriority = rewritingFetch((body) => ({ ...body, priority: 'high' }));
    const { clientError, pactError } = await runVariant(addsPriority);
    expect(clientError).toBeInstanceOf(ProvisionError);
    expect(pactError).toMatch(/Expected a Map with keys \[.*\] but received one with keys \[.*priority.*\]/);
  });

  it('rejects a client variant that drops a field the contract lists (even a dead one)', async () => {
    const dropsAssets = rewritingFetch(({ template_assets: _dropped, ...body }) => body);
    const { clientError, pactError } = await runVariant(dropsAssets);
    expect(clientError).toBeInstanceOf(ProvisionError);
    expect(pactError).toMatch(/Expected a Map with keys \[.*template_assets.*\] but received one with keys/);
  });

  it('rejects a client variant that sends a field with the wrong type', async () => {
    const tierAsText = rewritingFetch((body) => ({ ...body, tier: '2' }));
    const { pactError } = await runVariant(tierAsText);
    expect(pactError).toMatch(/\$\.tier: Expected '2' \(String\) to be an integer/);
  });
});
