#!/usr/bin/env node
// The wirepin CLI. The compiled code lives in dist/ (built by `npm run build`,
// which `npm ci` runs through the prepare script); the CLI runs from its
// bundle, dist/bundle/ (scripts/bundle-cli.js), which starts faster.
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// wirepin compiles tree-sitter's Go grammar (WebAssembly) once per run and
// throws it away; V8's optimising tier would only delay the exit.
setFlagsFromString('--liftoff-only');

// `generate` runs json-schema-to-typescript and prettier, which build large,
// short-lived trees (about 90 MB live for a 10,000-field contract while little
// else is). V8's default heap growth lets garbage pile up to about twice that
// before a full collection; growing the heap by at most 10% per collection
// keeps peak memory near what is live, for a few percent more CPU time.
// (BENCHMARKS.md: peak RSS of generate on 10,000 fields.)
if (process.argv.slice(2).find((arg) => !arg.startsWith('-')) === 'generate')
  setFlagsFromString('--heap-growing-percent=10');

const entry = new URL('../dist/bundle/wirepin.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('wirepin: dist/ is missing. Run `npm run build` (npm ci runs it for you).\n');
  process.exit(2);
}
const { main } = await import(entry.href);
const code = await main(process.argv.slice(2));
// Exit now rather than wait for background compiler threads; stdout and
// stderr writes to files and pipes are synchronous on Linux and macOS.
process.exit(code);
