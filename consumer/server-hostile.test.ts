import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProvisionHandler } from './handler.js';
import { PROVISION_PATH, startServer, type RunningServer } from './server.js';
import { validateProvisionRequest, validateProvisionRequestFirstError } from './validate-body.js';

/**
 * Clients written to exhaust the reference server, on raw sockets: each must
 * get a JSON answer (where HTTP allows one) and a closed connection, quickly.
 */
let server: RunningServer;
let port: number;

beforeAll(async () => {
  server = await startServer({
    handler: createProvisionHandler(() => undefined),
    secret: 's3cret',
    tenantTokens: { 'org-acme': 'tenant' },
    headersTimeoutMs: 1000,
    minBodyBytesPerSecond: 1024,
  });
  port = Number(new URL(server.url).port);
});
afterAll(() => server.close());

interface Exchange {
  readonly answer: string;
  readonly closedAfterMs: number;
  /** Bytes the client managed to write before the server closed. */
  readonly written: number;
}

/** Opens a socket, runs `drive` on it, and collects what the server answers until it closes the connection (or 10 s pass). */
function exchange(drive: (socket: Socket, state: { written: number; closed: boolean }) => void): Promise<Exchange> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    const state = { written: 0, closed: false };
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    socket.on('error', () => undefined);
    const done = (): void => {
      state.closed = true;
      clearTimeout(guard);
      resolve({ answer, closedAfterMs: Date.now() - started, written: state.written });
    };
    socket.once('close', done);
    const guard = setTimeout(() => socket.destroy(), 10_000);
    socket.once('connect', () => drive(socket, state));
  });
}

function statusOf(answer: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/u.exec(answer)?.[1]);
}
function jsonOf(answer: string): Record<string, unknown> {
  return JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;
}

/** Streams body bytes as fast as the socket takes them until the server closes it. */
function flood(socket: Socket, state: { written: number; closed: boolean }): void {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const pump = (): void => {
    while (!state.closed && !socket.destroyed) {
      state.written += chunk.length;
      if (!socket.write(chunk)) {
        socket.once('drain', pump);
        return;
      }
    }
  };
  pump();
}

describe('the reference server under hostile clients', () => {
  it('answers 401 to an unauthenticated client streaming a huge body, then closes instead of reading on', async () => {
    const result = await exchange((socket, state) => {
      socket.write(
        `POST ${PROVISION_PATH} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100000000000\r\n\r\n`,
      );
      flood(socket, state);
    });
    expect(statusOf(result.answer)).toBe(401);
    expect(jsonOf(result.answer)).toMatchObject({ error: 'unauthorized' });
    expect(result.closedAfterMs).toBeLessThan(3000);
    expect(result.written).toBeLessThan(256 * 1024 * 1024);
  });

  it('answers 413 to an oversized chunked body and closes', async () => {
    const result = await exchange((socket, state) => {
      socket.write(
        `POST ${PROVISION_PATH} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\nauthorization: Bearer s3cret\r\nx-tenant-admin-token: tenant\r\ntransfer-encoding: chunked\r\n\r\n`,
      );
      const chunk = `10000\r\n${'a'.repeat(0x10000)}\r\n`;
      const pump = (): void => {
        while (!state.closed && !socket.destroyed) {
          state.written += chunk.length;
          if (!socket.write(chunk)) {
            socket.once('drain', pump);
            return;
          }
        }
      };
      pump();
    });
    expect(statusOf(result.answer)).toBe(413);
    expect(jsonOf(result.answer)).toMatchObject({ error: 'payload_too_large' });
    expect(result.closedAfterMs).toBeLessThan(3000);
  });

  it('cuts off a body trickling at 1 byte per 100 ms with a JSON 408', async () => {
    const result = await exchange((socket, state) => {
      socket.write(
        `POST ${PROVISION_PATH} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\nauthorization: Bearer s3cret\r\nx-tenant-admin-token: tenant\r\ncontent-length: 1000\r\n\r\n`,
      );
      const tick = setInterval(() => (state.closed || socket.destroyed ? clearInterval(tick) : socket.write('{')), 100);
    });
    expect(statusOf(result.answer)).toBe(408);
    expect(jsonOf(result.answer)).toMatchObject({ error: 'request_timeout' });
    expect(result.closedAfterMs).toBeLessThan(4000);
  });

  it('closes a client that never finishes its headers', async () => {
    const result = await exchange((socket) => socket.write(`POST ${PROVISION_PATH} HTTP/1.1\r\nhost: x\r\n`));
    expect(result.closedAfterMs).toBeLessThan(5000);
    if (result.answer !== '') expect(jsonOf(result.answer)).toMatchObject({ error: 'request_timeout' });
  });

  it('answers oversized headers with a JSON 431 and malformed HTTP with a JSON 400', async () => {
    const big = await exchange((socket) =>
      socket.write(`POST ${PROVISION_PATH} HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(64 * 1024)}\r\n\r\n`),
    );
    expect(statusOf(big.answer)).toBe(431);
    expect(jsonOf(big.answer)).toMatchObject({ error: 'request_header_fields_too_large' });
    const bad = await exchange((socket) => socket.write('NOT HTTP AT ALL\r\n\r\n'));
    expect(statusOf(bad.answer)).toBe(400);
    expect(jsonOf(bad.answer)).toMatchObject({ error: 'bad_request' });
  });

  it('still serves a valid request afterwards (the guard passes on good input)', async () => {
    const body = JSON.stringify({ org_id: 'org-acme' });
    const result = await exchange((socket) =>
      socket.write(
        `POST ${PROVISION_PATH} HTTP/1.1\r\nhost: x\r\nconnection: close\r\ncontent-type: application/json\r\nauthorization: Bearer s3cret\r\nx-tenant-admin-token: tenant\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
      ),
    );
    expect(statusOf(result.answer)).toBe(400);
    expect(jsonOf(result.answer)).toMatchObject({ error: 'invalid_body' });
  });
});

describe('validation of a body of 90,000 unknown keys', () => {
  it('stops at the first unknown key: one error, fast; the full validator still lists them for tests', () => {
    const body = Object.fromEntries(Array.from({ length: 90_000 }, (_, i) => [`k${i}`, i]));
    const started = performance.now();
    const result = validateProvisionRequestFirstError(body);
    const took = performance.now() - started;
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toHaveLength(1);
    expect(took).toBeLessThan(100);
    expect(validateProvisionRequest({ org_id: 'org-acme' }).ok).toBe(false);
  });
});
