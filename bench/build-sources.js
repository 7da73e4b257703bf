// Compiles the TypeScript the benchmarks run (cp's reference server, core's
// client, src/pact, the pact use-case) into bench/.work/build with the project's own compiler
// settings, so the benchmarks time plain Node, not a TS loader. bench/.work/
// is git-ignored.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const WORK = join(ROOT, 'bench', '.work');
export const BUILD = join(WORK, 'build');

const ENTRY_POINTS = [
  'consumer/server.ts',
  'consumer/handler.ts',
  'consumer/consumption-trace.ts',
  'consumer/provider-verification.ts',
  'producer/client.ts',
  'src/pact/index.ts',
  'src/run/pact.ts',
];

/** Compiles the entry points and their imports; returns the build directory (mirrors the repository layout). */
export function buildSources() {
  mkdirSync(WORK, { recursive: true });
  const config = {
    extends: '../../tsconfig.json',
    compilerOptions: { rootDir: '../..', outDir: 'build', noEmit: false, declaration: false, incremental: false },
    include: [],
    files: ENTRY_POINTS.map((file) => `../../${file}`),
  };
  writeFileSync(join(WORK, 'tsconfig.json'), `${JSON.stringify(config, null, 2)}\n`);
  const tsc = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(WORK, 'tsconfig.json')],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  if (tsc.status !== 0) throw new Error(`tsc failed compiling the benchmark sources:\n${tsc.stdout}${tsc.stderr}`);
  // The contract linter loads its precompiled meta-schema validator at run time; tsc does not copy it.
  const validator = join('generated', 'meta-validator.generated.cjs');
  mkdirSync(dirname(join(BUILD, validator)), { recursive: true });
  copyFileSync(join(ROOT, validator), join(BUILD, validator));
  return BUILD;
}

/** Writes a result file under bench/results/ and returns its path. */
export function writeResult(name, result) {
  const file = join(ROOT, 'bench', 'results', name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

/** The median of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
