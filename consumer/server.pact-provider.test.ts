import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  contractInteractions,
  loadPact,
  renderPactFile,
  type PactContract,
  type PactModule,
} from '../src/pact/index.js';
import { loadPactContract } from '../src/run/pact.js';
import { readTrace } from '../src/trace/read-trace.js';
import { unreadConsumedFields } from '../src/trace/unread-fields.js';
import { createProvisionRecorder, traceFile } from './consumption-trace.js';
import { createProvisionHandler } from './handler.js';
import { verifyProvider } from './provider-verification.js';
import { startServer, type RunningServer } from './server.js';

// Pact provider verification of cp (the Pact *provider*) against the pact
// wirepin derives from the contract. The Verifier replays the request and
// compares only the response; the consumption trace recorded meanwhile is
// what shows which fields cp's handler read.

const CONTRACT = 'contracts/provision_request.contract.json';
const SECRET = 'cp-shared-secret';
const TENANT_TOKEN = 'tenant-admin-token-for-verification';

let pact: PactModule;
let contract: PactContract;
let workDir: string;
let pactFile: string;

beforeAll(async () => {
  pact = await loadPact();
  contract = await loadPactContract(CONTRACT);
  workDir = await mkdtemp(join(tmpdir(), 'wirepin-provider-'));
  const rendered = renderPactFile(contract);
  pactFile = join(workDir, rendered.fileName);
  await writeFile(pactFile, rendered.text);
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/**
 * Verifies `server` against the pact file. The pact carries example
 * credentials; the verifier swaps in real ones, and the provider state
 * registers the example organisation's tenant token.
 */
function verify(server: RunningServer, tenantTokens: Map<string, string>): Promise<unknown> {
  return verifyProvider({
    pact,
    contract,
    pactFile,
    providerBaseUrl: server.url,
    credentials: { Authorization: `Bearer ${SECRET}`, 'X-Tenant-Admin-Token': TENANT_TOKEN },
    onState: (params) => {
      if (typeof params['org_id'] === 'string') tenantTokens.set(params['org_id'], TENANT_TOKEN);
    },
  });
}

/** Runs a verification expected to fail without printing Pact's failure report (it logs through console.log). */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    return await run();
  } finally {
    log.mockRestore();
  }
}

describe('cp reference server under Pact provider verification', () => {
  it('passes every interaction of the set, and its trace shows the handler read every consumed field', async () => {
    const tenantTokens = new Map<string, string>();
    const recorder = createProvisionRecorder();
    const server = await startServer({
      handler: createProvisionHandler(),
      secret: SECRET,
      tenantTokens,
      trace: recorder,
    });
    try {
      await expect(verify(server, tenantTokens)).resolves.toBeDefined();
    } finally {
      await server.close();
    }
    expect(recorder.requests).toBe(contractInteractions(contract).length);
    const file = traceFile('cp-provider-verification');
    await recorder.write(file);
    const trace = await readTrace(file);
    expect(trace.endpoint).toBe(contract.model.endpoint);
    expect(unreadConsumedFields(contract.model, trace.read)).toEqual([]);
    expect(trace.read).not.toContain('/template_assets');
  });

  it('fails when cp answers with something other than the acknowledgement', async () => {
    const tenantTokens = new Map<string, string>();
    const server = await startServer({
      handler: () => {
        throw new Error('provisioning backend down');
      },
      secret: SECRET,
      tenantTokens,
    });
    try {
      await quietly(() =>
        expect(verify(server, tenantTokens)).rejects.toThrow(/Expected status code 500 to be a 201, 202/),
      );
    } finally {
      await server.close();
    }
  });

  it('fails when cp refuses the credentials the pact describes', async () => {
    const server = await startServer({ handler: createProvisionHandler(), secret: SECRET, tenantTokens: new Map() });
    try {
      // No provider state handler ran for this map, so the tenant token is unknown: 401.
      await quietly(() =>
        expect(verify(server, new Map())).rejects.toThrow(/Expected status code 401 to be a 201, 202/),
      );
    } finally {
      await server.close();
    }
  });
});
