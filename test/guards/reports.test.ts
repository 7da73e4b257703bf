/**
 * `wirepin pin` and `wirepin consumes` on the demo sources (Go, TypeScript, a
 * JSON sample) and on the wrong sides, as data: exit code and the JSON report
 * without its wording. Table: test/guards/tables/guard-reports.json.
 */
import { describe, it } from 'vitest';
import { cliFacts, expectTable, REPO_ROOT } from '../support/facts.js';
import { runCli } from '../support/run-cli.js';

const CONTRACT = 'contracts/provision_request.contract.json';

describe('every report of pin and consumes on the demo sources', () => {
  it('Go, TypeScript, JSON sample and the wrong sides', async () => {
    const runs: string[][] = [
      ['pin', '--contract', CONTRACT, '--go', 'producer/go', '--type', 'cpProvisionRequest'],
      ['pin', '--contract', CONTRACT, '--go', 'consumer/go', '--type', 'wsProvisionRequest'],
      ['consumes', '--contract', CONTRACT, '--go', 'consumer/go', '--type', 'wsProvisionRequest'],
      ['consumes', '--contract', CONTRACT, '--go', 'producer/go', '--type', 'cpProvisionRequest'],
      ['pin', '--contract', CONTRACT, '--ts', 'test/fixtures/ts/provision/producer.ts', '--type', 'CpProvisionRequest'],
      [
        'consumes',
        '--contract',
        CONTRACT,
        '--ts',
        'test/fixtures/ts/provision/consumer.ts',
        '--type',
        'WsProvisionRequest',
      ],
      ['pin', '--contract', CONTRACT, '--json', 'test/fixtures/json/provision_request.sample.json'],
      ['pin', '--contract', CONTRACT, '--json', 'test/fixtures/json/nested.json'],
      ['pin', '--contract', CONTRACT, '--go', 'test/fixtures/go/custom-marshaler', '--type', 'Wrapper'],
      ['pin', '--contract', CONTRACT, '--go', 'test/fixtures/go/other-package', '--type', 'Priced'],
      ['consumes', '--contract', CONTRACT, '--go', 'test/fixtures/go/other-package', '--type', 'Priced'],
      [
        'pin',
        '--contract',
        'test/fixtures/rules/SCHEMA_INVALID/bad-type-typo.contract.json',
        '--go',
        'producer/go',
        '--type',
        'cpProvisionRequest',
      ],
    ];
    const rows: unknown[] = [];
    for (const args of runs) {
      const full = [...args, '--format', 'json'];
      rows.push(cliFacts(full, await runCli(full, { cwd: REPO_ROOT })));
    }
    expectTable(rows, 'test/guards/tables/guard-reports.json');
  }, 60_000);
});
