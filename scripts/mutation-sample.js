#!/usr/bin/env node
// A simple random sample of the mutants stryker.config.json would make, for a mutation score with a confidence
// interval when the whole run (about 10,000 mutants, hours on 2 cores) does not fit the time there is.
//
//   node scripts/mutation-sample.js --size 400 --seed 1 > /tmp/sample.json      # pick the sample
//   node scripts/mutation-sample.js --ranges /tmp/sample.json                  # the --mutate argument for it
//   npx stryker run --mutate "$(node scripts/mutation-sample.js --ranges /tmp/sample.json)"
//   node scripts/mutation-sample.js --score /tmp/sample.json reports/mutation/mutation.json
//   node scripts/mutation-sample.js --size 400 --seed 2 --only 'src/rules/**,src/extract/**' > /tmp/s.json  # one area
//
// Stryker selects mutants by source range, so a sampled mutant's range also brings in the mutants nested inside it;
// --score counts the sampled mutants only (matched by file, mutator, replacement and place), which keeps the
// estimate that of a simple random sample. Development tool: not shipped, not run by CI.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Instrumenter } from '@stryker-mutator/instrumenter';
import { minimatch } from 'minimatch';

const { values, positionals } = parseArgs({
  options: {
    size: { type: 'string', default: '400' },
    seed: { type: 'string', default: '1' },
    ranges: { type: 'string' },
    score: { type: 'string' },
    // Comma-separated globs: sample only the mutants of these files (e.g. the target area).
    only: { type: 'string' },
  },
  allowPositionals: true,
});

/** mulberry32: a small seeded generator, so a sample can be drawn again. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const key = (m) =>
  `${m.fileName}|${m.mutatorName}|${m.replacement}|${m.location.start.line}:${m.location.start.column}-${m.location.end.line}:${m.location.end.column}`;

if (values.ranges) {
  const sample = JSON.parse(readFileSync(values.ranges, 'utf8'));
  // Stryker's range syntax: 1-based lines, 0-based columns (its own locations are 0-based both).
  const ranges = sample.mutants.map(
    (m) =>
      `${m.fileName}:${m.location.start.line + 1}:${m.location.start.column}-${m.location.end.line + 1}:${m.location.end.column}`,
  );
  process.stdout.write([...new Set(ranges)].join(','));
} else if (values.score) {
  const sample = JSON.parse(readFileSync(values.score, 'utf8'));
  const report = JSON.parse(readFileSync(positionals[0] ?? 'reports/mutation/mutation.json', 'utf8'));
  const found = new Map();
  for (const [file, { mutants }] of Object.entries(report.files)) {
    for (const m of mutants) {
      // The report's places are 1-based in lines and columns.
      const location = {
        start: { line: m.location.start.line - 1, column: m.location.start.column - 1 },
        end: { line: m.location.end.line - 1, column: m.location.end.column - 1 },
      };
      found.set(key({ fileName: file, mutatorName: m.mutatorName, replacement: m.replacement, location }), m.status);
    }
  }
  const byArea = new Map();
  const tally = (area, status) => {
    const t = byArea.get(area) ?? { detected: 0, missed: 0, ignored: 0, absent: 0 };
    if (status === undefined) t.absent += 1;
    else if (status === 'Killed' || status === 'Timeout') t.detected += 1;
    else if (status === 'Survived' || status === 'NoCoverage') t.missed += 1;
    else t.ignored += 1;
    byArea.set(area, t);
  };
  const missedList = [];
  for (const m of sample.mutants) {
    const status = found.get(key(m));
    const area = m.fileName
      .split('/')
      .slice(0, m.fileName.startsWith('src/rules/') || m.fileName.startsWith('src/extract/') ? 3 : 2)
      .join('/');
    tally(area, status);
    tally('all', status);
    if (status === 'Survived' || status === 'NoCoverage')
      missedList.push(
        `${m.fileName}:${m.location.start.line + 1}:${m.location.start.column + 1} ${m.mutatorName} ${status}`,
      );
  }
  const rows = [...byArea].sort(([a], [b]) => (a === 'all' ? 1 : b === 'all' ? -1 : a < b ? -1 : 1));
  for (const [area, t] of rows) {
    const n = t.detected + t.missed;
    const p = n === 0 ? 0 : t.detected / n;
    // Wilson score interval, 95%.
    const z = 1.96;
    const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
    const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
    const interval =
      n === 0 ? '' : ` (95% CI ${(100 * (centre - half)).toFixed(1)}-${(100 * (centre + half)).toFixed(1)})`;
    console.log(
      `${area}: ${t.detected} detected, ${t.missed} missed, ${t.ignored} ignored (static/other), ${t.absent} not in the report: ${(100 * p).toFixed(1)}%${interval}`,
    );
  }
  for (const line of missedList) console.log(`  missed ${line}`);
} else {
  const config = JSON.parse(readFileSync('stryker.config.json', 'utf8'));
  const include = config.mutate.filter((p) => !p.startsWith('!'));
  const exclude = config.mutate.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  const files = execFileSync('git', ['ls-files', 'src'], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => f !== '' && include.some((p) => minimatch(f, p)) && !exclude.some((p) => minimatch(f, p)))
    .filter((f) => values.only === undefined || values.only.split(',').some((p) => minimatch(f, p.trim())))
    .sort();
  const quiet = () => undefined;
  const logger = {
    isTraceEnabled: () => false,
    isDebugEnabled: () => false,
    isInfoEnabled: () => false,
    isWarnEnabled: () => false,
    isErrorEnabled: () => false,
    isFatalEnabled: () => false,
    trace: quiet,
    debug: quiet,
    info: quiet,
    warn: quiet,
    error: quiet,
    fatal: quiet,
  };
  const instrumenter = new Instrumenter(logger);
  const result = await instrumenter.instrument(
    files.map((name) => ({ name, content: readFileSync(name, 'utf8'), mutate: true })),
    { plugins: null, excludedMutations: [], ignorers: [] },
  );
  const all = [...result.mutants];
  const next = random(Number(values.seed));
  // Partial Fisher-Yates: the first `size` of a shuffled copy.
  const size = Math.min(Number(values.size), all.length);
  for (let i = 0; i < size; i += 1) {
    const j = i + Math.floor(next() * (all.length - i));
    [all[i], all[j]] = [all[j], all[i]];
  }
  const mutants = all
    .slice(0, size)
    .map(({ fileName, mutatorName, replacement, location }) => ({ fileName, mutatorName, replacement, location }));
  process.stdout.write(
    `${JSON.stringify({ population: result.mutants.length, files: files.length, seed: Number(values.seed), only: values.only ?? null, mutants }, null, 1)}\n`,
  );
}
