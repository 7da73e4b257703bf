// `npm run bench`: wirepin's commands as whole processes, side by side with the
// peers and the floor, in ONE run on this machine; then the Pact round and the
// reference-server load (bench/pact-round.js, bench/server-load.js) and the
// diff-vs-buf cross-check (bench/diff-vs-buf.js). Writes BENCHMARKS.md and
// bench/results/run.json.
//
//   node bench/run.js [--runs 5] [--sizes 15,1000,10000] [--jsd-timeout 120]
//                     [--no-pact] [--no-server] [--no-cross-check] [--no-reads] [--no-profile] [--no-go-scale]
//   node bench/run.js --render-only    (rewrites BENCHMARKS.md from bench/results/run.json)
//
// Inputs are generated under the git-ignored bench/.work/run/. Every timed run
// is checked (exit code, and for diff the findings), so a fast wrong answer
// aborts the benchmark. Targets that are missed are profiled once with
// `node --cpu-prof` and the top functions and modules go into BENCHMARKS.md.
// Needs `npm run build` (bin/wirepin.js runs dist/).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { changeOf, fieldName, writeBigGoPackage, writeSizeInputs } from './lib/inputs.js';
import { exits, hasGnuTime, measure, runOnce } from './lib/measure.js';
import { findBuf, findJsonSchemaDiff } from './lib/peers.js';
import { measurePhases } from './lib/generate-phases.js';
import { profileWirepin } from './lib/profile.js';
import { renderBenchmarks } from './lib/report.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, 'bench', '.work', 'run');
const BIN = join(ROOT, 'bin', 'wirepin.js');

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    sizes: { type: 'string', default: '15,1000,10000' },
    'jsd-timeout': { type: 'string', default: '120' },
    pact: { type: 'boolean', default: true },
    server: { type: 'boolean', default: true },
    'cross-check': { type: 'boolean', default: true },
    package: { type: 'boolean', default: true },
    reads: { type: 'boolean', default: true },
    'go-scale': { type: 'boolean', default: true },
    profile: { type: 'boolean', default: true },
    'render-only': { type: 'boolean', default: false },
  },
  allowNegative: true,
});
/** BENCHMARKS.md as it stands: sections this run does not render (measured by other scripts) are kept from it. */
function previousBenchmarks() {
  const file = join(ROOT, 'BENCHMARKS.md');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}
if (values['render-only']) {
  // Re-renders BENCHMARKS.md from bench/results/run.json (after a change to bench/lib/report.js); measures nothing.
  const { renderBenchmarks: render } = await import('./lib/report.js');
  const saved = JSON.parse(readFileSync(join(ROOT, 'bench', 'results', 'run.json'), 'utf8'));
  // bench/package-footprint.js may have run on its own since (npm run bench:package): its latest result counts.
  const footprint = join(ROOT, 'bench', 'results', 'package.json');
  if (existsSync(footprint)) saved.package = JSON.parse(readFileSync(footprint, 'utf8'));
  // Likewise bench/reads.js (the read analysis, issue 16).
  const readsResult = join(ROOT, 'bench', 'results', 'reads.json');
  if (existsSync(readsResult)) saved.reads = JSON.parse(readFileSync(readsResult, 'utf8'));
  // And bench/pact-round.js (npm run bench:pact), whose newer result times more phases of the round.
  const pactFile = join(ROOT, 'bench', 'results', 'pact.json');
  if (existsSync(pactFile)) saved.pact = JSON.parse(readFileSync(pactFile, 'utf8'));
  const goScaleFile = join(ROOT, 'bench', 'results', 'go-scale.json');
  if (existsSync(goScaleFile)) saved.goScale = JSON.parse(readFileSync(goScaleFile, 'utf8'));
  writeFileSync(join(ROOT, 'BENCHMARKS.md'), render(saved, previousBenchmarks()));
  process.exit(0);
}
const runs = Number(values.runs);
const sizes = values.sizes.split(',').map(Number);
const jsdTimeoutMs = Number(values['jsd-timeout']) * 1000;
if (!Number.isSafeInteger(runs) || runs < 1 || runs > 50) throw new Error('--runs must be 1..50');
if (!sizes.every((n) => Number.isSafeInteger(n) && n >= 10 && n <= 100_000))
  throw new Error('--sizes: numbers 10..100000');
if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first.');

const log = (text) => process.stderr.write(`${text}\n`);
const env = { ...process.env, NO_COLOR: '1', PACT_DO_NOT_TRACK: 'true' };
const wirepin = (args) => ({ command: process.execPath, args: [BIN, ...args], env });
const started = new Date();

// ---------------------------------------------------------------- inputs
rmSync(WORK, { recursive: true, force: true });
mkdirSync(WORK, { recursive: true });
const inputs = {};
for (const n of sizes) inputs[n] = { dir: join(WORK, String(n)), ...writeSizeInputs(join(WORK, String(n)), n) };
const bigGo = join(WORK, 'go-2000');
const bigGoLines = writeBigGoPackage(bigGo);
const buf = findBuf(ROOT);
const bufVersion = runOnce(buf, ['--version']).stdout.trim();
const jsd = findJsonSchemaDiff(ROOT);

/** Is `wirepin diff` wired into the CLI yet? */
const diffAvailable = runOnce(process.execPath, [BIN, 'diff', '--help'], { env }).status === 0;

function expectDiffFindings(n) {
  const { removed, retyped } = changeOf(n);
  const expected = [`FIELD_REMOVED ${fieldName(removed)}`, `FIELD_TYPE_CHANGED ${fieldName(retyped)}`].sort();
  return (run) => {
    if (run.status !== 1) return `expected exit 1 (breaking changes), got ${run.status}`;
    const got = JSON.parse(run.stdout)
      .findings.map((f) => `${f.rule} ${f.field}`)
      .sort();
    return JSON.stringify(got) === JSON.stringify(expected) ? undefined : `unexpected findings ${JSON.stringify(got)}`;
  };
}

// ---------------------------------------------------------------- measurements
const rows = [];
function record(row, meta) {
  const result = { ...meta, ...row };
  rows.push(result);
  const shown = result.timedOut ? `> ${result.timeoutMs / 1000} s` : `${result.medianMs} ms`;
  log(`  ${result.id.padEnd(28)} ${shown.padStart(10)}  rss ${result.rssMiB ?? '-'} MiB`);
  return result;
}

log(
  `wirepin bench: ${runs} runs after 1 warm-up per command; sizes ${sizes.join(', ')}; GNU time ${hasGnuTime ? 'yes' : 'no (no RSS)'}`,
);
const floor = record(
  measure({ label: 'node -e 0', command: process.execPath, args: ['-e', '0'], runs, check: exits(0) }),
  {
    id: 'floor',
    group: 'floor',
    fields: null,
  },
);

record(
  measure({
    label: 'wirepin lint contracts/provision_request.contract.json',
    ...wirepin(['lint', 'contracts/provision_request.contract.json']),
    cwd: ROOT,
    runs,
    check: exits(0),
  }),
  { id: 'lint-shipped', group: 'repository', fields: 15 },
);
record(
  measure({
    label: 'wirepin check (this repository)',
    ...wirepin(['check']),
    cwd: ROOT,
    runs,
    // The repository's own state decides 0 or 1; both mean every guard ran. 2 means check could not run.
    check: (run) => (run.status === 0 || run.status === 1 ? undefined : `expected exit 0 or 1, got ${run.status}`),
  }),
  { id: 'check-repository', group: 'repository', fields: 15 },
);
record(
  measure({
    label: `wirepin pin --go <2,000 structs, ${bigGoLines.toLocaleString('en-US')} lines> --type S1999`,
    ...wirepin([
      'pin',
      '--contract',
      join(inputs[sizes[0]].dir, 'base.contract.json'),
      '--go',
      bigGo,
      '--type',
      'S1999',
      '--format',
      'json',
    ]),
    cwd: WORK,
    runs,
    // The contract does not describe S1999, so pin reports findings (exit 1): the time includes the whole extraction and the report.
    check: exits(1),
  }),
  { id: 'pin-2000-structs', group: 'repository', fields: null, lines: bigGoLines },
);

for (const n of sizes) {
  const { dir } = inputs[n];
  log(`size ${n}:`);
  const generated = ['schemas', 'producer', 'consumer'].map((d) => join(dir, d));
  const clean = () => generated.forEach((d) => rmSync(d, { recursive: true, force: true }));
  record(
    measure({ label: 'wirepin lint', ...wirepin(['lint', 'base.contract.json']), cwd: dir, runs, check: exits(0) }),
    { id: `lint-${n}`, group: 'lint', fields: n },
  );
  record(
    measure({ label: 'wirepin generate', ...wirepin(['generate']), cwd: dir, runs, before: clean, check: exits(0) }),
    { id: `generate-${n}`, group: 'generate', fields: n },
  );
  record(
    measure({
      label: 'wirepin generate --check',
      ...wirepin(['generate', '--check']),
      cwd: dir,
      runs,
      check: exits(0),
    }),
    {
      id: `generate-check-${n}`,
      group: 'generate --check',
      fields: n,
    },
  );
  record(
    measure({
      label: 'wirepin pin --go',
      ...wirepin(['pin', '--contract', 'contracts/bench.contract.json', '--go', 'go', '--type', 'benchRequest']),
      cwd: dir,
      runs,
      check: exits(0),
    }),
    { id: `pin-${n}`, group: 'pin --go', fields: n },
  );
  if (diffAvailable) {
    record(
      measure({
        label: 'wirepin diff',
        ...wirepin(['diff', 'base.contract.json', 'head.contract.json', '--format', 'json']),
        cwd: dir,
        runs,
        check: expectDiffFindings(n),
      }),
      { id: `diff-${n}`, group: 'diff', fields: n, peer: `buf-ledger-${n}` },
    );
  }
  // The same change in protobuf, bare and with the ledger (bench/lib/inputs.js); same file name on both sides.
  const bufBreaking = (label, protoDir) =>
    measure({
      label,
      command: buf,
      args: ['breaking', 'bench.proto', '--against', join('..', 'old', 'bench.proto')],
      cwd: join(dir, protoDir, 'new'),
      env: { ...process.env, BUF_CACHE_DIR: join(dir, 'buf-cache') },
      runs,
      check: (run) =>
        run.status !== 100
          ? `expected exit 100, got ${run.status}`
          : run.stdout.trim().split('\n').length === 2
            ? undefined
            : 'expected 2 findings',
    });
  record(bufBreaking('buf breaking', 'proto'), { id: `buf-${n}`, group: 'peer: buf breaking', fields: n });
  record(bufBreaking('buf breaking (with ledger)', 'proto-ledger'), {
    id: `buf-ledger-${n}`,
    group: 'peer: buf breaking, with ledger',
    fields: n,
  });
  // json-schema-diff is about N^2: at 10,000 fields one run, bounded.
  const slow = n >= 10_000;
  record(
    measure({
      label: 'json-schema-diff',
      command: process.execPath,
      args: [jsd.script, join('draft07', 'base.json'), join('draft07', 'head.json')],
      cwd: dir,
      runs: slow ? 1 : runs,
      warmup: slow ? 0 : 1,
      timeoutMs: slow ? jsdTimeoutMs : undefined,
      check: (run) => (run.status === 1 ? undefined : `expected exit 1 (breaking changes found), got ${run.status}`),
    }),
    { id: `jsd-${n}`, group: 'peer: json-schema-diff', fields: n },
  );
}

// ---------------------------------------------------------------- other benchmarks (their own scripts)
function runScript(script, args, resultFile) {
  log(`running bench/${script} ${args.join(' ')}`);
  const run = spawnSync(process.execPath, [join(ROOT, 'bench', script), ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) {
    log(`bench/${script} failed (exit ${run.status}):\n${run.stdout.slice(-1500)}\n${run.stderr.slice(-1500)}`);
    return { failed: true, exit: run.status, output: `${run.stdout}\n${run.stderr}`.trim().slice(-1500) };
  }
  log(run.stdout.trim());
  return JSON.parse(readFileSync(join(ROOT, 'bench', 'results', resultFile), 'utf8'));
}
const pact = values.pact ? runScript('pact-round.js', ['--rounds', String(runs)], 'pact.json') : undefined;
const server = values.server ? runScript('server-load.js', [], 'server-load.json') : undefined;
const footprint = values.package ? runScript('package-footprint.js', ['--runs', '3'], 'package.json') : undefined;
const reads = values.reads ? runScript('reads.js', [], 'reads.json') : undefined;
const goScale = values['go-scale'] ? runScript('go-scale.js', [], 'go-scale.json') : undefined;
const crossCheck =
  values['cross-check'] && diffAvailable && sizes.includes(10_000)
    ? runScript('diff-vs-buf.js', ['--runs', String(runs)], 'diff.json')
    : undefined;

// ---------------------------------------------------------------- targets
const byId = new Map(rows.map((r) => [r.id, r]));
const ms = (id) => byId.get(id)?.medianMs ?? null;
const rss = (id) => byId.get(id)?.rssMiB ?? null;
const largest = Math.max(...sizes);
const targets = [];
function target(id, statement, measured, met, command) {
  targets.push({ id, statement, measured, met, command });
}
target(
  'lint-shipped',
  '`wirepin lint` on the shipped contract ≤ 2x `node -e 0`',
  ms('lint-shipped') &&
    `${ms('lint-shipped')} ms = ${(ms('lint-shipped') / floor.medianMs).toFixed(2)}x the floor (${floor.medianMs} ms)`,
  ms('lint-shipped') !== null && ms('lint-shipped') <= 2 * floor.medianMs,
  ['lint', 'contracts/provision_request.contract.json'],
);
if (sizes.includes(10_000)) {
  target('lint-10000', '`wirepin lint` on 10,000 fields < 1 s', `${ms('lint-10000')} ms`, ms('lint-10000') < 1000, [
    'lint',
    join(inputs[10_000].dir, 'base.contract.json'),
  ]);
  target(
    'generate-10000',
    '`wirepin generate` on 10,000 fields < 3 s',
    `${ms('generate-10000')} ms`,
    ms('generate-10000') < 3000,
    ['generate', join(inputs[10_000].dir, 'base.contract.json')],
  );
  const memoryIds = [
    'lint-shipped',
    'lint-10000',
    'generate-10000',
    'generate-check-10000',
    'pin-10000',
    'diff-10000',
    'check-repository',
    'pin-2000-structs',
  ].filter((id) => byId.has(id));
  const worst = memoryIds.reduce((a, b) => ((rss(b) ?? 0) > (rss(a) ?? 0) ? b : a));
  target(
    'memory',
    'peak RSS < 200 MiB for lint, generate, pin, diff and check (largest inputs)',
    hasGnuTime
      ? `max ${rss(worst)} MiB (${worst}); ${memoryIds.map((id) => `${id} ${rss(id)}`).join(', ')}`
      : 'not measured (no GNU time)',
    hasGnuTime ? memoryIds.every((id) => (rss(id) ?? Infinity) < 200) : null,
  );
  targets.at(-1).worst = worst;
}
target(
  'check-repository',
  '`wirepin check` on this repository ≤ 3x `node -e 0`',
  ms('check-repository') &&
    `${ms('check-repository')} ms = ${(ms('check-repository') / floor.medianMs).toFixed(2)}x the floor`,
  ms('check-repository') <= 3 * floor.medianMs,
  ['check'],
);
target(
  'pin-2000-structs',
  '`wirepin pin` on the 2,000-struct Go package < 2 s',
  `${ms('pin-2000-structs')} ms`,
  ms('pin-2000-structs') < 2000,
  byId.get('pin-2000-structs')
    ? ['pin', '--contract', join(inputs[sizes[0]].dir, 'base.contract.json'), '--go', bigGo, '--type', 'S1999']
    : undefined,
);
if (sizes.includes(10_000)) {
  if (diffAvailable) {
    // The equivalent pair carries what the contract carries (descriptions, the ledger); the bare shape is shown beside it.
    const speedup = ms('buf-ledger-10000') / ms('diff-10000');
    const bare = ms('buf-10000') / ms('diff-10000');
    target(
      'diff-vs-buf',
      '`wirepin diff` of two 10,000-field contracts ≥ 3x faster than `buf breaking` on the equivalent protobuf messages',
      `wirepin ${ms('diff-10000')} ms; buf ${ms('buf-ledger-10000')} ms on messages with the same descriptions and ledger (custom options): ${speedup.toFixed(2)}x; buf ${ms('buf-10000')} ms on the bare shape (names, types): ${bare.toFixed(2)}x`,
      speedup >= 3,
      ['diff', join(inputs[10_000].dir, 'base.contract.json'), join(inputs[10_000].dir, 'head.contract.json')],
    );
  } else {
    target(
      'diff-vs-buf',
      '`wirepin diff` of two 10,000-field contracts ≥ 3x faster than `buf breaking`',
      '`wirepin diff` is not available in this build',
      null,
    );
  }
}
if (pact) {
  const wall = pact.failed ? null : pact.in_process_ms.process_wall.median;
  const vitestWall = pact.failed ? null : (pact.vitest_wall_ms?.median ?? null);
  target(
    'pact-round',
    'whole Pact round (pact set, consumer test, verification of the TypeScript and Go providers) < 5 s',
    pact.failed
      ? `bench/pact-round.js failed (exit ${pact.exit})`
      : `${wall} ms per cold round in a fresh process${vitestWall === null ? '' : `; ${vitestWall} ms as a vitest run of both Pact test files`}`,
    pact.failed ? false : pact.meets_target,
  );
}
if (server) {
  target(
    'server-rps',
    'reference server ≥ 5,000 requests/s',
    server.failed
      ? `bench/server-load.js failed (exit ${server.exit})`
      : `${server.requests_per_second} req/s (p50 ${server.latency_ms.p50} ms, p99 ${server.latency_ms.p99} ms, ${server.failures} failures)`,
    server.failed ? false : server.meets_target,
  );
}

// ---------------------------------------------------------------- profiles of missed targets
const profiles = [];
let memoryPhases = null;
if (values.profile) {
  const memory = targets.find((t) => t.id === 'memory');
  if (memory?.met === false && hasGnuTime && memory.worst.startsWith('generate')) {
    log('measuring the memory of generate by stage');
    memoryPhases = {
      contract: `bench/.work/run/${largest}/base.contract.json`,
      measuredAt: new Date().toISOString(),
      stages: measurePhases(join(inputs[largest].dir, 'base.contract.json')),
    };
  }
  for (const t of targets) {
    if (t.met !== false || !t.command) continue;
    log(`profiling missed target ${t.id}: wirepin ${t.command.join(' ')}`);
    try {
      profiles.push({
        target: t.id,
        ...profileWirepin(ROOT, t.command, {
          cwd: t.id.startsWith('generate') ? inputs[10_000].dir : ROOT,
          dir: join(WORK, 'profiles', t.id),
        }),
      });
    } catch (error) {
      profiles.push({ target: t.id, error: String(error.message ?? error).slice(0, 500) });
    }
  }
}

// ---------------------------------------------------------------- output
const machine = {
  cpus: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  loadAverageAtEnd: (await import('node:os')).loadavg().map((x) => Number(x.toFixed(2))),
};
const result = {
  benchmark: 'run',
  measuredAt: started.toISOString(),
  durationS: Math.round((Date.now() - started.getTime()) / 1000),
  runs,
  sizes,
  machine,
  gnuTime: hasGnuTime,
  peers: { buf: { version: bufVersion, binary: buf.slice(ROOT.length + 1) }, jsonSchemaDiff: { version: jsd.version } },
  inputs: Object.fromEntries(sizes.map((n) => [n, { contractBytes: inputs[n].bytes }])),
  bigGoPackage: { structs: 2000, lines: bigGoLines },
  diffAvailable,
  rows: rows.map(
    ({ id, group, fields, label, medianMs, minMs, maxMs, runsMs, rssMiB, timedOut, timeoutMs, exit, peer }) => ({
      id,
      group,
      fields,
      label,
      medianMs,
      minMs,
      maxMs,
      runsMs,
      rssMiB,
      timedOut,
      timeoutMs: timeoutMs ?? null,
      exit,
      peer: peer ?? null,
    }),
  ),
  targets: targets.map(({ command, worst, ...t }) => t),
  profiles,
  memoryPhases,
  pact: pact ?? null,
  server: server ?? null,
  crossCheck: crossCheck ?? null,
  package: footprint ?? null,
  reads: reads ?? null,
  goScale: goScale ?? null,
};
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'run.json'), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(join(ROOT, 'BENCHMARKS.md'), renderBenchmarks(result, previousBenchmarks()));
log(`wrote BENCHMARKS.md and bench/results/run.json (${result.durationS} s)`);
for (const t of targets)
  log(`  ${t.met === true ? 'met    ' : t.met === false ? 'MISSED ' : 'n/a    '} ${t.statement}: ${t.measured}`);
