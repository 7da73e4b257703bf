#!/usr/bin/env node
// The wirepin CLI. The compiled code lives in dist/ (built by `npm run build`,
// which `npm ci` runs through the prepare script); the CLI runs from its
// bundle, dist/bundle/ (scripts/bundle-cli.js), which starts faster.
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// wirepin compiles tree-sitter's Go grammar (WebAssembly) once per run and
// throws it away; V8's optimising tier would only delay the exit.
setFlagsFromString('--liftoff-only');

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
