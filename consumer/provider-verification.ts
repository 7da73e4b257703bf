import type { PactContract, PactModule } from '../src/pact/index.js';
import { contractInteraction, credentialHeaders } from '../src/pact/index.js';

export interface ProviderVerification {
  readonly pact: PactModule;
  readonly contract: PactContract;
  readonly pactFile: string;
  readonly providerBaseUrl: string;
  /** The real value of each credential header the contract's `pact` block names. */
  readonly credentials: Readonly<Record<string, string>>;
  /** Runs when the provider state is set up, with the state's params (the example org_id, the case). */
  readonly onState?: (params: Readonly<Record<string, unknown>>) => void | Promise<void>;
}

/**
 * Verifies a provider against a pact file. The pact carries placeholder
 * credentials; the verifier swaps in real ones for every header the contract
 * marks `credential` (and fails here if one has no real value), and the
 * contract's provider state runs `onState`.
 */
export function verifyProvider(options: ProviderVerification): Promise<unknown> {
  const interaction = contractInteraction(options.contract);
  const headers: Record<string, string> = {};
  for (const name of credentialHeaders(interaction)) {
    const value = options.credentials[name];
    if (value === undefined)
      throw new Error(
        `The contract marks header ${name} as a credential, and the verification has no real value for it.`,
      );
    headers[name] = value;
  }
  const verifier = new options.pact.Verifier({
    provider: options.contract.consumer.name,
    providerBaseUrl: options.providerBaseUrl,
    pactUrls: [options.pactFile],
    logLevel: 'error',
    customProviderHeaders: headers,
    stateHandlers: {
      [interaction.providerState.name]: async (params: unknown) => {
        await options.onState?.((params ?? {}) as Record<string, unknown>);
        return undefined;
      },
    },
  });
  return verifier.verifyProvider();
}
