#!/usr/bin/env node
// The wirepin CLI. The compiled code lives in dist/ (built by `npm run build`,
// which `npm ci` runs through the prepare script).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('wirepin: dist/ is missing. Run `npm run build` (npm ci runs it for you).\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
