/**
 * Every lint finding on every contract-shaped fixture (test/fixtures/rules/<ID>/*.json),
 * the shipped contract, the diff fixtures and the hostile corpus, with rule, place,
 * pointer and data (never the message), and the field table each normalizes to.
 * Tables: test/contract/tables/*.json.
 */
import { describe, expect, it } from 'vitest';
import { analyzeContractFile } from '../../src/run/analyze.js';
import type { ContractField } from '../../src/contract/field-table.js';
import { errorFacts, expectTable, findingFacts, listDir, REPO_ROOT } from '../support/facts.js';

async function lintAll(dirs: readonly string[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const dir of dirs) {
    // Consumption traces sit next to contracts in the guard rules' folders; they are not contracts.
    for (const name of listDir(dir).filter((n) => n.endsWith('.json') && !n.endsWith('.trace.json'))) {
      const path = `${dir}/${name}`;
      out.push(path);
      try {
        const analyzed = await analyzeContractFile(path, REPO_ROOT);
        out.push(...analyzed.findings.map(findingFacts));
        const row = (f: ContractField): string =>
          `${f.pointer}:${JSON.stringify(f.type)}:${f.required ? 'req' : 'opt'}:${String(f.consumes)}`;
        out.push(`  fields: ${[...(analyzed.model?.fields.values() ?? [])].map(row).join(' ')}`);
        // A definition's table, one line each, only where the contract has `$defs`.
        for (const def of analyzed.model?.defs.values() ?? [])
          out.push(
            `  $defs/${def.name}${def.problem === undefined ? '' : ' (unusable)'}: ${[...def.fields.values()].map(row).join(' ')}`,
          );
      } catch (error) {
        out.push(errorFacts(error));
      }
    }
  }
  return out;
}

describe('every lint finding on the fixtures', () => {
  it('on the rule fixtures', async () => {
    const dirs = listDir('test/fixtures/rules').map((id) => `test/fixtures/rules/${id}`);
    expectTable(await lintAll(dirs), 'test/contract/tables/rule-fixtures.json');
  });

  it('on the shipped contract, the diff fixtures and the hostile corpus', async () => {
    const diffDirs = listDir('test/fixtures/diff').map((name) => `test/fixtures/diff/${name}`);
    expectTable(
      await lintAll(['contracts', 'test/hostile/corpus/contracts', ...diffDirs]),
      'test/contract/tables/other-contracts.json',
    );
  });
});
