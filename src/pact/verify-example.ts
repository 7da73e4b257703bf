import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WirepinError } from '../errors.js';
import { interactionExampleBody, type ContractInteraction } from './interaction.js';
import { loadPact, type PactImporter } from './load.js';
import { addContractInteraction } from './pact-test.js';

/**
 * Replays each interaction's example request through Pact's own mock server,
 * so a pact Pact would refuse is never written. It checks that every example
 * satisfies the derived matchers; it does not exercise the producer's client.
 */
export async function checkWithPact(
  interactions: readonly ContractInteraction[],
  contractFile: string,
  importPact: PactImporter | undefined,
): Promise<void> {
  const { PactV4 } = await loadPact(importPact);
  const scratch = await mkdtemp(join(tmpdir(), 'wirepin-pact-'));
  try {
    for (const interaction of interactions) {
      const pact = new PactV4({
        consumer: interaction.pactConsumer,
        provider: interaction.pactProvider,
        dir: scratch,
        logLevel: 'error',
      });
      const headers: Record<string, string> = {};
      for (const h of interaction.request.headers) headers[h.name] = h.example;
      try {
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
        throw new WirepinError(
          'E_UNSUPPORTED',
          `Pact refused the example request wirepin derived from ${contractFile} (case "${interaction.case}"): ${reason}`,
          {
            hint: "This is a bug in wirepin or a schema construct it does not model (a pattern Rust's regex crate reads differently, say); please report it with the contract.",
          },
        );
      }
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
