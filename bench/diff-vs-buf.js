// Times `wirepin diff` against `buf breaking` on the same change at 10,000 fields:
//   - two wirepin contracts of N fields (one field removed, one type changed);
//   - two pairs of protobuf messages with the same change, checked by buf's
//     native binary (not the npm node shim, which adds ~0.3 s of Node start-up):
//     the equivalent pair, which carries what the contract carries (each
//     field's description as a comment, cp_consumes and note as custom field
//     options), and the bare pair (names and types only).
//
//   node bench/diff-vs-buf.js [--fields 10000] [--runs 5]
//
// Each command runs once to warm the file cache, then --runs times; the table
// shows the median wall time of whole processes, with `node -e 0` as the floor.
// Prints a markdown table and writes bench/results/diff.json. The inputs are
// those of bench/lib/inputs.js, as in bench/run.js.
// Target: wirepin diff at least 3x faster than buf breaking on the equivalent pair.
// Needs `npm run build` (bin/wirepin.js runs dist/) and buf's native binary (the optional dependency @bufbuild/buf-linux-x64).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { changeOf, contract, fieldName, LEDGER_PROTO, proto, protoWithLedger } from './lib/inputs.js';
import { findBuf } from './lib/peers.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, 'bench', '.work', 'diff-vs-buf');
const TARGET_SPEEDUP = 3;

const { values } = parseArgs({
  options: { fields: { type: 'string', default: '10000' }, runs: { type: 'string', default: '5' } },
});
const fields = Number(values.fields);
const runs = Number(values.runs);
if (!Number.isSafeInteger(fields) || fields < 10 || fields > 100_000) throw new Error('--fields must be 10..100000');
if (!Number.isSafeInteger(runs) || runs < 1 || runs > 50) throw new Error('--runs must be 1..50');

const { removed: REMOVED, retyped: RETYPED } = changeOf(fields);
const name = fieldName;

function run(command, args, cwd, env = process.env) {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (result.error) throw result.error;
  return { ms, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** One warm-up, then `runs` timed runs; every run must pass `check`. */
function measure(label, command, args, cwd, check, env) {
  const times = [];
  for (let i = 0; i <= runs; i++) {
    const r = run(command, args, cwd, env);
    const problem = check(r);
    if (problem)
      throw new Error(`${label}: ${problem}\nexit ${r.status}\n${r.stdout.slice(0, 2000)}\n${r.stderr.slice(0, 2000)}`);
    if (i > 0) times.push(r.ms);
  }
  return {
    label,
    command: [command, ...args].join(' '),
    runs: times.map((t) => Math.round(t)),
    medianMs: Math.round(median(times)),
  };
}

if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first.');
rmSync(WORK, { recursive: true, force: true });
for (const d of ['bare/old', 'bare/new', 'equivalent/old', 'equivalent/new', 'buf-cache'])
  mkdirSync(join(WORK, d), { recursive: true });
writeFileSync(join(WORK, 'a.contract.json'), contract(fields, 'base'));
writeFileSync(join(WORK, 'b.contract.json'), contract(fields, 'head'));
for (const [side, variant] of [
  ['old', 'base'],
  ['new', 'head'],
]) {
  writeFileSync(join(WORK, 'bare', side, 'bench.proto'), proto(fields, variant));
  writeFileSync(join(WORK, 'equivalent', side, 'bench.proto'), protoWithLedger(fields, variant));
  writeFileSync(join(WORK, 'equivalent', side, 'ledger.proto'), LEDGER_PROTO);
}

const loadBefore = loadavg()[0];
const buf = findBuf(ROOT);
const bufVersion = run(buf, ['--version'], WORK).stdout.trim();
const bufEnv = { ...process.env, BUF_CACHE_DIR: join(WORK, 'buf-cache') };

const floor = measure('node -e 0', process.execPath, ['-e', '0'], ROOT, (r) => (r.status === 0 ? undefined : 'failed'));

const wirepin = measure(
  'wirepin diff a b --format json',
  process.execPath,
  [
    join(ROOT, 'bin', 'wirepin.js'),
    'diff',
    join(WORK, 'a.contract.json'),
    join(WORK, 'b.contract.json'),
    '--format',
    'json',
  ],
  ROOT,
  (r) => {
    if (r.status !== 1) return `expected exit 1 (breaking changes), got ${r.status}`;
    const rules = JSON.parse(r.stdout)
      .findings.map((f) => `${f.rule} ${f.field}`)
      .sort();
    const expected = [`FIELD_REMOVED ${name(REMOVED)}`, `FIELD_TYPE_CHANGED ${name(RETYPED)}`].sort();
    return JSON.stringify(rules) === JSON.stringify(expected)
      ? undefined
      : `unexpected findings ${JSON.stringify(rules)}`;
  },
);

// Same file name on both sides, so buf pairs the message by file rather than reporting a deleted file.
const bufOn = (pair) =>
  measure(
    `buf breaking bench.proto --against ../old/bench.proto (${pair} pair)`,
    buf,
    ['breaking', 'bench.proto', '--against', join('..', 'old', 'bench.proto')],
    join(WORK, pair, 'new'),
    (r) => {
      if (r.status !== 100) return `expected exit 100 (breaking changes), got ${r.status}`;
      const lines = r.stdout.trim().split('\n');
      return lines.length === 2 ? undefined : `expected 2 findings, got ${lines.length}`;
    },
    bufEnv,
  );
const bufEquivalent = bufOn('equivalent');
const bufBare = bufOn('bare');

const speedup = bufEquivalent.medianMs / wirepin.medianMs;
const bareSpeedup = bufBare.medianMs / wirepin.medianMs;
const rows = [floor, wirepin, bufEquivalent, bufBare];
const table = [
  `| command (${fields.toLocaleString('en-US')} fields, median of ${runs} after 1 warm-up) | median ms | runs ms |`,
  '| --- | ---: | --- |',
  ...rows.map((r) => `| \`${r.label}\` | ${r.medianMs} | ${r.runs.join(', ')} |`),
  '',
  `Speed-up of wirepin diff over buf breaking on the equivalent pair: ${speedup.toFixed(2)}x (target: ${TARGET_SPEEDUP}x): ${speedup >= TARGET_SPEEDUP ? 'met' : 'NOT met'}; ` +
    `on the bare pair: ${bareSpeedup.toFixed(2)}x. Load average ${loadBefore.toFixed(2)} → ${loadavg()[0].toFixed(2)} on ${cpus().length} CPUs.`,
];
process.stdout.write(`${table.join('\n')}\n`);

const result = {
  benchmark: 'diff-vs-buf',
  fields,
  runs,
  change: { removed: name(REMOVED), retyped: name(RETYPED) },
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  },
  // The 1-minute load average before and after: on a busy machine every figure grows, buf's included.
  loadAverage: { before: Number(loadBefore.toFixed(2)), after: Number(loadavg()[0].toFixed(2)) },
  buf: { version: bufVersion, binary: buf.slice(ROOT.length + 1) },
  contractBytes: readFileSync(join(WORK, 'a.contract.json')).length,
  protoBytes: {
    equivalent: readFileSync(join(WORK, 'equivalent', 'old', 'bench.proto')).length,
    bare: readFileSync(join(WORK, 'bare', 'old', 'bench.proto')).length,
  },
  results: Object.fromEntries(
    rows.map((r) => [r.label, { command: r.command.replaceAll(ROOT, '.'), medianMs: r.medianMs, runsMs: r.runs }]),
  ),
  speedup: Number(speedup.toFixed(2)),
  bareSpeedup: Number(bareSpeedup.toFixed(2)),
  target: TARGET_SPEEDUP,
  met: speedup >= TARGET_SPEEDUP,
};
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'diff.json'), `${JSON.stringify(result, null, 2)}\n`);
