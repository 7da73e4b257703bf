// Bounded hostile-load run of cp's reference receiver (consumer/server.ts).
//
//   node bench/server-hostile.js [--seconds 5] [--valid 8] [--flooders 4] [--slow 16] [--junk 4]
//
// Compiles the server (bench/build-sources.js) and runs it in this process on
// 127.0.0.1 (OS-chosen port). For a fixed number of seconds, mixed clients run
// at once: `valid` keep-alive clients sending good provision requests back to
// back; `flooders` that stream an unauthenticated body as fast as the socket
// takes it, reconnecting when cut off; `slow` clients trickling one body byte
// every 200 ms; `junk` clients sending bodies of 90,000 unknown keys. Every
// count and duration is bounded (at most 60 s, 256 clients of each kind), and
// the run stops by itself. Prints and writes bench/results/server-hostile.json:
// valid requests served and their latency while under attack, bytes the
// flooders managed to push, how the slow and junk clients were answered.
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildSources, median, writeResult } from './build-sources.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    valid: { type: 'string', default: '8' },
    flooders: { type: 'string', default: '4' },
    slow: { type: 'string', default: '16' },
    junk: { type: 'string', default: '4' },
  },
});
const seconds = Number(values.seconds);
const counts = {
  valid: Number(values.valid),
  flooders: Number(values.flooders),
  slow: Number(values.slow),
  junk: Number(values.junk),
};
if (
  !(seconds > 0 && seconds <= 60) ||
  !Object.values(counts).every((n) => Number.isSafeInteger(n) && n >= 0 && n <= 256)
) {
  throw new Error('--seconds must be in (0, 60]; client counts 0..256');
}

const SECRET = 'bench-shared-secret';
const ORG = 'org-bench';
const TENANT_TOKEN = 'bench-tenant-token';
const PATH = '/cp/workspaces/provision';
const body = JSON.stringify({
  org_id: ORG,
  workspace_id: 'ws-bench',
  runtime: 'node20',
  template: 'next-app',
  tier: 2,
  instance_type: 'c6i.large',
  disk_gb: 80,
  provider: 'aws',
  data_persistence: 'volume',
  display: { mode: 'desktop', width: 1920, height: 1080, protocol: 'webrtc' },
  platform_url: 'https://core.example',
  env: { NODE_ENV: 'production' },
  config_files: {},
  template_assets: {},
});
const junkBody = JSON.stringify(Object.fromEntries(Array.from({ length: 90_000 }, (_, i) => [i.toString(36), 0])));
const authHeaders = `authorization: Bearer ${SECRET}\r\nx-tenant-admin-token: ${TENANT_TOKEN}\r\ncontent-type: application/json\r\n`;

const build = buildSources();
const { startServer } = await import(pathToFileURL(join(build, 'consumer', 'server.js')).href);
const { createProvisionHandler } = await import(pathToFileURL(join(build, 'consumer', 'handler.js')).href);
const server = await startServer({
  handler: createProvisionHandler(),
  secret: SECRET,
  tenantTokens: { [ORG]: TENANT_TOKEN },
});
const url = new URL(server.url);
const port = Number(url.port);
const deadline = Date.now() + seconds * 1000;
const live = () => Date.now() < deadline;
const sockets = new Set();

const stats = {
  valid: { ok: 0, failed: 0, latencies: [] },
  flood: { connections: 0, bytes: 0, answers401: 0 },
  slow: { connections: 0, cutOff408: 0, secondsOpen: [] },
  junk: { sent: 0, answers400: 0, latencies: [] },
};

async function validClient() {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const headers = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    authorization: `Bearer ${SECRET}`,
    'x-tenant-admin-token': TENANT_TOKEN,
  };
  while (live()) {
    await new Promise((resolve) => {
      const started = performance.now();
      const req = request({ host: '127.0.0.1', port, path: PATH, method: 'POST', headers, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          stats.valid.latencies.push(performance.now() - started);
          if (res.statusCode === 202) stats.valid.ok += 1;
          else stats.valid.failed += 1;
          resolve();
        });
      });
      req.on('error', () => {
        stats.valid.failed += 1;
        resolve();
      });
      req.end(body);
    });
  }
  agent.destroy();
}

/** One raw connection: writes `head`, then runs `feed`; resolves with the answer when the server closes it (or at the deadline). */
function rawConnection(head, feed) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    sockets.add(socket);
    let answer = '';
    const opened = Date.now();
    socket.on('data', (d) => (answer += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.once('close', () => {
      sockets.delete(socket);
      resolve({ answer, open: (Date.now() - opened) / 1000 });
    });
    socket.once('connect', () => {
      socket.write(head);
      feed(socket);
    });
  });
}

async function flooder() {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  while (live()) {
    stats.flood.connections += 1;
    const { answer } = await rawConnection(
      `POST ${PATH} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100000000000\r\n\r\n`,
      (socket) => {
        const pump = () => {
          while (!socket.destroyed && live()) {
            stats.flood.bytes += chunk.length;
            if (!socket.write(chunk)) return void socket.once('drain', pump);
          }
          socket.destroy();
        };
        pump();
      },
    );
    if (answer.startsWith('HTTP/1.1 401')) stats.flood.answers401 += 1;
  }
}

async function slowClient() {
  while (live()) {
    stats.slow.connections += 1;
    const { answer, open } = await rawConnection(
      `POST ${PATH} HTTP/1.1\r\nhost: x\r\n${authHeaders}content-length: 100000\r\n\r\n`,
      (socket) => {
        const tick = setInterval(
          () =>
            socket.destroyed
              ? clearInterval(tick)
              : live()
                ? socket.write('{')
                : (clearInterval(tick), socket.destroy()),
          200,
        );
      },
    );
    stats.slow.secondsOpen.push(open);
    if (answer.startsWith('HTTP/1.1 408')) stats.slow.cutOff408 += 1;
  }
}

async function junkClient() {
  while (live()) {
    stats.junk.sent += 1;
    const started = performance.now();
    const { answer } = await rawConnection(
      `POST ${PATH} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n${authHeaders}content-length: ${junkBody.length}\r\n\r\n`,
      (socket) => socket.write(junkBody),
    );
    stats.junk.latencies.push(performance.now() - started);
    if (answer.startsWith('HTTP/1.1 400')) stats.junk.answers400 += 1;
  }
}

const started = Date.now();
await Promise.all([
  ...Array.from({ length: counts.valid }, validClient),
  ...Array.from({ length: counts.flooders }, flooder),
  ...Array.from({ length: counts.slow }, slowClient),
  ...Array.from({ length: counts.junk }, junkClient),
]);
for (const socket of sockets) socket.destroy();
await server.close();
const elapsed = (Date.now() - started) / 1000;
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const pct = (xs, p) => (xs.length ? sorted(xs)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : null);
const result = {
  seconds: elapsed,
  clients: counts,
  valid: {
    served: stats.valid.ok,
    failed: stats.valid.failed,
    perSecond: Math.round(stats.valid.ok / elapsed),
    p50ms: median(stats.valid.latencies),
    p99ms: pct(stats.valid.latencies, 99),
  },
  flooders: {
    connections: stats.flood.connections,
    answered401: stats.flood.answers401,
    mibPushed: Math.round(stats.flood.bytes / 1024 / 1024),
  },
  slow: {
    connections: stats.slow.connections,
    cutOff408: stats.slow.cutOff408,
    maxSecondsOpen: Math.max(0, ...stats.slow.secondsOpen),
  },
  junk: { sent: stats.junk.sent, answered400: stats.junk.answers400, p50ms: median(stats.junk.latencies) },
};
console.log(JSON.stringify(result, null, 2));
console.log(`wrote ${writeResult('server-hostile.json', result)}`);
