import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WirepinError } from '../errors.js';
import { interactionExampleBody, type ContractInteraction } from './interaction.js';
import { loadPact, type PactImporter } from './load.js';
import { addContractInteraction } from './pact-test.js';

/**
 * Replays the interaction's example request through Pact's own mock server,
 * so a pact Pact would refuse is never written. It checks that the example
 * satisfies the derived matchers; it does not exercise the producer's client.
 */
export async function checkWithPact(interaction: ContractInteraction, contractFile: string, importPact: PactImporter | undefined): Promise<void> {
  const { PactV4 } = await loadPact(importPact);
  const scratch = await mkdtemp(join(tmpdir(), 'wirepin-pact-'));
  try {
    const pact = new PactV4({ consumer: interaction.pactConsumer, provider: interaction.pactProvider, dir: scratch, logLevel: 'error' });
    const headers: Record<string, string> = {};
    for (const h of interaction.request.headers) headers[h.name] = h.example;
    await addContractInteraction(pact, interaction).executeTest(async (mock) => {
      await fetch(`${mock.url}${interaction.request.path}`, {
        method: interaction.request.method,
        headers,
        body: JSON.stringify(interactionExampleBody(interaction)),
      });
    });
  } catch (error) {
    if (error instanceof WirepinError) throw error;
    const reason = error instanceof Error ? error.message.trim() : String(error);
    throw new WirepinError('E_UNSUPPORTED', `Pact refused the example request wirepin derived from ${contractFile}: ${reason}`, {
      hint: 'This is a bug in wirepin or a schema construct it does not model; please report it with the contract.',
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

