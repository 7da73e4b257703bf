import type { JsonObject } from '../contract/json-document.js';
import type { PactContract } from './contract.js';
import { exampleTree, exampleValue, type BodyNode } from './example-body.js';

/**
 * The one interaction wirepin derives from a contract, as plain data. The
 * pact file (pact-file.ts) and the Pact JS consumer test (pact-test.ts) are
 * both rendered from it, so they cannot drift apart.
 *
 * Role names flip here: our producer sends the request, so it is the Pact
 * *consumer*; our consumer answers it, so it is the Pact *provider*.
 */

export interface HeaderSpec {
  readonly name: string;
  readonly example: string;
  /** When set, the header is matched by this regex instead of by value. */
  readonly regex?: string;
}

export interface ProviderStateSpec {
  readonly name: string;
  readonly params: JsonObject;
}

export interface ContractInteraction {
  /** Pact consumer: the contract's producer. */
  readonly pactConsumer: string;
  /** Pact provider: the contract's consumer. */
  readonly pactProvider: string;
  readonly contractFile: string;
  readonly description: string;
  readonly providerState: ProviderStateSpec;
  readonly comment: string;
  readonly request: {
    readonly method: string;
    readonly path: string;
    readonly headers: readonly HeaderSpec[];
    readonly body: BodyNode;
  };
  readonly response: {
    /** The status the mock server answers with. */
    readonly status: number;
    /** Every status a provider may answer with and still pass. */
    readonly statuses: readonly number[];
    readonly headers: readonly HeaderSpec[];
    readonly body: BodyNode;
  };
}

/** Example credentials in the pact; a provider verification swaps in real ones (the Verifier's customProviderHeaders). */
export const EXAMPLE_BEARER_TOKEN = 'example-token';
export const EXAMPLE_TENANT_ADMIN_TOKEN = 'example-tenant-admin-token';
export const TENANT_ADMIN_TOKEN_HEADER = 'X-Tenant-Admin-Token';

/** The provider state every contract interaction is given; its params carry the example org_id when the contract has one. */
export const PROVIDER_STATE = 'the organisation exists and the tenant admin token is valid';

function stringNode(example: string): BodyNode {
  return { kind: 'string', example, nullable: false, allowed: undefined };
}

/** The top-level example string of `name`, when the contract has such a string field. */
function topLevelString(body: BodyNode, name: string): string | undefined {
  if (body.kind !== 'object') return undefined;
  const found = body.members.find((m) => m.name === name)?.node;
  return found?.kind === 'string' ? found.example : undefined;
}

export function contractInteraction(contract: PactContract): ContractInteraction {
  const body = exampleTree(contract);
  const orgId = topLevelString(body, 'org_id');
  const workspaceId = topLevelString(body, 'workspace_id');
  const responseMembers = [{ name: 'status', node: stringNode('accepted') }];
  if (workspaceId !== undefined) responseMembers.push({ name: 'workspace_id', node: stringNode(workspaceId) });
  const params: JsonObject = {};
  if (orgId !== undefined) params['org_id'] = orgId;
  return {
    pactConsumer: contract.producer.name,
    pactProvider: contract.consumer.name,
    contractFile: contract.file,
    description: `${contract.method} ${contract.path} with every field of ${contract.model.title || contract.file}`,
    providerState: { name: PROVIDER_STATE, params },
    comment:
      `Derived by wirepin from ${contract.file}: every field, matched by type. ` +
      `Verification compares only the response; whether ${contract.consumer.name} reads a field is shown by consumption traces (docs/tracing.md).`,
    request: {
      method: contract.method,
      path: contract.path,
      headers: [
        { name: 'Authorization', example: `Bearer ${EXAMPLE_BEARER_TOKEN}`, regex: '^Bearer \\S+$' },
        { name: 'Content-Type', example: 'application/json' },
        { name: TENANT_ADMIN_TOKEN_HEADER, example: EXAMPLE_TENANT_ADMIN_TOKEN, regex: '^\\S+$' },
      ],
      body,
    },
    response: {
      status: 202,
      statuses: [201, 202],
      headers: [{ name: 'Content-Type', example: 'application/json' }],
      body: { kind: 'object', members: responseMembers, nullable: false },
    },
  };
}

/** The example request body of an interaction, as the producer would send it. */
export function interactionExampleBody(interaction: ContractInteraction): JsonObject {
  return exampleValue(interaction.request.body) as JsonObject;
}
