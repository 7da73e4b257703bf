/**
 * `wirepin diff` and `wirepin sync` over every scenario under test/fixtures/diff
 * (and contracts added or deleted), as data: exit code per --fail-on, and the
 * JSON report without its wording (classes, counts, every change's rule, place,
 * pointer, field, before/after, related place). Tables in test/diff/tables/;
 * the wording of each format is pinned by the goldens (test/diff/golden.test.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { analyzeContractFile } from '../../src/run/analyze.js';
import { diffContracts } from '../../src/run/diff-engine.js';
import { DIFF_RENDERERS } from '../../src/render/diff/index.js';
import type { DiffReport } from '../../src/run/diff-report.js';
import { reportFails } from '../../src/run/diff-report.js';
import { cliFacts, expectTable, listDir, REPO_ROOT, withoutWording } from '../support/facts.js';
import { runCli } from '../support/run-cli.js';

const CONTRACT = 'contracts/provision_request.contract.json';

async function cli(args: readonly string[], env: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const full = [...args, '--format', 'json'];
  return cliFacts(full, await runCli(full, { cwd: REPO_ROOT, env }));
}

/** Exit code only: the report is the same as the row before it but for `failOn` and `failed`. */
async function exitOf(args: readonly string[]): Promise<Record<string, unknown>> {
  const run = await runCli([...args, '--format', 'json'], { cwd: REPO_ROOT });
  const report = JSON.parse(run.stdout || '{}') as { failed?: boolean };
  return { args: args.join(' '), exit: run.exit, failed: report.failed };
}

describe('every report of diff and sync on the fixtures', () => {
  it('diff BASE HEAD, with each --fail-on', async () => {
    const rows: unknown[] = [];
    for (const name of listDir('test/fixtures/diff')) {
      const base = `test/fixtures/diff/${name}/base.contract.json`;
      const head = `test/fixtures/diff/${name}/head.contract.json`;
      if (!existsSync(join(REPO_ROOT, base)) || !existsSync(join(REPO_ROOT, head))) continue;
      rows.push(await cli(['diff', base, head], { WIREPIN_DOCS_URL: 'https://example.test/docs/rules/' }));
      for (const failOn of ['needs-both-sides', 'any'])
        rows.push(await exitOf(['diff', base, head, '--fail-on', failOn]));
    }
    rows.push(await cli(['diff', CONTRACT]));
    rows.push(await cli(['diff', CONTRACT, 'test/hostile/corpus/contracts/proto-required.contract.json']));
    expectTable(rows, 'test/diff/tables/diff-reports.json');
  }, 60_000);

  it('a contract added or deleted', async () => {
    const rows: unknown[] = [];
    for (const name of listDir('test/fixtures/diff')) {
      const basePath = `test/fixtures/diff/${name}/base.contract.json`;
      const headPath = `test/fixtures/diff/${name}/head.contract.json`;
      const base = existsSync(join(REPO_ROOT, basePath)) ? await analyzeContractFile(basePath, REPO_ROOT) : undefined;
      const head = existsSync(join(REPO_ROOT, headPath)) ? await analyzeContractFile(headPath, REPO_ROOT) : undefined;
      if (base && head) continue;
      const findings = diffContracts(base, head);
      for (const failOn of ['breaking', 'any'] as const) {
        const report: DiffReport = {
          command: 'diff',
          subject: name,
          findings,
          failOn,
          compared: [{ base: base?.file, head: head?.file, file: head?.file ?? base?.file ?? name }],
          framing: 'Changes',
          sides: { base: 'base', head: 'head' },
        };
        rows.push({
          case: name,
          failOn,
          fails: reportFails(report),
          report: withoutWording(JSON.parse(DIFF_RENDERERS.json(report, { color: false, docsBase: 'docs/rules' }))),
        });
      }
    }
    expectTable(rows, 'test/diff/tables/added-deleted.json');
  });

  it('sync MIRROR SOURCE', async () => {
    const rows: unknown[] = [];
    for (const name of listDir('test/fixtures/diff')) {
      const base = `test/fixtures/diff/${name}/base.contract.json`;
      const head = `test/fixtures/diff/${name}/head.contract.json`;
      if (!existsSync(join(REPO_ROOT, base)) || !existsSync(join(REPO_ROOT, head))) continue;
      rows.push(await cli(['sync', head, base]));
    }
    rows.push(await cli(['sync', CONTRACT, CONTRACT]));
    rows.push(await cli(['sync', CONTRACT, 'test/hostile/corpus/contracts/lone-surrogate-escape.contract.json']));
    expectTable(rows, 'test/diff/tables/sync-reports.json');
  }, 60_000);
});
