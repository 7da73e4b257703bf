import type { ProvisionRequest } from './provision_request.types.js';

/**
 * core's client for cp's `POST /cp/workspaces/provision`. It sends the
 * producer type (every wire field, dead ones included) and authenticates with
 * the shared bearer token plus the tenant's admin token.
 */

export const PROVISION_PATH = '/cp/workspaces/provision';
export const TENANT_ADMIN_TOKEN_HEADER = 'X-Tenant-Admin-Token';

export interface ProvisionCredentials {
  /** The shared secret cp expects as `Authorization: Bearer <token>`. */
  readonly bearerToken: string;
  /** The tenant's admin token, sent as X-Tenant-Admin-Token. */
  readonly tenantAdminToken: string;
}

/** cp's acknowledgement. */
export interface ProvisionResponse {
  readonly status: string;
  readonly workspace_id: string;
}

export interface ProvisionOptions {
  readonly signal?: AbortSignal;
  /** Defaults to the global fetch. */
  readonly fetch?: typeof fetch;
}

/** cp answered with something other than a 2xx acknowledgement. */
export class ProvisionError extends Error {
  readonly status: number;
  /** The parsed JSON error body, or the raw text when it was not JSON. */
  readonly body: unknown;

  constructor(status: number, body: unknown, message: string) {
    super(message);
    this.name = 'ProvisionError';
    this.status = status;
    this.body = body;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function isAcknowledgement(value: unknown): value is ProvisionResponse {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Readonly<Record<string, unknown>>;
  return typeof record['status'] === 'string' && typeof record['workspace_id'] === 'string';
}

/** POSTs `body` to `<baseUrl>/cp/workspaces/provision` and returns cp's parsed acknowledgement. */
export async function provisionWorkspace(
  baseUrl: string,
  body: ProvisionRequest,
  credentials: ProvisionCredentials,
  options: ProvisionOptions = {},
): Promise<ProvisionResponse> {
  const send = options.fetch ?? fetch;
  const init: RequestInit = {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${credentials.bearerToken}`,
      [TENANT_ADMIN_TOKEN_HEADER]: credentials.tenantAdminToken,
    },
    body: JSON.stringify(body),
  };
  if (options.signal) init.signal = options.signal;
  const response = await send(`${baseUrl.replace(/\/+$/, '')}${PROVISION_PATH}`, init);
  const text = await response.text();
  const parsed = parseJson(text);
  if (!response.ok) {
    const detail =
      typeof parsed === 'object' && parsed !== null && 'message' in parsed
        ? String(parsed.message)
        : text.slice(0, 200);
    throw new ProvisionError(
      response.status,
      parsed,
      `cp refused the provision request with ${response.status}: ${detail}`,
    );
  }
  if (!isAcknowledgement(parsed)) {
    throw new ProvisionError(
      response.status,
      parsed,
      `cp answered ${response.status} without {"status", "workspace_id"}: ${text.slice(0, 200)}`,
    );
  }
  return { status: parsed.status, workspace_id: parsed.workspace_id };
}
