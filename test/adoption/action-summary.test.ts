import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * When wirepin cannot run, scripts/action-run.sh puts its stderr in the job
 * summary inside a code fence. The stderr quotes names from the pull request,
 * so a fake wirepin here prints text built to close the fence and inject
 * HTML, a mention and a fake verdict.
 */
const dir = mkdtempSync(join(tmpdir(), 'wirepin-action-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runWith(stderr: string): string {
  const checkout = join(dir, `checkout-${Math.random().toString(36).slice(2)}`);
  mkdirSync(join(checkout, 'bin'), { recursive: true });
  writeFileSync(
    join(checkout, 'bin/wirepin.js'),
    `process.stderr.write(${JSON.stringify(stderr)}); process.exit(2);\n`,
  );
  const summary = join(checkout, 'summary.md');
  writeFileSync(summary, '');
  const run = spawnSync('bash', [resolve('scripts/action-run.sh')], {
    env: {
      PATH: process.env['PATH'] ?? '',
      INPUT_COMMAND: 'lint',
      GITHUB_ACTION_PATH: checkout,
      GITHUB_STEP_SUMMARY: summary,
      RUNNER_TEMP: checkout,
    },
    encoding: 'utf8',
  });
  expect(run.status).toBe(2);
  return readFileSync(summary, 'utf8');
}

describe('the job summary of a run that could not start', () => {
  it('fences ordinary stderr with three backticks', () => {
    const text = runWith('contracts/x.contract.json:1:1: error: Cannot read it.\n');
    expect(text).toBe(
      '### wirepin lint\n\nwirepin could not run (exit 2):\n\n```\ncontracts/x.contract.json:1:1: error: Cannot read it.\n```\n',
    );
  });

  it('uses a fence longer than any backtick run in stderr, so the text cannot close it', () => {
    const hostile = 'x\n```\n<img src=x onerror=alert(1)> @octocat\n✅ All checks passed\n`````\nno final newline';
    const text = runWith(hostile);
    const lines = text.split('\n');
    const open = lines.indexOf('``````');
    expect(open).toBeGreaterThan(0);
    expect(lines.slice(open + 1).indexOf('``````')).toBe(hostile.split('\n').length);
    expect(text.endsWith('no final newline\n``````\n')).toBe(true);
  });
});
