import type { AnalyzedContract } from '../contract/usable.js';
import type { ContractModel, ContractSide } from '../contract/field-table.js';
import { isJsonObject, type JsonObject } from '../contract/json-document.js';
import { WirepinError } from '../errors.js';
import { pactEnvelopeOf, type PactEnvelope } from './envelope.js';

/** What the Pact stage needs of a contract that linted clean. */
export interface PactContract {
  /** The contract file as reports name it. */
  readonly file: string;
  /** The contract document: its schema keywords give examples their constraints. */
  readonly schema: JsonObject;
  readonly model: ContractModel;
  /** Our producer: the Pact *consumer* (it sends the request). */
  readonly producer: ContractSide;
  /** Our consumer: the Pact *provider* (it answers the request). */
  readonly consumer: ContractSide;
  readonly method: string;
  readonly path: string;
  /** Headers, provider state and response, from the contract's `pact` block. */
  readonly envelope: PactEnvelope;
  /** The response body's contract, when the envelope names one. */
  readonly response: { readonly file: string; readonly schema: JsonObject } | undefined;
}

/**
 * Narrows an analyzed contract for the Pact stage. Call it only when lint
 * found no errors; what lint would report is thrown here as E_UNSUPPORTED.
 * When the envelope names a response contract, pass it analyzed as
 * `response` (src/run/pact.ts `loadPactContract` reads both).
 */
export function pactContractOf(analyzed: AnalyzedContract, response?: AnalyzedContract): PactContract {
  const value = analyzed.document?.value;
  const model = analyzed.model;
  if (!isJsonObject(value) || !model) {
    throw new WirepinError('E_PARSE', `${analyzed.file} is not a readable contract; run \`wirepin lint\` on it first.`);
  }
  const { producer, consumer } = model;
  if (!producer || !consumer) {
    throw new WirepinError(
      'E_UNSUPPORTED',
      `${analyzed.file} does not name both the producer and the consumer, which a pact needs.`,
      {
        hint: 'Add "producer" and "consumer" objects with name, repo and type.',
      },
    );
  }
  const match = /^([A-Z]+) (\/\S*)$/.exec(model.endpoint);
  if (!match?.[1] || !match[2]) {
    throw new WirepinError(
      'E_UNSUPPORTED',
      `${analyzed.file} has endpoint ${JSON.stringify(model.endpoint)}; a pact needs "METHOD /path".`,
      {
        hint: 'Spell the endpoint like "POST /workspaces/provision".',
      },
    );
  }
  const envelope = pactEnvelopeOf(value);
  let responseContract: PactContract['response'];
  if (envelope.response.contract !== undefined) {
    const responseValue = response?.document?.value;
    if (!response || !isJsonObject(responseValue)) {
      throw new WirepinError(
        'E_UNSUPPORTED',
        `${analyzed.file} names the response contract ${JSON.stringify(envelope.response.contract)}, which was not read.`,
        {
          hint: 'Check that the file exists next to the contract, or remove pact.response.contract.',
        },
      );
    }
    responseContract = { file: response.file, schema: responseValue };
  }
  return {
    file: analyzed.file,
    schema: value,
    model,
    producer,
    consumer,
    method: match[1],
    path: match[2],
    envelope,
    response: responseContract,
  };
}
