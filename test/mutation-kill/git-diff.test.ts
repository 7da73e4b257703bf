/**
 * `wirepin diff --against REF` and `wirepin sync MIRROR REF:PATH` in a
 * throwaway git repository: contracts changed, added, deleted and unreadable
 * at the ref, a ref that does not exist, a directory that is not a
 * repository. Every report (and error) is pinned in a snapshot, with the
 * temporary path replaced. See support.ts for why and how to update.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, tempRepo, type TempRepo } from '../diff/git-repo.js';
import { runCli } from '../support/run-cli.js';
import { REPO_ROOT } from './support.js';

const fixture = (name: string, side: 'base' | 'head'): string => readFileSync(join(REPO_ROOT, 'test/fixtures/diff', name, `${side}.contract.json`), 'utf8');

let repo: TempRepo;
let outside = '';

beforeAll(() => {
  repo = tempRepo();
  repo.write('contracts/a.contract.json', fixture('became-optional', 'base'));
  repo.write('contracts/b.contract.json', fixture('field-removed-consumed', 'base'));
  repo.write('contracts/gone.contract.json', fixture('contract-removed', 'base'));
  repo.write('contracts/same.contract.json', fixture('key-order', 'base'));
  repo.write('README.md', 'not a contract\n');
  repo.commitAll('base');
  repo.git('tag', 'v1');
  repo.write('contracts/broken.contract.json', '{ "title": ');
  repo.commitAll('a broken contract');
  repo.git('tag', 'v2');
  repo.write('contracts/a.contract.json', fixture('became-optional', 'head'));
  repo.write('contracts/b.contract.json', fixture('field-removed-consumed', 'head'));
  repo.remove('contracts/gone.contract.json');
  repo.write('contracts/new.contract.json', fixture('contract-added', 'head'));
  repo.write('contracts/same.contract.json', fixture('key-order', 'head'));
  repo.remove('contracts/broken.contract.json');
  outside = tempDir('wirepin-not-a-repo-');
});

afterAll(() => repo?.cleanup());

async function cli(args: readonly string[], cwd: string): Promise<string> {
  const run = await runCli(args, { cwd });
  const text = `$ wirepin ${args.join(' ')}\nexit ${run.exit}\n${run.stdout}${run.stderr ? `stderr: ${run.stderr}` : ''}`;
  return text.replaceAll(repo.dir, '<repo>').replaceAll(outside, '<outside>');
}

describe('diff and sync against a git ref', () => {
  it('reports every kind of change, in every format, and the errors', async () => {
    const out: string[] = [];
    for (const format of ['text', 'json', 'markdown', 'github']) out.push(await cli(['diff', '--against', 'v1', '--format', format], repo.dir));
    out.push(await cli(['diff', '--against', 'v1', '--fail-on', 'any'], repo.dir));
    out.push(await cli(['diff', '--against', 'v1', '--fail-on', 'needs-both-sides', '--format', 'markdown'], repo.dir));
    out.push(await cli(['diff', '--against', 'v1', 'contracts/a.contract.json', 'contracts/same.contract.json', '--format', 'json'], repo.dir));
    out.push(await cli(['diff', '--against', 'v1', 'contracts/nowhere.contract.json'], repo.dir));
    out.push(await cli(['diff', '--against', 'v2', 'contracts/broken.contract.json'], repo.dir));
    out.push(await cli(['diff', '--against', 'main'], repo.dir));
    out.push(await cli(['diff', '--against', 'no-such-ref'], repo.dir));
    out.push(await cli(['diff', '--against', 'main~3'], repo.dir));
    out.push(await cli(['diff', '--against', 'main'], outside));
    out.push(await cli(['diff', 'contracts/a.contract.json'], repo.dir));
    out.push(await cli(['sync', 'contracts/same.contract.json', 'v1:contracts/same.contract.json'], repo.dir));
    out.push(await cli(['sync', 'contracts/a.contract.json', 'v1:contracts/a.contract.json', '--format', 'json'], repo.dir));
    out.push(await cli(['sync', 'contracts/b.contract.json', 'v1:contracts/b.contract.json', '--format', 'markdown'], repo.dir));
    out.push(await cli(['sync', 'contracts/a.contract.json', 'main:contracts/missing.contract.json'], repo.dir));
    out.push(await cli(['sync', 'contracts/a.contract.json', 'nope:contracts/a.contract.json'], repo.dir));
    out.push(await cli(['sync', 'contracts/a.contract.json', 'main:contracts/broken.contract.json'], repo.dir));
    await expect(out.join('\n')).toMatchFileSnapshot('__snapshots__/git-diff.txt');
  }, 60_000);
});
