import type { JsonObject, JsonValue } from '../contract/json-document.js';
import type { PactContract } from './contract.js';
import { exampleValue, type BodyNode } from './example-body.js';
import { contractInteractions, type ContractInteraction, type HeaderSpec } from './interaction.js';
import { bodyMatchingRules, sortKeys, type RuleList } from './matchers.js';

/**
 * Writes a Pact specification v4 document for a contract without running
 * Pact: plain JSON, keys sorted at every depth (as Pact core writes them), so
 * the same contract always gives the same bytes. Pact's own Verifier reads it
 * (consumer/server.pact-provider.test.ts proves that).
 */

export const PACT_SPECIFICATION_VERSION = '4.0';

/** `<pact consumer>-<pact provider>.json`, i.e. `<producer>-<consumer>.json`: Pact's naming. */
export function pactFileName(contract: PactContract): string {
  return `${contract.producer.name}-${contract.consumer.name}.json`;
}

function headerValues(headers: readonly HeaderSpec[]): JsonObject {
  const out: JsonObject = {};
  for (const h of headers) out[h.name] = [h.example];
  return out;
}

function headerRules(headers: readonly HeaderSpec[]): JsonObject | undefined {
  const out: JsonObject = {};
  let any = false;
  for (const h of headers) {
    if (h.regex === undefined) continue;
    out[h.name] = { combine: 'AND', matchers: [{ match: 'regex', regex: h.regex }] };
    any = true;
  }
  return any ? out : undefined;
}

function jsonBody(node: BodyNode): JsonObject {
  return { content: exampleValue(node), contentType: 'application/json', encoded: false };
}

function rulesJson(rules: Record<string, RuleList>): JsonObject {
  return JSON.parse(JSON.stringify(rules)) as JsonObject;
}

/** One interaction of the pact document, as Pact core writes a V4 Synchronous/HTTP interaction. */
function interactionJson(interaction: ContractInteraction): JsonObject {
  const requestRules: JsonObject = { body: rulesJson(bodyMatchingRules(interaction.request.body)) };
  const requestHeaderRules = headerRules(interaction.request.headers);
  if (requestHeaderRules) requestRules['header'] = requestHeaderRules;
  const responseRules: JsonObject = {
    status: { $: { combine: 'AND', matchers: [{ match: 'statusCode', status: [...interaction.response.statuses] }] } },
  };
  const responseBody = interaction.response.body;
  if (responseBody) responseRules['body'] = rulesJson(bodyMatchingRules(responseBody));
  const responseHeaderRules = headerRules(interaction.response.headers);
  if (responseHeaderRules) responseRules['header'] = responseHeaderRules;
  const state: JsonObject = { name: interaction.providerState.name };
  if (Object.keys(interaction.providerState.params).length > 0) state['params'] = interaction.providerState.params;
  const response: JsonObject = { status: interaction.response.status, matchingRules: responseRules };
  if (interaction.response.headers.length > 0) response['headers'] = headerValues(interaction.response.headers);
  if (responseBody) response['body'] = jsonBody(responseBody);
  return {
    type: 'Synchronous/HTTP',
    description: interaction.description,
    pending: false,
    providerStates: [state],
    comments: { text: [interaction.comment] },
    request: {
      method: interaction.request.method,
      path: interaction.request.path,
      headers: headerValues(interaction.request.headers),
      body: jsonBody(interaction.request.body),
      matchingRules: requestRules,
    },
    response,
  };
}

/** The pact document as data (keys not yet sorted); every interaction of the set, in its order. */
export function buildPactDocument(interactions: readonly ContractInteraction[]): JsonObject {
  const [first] = interactions;
  if (!first) throw new Error('a pact document needs at least one interaction');
  return {
    consumer: { name: first.pactConsumer },
    provider: { name: first.pactProvider },
    interactions: interactions.map(interactionJson),
    metadata: {
      pactSpecification: { version: PACT_SPECIFICATION_VERSION },
      wirepin: { contract: first.contractFile, interactions: interactions.length },
    },
  };
}

/** 2-space JSON with every object's keys sorted, LF, trailing newline. */
export function stringifySorted(value: JsonValue): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

/** The pact file's name and exact text for a contract. */
export function renderPactFile(contract: PactContract): { readonly fileName: string; readonly text: string } {
  return { fileName: pactFileName(contract), text: stringifySorted(buildPactDocument(contractInteractions(contract))) };
}
