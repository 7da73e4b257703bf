/**
 * One crafted base/head pair that triggers every diff rule and its variants
 * (removed consumed, dead-required and dead-optional fields, a possible rename,
 * an object that became a string, a removed object with nested fields, both
 * nullability flips, required flips, consumes flips, notes and descriptions
 * added, changed and removed, the endpoint and both side types), run through
 * `wirepin diff` and `wirepin sync` (render-shapes.test.ts renders it in every
 * format). The reports are rows of test/diff/tables/every-change.json, as data
 * (never the sentences).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeContractText } from '../../src/run/analyze.js';
import { runCli } from '../support/run-cli.js';
import { BASE, HEAD } from './every-change-contracts.js';
import { cliFacts, expectTable, findingFacts } from '../support/facts.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wirepin-everything-'));
  writeFileSync(join(dir, 'base.contract.json'), BASE);
  writeFileSync(join(dir, 'head.contract.json'), HEAD);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `--format json`, as data: exit code, where stderr points, the report without its sentences. */
async function cli(args: readonly string[], env: Record<string, string> = {}): Promise<unknown> {
  const full = [...args, '--format', 'json'];
  return cliFacts(full, await runCli(full, { cwd: dir, env }));
}

describe('a change of every kind', () => {
  it('lints clean on both sides', () => {
    for (const text of [BASE, HEAD])
      expect(analyzeContractText({ file: 'x.contract.json', text }).findings.map(findingFacts)).toEqual([]);
  });

  it('is reported by diff (with each --fail-on) and by sync', async () => {
    const out: unknown[] = [];
    out.push(await cli(['diff', 'base.contract.json', 'head.contract.json']));
    for (const failOn of ['needs-both-sides', 'any'])
      out.push(await cli(['diff', 'base.contract.json', 'head.contract.json', '--fail-on', failOn]));
    out.push(await cli(['sync', 'head.contract.json', 'base.contract.json']));
    expectTable(out, 'test/diff/tables/every-change.json');
  }, 60_000);
});
