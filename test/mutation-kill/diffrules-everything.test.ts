/**
 * One crafted base/head pair that triggers every diff rule and its variants
 * (removed consumed, dead-required and dead-optional fields, a possible rename,
 * an object that became a string, a removed object with nested fields, both
 * nullability flips, required flips, consumes flips, notes and descriptions
 * added, changed and removed, the endpoint and both side types), run through
 * `wirepin diff` and `wirepin sync` in every format, and rendered directly
 * with colour, notes and other docs bases. Everything is pinned in
 * __snapshots__/diffrules-everything.txt. See support.ts for why and how to update.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeContractText } from '../../src/run/analyze.js';
import { runCli } from '../support/run-cli.js';
import { BASE, HEAD } from './diffrules-support.js';
import { describeFinding } from './support.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wirepin-everything-'));
  writeFileSync(join(dir, 'base.contract.json'), BASE);
  writeFileSync(join(dir, 'head.contract.json'), HEAD);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: readonly string[], env: Record<string, string> = {}): Promise<string> {
  const run = await runCli(args, { cwd: dir, env });
  return `$ wirepin ${args.join(' ')}\nexit ${run.exit}\n${run.stdout}${run.stderr ? `stderr: ${run.stderr}` : ''}`;
}

describe('a change of every kind', () => {
  it('lints clean on both sides', () => {
    for (const text of [BASE, HEAD]) expect(analyzeContractText({ file: 'x.contract.json', text }).findings.map(describeFinding)).toEqual([]);
  });

  it('is reported by diff and sync in every format', async () => {
    const out: string[] = [];
    for (const format of ['text', 'json', 'markdown', 'github']) out.push(await cli(['diff', 'base.contract.json', 'head.contract.json', '--format', format]));
    for (const failOn of ['needs-both-sides', 'any']) out.push(await cli(['diff', 'base.contract.json', 'head.contract.json', '--fail-on', failOn]));
    out.push(await cli(['diff', 'base.contract.json', 'head.contract.json', '--format', 'markdown'], { WIREPIN_DOCS_URL: 'https://example.test/docs' }));
    for (const format of ['text', 'json', 'markdown', 'github']) out.push(await cli(['sync', 'head.contract.json', 'base.contract.json', '--format', format]));
    await expect(out.join('\n')).toMatchFileSnapshot('__snapshots__/diffrules-everything.txt');
  }, 60_000);
});
