import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPactContract } from '../../src/run/pact.js';
import type { JsonValue } from '../../src/contract/json-document.js';
import {
  addContractInteraction,
  buildPactDocument,
  contractInteractions,
  interactionExampleBody,
  loadPact,
  renderPactFile,
  type PactContract,
} from '../../src/pact/index.js';

const GOLDEN = 'test/pact/golden/core-cp.pact.json';

let contract: PactContract;
let scratch: string;

beforeAll(async () => {
  contract = await loadPactContract('contracts/provision_request.contract.json');
  scratch = await mkdtemp(join(tmpdir(), 'wirepin-pact-file-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function keysSortedEverywhere(value: JsonValue): boolean {
  if (Array.isArray(value)) return value.every(keysSortedEverywhere);
  if (value === null || typeof value !== 'object') return true;
  const keys = Object.keys(value);
  return (
    keys.every((k, i) => i === 0 || (keys[i - 1] ?? '') < k) &&
    keys.every((k) => keysSortedEverywhere(value[k] as JsonValue))
  );
}

describe('the pact file wirepin writes for the shipped contract', () => {
  it('is byte-stable, with keys sorted at every depth and a trailing newline', async () => {
    const first = renderPactFile(contract);
    const again = renderPactFile(await loadPactContract('contracts/provision_request.contract.json'));
    expect(again.text).toBe(first.text);
    expect(first.fileName).toBe('core-cp.json');
    expect(first.text.endsWith('}\n')).toBe(true);
    expect(keysSortedEverywhere(JSON.parse(first.text) as JsonValue)).toBe(true);
  });

  it('matches the golden file (regenerate with UPDATE_GOLDEN=1)', async () => {
    const { text } = renderPactFile(contract);
    if (process.env['UPDATE_GOLDEN'] === '1') await writeFile(GOLDEN, text);
    expect(text).toBe(await readFile(GOLDEN, 'utf8'));
  });

  it('flips the roles: the producer is the Pact consumer, the consumer the Pact provider', () => {
    const document = buildPactDocument(contractInteractions(contract)) as {
      consumer: { name: string };
      provider: { name: string };
      interactions: Record<string, unknown>[];
      metadata: { pactSpecification: { version: string } };
    };
    expect(document.consumer.name).toBe('core');
    expect(document.provider.name).toBe('cp');
    expect(document.metadata.pactSpecification.version).toBe('4.0');
    expect(document.interactions).toHaveLength(contractInteractions(contract).length);
    expect(document.interactions[0]).toMatchObject({
      type: 'Synchronous/HTTP',
      request: {
        method: 'POST',
        path: '/cp/workspaces/provision',
        headers: { 'Content-Type': ['application/json'], Authorization: ['Bearer example-token'] },
        matchingRules: {
          header: { Authorization: { combine: 'AND', matchers: [{ match: 'regex', regex: '^Bearer \\S+$' }] } },
        },
      },
      response: {
        status: 202,
        body: {
          content: { status: 'accepted', workspace_id: 'ws-7f3a' },
          contentType: 'application/json',
          encoded: false,
        },
        matchingRules: { status: { $: { combine: 'AND', matchers: [{ match: 'statusCode', status: [201, 202] }] } } },
      },
    });
  });

  it('is what Pact JS itself writes for the same interactions, apart from metadata', async () => {
    const { PactV4 } = await loadPact();
    const interactions = contractInteractions(contract);
    for (const interaction of interactions) {
      const pact = new PactV4({
        consumer: interaction.pactConsumer,
        provider: interaction.pactProvider,
        dir: scratch,
        logLevel: 'error',
      });
      const headers = Object.fromEntries(interaction.request.headers.map((h) => [h.name, h.example]));
      await addContractInteraction(pact, interaction).executeTest(async (mock) => {
        const response = await fetch(`${mock.url}${interaction.request.path}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(interactionExampleBody(interaction)),
        });
        expect(response.status).toBe(202);
      });
    }
    const theirs = JSON.parse(await readFile(join(scratch, 'core-cp.json'), 'utf8')) as Record<string, unknown>;
    const ours = JSON.parse(renderPactFile(contract).text) as Record<string, unknown>;
    expect((ours['metadata'] as Record<string, unknown>)['wirepin']).toEqual({
      contract: 'contracts/provision_request.contract.json',
      interactions: interactions.length,
    });
    expect((theirs['metadata'] as Record<string, unknown>)['pactSpecification']).toEqual({ version: '4.0' });
    delete ours['metadata'];
    delete theirs['metadata'];
    const byDescription = (doc: Record<string, unknown>) =>
      [...(doc['interactions'] as { description: string }[])].sort((a, b) => (a.description < b.description ? -1 : 1));
    expect(byDescription(ours)).toEqual(byDescription(theirs));
    expect({ ...ours, interactions: [] }).toEqual({ ...theirs, interactions: [] });
  });
});
