import { request as httpRequest } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createProvisionHandler, type WorkspacePlan } from './handler.js';
import type { ProvisionRequest } from './provision_request.types.js';
import { MAX_BODY_BYTES, PROVISION_PATH, startServer, type RunningServer } from './server.js';

const SECRET = 'cp-shared-secret';
const ORG = 'org-acme';
const TENANT_TOKEN = 'acme-admin-token';

const good: ProvisionRequest = {
  org_id: ORG,
  workspace_id: 'ws-1',
  runtime: 'node20',
  tier: 1,
  display: { mode: 'desktop', width: 1280 },
  platform_url: 'https://core.example',
  env: null,
};

const goodHeaders: Readonly<Record<string, string>> = {
  'content-type': 'application/json',
  authorization: `Bearer ${SECRET}`,
  'x-tenant-admin-token': TENANT_TOKEN,
};

let server: RunningServer;
const plans: WorkspacePlan[] = [];

beforeAll(async () => {
  server = await startServer({
    handler: createProvisionHandler((plan) => {
      plans.push(plan);
    }),
    secret: SECRET,
    tenantTokens: { [ORG]: TENANT_TOKEN, 'org-other': 'other-token' },
  });
});

afterAll(async () => {
  await server.close();
});

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

async function post(
  body: string,
  headers: Readonly<Record<string, string>> = goodHeaders,
  path = PROVISION_PATH,
  method = 'POST',
): Promise<Answer> {
  const init: RequestInit = { method, headers };
  if (method !== 'GET' && method !== 'HEAD') init.body = body;
  const response = await fetch(`${server.url}${path}`, init);
  expect(response.headers.get('content-type')).toBe('application/json');
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

function withHeaders(changes: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = { ...goodHeaders };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete out[name];
    else out[name] = value;
  }
  return out;
}

/** Sends a body of `size` bytes with chunked transfer encoding (no Content-Length), as a stream. */
function postChunked(size: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}${PROVISION_PATH}`, { method: 'POST', headers: goodHeaders }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = (): void => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

describe('cp reference server', () => {
  afterEach(async () => {
    // Whatever the test sent, the server keeps serving good requests.
    const answer = await post(JSON.stringify(good));
    expect(answer.status).toBe(202);
  });

  it('accepts a valid request, hands cp the typed request, and answers 202', async () => {
    plans.length = 0;
    const answer = await post(JSON.stringify({ ...good, template_assets: { 'a.png': 'AA==' } }));
    expect(answer).toMatchObject({ status: 202, body: { status: 'accepted', workspace_id: 'ws-1' } });
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({
      orgId: ORG,
      workspaceId: 'ws-1',
      tier: 1,
      display: { mode: 'desktop', width: 1280, height: 800 },
      env: {},
    });
  });

  it('answers malformed JSON with 400 invalid_json', async () => {
    const answer = await post('{"org_id": ');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      error: 'invalid_json',
      message: expect.stringMatching(/^The body is not valid JSON: /),
    });
  });

  it('answers an empty body with 400 invalid_json', async () => {
    const answer = await post('');
    expect(answer).toMatchObject({
      status: 400,
      body: { error: 'invalid_json', message: 'The body is empty; a JSON object was expected.' },
    });
  });

  it('answers a body that is not UTF-8 with 400 invalid_json', async () => {
    const response = await fetch(`${server.url}${PROVISION_PATH}`, {
      method: 'POST',
      headers: goodHeaders,
      body: new Uint8Array([0x7b, 0xff, 0x7d]),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid_json', message: 'The body is not valid UTF-8.' });
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['a JSON type with another charset', 'application/json; charset=latin1'],
    ['form data', 'application/x-www-form-urlencoded'],
  ])('answers %s with 415', async (_label, contentType) => {
    const answer = await post(JSON.stringify(good), withHeaders({ 'content-type': contentType }));
    expect(answer).toMatchObject({ status: 415, body: { error: 'unsupported_media_type' } });
    expect(answer.body['message']).toContain(contentType);
  });

  it('accepts application/json with a UTF-8 charset, in any case', async () => {
    const answer = await post(JSON.stringify(good), withHeaders({ 'content-type': 'Application/JSON; charset=UTF-8' }));
    expect(answer.status).toBe(202);
  });

  it('answers a body over 1 MiB (Content-Length) with 413 without reading it', async () => {
    const big = JSON.stringify({ ...good, runtime: 'x'.repeat(MAX_BODY_BYTES) });
    const answer = await post(big);
    expect(answer).toMatchObject({
      status: 413,
      body: { error: 'payload_too_large', message: `The body is over the ${MAX_BODY_BYTES}-byte limit.` },
    });
    expect(answer.headers.get('connection')).toBe('close');
  });

  it('answers a streamed body that grows over 1 MiB with 413', async () => {
    const answer = await postChunked(4 * MAX_BODY_BYTES);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'payload_too_large' });
  });

  it.each([
    [
      'no Authorization header',
      { authorization: undefined },
      /Authorization header must carry the shared bearer token/,
    ],
    [
      'a wrong bearer token',
      { authorization: 'Bearer not-the-secret' },
      /Authorization header must carry the shared bearer token/,
    ],
    ['another scheme', { authorization: `Basic ${SECRET}` }, /Authorization header must carry the shared bearer token/],
    ['no tenant admin token', { 'x-tenant-admin-token': undefined }, /X-Tenant-Admin-Token header is missing/],
    [
      "another tenant's admin token",
      { 'x-tenant-admin-token': 'other-token' },
      /not valid for organisation "org-acme"/,
    ],
    ['a wrong tenant admin token', { 'x-tenant-admin-token': 'guess' }, /not valid for organisation "org-acme"/],
  ])('answers %s with 401', async (_label, changes, message) => {
    const answer = await post(JSON.stringify(good), withHeaders(changes));
    expect(answer).toMatchObject({
      status: 401,
      body: { error: 'unauthorized', message: expect.stringMatching(message) },
    });
    expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="cp"');
  });

  it('answers an organisation without a tenant token with 401', async () => {
    const answer = await post(JSON.stringify({ ...good, org_id: 'org-unknown' }));
    expect(answer).toMatchObject({
      status: 401,
      body: { error: 'unauthorized', message: expect.stringContaining('"org-unknown"') },
    });
  });

  it('answers an unknown field with 400 invalid_body naming the field', async () => {
    const answer = await post(JSON.stringify({ ...good, priority: 'high' }));
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: 'invalid_body',
      message: 'The body does not match the provision request contract.',
      details: [{ field: 'priority', message: 'unknown field "priority"; the contract does not list it' }],
    });
  });

  it('names an unknown nested field by its dotted path', async () => {
    const answer = await post(JSON.stringify({ ...good, display: { mode: 'desktop', dpi: 2 } }));
    expect(answer.body['details']).toEqual([
      { field: 'display.dpi', message: 'unknown field "display.dpi"; the contract does not list it' },
    ]);
  });

  it('treats a "__proto__" key as an unknown field, not as a prototype', async () => {
    const answer = await post(`{"__proto__": {"admin": true}, ${JSON.stringify(good).slice(1)}`);
    expect(answer.status).toBe(400);
    expect(answer.body['details']).toContainEqual({
      field: '__proto__',
      message: 'unknown field "__proto__"; the contract does not list it',
    });
  });

  it('answers a field of the wrong type with 400 invalid_body naming the field', async () => {
    const answer = await post(JSON.stringify({ ...good, tier: '1', display: { width: 12.5 } }));
    expect(answer.status).toBe(400);
    // Validation stops at the first problem: one of the two, not both.
    expect(answer.body['details']).toHaveLength(1);
    expect([
      { field: 'display.width', message: 'must be an integer' },
      { field: 'tier', message: 'must be an integer' },
    ]).toContainEqual((answer.body['details'] as unknown[])[0]);
  });

  it('answers a missing required field and a non-object body with 400 invalid_body', async () => {
    const { org_id: _missing, ...withoutOrg } = good;
    expect((await post(JSON.stringify(withoutOrg))).body['details']).toEqual([
      { field: 'org_id', message: 'is required' },
    ]);
    expect((await post('[1, 2]')).body['details']).toEqual([{ field: '(root)', message: 'must be an object' }]);
  });

  it.each(['GET', 'PUT', 'DELETE'])('answers %s with 405 and Allow: POST', async (method) => {
    const answer = await post(JSON.stringify(good), goodHeaders, PROVISION_PATH, method);
    expect(answer).toMatchObject({ status: 405, body: { error: 'method_not_allowed' } });
    expect(answer.headers.get('allow')).toBe('POST');
  });

  it.each(['/', '/cp/workspaces', '/cp/workspaces/provision/extra'])(
    'answers an unknown path (%s) with 404',
    async (path) => {
      const answer = await post(JSON.stringify(good), goodHeaders, path);
      expect(answer).toMatchObject({ status: 404, body: { error: 'not_found' } });
    },
  );

  it('ignores a query string when routing', async () => {
    expect((await post(JSON.stringify(good), goodHeaders, `${PROVISION_PATH}?dry_run=1`)).status).toBe(202);
  });
});

describe('cp reference server lifecycle', () => {
  it('answers 500 when the handler throws, and keeps serving', async () => {
    let calls = 0;
    const errors: unknown[] = [];
    const failing = await startServer({
      handler: (request) => {
        calls += 1;
        if (calls === 1) throw new Error('backend down');
        return { workspace_id: request.workspace_id };
      },
      secret: SECRET,
      tenantTokens: { [ORG]: TENANT_TOKEN },
      onError: (error) => errors.push(error),
    });
    try {
      const send = () =>
        fetch(`${failing.url}${PROVISION_PATH}`, { method: 'POST', headers: goodHeaders, body: JSON.stringify(good) });
      const first = await send();
      expect(first.status).toBe(500);
      expect(await first.json()).toEqual({
        error: 'internal_error',
        message: 'The request could not be handled; see the server log.',
      });
      expect(errors).toHaveLength(1);
      expect((await send()).status).toBe(202);
    } finally {
      await failing.close();
    }
  });

  it('listens on 127.0.0.1 only, and close() releases the port even with a keep-alive connection open', async () => {
    const temporary = await startServer({ handler: createProvisionHandler(), secret: SECRET, tenantTokens: {} });
    const url = new URL(temporary.url);
    expect(url.hostname).toBe('127.0.0.1');
    await fetch(`${temporary.url}/`); // leaves a keep-alive connection in fetch's pool
    await temporary.close();
    await temporary.close(); // idempotent
    const port = Number(url.port);
    await new Promise<void>((resolve, reject) => {
      const probe = createNetServer();
      probe.once('error', reject);
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
    });
  });

  it('refuses an empty secret', async () => {
    await expect(startServer({ handler: createProvisionHandler(), secret: '', tenantTokens: {} })).rejects.toThrow(
      /secret must not be empty/,
    );
  });
});
