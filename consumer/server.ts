import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConsumptionRecorder } from './consumption-trace.js';
import type { ProvisionHandler } from './handler.js';
import { validateProvisionRequestFirstError, type BodyError } from './validate-body.js';

/**
 * cp's receiver for `POST /cp/workspaces/provision` on plain node:http, as the
 * Pact provider and the subject of consumption traces. Checks, in order:
 * route (404), method (405), bearer token and tenant header present (401),
 * content type (415), size (413), JSON (400 invalid_json), the wire schema
 * (400 invalid_body), the tenant admin token for the body's org_id (401).
 * Then the handler gets cp's typed request and the caller gets 202.
 * Every failure answers JSON `{ "error", "message" }` and the server keeps
 * serving. Hostile clients are bounded: a refusal before the body is read
 * (404, 405, 401, 415, 413) closes the connection instead of draining the
 * body; headers must arrive within `headersTimeoutMs`; a body must keep up
 * `minBodyBytesPerSecond` after a grace second (else 408); malformed or
 * oversized headers get a JSON 400 or 431 and the connection is closed;
 * validation stops at the first problem (`details` has one entry).
 */

export const PROVISION_PATH = '/cp/workspaces/provision';
/** 1 MiB: a provision request is a few KiB even with config files. */
export const MAX_BODY_BYTES = 1024 * 1024;
export const TENANT_ADMIN_TOKEN_HEADER = 'x-tenant-admin-token';
/** Headers must be complete within this many ms. */
export const HEADERS_TIMEOUT_MS = 10_000;
/** A body slower than this (bytes per second, after a grace second) is cut off with 408. */
export const MIN_BODY_BYTES_PER_SECOND = 1024;
/** The whole request must arrive within this many ms, whatever its rate. */
export const REQUEST_TIMEOUT_MS = 30_000;

export interface ServerOptions {
  readonly handler: ProvisionHandler;
  /** The shared bearer secret core authenticates with. */
  readonly secret: string;
  /** Tenant admin token by org_id. A Map is read live (tokens added later count); a record is copied. */
  readonly tenantTokens: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /** When set, every request the handler gets is traced (consumer/consumption-trace.ts). */
  readonly trace?: ConsumptionRecorder;
  /** Bytes; default MAX_BODY_BYTES. */
  readonly maxBodyBytes?: number;
  /** How long a client may take to send its headers, in ms; default HEADERS_TIMEOUT_MS. */
  readonly headersTimeoutMs?: number;
  /** The slowest body accepted, averaged from the first byte after a grace second; default MIN_BODY_BYTES_PER_SECOND. */
  readonly minBodyBytesPerSecond?: number;
  /** Called with errors the handler throws (answered 500); default: ignored. */
  readonly onError?: (error: unknown) => void;
}

export interface RunningServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  /** Stops listening, drops open connections and releases the port. Idempotent. */
  close(): Promise<void>;
}

interface Refusal {
  readonly status: number;
  readonly error: string;
  readonly message: string;
  readonly details?: readonly BodyError[];
  readonly headers?: Readonly<Record<string, string>>;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Constant-time comparison of secrets of any length (both sides hashed to 32 bytes first). */
function sameSecret(given: string, expected: Buffer): boolean {
  return timingSafeEqual(digest(given), expected);
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

function refuse(res: ServerResponse, refusal: Refusal): void {
  const body = refusal.details
    ? { error: refusal.error, message: refusal.message, details: refusal.details }
    : { error: refusal.error, message: refusal.message };
  send(res, refusal.status, body, refusal.headers);
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

const UNAUTHORIZED = { 'www-authenticate': 'Bearer realm="cp"' };

function checkCredentials(req: IncomingMessage, secret: Buffer): Refusal | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(headerValue(req, 'authorization') ?? '');
  if (!match?.[1] || !sameSecret(match[1], secret)) {
    return {
      status: 401,
      error: 'unauthorized',
      message: 'The Authorization header must carry the shared bearer token ("Bearer <token>").',
      headers: UNAUTHORIZED,
    };
  }
  if (!headerValue(req, TENANT_ADMIN_TOKEN_HEADER)) {
    return {
      status: 401,
      error: 'unauthorized',
      message: 'The X-Tenant-Admin-Token header is missing.',
      headers: UNAUTHORIZED,
    };
  }
  return undefined;
}

function checkContentType(req: IncomingMessage): Refusal | undefined {
  const raw = headerValue(req, 'content-type') ?? '';
  const [type = '', ...params] = raw.split(';').map((part) => part.trim().toLowerCase());
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/^"|"$/g, '');
  if (type === 'application/json' && (charset === undefined || charset === 'utf-8' || charset === 'utf8'))
    return undefined;
  return {
    status: 415,
    error: 'unsupported_media_type',
    message: `Content-Type must be application/json (UTF-8), not ${raw ? JSON.stringify(raw) : 'missing'}.`,
  };
}

type BodyRead = { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly refusal: Refusal };

/**
 * Reads the body up to `limit` bytes; past it, stops reading and refuses with
 * 413. A body slower than `minRate` bytes per second on average (checked
 * every quarter second after a grace second) is refused with 408.
 */
function readBody(req: IncomingMessage, limit: number, minRate: number): Promise<BodyRead> {
  const tooLarge: BodyRead = {
    ok: false,
    refusal: {
      status: 413,
      error: 'payload_too_large',
      message: `The body is over the ${limit}-byte limit.`,
      headers: { connection: 'close' },
    },
  };
  const tooSlow: BodyRead = {
    ok: false,
    refusal: {
      status: 408,
      error: 'request_timeout',
      message: `The body arrived slower than ${minRate} bytes per second.`,
      headers: { connection: 'close' },
    },
  };
  const declared = Number(headerValue(req, 'content-length'));
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(tooLarge);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const started = Date.now();
    const finish = (result: BodyRead): void => {
      clearInterval(timer);
      req.off('data', onData);
      req.pause();
      resolve(result);
    };
    const timer = setInterval(() => {
      const seconds = (Date.now() - started) / 1000;
      if (seconds > 1 && size / seconds < minRate) finish(tooSlow);
    }, 250);
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        finish(tooLarge);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      clearInterval(timer);
      resolve({ ok: true, bytes: Buffer.concat(chunks, size) });
    });
    req.once('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
  });
}

/** Strict UTF-8: a bad byte is an error, not U+FFFD. Stateless between calls (no `stream` option). */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function parseJson(
  bytes: Buffer,
): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly refusal: Refusal } {
  const invalid = (message: string) => ({
    ok: false as const,
    refusal: { status: 400, error: 'invalid_json', message },
  });
  if (bytes.length === 0) return invalid('The body is empty; a JSON object was expected.');
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return invalid('The body is not valid UTF-8.');
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return invalid(`The body is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  if (options.secret === '') throw new Error('startServer: the bearer secret must not be empty.');
  const tenantTokens: ReadonlyMap<string, string> =
    options.tenantTokens instanceof Map ? options.tenantTokens : new Map(Object.entries(options.tenantTokens));
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const minRate = options.minBodyBytesPerSecond ?? MIN_BODY_BYTES_PER_SECOND;
  /** Answers and closes the connection: the rest of the body is never read. */
  const refuseAndClose = (req: IncomingMessage, res: ServerResponse, refusal: Refusal): void => {
    refuse(res, { ...refusal, headers: { ...refusal.headers, connection: 'close' } });
    res.once('finish', () => req.socket.destroy());
  };
  const secret = digest(options.secret);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== PROVISION_PATH) {
      refuseAndClose(req, res, {
        status: 404,
        error: 'not_found',
        message: `Nothing is served at ${JSON.stringify(path)}; this server answers POST ${PROVISION_PATH}.`,
      });
      return;
    }
    if (req.method !== 'POST') {
      refuseAndClose(req, res, {
        status: 405,
        error: 'method_not_allowed',
        message: `${PROVISION_PATH} accepts POST, not ${req.method ?? 'no method'}.`,
        headers: { allow: 'POST' },
      });
      return;
    }
    const early = checkCredentials(req, secret) ?? checkContentType(req);
    if (early) {
      refuseAndClose(req, res, early);
      return;
    }
    const read = await readBody(req, limit, minRate);
    if (!read.ok) {
      refuseAndClose(req, res, read.refusal);
      return;
    }
    const parsed = parseJson(read.bytes);
    if (!parsed.ok) {
      refuse(res, parsed.refusal);
      return;
    }
    const validation = validateProvisionRequestFirstError(parsed.value);
    if (!validation.ok) {
      refuse(res, {
        status: 400,
        error: 'invalid_body',
        message: 'The body does not match the provision request contract.',
        details: validation.errors,
      });
      return;
    }
    const request = validation.value;
    const expected = tenantTokens.get(request.org_id);
    if (expected === undefined || !sameSecret(headerValue(req, TENANT_ADMIN_TOKEN_HEADER) ?? '', digest(expected))) {
      refuse(res, {
        status: 401,
        error: 'unauthorized',
        message: `The X-Tenant-Admin-Token is not valid for organisation ${JSON.stringify(request.org_id)}.`,
        headers: UNAUTHORIZED,
      });
      return;
    }
    const result = await options.handler(options.trace ? options.trace.track(request) : request);
    send(res, 202, { status: 'accepted', workspace_id: result.workspace_id });
  };

  // Timeouts are checked every second (node's default is every 30 s).
  const server = createServer({ connectionsCheckingInterval: 1000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.onError?.(error);
      if (!res.headersSent)
        refuse(res, {
          status: 500,
          error: 'internal_error',
          message: 'The request could not be handled; see the server log.',
        });
      else res.destroy();
    });
  });
  server.headersTimeout = options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  server.requestTimeout = Math.max(REQUEST_TIMEOUT_MS, server.headersTimeout);
  // Requests node refuses before the handler runs (malformed or oversized headers, timeouts) get a JSON body too.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const [status, code, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'request_header_fields_too_large', 'The request headers are too large.']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'request_timeout', 'The request took too long to arrive.']
          : [400, 'bad_request', 'The request is not valid HTTP.'];
    const text = JSON.stringify({ error: code, message });
    socket.end(
      `HTTP/1.1 ${status} ${code.replaceAll('_', ' ')}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
