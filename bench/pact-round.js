// Times the whole Pact round for the provision contract:
//   1. the Pact consumer test: core's real client (producer/client.ts) against
//      Pact's mock server, with the interaction derived from the contract;
//      Pact writes the pact file;
//   2. Pact provider verification of cp's reference server (consumer/server.ts)
//      against that file.
//
//   node bench/pact-round.js [--rounds 5] [--no-vitest]
//
// Two measurements: "in-process" runs the compiled sources (bench/build-sources.js)
// in fresh Node processes, one cold round each (Pact's import and native core
// load included); "vitest" spawns `vitest run` on the two Pact test files, as CI
// runs them. Prints both and writes bench/results/pact.json. Target: < 5 s wall.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildSources, median, ROOT, WORK, writeResult } from './build-sources.js';

const TARGET_SECONDS = 5;
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, vitest: { type: 'boolean', default: true } }, allowNegative: true });
const rounds = Number(values.rounds);
if (!Number.isSafeInteger(rounds) || rounds < 1 || rounds > 50) throw new Error('--rounds must be 1..50');

const build = buildSources();
const module = (path) => JSON.stringify(pathToFileURL(join(build, path)).href);

/** One cold round in a fresh process; prints one JSON line of timings (ms). */
const roundCode = (pactDir) => `
  const started = performance.now();
  const { analyzeContractFile } = await import(${module('src/run/analyze.js')});
  const pactLib = await import(${module('src/pact/index.js')});
  const { provisionWorkspace } = await import(${module('producer/client.js')});
  const { startServer } = await import(${module('consumer/server.js')});
  const { createProvisionHandler } = await import(${module('consumer/handler.js')});
  const pact = await pactLib.loadPact();
  const loaded = performance.now();

  const contract = pactLib.await loadPactContract('contracts/provision_request.contract.json');
  const interaction = pactLib.contractInteraction(contract);
  const consumerPact = new pact.PactV4({ consumer: interaction.pactConsumer, provider: interaction.pactProvider, dir: ${JSON.stringify(pactDir)}, logLevel: 'error' });
  const body = {
    org_id: 'org-acme', workspace_id: 'ws-1', runtime: 'node20', template: 't', tier: 2, instance_type: 'c6i.large', disk_gb: 80,
    provider: 'aws', data_persistence: 'volume', kind: 'platform', display: { mode: 'desktop', width: 1920, height: 1080, protocol: 'webrtc' },
    platform_url: 'https://core.example', env: { A: '1' }, config_files: { '/etc/a': 'x' }, template_assets: { 'a.png': 'AA==' },
  };
  await pactLib.addContractInteraction(consumerPact, interaction).executeTest((mock) =>
    provisionWorkspace(mock.url, body, { bearerToken: 'core-secret', tenantAdminToken: 'acme-token' }));
  const consumed = performance.now();

  const tenantTokens = new Map();
  const server = await startServer({ handler: createProvisionHandler(), secret: 'cp-secret', tenantTokens });
  try {
    await new pact.Verifier({
      provider: interaction.pactProvider,
      providerBaseUrl: server.url,
      pactUrls: [${JSON.stringify(join(pactDir, 'core-cp.json'))}],
      logLevel: 'error',
      customProviderHeaders: { Authorization: 'Bearer cp-secret', 'X-Tenant-Admin-Token': 'acme-token' },
      stateHandlers: { [pactLib.PROVIDER_STATE]: async (params) => { tenantTokens.set(params.org_id, 'acme-token'); } },
    }).verifyProvider();
  } finally {
    await server.close();
  }
  const verified = performance.now();
  console.error('WIREPIN_ROUND ' + JSON.stringify({ load: loaded - started, consumer: consumed - loaded, provider: verified - consumed, total: verified - started }));
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
  if (run.status !== 0 || !line) throw new Error(`the Pact round failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  return { ...JSON.parse(line.slice('WIREPIN_ROUND '.length)), process_wall: wall };
}

function vitestRound() {
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'producer/client.pact.test.ts', 'consumer/server.pact-provider.test.ts'],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PACT_DO_NOT_TRACK: 'true', NO_COLOR: '1' } },
  );
  const wall = performance.now() - started;
  if (run.status !== 0) throw new Error(`vitest failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  return wall;
}

const ms = (n) => Number(n.toFixed(1));
const inProcess = Array.from({ length: rounds }, (_, i) => inProcessRound(i));
const vitestWalls = values.vitest ? Array.from({ length: Math.min(rounds, 3) }, vitestRound) : [];
const summary = (key) => ({ median: ms(median(inProcess.map((r) => r[key]))), max: ms(Math.max(...inProcess.map((r) => r[key]))) });
const processWall = median(inProcess.map((r) => r.process_wall));
const vitestWall = vitestWalls.length ? median(vitestWalls) : undefined;
const result = {
  benchmark: 'pact-round',
  what: 'Pact consumer test of producer/client.ts (mock server, pact file written) + Pact provider verification of consumer/server.ts',
  rounds,
  in_process_ms: {
    import_pact_and_sources: summary('load'),
    consumer_test: summary('consumer'),
    provider_verification: summary('provider'),
    round_total: summary('total'),
    process_wall: { median: ms(processWall), max: ms(Math.max(...inProcess.map((r) => r.process_wall))) },
  },
  vitest_wall_ms: vitestWall === undefined ? null : { runs: vitestWalls.length, median: ms(vitestWall), max: ms(Math.max(...vitestWalls)) },
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
    `(import ${result.in_process_ms.import_pact_and_sources.median}, consumer test ${result.in_process_ms.consumer_test.median}, ` +
    `provider verification ${result.in_process_ms.provider_verification.median}; process wall ${result.in_process_ms.process_wall.median} ms)` +
    (vitestWall === undefined ? '' : `; vitest run of both Pact test files ${ms(vitestWall)} ms wall`) +
    `; target < ${TARGET_SECONDS} s: ${result.meets_target ? 'met' : 'NOT met'} (load average ${result.load_average_1m} on ${result.cpus} CPUs). Wrote ${file}`,
);
