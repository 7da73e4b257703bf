import type { AnalyzedContract } from '../contract/usable.js';
import type { ContractModel, ContractSide } from '../contract/field-table.js';
import { isJsonObject, type JsonObject } from '../contract/json-document.js';
import { WirepinError } from '../errors.js';

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
}

/**
 * Narrows an analyzed contract for the Pact stage. Call it only when lint
 * found no errors; what lint would report is thrown here as E_UNSUPPORTED.
 */
export function pactContractOf(analyzed: AnalyzedContract): PactContract {
  const value = analyzed.document?.value;
  const model = analyzed.model;
  if (!isJsonObject(value) || !model) {
    throw new WirepinError('E_PARSE', `${analyzed.file} is not a readable contract; run \`wirepin lint\` on it first.`);
  }
  const { producer, consumer } = model;
  if (!producer || !consumer) {
    throw new WirepinError('E_UNSUPPORTED', `${analyzed.file} does not name both the producer and the consumer, which a pact needs.`, {
      hint: 'Add "producer" and "consumer" objects with name, repo and type.',
    });
  }
  const match = /^([A-Z]+) (\/\S*)$/.exec(model.endpoint);
  if (!match?.[1] || !match[2]) {
    throw new WirepinError('E_UNSUPPORTED', `${analyzed.file} has endpoint ${JSON.stringify(model.endpoint)}; a pact needs "METHOD /path".`, {
      hint: 'Spell the endpoint like "POST /workspaces/provision".',
    });
  }
  return { file: analyzed.file, schema: value, model, producer, consumer, method: match[1], path: match[2] };
}
