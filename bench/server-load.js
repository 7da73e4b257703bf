// Load benchmark of cp's reference receiver (consumer/server.ts).
//
//   node bench/server-load.js [--requests 20000] [--concurrency 32]
//
// Compiles the server with tsc (bench/build-sources.js), runs it in a child
// process on 127.0.0.1 (OS-chosen port), and sends a fixed number of valid
// provision requests from this process over keep-alive connections with a
// fixed concurrency, then stops by itself. Prints requests/second and writes
// bench/results/server-load.json. Target: >= 5,000 requests/second on 2 cores.
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildSources, median, writeResult } from './build-sources.js';

const TARGET_RPS = 5000;
const { values } = parseArgs({
  options: { requests: { type: 'string', default: '20000' }, concurrency: { type: 'string', default: '32' }, warmup: { type: 'string', default: '2000' } },
});
const total = Number(values.requests);
const concurrency = Number(values.concurrency);
const warmup = Number(values.warmup);
if (![total, concurrency, warmup].every((n) => Number.isSafeInteger(n) && n >= 0) || total < 1 || concurrency < 1 || total > 1_000_000) {
  throw new Error('--requests must be 1..1000000, --concurrency at least 1, --warmup 0 or more');
}

const SECRET = 'bench-shared-secret';
const ORG = 'org-bench';
const TENANT_TOKEN = 'bench-tenant-token';

/** Starts the compiled server in a child process; resolves with its URL and the child. */
async function startServerProcess(build) {
  const serverModule = pathToFileURL(join(build, 'consumer', 'server.js')).href;
  const handlerModule = pathToFileURL(join(build, 'consumer', 'handler.js')).href;
  const code = `
    const { startServer } = await import(${JSON.stringify(serverModule)});
    const { createProvisionHandler } = await import(${JSON.stringify(handlerModule)});
    const server = await startServer({ handler: createProvisionHandler(), secret: ${JSON.stringify(SECRET)}, tenantTokens: { ${JSON.stringify(ORG)}: ${JSON.stringify(TENANT_TOKEN)} } });
    process.stdout.write(server.url + '\\n');
    process.stdin.resume();
    process.stdin.on('end', () => server.close().then(() => process.exit(0)));
  `;
  const child = spawn(process.execPath, ['--input-type=module', '--eval', code], { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let text = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) resolve(text.trim());
    });
    child.once('exit', (code) => reject(new Error(`the server process exited with ${code} before listening`)));
  });
  return { url, child };
}

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
  env: { NODE_ENV: 'production', LOG_LEVEL: 'info' },
  config_files: { '/etc/app.json': '{"port":8080}' },
  template_assets: { 'public/logo.png': 'iVBORw0KGgo=' },
});

/** Sends `count` requests with `concurrency` in flight; returns per-request latencies (ms) and the failures. */
async function drive(url, agent, count, inFlight) {
  const target = new URL('/cp/workspaces/provision', url);
  const headers = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    authorization: `Bearer ${SECRET}`,
    'x-tenant-admin-token': TENANT_TOKEN,
  };
  const latencies = [];
  let failures = 0;
  let issued = 0;
  const one = () =>
    new Promise((resolve) => {
      const started = performance.now();
      const req = request(target, { method: 'POST', headers, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - started);
          if (res.statusCode !== 202) failures += 1;
          resolve();
        });
      });
      req.on('error', () => {
        failures += 1;
        resolve();
      });
      req.end(body);
    });
  const worker = async () => {
    while (issued < count) {
      issued += 1;
      await one();
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
  return { latencies, failures };
}

const build = buildSources();
const { url, child } = await startServerProcess(build);
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
try {
  if (warmup > 0) await drive(url, agent, warmup, concurrency);
  const started = performance.now();
  const { latencies, failures } = await drive(url, agent, total, concurrency);
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const rps = total / seconds;
  const result = {
    benchmark: 'server-load',
    what: 'valid POST /cp/workspaces/provision requests against consumer/server.ts (server in a child process, keep-alive, 127.0.0.1)',
    requests: total,
    concurrency,
    warmup_requests: warmup,
    failures,
    seconds: Number(seconds.toFixed(3)),
    requests_per_second: Math.round(rps),
    latency_ms: {
      p50: Number(median(latencies).toFixed(2)),
      p99: Number((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0).toFixed(2)),
      max: Number((sorted[sorted.length - 1] ?? 0).toFixed(2)),
    },
    target_requests_per_second: TARGET_RPS,
    meets_target: rps >= TARGET_RPS && failures === 0,
    node: process.version,
    cpus: cpus().length,
    load_average_1m: Number(loadavg()[0].toFixed(2)),
    measured_at: new Date().toISOString(),
  };
  const file = writeResult('server-load.json', result);
  console.log(
    `server-load: ${total} requests, concurrency ${concurrency}: ${result.requests_per_second} req/s ` +
      `(p50 ${result.latency_ms.p50} ms, p99 ${result.latency_ms.p99} ms, ${failures} failures); ` +
      `target >= ${TARGET_RPS}: ${result.meets_target ? 'met' : 'NOT met'} (load average ${result.load_average_1m} on ${result.cpus} CPUs). Wrote ${file}`,
  );
  if (failures > 0) process.exitCode = 1;
} finally {
  agent.destroy();
  child.stdin.end();
  await new Promise((resolve) => child.once('exit', resolve));
}
