// `node bench/reads.js`: the static read analysis (src/reads) on a generated
// consumer package of about 100,000 lines, in this process after a warm-up
// (median of 5), and its peak RSS as a whole `wirepin consumes` process; then
// `wirepin check` on this repository against `node -e 0`. Writes
// bench/results/reads.json and prints the rows for BENCHMARKS.md. `npm run bench`
// (bench/run.js) runs it and renders its section of BENCHMARKS.md from that file.
// Needs `npm run build` (it imports dist/).
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, 'bench', '.work', 'reads');
const BIN = join(ROOT, 'bin', 'wirepin.js');
const RUNS = 5;

/** A consumer package: one request type with 40 fields and nested structs, and handler files that read them every way the analysis follows. */
function writePackage(dir, targetLines) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const fields = Array.from({ length: 40 }, (_, i) => `\tF${i} string \`json:"f${i}"\``);
  const model = `package big\n\nimport "encoding/json"\n\ntype Req struct {\n${fields.join('\n')}\n\tInner Inner \`json:"inner"\`\n\tItems []Item \`json:"items"\`\n\tEnv map[string]string \`json:"env"\`\n}\n\ntype Inner struct {\n\tMode string \`json:"mode"\`\n\tWidth int \`json:"width"\`\n}\n\ntype Item struct {\n\tID string \`json:"id"\`\n}\n\nfunc decode(b []byte) (Req, error) {\n\tvar r Req\n\terr := json.Unmarshal(b, &r)\n\treturn r, err\n}\n`;
  writeFileSync(join(dir, 'model.go'), model);
  let lines = model.split('\n').length;
  let file = 0;
  let fn = 0;
  while (lines < targetLines) {
    const body = [];
    for (let k = 0; k < 100; k++, fn++) {
      const f = fn % 40;
      body.push(
        `func h${fn}(r Req, n int) (string, error) {`,
        `\tout := r.F${f}`,
        `\tif out == "" {`,
        `\t\tout = r.Inner.Mode`,
        `\t}`,
        `\tfor _, it := range r.Items {`,
        `\t\tout += it.ID`,
        `\t}`,
        `\tif v, ok := r.Env["k${fn}"]; ok {`,
        `\t\tout += v`,
        `\t}`,
        `\tp := &r`,
        `\tp.F${(f + 1) % 40} = out`,
        `\tif n > r.Inner.Width {`,
        `\t\treturn out, nil`,
        `\t}`,
        `\treturn out + r.F${(f + 7) % 40}, nil`,
        `}`,
        '',
      );
    }
    const text = `package big\n\n${body.join('\n')}\n`;
    writeFileSync(join(dir, `handlers_${String(file).padStart(4, '0')}.go`), text);
    lines += text.split('\n').length;
    file++;
  }
  return lines;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeProcess(command, args, cwd) {
  const start = performance.now();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  const ms = performance.now() - start;
  const rssKiB = Number(run.stderr.trim().split('\n').at(-1));
  return { ms, rssMiB: rssKiB / 1024, status: run.status, stdout: run.stdout };
}

const loadAtStart = (await import('node:os'))
  .loadavg()
  .map((x) => x.toFixed(2))
  .join(', ');
const lines = writePackage(join(WORK, 'big'), 100_000);
const { extractGoStruct } = await import(join(ROOT, 'dist', 'extract', 'go', 'index.js'));
const { analyzeGoReads } = await import(join(ROOT, 'dist', 'reads', 'go-reads.js'));
// The extraction parses the package (once per process: the parse is cached and the analysis shares it).
const extractStart = performance.now();
const extracted = await extractGoStruct({ path: 'big', typeName: 'Req', cwd: WORK, direction: 'decode' });
const extractMs = performance.now() - extractStart;
const analysis = [];
let evidence;
for (let i = 0; i <= RUNS; i++) {
  const start = performance.now();
  evidence = await analyzeGoReads({ path: 'big', cwd: WORK, typeName: 'Req', fields: extracted.fields, strict: false });
  if (i > 0) analysis.push(performance.now() - start);
}
const statuses = {};
for (const reads of evidence.byDeclaration.values()) statuses[reads.status] = (statuses[reads.status] ?? 0) + 1;
if (evidence.decodedAt === undefined || statuses.read !== extracted.fields.length)
  throw new Error(`unexpected analysis result: ${JSON.stringify(statuses)}`);

// The analysis' peak memory, as a whole process: a contract for the package, then `wirepin consumes`.
const props = Object.fromEntries([
  ...Array.from({ length: 40 }, (_, i) => [`f${i}`, { type: 'string', cp_consumes: true }]),
  [
    'inner',
    {
      type: 'object',
      additionalProperties: false,
      cp_consumes: true,
      properties: { mode: { type: 'string', cp_consumes: true }, width: { type: 'integer', cp_consumes: true } },
    },
  ],
  [
    'items',
    {
      type: ['array', 'null'],
      cp_consumes: true,
      items: { type: 'object', additionalProperties: false, properties: { id: { type: 'string', cp_consumes: true } } },
    },
  ],
  ['env', { type: ['object', 'null'], cp_consumes: true, additionalProperties: { type: 'string' } }],
]);
const contract = {
  title: 'Big',
  endpoint: 'POST /big',
  producer: { name: 'sender', repo: 'sender', type: 'Req' },
  consumer: { name: 'receiver', repo: 'receiver', type: 'Req' },
  type: 'object',
  additionalProperties: false,
  required: Object.keys(props),
  properties: props,
};
writeFileSync(join(WORK, 'big.contract.json'), JSON.stringify(contract, null, 2));
const consumesRuns = [];
for (let i = 0; i <= RUNS; i++) {
  const run = timeProcess(
    process.execPath,
    [BIN, 'consumes', '--contract', 'big.contract.json', '--go', 'big', '--type', 'Req'],
    WORK,
  );
  if (run.status !== 0) throw new Error(`wirepin consumes on the big package exited ${run.status}: ${run.stdout}`);
  if (i > 0) consumesRuns.push(run);
}
const floorRuns = [];
const checkRuns = [];
for (let i = 0; i <= RUNS; i++) {
  const floor = timeProcess(process.execPath, ['-e', '0'], ROOT);
  const check = timeProcess(process.execPath, [BIN, 'check'], ROOT);
  if (check.status !== 0) throw new Error(`wirepin check exited ${check.status}`);
  if (i > 0) {
    floorRuns.push(floor);
    checkRuns.push(check);
  }
}
const result = {
  measured: new Date().toISOString(),
  runs: RUNS,
  loadAtStart,
  lines,
  files: 1 + Math.ceil((lines - 30) / 1900),
  extractWithParseMs: extractMs,
  analysisMs: median(analysis),
  analysisRange: [Math.min(...analysis), Math.max(...analysis)],
  consumesMs: median(consumesRuns.map((r) => r.ms)),
  consumesRssMiB: median(consumesRuns.map((r) => r.rssMiB)),
  floorMs: median(floorRuns.map((r) => r.ms)),
  checkMs: median(checkRuns.map((r) => r.ms)),
  checkRssMiB: median(checkRuns.map((r) => r.rssMiB)),
  load: (await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(', '),
};
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'reads.json'), `${JSON.stringify(result, null, 2)}\n`);
const r = (x) => Math.round(x);
process.stdout.write(
  [
    `| read analysis of a generated consumer package, ${lines.toLocaleString('en-US')} lines (in process over the parse the extraction cached, median of ${RUNS} after a warm-up) < 1.5 s | ${r(result.analysisMs)} ms (${r(result.analysisRange[0])}–${r(result.analysisRange[1])}); the extraction with the parse: ${r(extractMs)} ms | ${result.analysisMs < 1500 ? 'yes' : 'no'} |`,
    `| \`wirepin consumes --go\` on that package, whole process: peak RSS < 200 MiB | ${result.consumesRssMiB.toFixed(1)} MiB (${r(result.consumesMs)} ms) | ${result.consumesRssMiB < 200 ? 'yes' : 'no'} |`,
    `| \`wirepin check\` on this repository (now with the read analysis) ≤ 3x \`node -e 0\` | ${r(result.checkMs)} ms = ${(result.checkMs / result.floorMs).toFixed(2)}x the floor (${r(result.floorMs)} ms) | ${result.checkMs <= 3 * result.floorMs ? 'yes' : 'no'} |`,
    `load average at the end: ${result.load}`,
  ].join('\n') + '\n',
);
