/**
 * Pins every lint finding on every rule fixture (test/fixtures/rules/<ID>/*),
 * the shipped contract and the hostile corpus, with message, data and
 * position, in one readable snapshot. See support.ts for why and how to update.
 */
import { describe, expect, it } from 'vitest';
import { analyzeContractFile } from '../../src/run/analyze.js';
import { describeError, describeFinding, listDir, REPO_ROOT } from './support.js';

async function lintAll(dirs: readonly string[]): Promise<string> {
  const out: string[] = [];
  for (const dir of dirs) {
    for (const name of listDir(dir).filter((n) => n.endsWith('.json'))) {
      const path = `${dir}/${name}`;
      out.push(path);
      try {
        const analyzed = await analyzeContractFile(path, REPO_ROOT);
        out.push(...analyzed.findings.map(describeFinding));
        out.push(`  fields: ${[...(analyzed.model?.fields.values() ?? [])].map((f) => `${f.pointer}:${JSON.stringify(f.type)}:${f.required ? 'req' : 'opt'}:${String(f.consumes)}`).join(' ')}`);
      } catch (error) {
        out.push(describeError(error));
      }
    }
  }
  return `${out.join('\n')}\n`;
}

describe('every lint finding on the fixtures', () => {
  it('on the rule fixtures', async () => {
    const dirs = listDir('test/fixtures/rules').map((id) => `test/fixtures/rules/${id}`);
    await expect(await lintAll(dirs)).toMatchFileSnapshot('__snapshots__/rule-fixtures.txt');
  });

  it('on the shipped contract, the diff fixtures and the hostile corpus', async () => {
    const diffDirs = listDir('test/fixtures/diff').map((name) => `test/fixtures/diff/${name}`);
    await expect(await lintAll(['contracts', 'test/hostile/corpus/contracts', ...diffDirs])).toMatchFileSnapshot('__snapshots__/other-contracts.txt');
  });
});
