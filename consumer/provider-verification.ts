import type { PactContract, PactModule } from '../src/pact/index.js';
import { PROVIDER_STATE } from '../src/pact/index.js';

export interface ProviderVerification {
  readonly pact: PactModule;
  readonly contract: PactContract;
  readonly pactFile: string;
  readonly providerBaseUrl: string;
  /** The server's tenant tokens; the provider state registers the example organisation's. */
  readonly tenantTokens: Map<string, string>;
  readonly secret: string;
  readonly tenantToken: string;
}

/**
 * Verifies cp's receiver against a pact file. The pact carries example
 * credentials; the verifier swaps in real ones, and the provider state
 * registers the example organisation's tenant token.
 */
export function verifyProvider(options: ProviderVerification): Promise<unknown> {
  const verifier = new options.pact.Verifier({
    provider: options.contract.consumer.name,
    providerBaseUrl: options.providerBaseUrl,
    pactUrls: [options.pactFile],
    logLevel: 'error',
    customProviderHeaders: { Authorization: `Bearer ${options.secret}`, 'X-Tenant-Admin-Token': options.tenantToken },
    stateHandlers: {
      [PROVIDER_STATE]: async (params: unknown) => {
        const orgId = (params as { org_id?: unknown } | undefined)?.org_id;
        if (typeof orgId === 'string') options.tenantTokens.set(orgId, options.tenantToken);
        return undefined;
      },
    },
  });
  return verifier.verifyProvider();
}
