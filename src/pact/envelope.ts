import { isJsonObject, member, type JsonObject, type JsonValue } from '../contract/json-document.js';

/**
 * The envelope of a contract's Pact interactions, read from the contract
 * header's `pact` block (schemas/contract.schema.json): request headers,
 * the provider state, the response. Nothing of it is built into wirepin:
 * a contract without the block gets a JSON Content-Type, a provider state
 * named after its own services and endpoint, and any 2xx status with no body.
 */

export interface HeaderSpec {
  readonly name: string;
  readonly example: string;
  /** When set, the header is matched by this regex instead of by value. */
  readonly regex?: string;
  /** A placeholder credential: the provider verification must send a real one instead. */
  readonly credential?: boolean;
}

export interface PactEnvelope {
  readonly requestHeaders: readonly HeaderSpec[];
  readonly state: { readonly name: string; readonly params: Readonly<Record<string, string>> } | undefined;
  readonly response: {
    readonly status: number;
    /** Every status a provider may answer with and still pass. */
    readonly statuses: readonly number[];
    readonly headers: readonly HeaderSpec[];
    /** The response body's contract, relative to the request contract's directory. */
    readonly contract: string | undefined;
  };
}

/** The statuses a provider may answer with when the contract names none: any 2xx. */
export const DEFAULT_STATUSES: readonly number[] = [200, 201, 202, 203, 204, 205, 206];

export const JSON_CONTENT_TYPE: HeaderSpec = { name: 'Content-Type', example: 'application/json' };

function headersOf(value: JsonValue | undefined): HeaderSpec[] {
  if (!Array.isArray(value)) return [];
  const out: HeaderSpec[] = [];
  for (const item of value) {
    if (!isJsonObject(item)) continue;
    const name = member(item, 'name');
    const example = member(item, 'example');
    if (typeof name !== 'string' || typeof example !== 'string') continue;
    const regex = member(item, 'regex');
    const credential = member(item, 'credential');
    out.push({
      name,
      example,
      ...(typeof regex === 'string' ? { regex } : {}),
      ...(credential === true ? { credential: true } : {}),
    });
  }
  return out;
}

/** Adds Content-Type: application/json unless the contract names a Content-Type itself. */
function withJsonContentType(headers: HeaderSpec[]): HeaderSpec[] {
  return headers.some((h) => h.name.toLowerCase() === 'content-type') ? headers : [JSON_CONTENT_TYPE, ...headers];
}

/** The envelope of a contract document (already valid against the meta-schema). */
export function pactEnvelopeOf(document: JsonObject): PactEnvelope {
  const block = member(document, 'pact');
  const pact = isJsonObject(block) ? block : {};
  const request = member(pact, 'request');
  const stateValue = member(pact, 'state');
  const responseValue = member(pact, 'response');
  const response = isJsonObject(responseValue) ? responseValue : undefined;
  let state: PactEnvelope['state'];
  if (isJsonObject(stateValue) && typeof member(stateValue, 'name') === 'string') {
    const paramsValue = member(stateValue, 'params');
    const params: Record<string, string> = {};
    if (isJsonObject(paramsValue))
      for (const [key, pointer] of Object.entries(paramsValue)) if (typeof pointer === 'string') params[key] = pointer;
    state = { name: member(stateValue, 'name') as string, params };
  }
  const status =
    response && typeof member(response, 'status') === 'number' ? (member(response, 'status') as number) : undefined;
  const statusesValue = response ? member(response, 'statuses') : undefined;
  const statuses = Array.isArray(statusesValue)
    ? statusesValue.filter((s): s is number => typeof s === 'number')
    : undefined;
  const contract = response ? member(response, 'contract') : undefined;
  const responseHeaders = headersOf(response ? member(response, 'headers') : undefined);
  return {
    requestHeaders: withJsonContentType(headersOf(isJsonObject(request) ? member(request, 'headers') : undefined)),
    state,
    response: {
      status: status ?? 200,
      statuses: statuses && statuses.length > 0 ? statuses : status !== undefined ? [status] : DEFAULT_STATUSES,
      headers: typeof contract === 'string' ? withJsonContentType(responseHeaders) : responseHeaders,
      contract: typeof contract === 'string' ? contract : undefined,
    },
  };
}
