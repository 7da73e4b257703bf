/**
 * Pins the whole report, in every format, of `wirepin diff` and `wirepin sync`
 * over every diff fixture (and of contracts added or deleted, through the
 * library), and of `pin`/`consumes` over the demo sources, the TypeScript
 * provision fixture and the JSON sample. See support.ts for why and how to update.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeContractFile } from '../../src/run/analyze.js';
import { diffContracts } from '../../src/run/diff-engine.js';
import { DIFF_RENDERERS } from '../../src/render/diff/index.js';
import type { DiffReport } from '../../src/run/diff-report.js';
import { reportFails } from '../../src/run/diff-report.js';
import { runCli } from '../support/run-cli.js';
import { listDir, REPO_ROOT } from './support.js';

const FORMATS = ['text', 'json', 'markdown', 'github'] as const;
const CONTRACT = 'contracts/provision_request.contract.json';

async function cli(args: readonly string[], env: Record<string, string> = {}): Promise<string> {
  const run = await runCli(args, { cwd: REPO_ROOT, env });
  return `$ wirepin ${args.join(' ')}\nexit ${run.exit}\n${run.stdout}${run.stderr ? `stderr: ${run.stderr}` : ''}`;
}

describe('every report of diff and sync on the fixtures', () => {
  it('diff BASE HEAD, in every format, with each --fail-on', async () => {
    const out: string[] = [];
    for (const name of listDir('test/fixtures/diff')) {
      const base = `test/fixtures/diff/${name}/base.contract.json`;
      const head = `test/fixtures/diff/${name}/head.contract.json`;
      if (!existsSync(join(REPO_ROOT, base)) || !existsSync(join(REPO_ROOT, head))) continue;
      for (const format of FORMATS) out.push(await cli(['diff', base, head, '--format', format], { WIREPIN_DOCS_URL: 'https://example.test/docs/rules/' }));
      for (const failOn of ['needs-both-sides', 'any']) out.push(await cli(['diff', base, head, '--fail-on', failOn, '--format', 'json']));
    }
    out.push(await cli(['diff', CONTRACT]));
    out.push(await cli(['diff', CONTRACT, 'test/hostile/corpus/contracts/proto-required.contract.json']));
    await expect(out.join('\n')).toMatchFileSnapshot('__snapshots__/diff-reports.txt');
  }, 60_000);

  it('a contract added or deleted, rendered in every format', async () => {
    const out: string[] = [];
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
        out.push(`${name} --fail-on ${failOn}: fails=${reportFails(report)}`);
        for (const format of FORMATS) out.push(DIFF_RENDERERS[format](report, { color: format === 'text', docsBase: 'docs/rules' }));
      }
    }
    await expect(out.join('\n')).toMatchFileSnapshot('__snapshots__/diff-added-deleted.txt');
  });

  it('sync MIRROR SOURCE, in every format', async () => {
    const out: string[] = [];
    for (const name of listDir('test/fixtures/diff')) {
      const base = `test/fixtures/diff/${name}/base.contract.json`;
      const head = `test/fixtures/diff/${name}/head.contract.json`;
      if (!existsSync(join(REPO_ROOT, base)) || !existsSync(join(REPO_ROOT, head))) continue;
      for (const format of FORMATS) out.push(await cli(['sync', head, base, '--format', format]));
    }
    out.push(await cli(['sync', CONTRACT, CONTRACT]));
    out.push(await cli(['sync', CONTRACT, 'test/hostile/corpus/contracts/lone-surrogate-escape.contract.json']));
    await expect(out.join('\n')).toMatchFileSnapshot('__snapshots__/sync-reports.txt');
  }, 60_000);
});

describe('every report of pin and consumes on the demo sources', () => {
  it('Go, TypeScript, JSON sample and the wrong sides, in text and json', async () => {
    const out: string[] = [];
    const runs: string[][] = [
      ['pin', '--contract', CONTRACT, '--go', 'producer/go', '--type', 'cpProvisionRequest'],
      ['pin', '--contract', CONTRACT, '--go', 'consumer/go', '--type', 'wsProvisionRequest'],
      ['consumes', '--contract', CONTRACT, '--go', 'consumer/go', '--type', 'wsProvisionRequest'],
      ['consumes', '--contract', CONTRACT, '--go', 'producer/go', '--type', 'cpProvisionRequest'],
      ['pin', '--contract', CONTRACT, '--ts', 'test/fixtures/ts/provision/producer.ts', '--type', 'CpProvisionRequest'],
      ['consumes', '--contract', CONTRACT, '--ts', 'test/fixtures/ts/provision/consumer.ts', '--type', 'WsProvisionRequest'],
      ['pin', '--contract', CONTRACT, '--json', 'test/fixtures/json/provision_request.sample.json'],
      ['pin', '--contract', CONTRACT, '--json', 'test/fixtures/json/nested.json'],
      ['pin', '--contract', CONTRACT, '--go', 'test/fixtures/go/custom-marshaler', '--type', 'Wrapper'],
      ['pin', '--contract', CONTRACT, '--go', 'test/fixtures/go/other-package', '--type', 'Priced'],
      ['consumes', '--contract', CONTRACT, '--go', 'test/fixtures/go/other-package', '--type', 'Priced'],
      ['pin', '--contract', 'test/fixtures/rules/SCHEMA_INVALID/bad-type-typo.contract.json', '--go', 'producer/go', '--type', 'cpProvisionRequest'],
    ];
    for (const args of runs) for (const format of ['text', 'json']) out.push(await cli([...args, '--format', format]));
    await expect(out.join('\n')).toMatchFileSnapshot('__snapshots__/guard-reports.txt');
  }, 60_000);
});
