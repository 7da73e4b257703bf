// What a user downloads, installs and waits for:
//   1. the packed tarball (`npm pack`): file count and size;
//   2. its install in an empty project (`npm install <tgz>`, so the optional
//      peers Pact and TypeScript stay out) and with the peers, as `du -sk` (in MiB, one decimal)
//      counts node_modules;
//   3. the Action's cold run: its install step (scripts/action-install.sh
//      locate + install, from this tarball, with an empty npm cache:
//      npm_config_cache=$(mktemp -d)) and then its `check` step
//      (scripts/action-run.sh) on a copy of this repository's contracts, Go
//      structs and generated files. Every run starts from an empty npm cache,
//      an empty install directory and a fresh copy of the action's checkout,
//      as a runner does on a cache miss; the registry is the network's.
//
//   node bench/package-footprint.js [--runs 3]
//
// Prints a summary and writes bench/results/package.json. Targets: the cold
// install + check under 15 s (the development `npm ci` + build it replaced took
// 26.6 s, issue 12), the install without peers under 40 MB.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_SECONDS = 15;
const INSTALL_BUDGET_MIB = 40;
/** The Action before this change: `npm ci` of the development tree plus a build, cold cache (issue 12). */
const BASELINE = { seconds: 26.6, packages: 361, megabytes: 302 };

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);
if (!Number.isSafeInteger(runs) || runs < 1 || runs > 20) throw new Error('--runs must be 1..20');

const work = mkdtempSync(join(tmpdir(), 'wirepin-footprint-'));
const log = (text) => process.stderr.write(`${text}\n`);

/** A user's environment: no CI, no GitHub runner variables, no npm lifecycle variables of this checkout. */
function cleanEnv(extra = {}) {
  const env = {
    ...process.env,
    NO_COLOR: '1',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  for (const name of Object.keys(env)) {
    if (
      name === 'CI' ||
      name.startsWith('GITHUB_') ||
      name.startsWith('INPUT_') ||
      (name.startsWith('npm_') && !name.startsWith('npm_config_'))
    )
      delete env[name];
  }
  return { ...env, ...extra };
}

function run(command, args, cwd, extra = {}) {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, env: cleanEnv(extra), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Math.round(performance.now() - started);
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} exited ${result.status} in ${cwd}:\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`,
    );
  return { ms, stdout: result.stdout };
}

const diskMiB = (path) =>
  Math.round((Number(spawnSync('du', ['-sk', path], { encoding: 'utf8' }).stdout.split(/\s/u)[0]) / 1024) * 10) / 10;
const countPackages = (dir) =>
  Object.keys(JSON.parse(readFileSync(join(dir, 'node_modules', '.package-lock.json'), 'utf8')).packages).length;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

try {
  // 1. The tarball.
  log('npm pack');
  const pack = run('npm', ['pack', '--json', '--pack-destination', work], ROOT);
  const packed = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('[')))[0];
  const tarball = join(work, packed.filename);

  // 2. Installed, without and with the optional peers (each in an empty project, with an empty npm cache).
  const install = (name, extraPackages) => {
    const dir = join(work, name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
    log(`npm install ${['<tgz>', ...extraPackages].join(' ')} (${name})`);
    const { ms } = run('npm', ['install', tarball, ...extraPackages], dir, {
      npm_config_cache: mkdtempSync(join(work, 'cache-')),
    });
    return { ms, mib: diskMiB(join(dir, 'node_modules')), packages: countPackages(dir) };
  };
  const withoutPeers = install('without-peers', []);
  const peers = Object.keys(manifest.peerDependencies ?? {}).map((name) => `${name}@${manifest.devDependencies[name]}`);
  const withPeers = install('with-peers', peers);

  // 3. The Action, cold: install step + check step, each run from scratch.
  const workspace = join(work, 'workspace');
  for (const path of [
    'wirepin.yaml',
    'contracts',
    'schemas/provision_request.schema.json',
    'producer/go',
    'producer/provision_request.types.ts',
    'consumer/go',
    'consumer/provision_request.types.ts',
  ]) {
    cpSync(join(ROOT, path), join(workspace, path), { recursive: true });
  }
  const actionRuns = [];
  for (let i = 0; i < runs; i++) {
    const action = join(work, `action-${i}`);
    for (const file of [
      'action.yml',
      'package.json',
      'scripts/action-install.sh',
      'scripts/action-run.sh',
      'scripts/action-die.sh',
    ])
      cpSync(join(ROOT, file), join(action, file));
    const runner = join(work, `runner-${i}`);
    mkdirSync(runner);
    const output = join(runner, 'output');
    writeFileSync(output, '');
    const github = {
      GITHUB_ACTION_PATH: action,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: join(runner, 'summary.md'),
      RUNNER_TEMP: runner,
      INPUT_PACKAGE: tarball,
      npm_config_cache: mkdtempSync(join(work, 'cache-')),
    };
    log(`Action cold run ${i + 1}/${runs}`);
    const located = run('bash', [join(action, 'scripts/action-install.sh'), 'locate'], workspace, github);
    const installed = run('bash', [join(action, 'scripts/action-install.sh'), 'install'], workspace, github);
    const cli = /^cli=(.*)$/mu.exec(readFileSync(output, 'utf8'))?.[1];
    const check = run('bash', [join(action, 'scripts/action-run.sh')], workspace, {
      ...github,
      WIREPIN_CLI: cli,
      INPUT_COMMAND: 'check',
      INPUT_FORMAT: 'github',
    });
    actionRuns.push({
      installMs: located.ms + installed.ms,
      checkMs: check.ms,
      totalMs: located.ms + installed.ms + check.ms,
      installMiB: diskMiB(join(runner, 'wirepin-cli')),
    });
  }
  const totals = actionRuns.map((r) => r.totalMs);
  const result = {
    benchmark: 'package',
    measuredAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      node: process.version,
      npm: run('npm', ['--version'], ROOT).stdout.trim(),
      loadAverageAtEnd: loadavg().map((x) => Number(x.toFixed(2))),
    },
    version: manifest.version,
    tarball: { files: packed.entryCount, bytes: packed.size, unpackedBytes: packed.unpackedSize },
    install: { withoutPeers, withPeers, peers, budgetMiB: INSTALL_BUDGET_MIB },
    action: {
      runs: actionRuns,
      medianTotalMs: median(totals),
      minTotalMs: Math.min(...totals),
      maxTotalMs: Math.max(...totals),
      medianInstallMs: median(actionRuns.map((r) => r.installMs)),
      medianCheckMs: median(actionRuns.map((r) => r.checkMs)),
      targetSeconds: TARGET_SECONDS,
      baseline: BASELINE,
    },
    meets_target: median(totals) < TARGET_SECONDS * 1000 && withoutPeers.mib < INSTALL_BUDGET_MIB,
  };
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', 'package.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `tarball ${packed.entryCount} files, ${(packed.size / 1024).toFixed(1)} KiB; install ${withoutPeers.mib} MiB (${withoutPeers.packages} packages) without peers, ${withPeers.mib} MiB with; ` +
      `Action cold install + check median ${(median(totals) / 1000).toFixed(1)} s (install ${(result.action.medianInstallMs / 1000).toFixed(1)} s, check ${(result.action.medianCheckMs / 1000).toFixed(1)} s) over ${runs} runs`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
