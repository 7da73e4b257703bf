// Times the whole Pact round for the provision contract, after the builds
// (TypeScript compiled by bench/build-sources.js, consumer/go by `go build`):
//   1. generate the pact set: every interaction wirepin derives from the
//      contract (full, minimal, each null, each further value), written as
//      one pact file;
//   2. the Pact consumer test: core's real client (producer/client.ts) against
//      Pact's mock server, with the full interaction;
//   3. Pact provider verification of cp's TypeScript reference server
//      (consumer/server.ts) against the whole set;
//   4. the same verification of the Go provider (consumer/go), when `go` is on
//      PATH (skipped and said so otherwise).
//
//   node bench/pact-round.js [--rounds 5] [--no-vitest]
//
// Two measurements: "in-process" runs the compiled sources in fresh Node
// processes, one cold round each (Pact's import and native core load
// included); "vitest" spawns `vitest run` on the two Pact test files, as CI
// runs them. Prints both and writes bench/results/pact.json. Target: < 5 s wall.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildSources, median, ROOT, WORK, writeResult } from './build-sources.js';

const TARGET_SECONDS = 5;
const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '5' }, vitest: { type: 'boolean', default: true } },
  allowNegative: true,
});
const rounds = Number(values.rounds);
if (!Number.isSafeInteger(rounds) || rounds < 1 || rounds > 50) throw new Error('--rounds must be 1..50');

const build = buildSources();
const module = (path) => JSON.stringify(pathToFileURL(join(build, path)).href);

/** consumer/go built once, outside the timed rounds; undefined without a Go toolchain. */
function buildGo() {
  const out = join(WORK, 'cp-go');
  const run = spawnSync('go', ['build', '-o', out, '.'], {
    cwd: join(ROOT, 'consumer', 'go'),
    encoding: 'utf8',
    env: { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOTOOLCHAIN: 'local', CGO_ENABLED: '0' },
  });
  if (run.error || run.status !== 0) {
    console.error(
      `consumer/go not built (${run.error ? 'no go on PATH' : run.stderr.trim()}); the round verifies the TypeScript provider only.`,
    );
    return undefined;
  }
  return out;
}
const goBinary = buildGo();

/** One cold round in a fresh process; prints one JSON line of timings (ms). */
const roundCode = (pactDir) => `
  import { spawn } from 'node:child_process';
  import { createInterface } from 'node:readline';
  import { writeFileSync } from 'node:fs';
  const started = performance.now();
  const pactLib = await import(${module('src/pact/index.js')});
  const { loadPactContract } = await import(${module('src/run/pact.js')});
  const { provisionWorkspace } = await import(${module('producer/client.js')});
  const { startServer } = await import(${module('consumer/server.js')});
  const { createProvisionHandler } = await import(${module('consumer/handler.js')});
  const { verifyProvider } = await import(${module('consumer/provider-verification.js')});
  const pact = await pactLib.loadPact();
  const loaded = performance.now();

  const contract = await loadPactContract('contracts/provision_request.contract.json');
  const interactions = pactLib.contractInteractions(contract);
  const rendered = pactLib.renderPactFile(contract);
  const pactFile = ${JSON.stringify(pactDir)} + '/set-' + rendered.fileName;
  writeFileSync(pactFile, rendered.text);
  const generated = performance.now();

  const interaction = interactions[0];
  const consumerPact = new pact.PactV4({ consumer: interaction.pactConsumer, provider: interaction.pactProvider, dir: ${JSON.stringify(pactDir)}, logLevel: 'error' });
  const body = {
    org_id: 'org-acme', workspace_id: 'ws-1', runtime: 'node20', template: 't', tier: 2, instance_type: 'c6i.large', disk_gb: 80,
    provider: 'aws', data_persistence: 'volume', kind: 'platform', display: { mode: 'desktop', width: 1920, height: 1080, protocol: 'webrtc' },
    platform_url: 'https://core.example', env: { A: '1' }, config_files: { '/etc/a': 'x' }, template_assets: { 'a.png': 'AA==' },
  };
  await pactLib.addContractInteraction(consumerPact, interaction).executeTest((mock) =>
    provisionWorkspace(mock.url, body, { bearerToken: 'core-secret', tenantAdminToken: 'acme-token' }));
  const consumed = performance.now();

  const credentials = { Authorization: 'Bearer cp-secret', 'X-Tenant-Admin-Token': 'acme-token' };
  const tenantTokens = new Map();
  const server = await startServer({ handler: createProvisionHandler(), secret: 'cp-secret', tenantTokens });
  try {
    await verifyProvider({ pact, contract, pactFile, providerBaseUrl: server.url, credentials,
      onState: (params) => { tenantTokens.set(params.org_id, 'acme-token'); } });
  } finally {
    await server.close();
  }
  const verified = performance.now();

  let goVerified = verified;
  const goBinary = ${JSON.stringify(goBinary ?? null)};
  if (goBinary) {
    const child = spawn(goBinary, ['-addr', '127.0.0.1:0'], {
      env: { CP_SHARED_SECRET: 'cp-secret', CP_TENANT_TOKENS: JSON.stringify({ [interaction.providerState.params.org_id]: 'acme-token' }) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await new Promise((done) => createInterface({ input: child.stdout }).once('line', (line) => done(line.replace('listening on ', ''))));
    try {
      await verifyProvider({ pact, contract, pactFile, providerBaseUrl: url, credentials });
    } finally {
      child.kill('SIGTERM');
    }
    goVerified = performance.now();
  }
  console.error('WIREPIN_ROUND ' + JSON.stringify({ interactions: interactions.length, load: loaded - started, generate: generated - loaded,
    consumer: consumed - generated, provider: verified - consumed, go_provider: goVerified - verified, total: goVerified - started }));
`;

function inProcessRound(index) {
  const pactDir = join(WORK, 'pacts', `round-${index}`);
  rmSync(pactDir, { recursive: true, force: true });
  mkdirSync(pactDir, { recursive: true });
  const started = performance.now();
  // Pact's verifier prints its report on stdout (the native core writes it); it is discarded here.
  const run = spawnSync(process.execPath, ['--input-type=module', '--eval', roundCode(pactDir)], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, PACT_DO_NOT_TRACK: 'true' },
  });
  const wall = performance.now() - started;
  const line = run.stderr.split('\n').find((l) => l.startsWith('WIREPIN_ROUND '));
  if (run.status !== 0 || !line)
    throw new Error(`the Pact round failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  return { ...JSON.parse(line.slice('WIREPIN_ROUND '.length)), process_wall: wall };
}

function vitestRound() {
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      'producer/client.pact.test.ts',
      'consumer/server.pact-provider.test.ts',
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PACT_DO_NOT_TRACK: 'true', NO_COLOR: '1' } },
  );
  const wall = performance.now() - started;
  if (run.status !== 0) throw new Error(`vitest failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  return wall;
}

const ms = (n) => Number(n.toFixed(1));
const inProcess = Array.from({ length: rounds }, (_, i) => inProcessRound(i));
const vitestWalls = values.vitest ? Array.from({ length: Math.min(rounds, 3) }, vitestRound) : [];
const summary = (key) => ({
  median: ms(median(inProcess.map((r) => r[key]))),
  max: ms(Math.max(...inProcess.map((r) => r[key]))),
});
const processWall = median(inProcess.map((r) => r.process_wall));
const vitestWall = vitestWalls.length ? median(vitestWalls) : undefined;
const result = {
  benchmark: 'pact-round',
  what: 'generate the pact set + Pact consumer test of producer/client.ts (mock server) + Pact provider verification of consumer/server.ts and of consumer/go against the whole set',
  interactions: inProcess[0]?.interactions ?? null,
  go_provider_verified: goBinary !== undefined,
  rounds,
  in_process_ms: {
    import_pact_and_sources: summary('load'),
    generate_pact_set: summary('generate'),
    consumer_test: summary('consumer'),
    provider_verification: summary('provider'),
    go_provider_verification: summary('go_provider'),
    round_total: summary('total'),
    process_wall: { median: ms(processWall), max: ms(Math.max(...inProcess.map((r) => r.process_wall))) },
  },
  vitest_wall_ms:
    vitestWall === undefined
      ? null
      : { runs: vitestWalls.length, median: ms(vitestWall), max: ms(Math.max(...vitestWalls)) },
  target_seconds: TARGET_SECONDS,
  meets_target: processWall < TARGET_SECONDS * 1000 && (vitestWall === undefined || vitestWall < TARGET_SECONDS * 1000),
  node: process.version,
  cpus: cpus().length,
  load_average_1m: Number(loadavg()[0].toFixed(2)),
  measured_at: new Date().toISOString(),
};
const file = writeResult('pact.json', result);
console.log(
  `pact-round: in-process ${result.in_process_ms.round_total.median} ms per round ` +
    `(import ${result.in_process_ms.import_pact_and_sources.median}, pact set of ${result.interactions} ${result.in_process_ms.generate_pact_set.median}, consumer test ${result.in_process_ms.consumer_test.median}, ` +
    `TS provider verification ${result.in_process_ms.provider_verification.median}, Go provider verification ${goBinary ? result.in_process_ms.go_provider_verification.median : 'not run'}; process wall ${result.in_process_ms.process_wall.median} ms)` +
    (vitestWall === undefined ? '' : `; vitest run of both Pact test files ${ms(vitestWall)} ms wall`) +
    `; target < ${TARGET_SECONDS} s: ${result.meets_target ? 'met' : 'NOT met'} (load average ${result.load_average_1m} on ${result.cpus} CPUs). Wrote ${file}`,
);
