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
  options: {
    requests: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '32' },
    warmup: { type: 'string', default: '2000' },
  },
});
const total = Number(values.requests);
const concurrency = Number(values.concurrency);
const warmup = Number(values.warmup);
if (
  ![total, concurrency, warmup].every((n) => Number.isSafeInteger(n) && n >= 0) ||
  total < 1 ||
  concurrency < 1 ||
  total > 1_000_000
) {
  throw new Error('--requests must be 1..1000000, --concurrency at least 1, --warmup 0 or more');
}

const SECRET = 'bench-shared-secret';
const ORG = 'org-bench';
const TENANT_TOKEN = 'bench-tenant-token';

/** Starts the compiled server in a child process; resolves with its URL and the child. */
async function startServerProcess(build) {
  const serverModule = pathToFileURL(join(build, 'consumer', 'server.js')).href;
  const handlerModule = pathToFileURL(join(build, 'consumer', 'handler.js')).href;
  // The child answers two commands on stdin: "mark" starts a CPU-time measurement, "report" prints it (µs).
  const code = `
    const { startServer } = await import(${JSON.stringify(serverModule)});
    const { createProvisionHandler } = await import(${JSON.stringify(handlerModule)});
    const server = await startServer({ handler: createProvisionHandler(), secret: ${JSON.stringify(SECRET)}, tenantTokens: { ${JSON.stringify(ORG)}: ${JSON.stringify(TENANT_TOKEN)} } });
    process.stdout.write(server.url + '\\n');
    let mark = process.cpuUsage();
    let pending = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk) => {
      pending += chunk;
      let end;
      while ((end = pending.indexOf('\\n')) >= 0) {
        const command = pending.slice(0, end);
        pending = pending.slice(end + 1);
        if (command === 'mark') mark = process.cpuUsage();
        if (command === 'report') process.stdout.write(JSON.stringify(process.cpuUsage(mark)) + '\\n');
      }
    });
    process.stdin.on('end', () => server.close().then(() => process.exit(0)));
  `;
  const child = spawn(process.execPath, ['--input-type=module', '--eval', code], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = [];
  const waiting = [];
  let text = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    text += chunk;
    let end;
    while ((end = text.indexOf('\n')) >= 0) {
      const line = text.slice(0, end);
      text = text.slice(end + 1);
      const next = waiting.shift();
      if (next) next(line);
      else lines.push(line);
    }
  });
  const nextLine = () =>
    new Promise((resolve, reject) => {
      const ready = lines.shift();
      if (ready !== undefined) resolve(ready);
      else waiting.push(resolve);
      child.once('exit', (code) => reject(new Error(`the server process exited with ${code}`)));
    });
  const url = await nextLine();
  /** Server CPU time (user + system, µs) since `mark`. */
  const mark = () => child.stdin.write('mark\n');
  const cpuSinceMark = async () => {
    child.stdin.write('report\n');
    const usage = JSON.parse(await nextLine());
    return usage.user + usage.system;
  };
  return { url, child, mark, cpuSinceMark };
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
const { url, child, mark, cpuSinceMark } = await startServerProcess(build);
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
try {
  if (warmup > 0) await drive(url, agent, warmup, concurrency);
  mark();
  const started = performance.now();
  const { latencies, failures } = await drive(url, agent, total, concurrency);
  const seconds = (performance.now() - started) / 1000;
  const serverCpuMicros = await cpuSinceMark();
  const cpuPerRequest = serverCpuMicros / total;
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
    server_cpu_us_per_request: Number(cpuPerRequest.toFixed(1)),
    // What one fully available core could serve, from the server's own CPU time; unlike requests_per_second it does
    // not depend on what else the machine runs (the load generator needs a core of its own too).
    server_capacity_one_core_rps: Math.round(1e6 / cpuPerRequest),
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
      `(p50 ${result.latency_ms.p50} ms, p99 ${result.latency_ms.p99} ms, ${failures} failures; ` +
      `server CPU ${result.server_cpu_us_per_request} µs/request = ${result.server_capacity_one_core_rps} req/s per core); ` +
      `target >= ${TARGET_RPS}: ${result.meets_target ? 'met' : 'NOT met'} (load average ${result.load_average_1m} on ${result.cpus} CPUs). Wrote ${file}`,
  );
  if (failures > 0) process.exitCode = 1;
} finally {
  agent.destroy();
  child.stdin.end();
  await new Promise((resolve) => child.once('exit', resolve));
}
