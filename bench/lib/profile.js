// Runs one wirepin command under `node --cpu-prof` and summarises where the
// CPU time went: self time per function (with its file) and per module
// (a src/ file, or the npm package for node_modules), from the V8 profile.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

function moduleOf(url, root) {
  if (!url) return '(native / V8)';
  // web-tree-sitter runs two WebAssembly modules: its runtime and the Go grammar.
  if (url.startsWith('wasm://')) return `wasm:tree-sitter (${url.slice(url.lastIndexOf('/') + 1)})`;
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  if (path.startsWith('node:') || !path.startsWith('/')) return `node:${path.replace(/^node:/u, '')}`;
  const packaged = /node_modules\/((?:@[^/]+\/)?[^/]+)/u.exec(path);
  if (packaged) return `npm:${packaged[1]}`;
  return relative(root, path).replace(/^dist\//u, 'src/(dist) ');
}

/**
 * Profiles `node bin/wirepin.js ...args` once in `cwd`. Returns
 * { totalMs, functions: [{ name, module, ms }], modules: [{ module, ms }] }.
 */
export function profileWirepin(root, args, { cwd, dir, top = 10 }) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const run = spawnSync(
    process.execPath,
    ['--cpu-prof', '--cpu-prof-dir', dir, join(root, 'bin', 'wirepin.js'), ...args],
    {
      cwd,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file)
    throw new Error(
      `no CPU profile written for wirepin ${args.join(' ')} (exit ${run.status})\n${run.stderr.slice(0, 1000)}`,
    );
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const functions = new Map();
  const modules = new Map();
  let totalMs = 0;
  for (const [id, ms] of self) {
    const frame = byId.get(id)?.callFrame ?? {};
    const module = moduleOf(frame.url, root);
    const name = frame.functionName || '(anonymous)';
    const key = `${name}\u0000${module}:${frame.lineNumber ?? 0}`;
    const entry = functions.get(key) ?? {
      name,
      module: `${module}${frame.url ? `:${(frame.lineNumber ?? 0) + 1}` : ''}`,
      ms: 0,
    };
    entry.ms += ms;
    functions.set(key, entry);
    modules.set(module, (modules.get(module) ?? 0) + ms);
    totalMs += ms;
  }
  const round = (x) => Math.round(x * 10) / 10;
  return {
    command: `wirepin ${args.join(' ')}`,
    exit: run.status,
    totalMs: round(totalMs),
    functions: [...functions.values()]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top)
      .map((f) => ({ ...f, ms: round(f.ms) })),
    modules: [...modules]
      .map(([module, ms]) => ({ module, ms: round(ms) }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top),
  };
}
