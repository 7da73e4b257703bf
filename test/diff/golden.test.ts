import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { DIFF_FIXTURES, fixturePath, REPO_ROOT } from './fixtures.js';

/**
 * The exact wording of `wirepin diff`, pinned once per format on one realistic
 * case: template_assets becomes consumed and a new consumed field "image"
 * appears. Regenerate with UPDATE_GOLDEN=1 and read the diff of the goldens.
 */
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const CASE = 'realistic';
const FORMATS = { markdown: 'md', text: 'txt', json: 'json', github: 'github' } as const;

describe(`golden output of wirepin diff on ${DIFF_FIXTURES}/${CASE}`, () => {
  it.each(Object.entries(FORMATS))('%s matches expected.%s', async (format, extension) => {
    const run = await runCli(['diff', fixturePath(CASE, 'base'), fixturePath(CASE, 'head'), '--format', format], {
      cwd: REPO_ROOT,
    });
    expect(run.exit).toBe(0);
    expect(run.stderr).toBe('');
    const golden = join(REPO_ROOT, DIFF_FIXTURES, CASE, `expected.${extension}`);
    if (UPDATE) writeFileSync(golden, run.stdout);
    expect(existsSync(golden), `${golden} is missing; run with UPDATE_GOLDEN=1`).toBe(true);
    expect(run.stdout).toBe(readFileSync(golden, 'utf8'));
  });

  it('is byte-identical across runs', async () => {
    const args = ['diff', fixturePath(CASE, 'base'), fixturePath(CASE, 'head'), '--format', 'markdown'];
    expect((await runCli(args, { cwd: REPO_ROOT })).stdout).toBe((await runCli(args, { cwd: REPO_ROOT })).stdout);
  });
});
