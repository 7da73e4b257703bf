import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeContractFile } from '../src/run/analyze.js';
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
import { createProvisionHandler, type ProvisionHandler } from './handler.js';
import type { ProvisionRequest } from './provision_request.types.js';
import { startServer } from './server.js';
import { verifyProvider } from './provider-verification.js';

// The template_assets incident, replayed. Suppose the contract says cp
// consumes template_assets while cp's handler ignores it (what happened for
// weeks). Pact provider verification cannot see that: it replays the request
// and compares only the response. The consumption trace recorded during the
// very same verification can.

const SECRET = 'cp-shared-secret';
const TENANT_TOKEN = 'tenant-admin-token';

let pact: PactModule;
let workDir: string;
let contract: PactContract;
let pactFile: string;

beforeAll(async () => {
  pact = await loadPact();
  workDir = await mkdtemp(join(tmpdir(), 'wirepin-incident-'));
  const shipped = JSON.parse(await readFile('contracts/provision_request.contract.json', 'utf8')) as {
    properties: { template_assets: Record<string, unknown> };
  };
  shipped.properties.template_assets['cp_consumes'] = true;
  delete shipped.properties.template_assets['note'];
  const contractPath = join(workDir, 'provision_request.contract.json');
  await writeFile(contractPath, `${JSON.stringify(shipped, null, 2)}\n`);
  await writeFile(
    join(workDir, 'provision_response.contract.json'),
    await readFile('contracts/provision_response.contract.json', 'utf8'),
  );
  const analyzed = await analyzeContractFile(contractPath);
  expect(analyzed.findings).toEqual([]);
  contract = await loadPactContract(contractPath);
  const rendered = renderPactFile(contract);
  pactFile = join(workDir, rendered.fileName);
  await writeFile(pactFile, rendered.text);
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** Verifies a cp running `handler` against the pact, tracing what the handler reads; returns the trace as read back from disk. */
async function verifyAndTrace(handler: ProvisionHandler, name: string) {
  const tenantTokens = new Map<string, string>();
  const recorder = createProvisionRecorder();
  const server = await startServer({ handler, secret: SECRET, tenantTokens, trace: recorder });
  try {
    await verifyProvider({
      pact,
      contract,
      pactFile,
      providerBaseUrl: server.url,
      credentials: { Authorization: `Bearer ${SECRET}`, 'X-Tenant-Admin-Token': TENANT_TOKEN },
      onState: (params) => {
        if (typeof params['org_id'] === 'string') tenantTokens.set(params['org_id'], TENANT_TOKEN);
      },
    });
  } finally {
    await server.close();
  }
  const file = traceFile(name);
  await recorder.write(file);
  return readTrace(file);
}

describe('a consumed field the handler ignores (template_assets)', () => {
  it('passes Pact provider verification, and the trace shows the field was never read', async () => {
    // cp's real handler: it has no template_assets field at all.
    const trace = await verifyAndTrace(createProvisionHandler(), 'incident-template-assets-ignored');
    expect(trace.requests).toBe(contractInteractions(contract).length);
    expect(trace.read).not.toContain('/template_assets');
    expect(unreadConsumedFields(contract.model, trace.read)).toEqual(['/template_assets']);
  });

  it('once the handler reads the field, the trace shows it and nothing consumed is unread', async () => {
    const base = createProvisionHandler();
    const fixed: ProvisionHandler = async (request) => {
      const assets = (request as ProvisionRequest & { readonly template_assets?: Readonly<Record<string, string>> })
        .template_assets;
      // Absent in the minimal case; one entry (possibly null, the null case) otherwise.
      if (assets !== undefined) expect(Object.keys(assets)).toHaveLength(1);
      return base(request);
    };
    const trace = await verifyAndTrace(fixed, 'incident-template-assets-read');
    expect(trace.read).toContain('/template_assets');
    expect(unreadConsumedFields(contract.model, trace.read)).toEqual([]);
  });
});
