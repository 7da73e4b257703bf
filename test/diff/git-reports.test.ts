/**
 * `wirepin diff --against REF` and `wirepin sync MIRROR REF:PATH` in a
 * throwaway git repository: contracts changed, added, deleted and unreadable
 * at the ref, a ref that does not exist, a directory that is not a
 * repository. Every report (and error) as data (exit code, where stderr points,
 * the JSON report without wording), with the temporary paths replaced; table:
 * test/diff/tables/git-reports.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { cliFacts, expectTable, REPO_ROOT } from '../support/facts.js';
import { tempDir, tempRepo, type TempRepo } from './git-repo.js';
import { runCli } from '../support/run-cli.js';

const fixture = (name: string, side: 'base' | 'head'): string =>
  readFileSync(join(REPO_ROOT, 'test/fixtures/diff', name, `${side}.contract.json`), 'utf8');

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

/** Runs with `--format json` (in place of any other format) and keeps the facts. */
async function cli(args: readonly string[], cwd: string): Promise<unknown> {
  const at = args.indexOf('--format');
  const full = [...(at === -1 ? args : [...args.slice(0, at), ...args.slice(at + 2)]), '--format', 'json'];
  const text = JSON.stringify(cliFacts(full, await runCli(full, { cwd })));
  return JSON.parse(text.replaceAll(repo.dir, '<repo>').replaceAll(outside, '<outside>')) as unknown;
}

describe('diff and sync against a git ref', () => {
  it('reports every kind of change, and the errors', async () => {
    const out: unknown[] = [];
    out.push(await cli(['diff', '--against', 'v1'], repo.dir));
    out.push(await cli(['diff', '--against', 'v1', '--fail-on', 'any'], repo.dir));
    out.push(await cli(['diff', '--against', 'v1', '--fail-on', 'needs-both-sides', '--format', 'markdown'], repo.dir));
    out.push(
      await cli(
        ['diff', '--against', 'v1', 'contracts/a.contract.json', 'contracts/same.contract.json', '--format', 'json'],
        repo.dir,
      ),
    );
    out.push(await cli(['diff', '--against', 'v1', 'contracts/nowhere.contract.json'], repo.dir));
    out.push(await cli(['diff', '--against', 'v2', 'contracts/broken.contract.json'], repo.dir));
    out.push(await cli(['diff', '--against', 'main'], repo.dir));
    out.push(await cli(['diff', '--against', 'no-such-ref'], repo.dir));
    out.push(await cli(['diff', '--against', 'main~3'], repo.dir));
    out.push(await cli(['diff', '--against', 'main'], outside));
    out.push(await cli(['diff', 'contracts/a.contract.json'], repo.dir));
    out.push(await cli(['sync', 'contracts/same.contract.json', 'v1:contracts/same.contract.json'], repo.dir));
    out.push(
      await cli(['sync', 'contracts/a.contract.json', 'v1:contracts/a.contract.json', '--format', 'json'], repo.dir),
    );
    out.push(
      await cli(
        ['sync', 'contracts/b.contract.json', 'v1:contracts/b.contract.json', '--format', 'markdown'],
        repo.dir,
      ),
    );
    out.push(await cli(['sync', 'contracts/a.contract.json', 'main:contracts/missing.contract.json'], repo.dir));
    out.push(await cli(['sync', 'contracts/a.contract.json', 'nope:contracts/a.contract.json'], repo.dir));
    out.push(await cli(['sync', 'contracts/a.contract.json', 'main:contracts/broken.contract.json'], repo.dir));
    expectTable(out, 'test/diff/tables/git-reports.json');
  }, 60_000);
});
