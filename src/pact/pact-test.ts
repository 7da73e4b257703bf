import type { PactV4, StatusCodeMatcher, TemplateHeaders, V3MockServer, V3RegexMatcher } from '@pact-foundation/pact';
import type { HeaderSpec, ContractInteraction } from './interaction.js';
import { pactTemplate } from './matchers.js';

/** The mock server a test drives: `url` is `http://127.0.0.1:<port>`. */
export type PactMockServer = V3MockServer;

export interface ContractPactInteraction {
  /**
   * Starts Pact's mock server, runs `test` against it, and resolves with its
   * result once Pact has checked the requests (and written the pact file);
   * rejects with Pact's mismatches if a request differed from the contract.
   */
  executeTest<T>(test: (mockServer: PactMockServer) => Promise<T>): Promise<T | undefined>;
}

/**
 * How long to let Pact's mock server finish its bookkeeping after the test's
 * last response. Pact core records a request's match slightly after it
 * answers; under CPU load executeTest can read the record first and report a
 * request that was answered as "expected but not received" (pact-reference
 * #535, pact-js #1835; seen here about once in 150 runs, never with this wait).
 */
export const MOCK_SERVER_SETTLE_MS = 50;

function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, MOCK_SERVER_SETTLE_MS));
}

/**
 * Declares the contract's interaction on a PactV4 consumer pact (the
 * producer's side of the test), from the same data as the pact file: the
 * expected body has every contract field, matched by type. Drive the real
 * client against the mock server inside `executeTest`: Pact rejects a request
 * with a field the contract does not list, or without one it does.
 */
export function addContractInteraction(pact: PactV4, interaction: ContractInteraction): ContractPactInteraction {
  const status: StatusCodeMatcher<number> = {
    'pact:matcher:type': 'statusCode',
    status: [...interaction.response.statuses],
    value: interaction.response.status,
  };
  const declared = pact
    .addInteraction()
    .given(interaction.providerState.name, interaction.providerState.params)
    .uponReceiving(interaction.description)
    .comment(interaction.comment)
    .withRequest(interaction.request.method, interaction.request.path, (builder) => {
      builder.headers(headerTemplate(interaction.request.headers)).jsonBody(pactTemplate(interaction.request.body));
    })
    .willRespondWith(status, (builder) => {
      builder.headers(headerTemplate(interaction.response.headers));
      if (interaction.response.body) builder.jsonBody(pactTemplate(interaction.response.body));
    });
  return {
    executeTest: (test) =>
      declared.executeTest(async (mockServer) => {
        try {
          return await test(mockServer);
        } finally {
          await settle();
        }
      }),
  };
}

function headerTemplate(headers: readonly HeaderSpec[]): TemplateHeaders {
  const out: TemplateHeaders = {};
  for (const h of headers) {
    if (h.regex === undefined) {
      out[h.name] = h.example;
      continue;
    }
    const matcher: V3RegexMatcher = { 'pact:matcher:type': 'regex', regex: h.regex, value: h.example };
    out[h.name] = matcher;
  }
  return out;
}
