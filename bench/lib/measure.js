// Times whole processes: wall time with performance.now() around a spawn, and
// peak RSS from GNU time (`/usr/bin/time -f %M -o FILE`), which reports the
// maximum resident set size of the child in KiB. Without GNU time, RSS is
// left out (null) and the wall time is measured the same way.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';

/** Whether GNU time is usable here (BusyBox and BSD time lack -o/-f). */
export const hasGnuTime = (() => {
  if (!existsSync(GNU_TIME)) return false;
  const probe = spawnSync(GNU_TIME, ['-f', '%M', process.execPath, '-e', '0'], { encoding: 'utf8' });
  return probe.status === 0 && /^\d+\s*$/mu.test(probe.stderr.trim().split('\n').at(-1) ?? '');
})();

const scratch = mkdtempSync(join(tmpdir(), 'wirepin-bench-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

/**
 * Runs a command once. Returns { ms, rssMiB, status, stdout, stderr, timedOut }.
 * `timeoutMs` kills the child (SIGKILL) and marks the run timed out.
 */
export function runOnce(command, args, { cwd, env, timeoutMs } = {}) {
  const rssFile = join(scratch, 'rss.txt');
  rmSync(rssFile, { force: true });
  const [file, argv] = hasGnuTime ? [GNU_TIME, ['-f', '%M', '-o', rssFile, command, ...args]] : [command, args];
  const started = performance.now();
  const result = spawnSync(file, argv, {
    cwd,
    env: env ?? process.env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  });
  const ms = performance.now() - started;
  if (result.error && result.error.code !== 'ETIMEDOUT') throw result.error;
  const timedOut = result.error?.code === 'ETIMEDOUT' || result.signal === 'SIGKILL';
  let rssMiB = null;
  if (hasGnuTime && !timedOut && existsSync(rssFile)) {
    // GNU time writes "Command exited with non-zero status N" before the figure when the child fails.
    const kib = Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1));
    if (Number.isFinite(kib)) rssMiB = kib / 1024;
  }
  return { ms, rssMiB, status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', timedOut };
}

export function median(values) {
  const sorted = values.filter((v) => v !== null && v !== undefined).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * `warmup` untimed runs, then `runs` timed runs. `before()` runs before each
 * run (outside the timing), e.g. to delete generated files; `check(run)`
 * returns a problem string when the run's outcome is wrong, which aborts the
 * benchmark: a fast wrong answer is not a result.
 */
export function measure({ label, command, args, cwd, env, runs, warmup = 1, before, check, timeoutMs }) {
  const times = [];
  const rss = [];
  let last;
  for (let i = 0; i < warmup + runs; i++) {
    before?.();
    const run = runOnce(command, args, { cwd, env, timeoutMs });
    last = run;
    if (run.timedOut) {
      return {
        label,
        runs: times.length,
        timedOut: true,
        timeoutMs,
        medianMs: null,
        minMs: null,
        maxMs: null,
        runsMs: times.map(Math.round),
        rssMiB: null,
      };
    }
    const problem = check?.(run);
    if (problem) {
      throw new Error(
        `${label}: ${problem}\n$ ${[command, ...args].join(' ')}\nexit ${run.status}\n${run.stdout.slice(0, 1500)}\n${run.stderr.slice(0, 1500)}`,
      );
    }
    if (i >= warmup) {
      times.push(run.ms);
      rss.push(run.rssMiB);
    }
  }
  return {
    label,
    runs: times.length,
    timedOut: false,
    medianMs: Math.round(median(times)),
    minMs: Math.round(Math.min(...times)),
    maxMs: Math.round(Math.max(...times)),
    runsMs: times.map(Math.round),
    rssMiB: median(rss) === null ? null : Number(median(rss).toFixed(1)),
    exit: last?.status ?? null,
  };
}

/** Expects one exit code. */
export function exits(code) {
  return (run) => (run.status === code ? undefined : `expected exit ${code}, got ${run.status}`);
}
