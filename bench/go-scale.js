// Scale of the Go extractor (issue 15): a densely linked type graph is refused
// within bounded time and memory, and a package is parsed once per process.
// Needs `npm run build` first. Prints a table and writes bench/results/go-scale.json.
//
//   node bench/go-scale.js
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bigPackage, fibonacciDefsContract, fibonacciGraph, fibonacciHandler } from './lib/go-graphs.js';
import { measure, median } from './lib/measure.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = join(root, 'bench', '.work', 'go-scale');
rmSync(work, { recursive: true, force: true });

function writePackage(name, files) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

// A flat contract for T0 that lists only its own two leaf fields: it cannot match the graph.
const contract = {
  title: 'Graph',
  endpoint: 'POST /graph',
  producer: { name: 'graphs', repo: 'graphs', type: 'T0' },
  consumer: { name: 'reader', repo: 'reader', type: 'T0' },
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', description: 'The name.', cp_consumes: true },
    count: { type: 'integer', description: 'The count.', cp_consumes: true },
  },
};
const graphDir = writePackage('graph', fibonacciGraph(32));
writeFileSync(join(work, 'graph.contract.json'), `${JSON.stringify(contract, null, 2)}\n`);

const bin = join(root, 'bin', 'wirepin.js');
const results = [];
for (const direction of ['pin', 'consumes']) {
  const run = measure({
    label: `wirepin ${direction} --go <32-type graph, each type → next two> --type T0 (flat contract)`,
    command: process.execPath,
    args: [bin, direction, '--contract', join(work, 'graph.contract.json'), '--go', graphDir, '--type', 'T0'],
    cwd: work,
    runs: 5,
    check: (r) => (r.status === 1 || r.status === 2 ? undefined : `expected exit 1 or 2, got ${r.status}`),
    timeoutMs: 60_000,
  });
  results.push({ id: `${direction}-fibonacci-32`, ...run });
}

// The same graph against a `$defs` contract (each type once): compared pairwise, exit 0; with one drift, exit 1.
writeFileSync(join(work, 'graph-defs.contract.json'), `${JSON.stringify(fibonacciDefsContract(32), null, 2)}\n`);
writeFileSync(
  join(work, 'graph-defs-drift.contract.json'),
  `${JSON.stringify(fibonacciDefsContract(32, { drift: true }), null, 2)}\n`,
);
for (const direction of ['pin', 'consumes']) {
  for (const [file, expected, what] of [
    ['graph-defs.contract.json', 0, '$defs contract'],
    ['graph-defs-drift.contract.json', 1, '$defs contract with one drift in T31'],
  ]) {
    const run = measure({
      label: `wirepin ${direction} --go <32-type graph, each type → next two> --type T0 (${what})`,
      command: process.execPath,
      args: [bin, direction, '--contract', join(work, file), '--go', graphDir, '--type', 'T0'],
      cwd: work,
      runs: 5,
      check: (r) =>
        r.status === expected ? undefined : `expected exit ${expected}, got ${r.status}: ${r.stdout}${r.stderr}`,
      timeoutMs: 60_000,
    });
    results.push({ id: `${direction}-fibonacci-32-defs${expected === 0 ? '' : '-drift'}`, ...run });
  }
}

// A deep graph: 2,000 types against their `$defs` contract. Breadth first, T1999 is first reached about 1,000 fields
// below the root, so every pair deep in the graph carries long payload pointers; pairing walks up only to the pair's
// own payload path (pairFields' `base`). Before that, 1,000 types took 3 s and 5,000 about 450 s.
const DEEP = 2_000;
const deepDir = writePackage('graph-deep', fibonacciGraph(DEEP));
writeFileSync(join(work, 'graph-deep.contract.json'), `${JSON.stringify(fibonacciDefsContract(DEEP), null, 2)}\n`);
for (const direction of ['pin', 'consumes']) {
  const run = measure({
    label: `\`wirepin ${direction} --go\`, a ${DEEP.toLocaleString('en-US')}-type graph of the same shape against its \`$defs\` contract: exit 0, ${DEEP.toLocaleString('en-US')} pairs, the deepest first reached about ${(DEEP / 2).toLocaleString('en-US')} fields below the root`,
    command: process.execPath,
    args: [bin, direction, '--contract', join(work, 'graph-deep.contract.json'), '--go', deepDir, '--type', 'T0'],
    cwd: work,
    runs: 3,
    check: (r) => (r.status === 0 ? undefined : `expected exit 0, got ${r.status}: ${r.stdout}${r.stderr}`),
    timeoutMs: 120_000,
  });
  results.push({
    id: `${direction}-fibonacci-${DEEP}-defs`,
    limitMs: 10_000,
    limitMiB: 300,
    target: 'exit 0 in < 10 s and < 300 MiB',
    ...run,
  });
}

// The same graph with a consumer handler that decodes T0 and reads every field of every type (the read analysis in
// graph mode, issue 15): consumes against the `$defs` contract proves all 125 fields read (exit 0); with T31's count
// never read, exit 1 with one CONSUMER_FIELD_UNREAD. Budgets of the read analysis: < 1.5 s, consumes < 200 MiB.
const READS_BUDGET = { limitMs: 2_000, limitMiB: 200, target: '< 2 s and < 200 MiB, exit as expected' };
const readsDir = writePackage('graph-reads', { ...fibonacciGraph(32), ...fibonacciHandler(32) });
const unreadDir = writePackage('graph-unread', { ...fibonacciGraph(32), ...fibonacciHandler(32, { unread: true }) });
for (const [dir, expected, what] of [
  [readsDir, 0, 'every field read'],
  [unreadDir, 1, "T31's count never read: one CONSUMER_FIELD_UNREAD at `/$defs/T31/properties/count`"],
]) {
  const run = measure({
    label: `\`wirepin consumes --go\` with the read analysis, the same graph with a handler that decodes T0 and reads every type's fields, \`$defs\` contract (${what})`,
    command: process.execPath,
    args: [bin, 'consumes', '--contract', join(work, 'graph-defs.contract.json'), '--go', dir, '--type', 'T0'],
    cwd: work,
    runs: 5,
    check: (r) =>
      r.status === expected ? undefined : `expected exit ${expected}, got ${r.status}: ${r.stdout}${r.stderr}`,
    timeoutMs: 60_000,
  });
  results.push({ id: `consumes-fibonacci-32-defs-reads${expected === 0 ? '' : '-unread'}`, ...READS_BUDGET, ...run });
}
// The analysis alone, in process over the parse the extraction cached: the 32 types' 125 fields, median of 5 after a warm-up.
const readsScript = `
  const { extractGoGraph } = await import(${JSON.stringify(join(root, 'dist', 'extract', 'go', 'index.js'))});
  const { analyzeGoReads } = await import(${JSON.stringify(join(root, 'dist', 'reads', 'go-reads.js'))});
  const graph = await extractGoGraph({ path: ${JSON.stringify(readsDir)}, typeName: 'T0', cwd: ${JSON.stringify(work)}, direction: 'decode' });
  const fields = [...graph.types.values()].flatMap((t) => t.fields);
  const times = [];
  let evidence;
  for (let i = 0; i <= 5; i++) {
    const started = performance.now();
    evidence = await analyzeGoReads({ path: ${JSON.stringify(readsDir)}, cwd: ${JSON.stringify(work)}, typeName: 'T0', fields, strict: false });
    if (i > 0) times.push(performance.now() - started);
  }
  const read = [...evidence.byDeclaration.values()].filter((r) => r.status === 'read').length;
  if (read !== fields.length) throw new Error('expected every field read, got ' + read + ' of ' + fields.length);
  times.sort((a, b) => a - b);
  process.stdout.write(JSON.stringify({ ms: times[2], fields: fields.length }));
`;
const readsInProcess = [];
const readsRun = measure({
  label:
    'the read analysis alone on that graph (125 fields of 32 types, in process over the cached parse, median of 5 after a warm-up)',
  command: process.execPath,
  args: ['--input-type=module', '-e', readsScript],
  cwd: work,
  runs: 1,
  check: (r) => {
    if (r.status !== 0) return `exit ${r.status}: ${r.stderr}`;
    readsInProcess.push(JSON.parse(r.stdout));
    return undefined;
  },
});
results.push({
  id: 'reads-fibonacci-32-analysis',
  limitMs: 1_500,
  target: 'analysis < 1.5 s',
  analysisMs: median(readsInProcess.map((r) => r.ms)),
  fields: readsInProcess.at(-1)?.fields,
  ...readsRun,
});

// In one process: extract 1,000 structs of a 100,000-line package (parsed once).
const big = bigPackage({ lines: 100_000 });
const bigDir = writePackage('big', big.files);
const script = `
  const { goExtractor } = await import(${JSON.stringify(join(root, 'dist', 'extract', 'go', 'index.js'))});
  const names = ${JSON.stringify(big.structs.slice(0, 1_000))};
  const started = performance.now();
  let fields = 0;
  for (const name of names) fields += (await goExtractor.extract({ path: ${JSON.stringify(bigDir)}, typeName: name, cwd: ${JSON.stringify(bigDir)} })).fields.length;
  process.stdout.write(JSON.stringify({ ms: performance.now() - started, fields }));
`;
const inProcess = [];
const bigRun = measure({
  label: `extract 1,000 structs of ${big.structs.length.toLocaleString('en-US')} (${big.lines.toLocaleString('en-US')} lines) in one process`,
  command: process.execPath,
  args: ['--input-type=module', '-e', script],
  cwd: work,
  runs: 3,
  check: (r) => {
    if (r.status !== 0) return `exit ${r.status}`;
    inProcess.push(JSON.parse(r.stdout));
    return undefined;
  },
});
results.push({
  id: 'extract-1000-of-100k-lines',
  lines: big.lines,
  structs: big.structs.length,
  fields: inProcess.at(-1)?.fields,
  extractMs: median(inProcess.map((r) => r.ms)),
  ...bigRun,
});

mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(
  join(root, 'bench', 'results', 'go-scale.json'),
  `${JSON.stringify({ node: process.version, results }, null, 2)}\n`,
);
for (const r of results) {
  const extra =
    r.extractMs !== undefined
      ? `, extraction alone ${Math.round(r.extractMs)} ms, ${r.fields} fields`
      : r.analysisMs !== undefined
        ? `, analysis alone ${Math.round(r.analysisMs)} ms`
        : '';
  console.log(
    `${r.label}: median ${Math.round(r.medianMs)} ms (${Math.round(r.minMs)}–${Math.round(r.maxMs)}), peak RSS ${r.rssMiB?.toFixed(1)} MiB${extra}`,
  );
}
