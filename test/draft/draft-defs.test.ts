/**
 * `contract from-go` on a package with shared and recursive struct types: each
 * such type is drafted once under `$defs` and referred to with `$ref` (nullable
 * as anyOf [$ref, null]); a type used once is spelled out in place. Round trip:
 * decide every flag, then lint and pin pass.
 */
import { describe, expect, it } from 'vitest';
import { fibonacciGraph } from '../../bench/lib/go-graphs.js';
import { runCli, runCliJson, scratchCopy } from '../support/run-cli.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Sets "cp_consumes": true on every property at every depth, the root's and each definition's. */
function decideAll(schema: Json): void {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return;
  const properties = schema['properties'];
  if (properties !== null && typeof properties === 'object' && !Array.isArray(properties)) {
    for (const field of Object.values(properties)) {
      if (field !== null && typeof field === 'object' && !Array.isArray(field)) field['cp_consumes'] = true;
      decideAll(field);
    }
  }
  for (const key of ['items', 'additionalProperties']) decideAll(schema[key] ?? null);
  const defs = schema['$defs'];
  if (defs !== null && typeof defs === 'object' && !Array.isArray(defs))
    for (const def of Object.values(defs)) decideAll(def);
}

describe('contract from-go with shared and recursive types', () => {
  it('drafts Node and Owner once under $defs, Team in place, and the decided draft lints and pins clean', async () => {
    const s = scratchCopy(['test/fixtures/defs-tree']);
    try {
      const draft = await runCli(
        ['contract', 'from-go', 'test/fixtures/defs-tree', '--type', 'Tree', '--endpoint', 'POST /trees'],
        { cwd: s.dir },
      );
      expect(draft.exit).toBe(0);
      const contract = JSON.parse(draft.stdout) as { [key: string]: Json };
      expect(Object.keys(contract['$defs'] as object)).toEqual(['Node', 'Owner']);
      const properties = contract['properties'] as { [key: string]: Json };
      expect(properties['root']).toEqual({ $ref: '#/$defs/Node' });
      expect(properties['spare']).toEqual({ anyOf: [{ $ref: '#/$defs/Node' }, { type: 'null' }] });
      const owner = (contract['$defs'] as { [key: string]: { properties: { [key: string]: Json } } })['Owner'];
      expect((owner?.properties['team'] as { [key: string]: Json })['type']).toBe('object');
      // Undecided, the draft fails lint like any draft.
      s.write('tree.contract.json', draft.stdout);
      expect((await runCli(['lint', 'tree.contract.json'], { cwd: s.dir })).exit).toBe(1);
      decideAll(contract);
      s.write('tree.contract.json', `${JSON.stringify(contract, null, 2)}\n`);
      expect((await runCliJson(['lint', 'tree.contract.json'], { cwd: s.dir })).findings).toEqual([]);
      const pin = await runCliJson(
        ['pin', '--contract', 'tree.contract.json', '--go', 'test/fixtures/defs-tree', '--type', 'Tree'],
        { cwd: s.dir },
      );
      expect(pin.findings).toEqual([]);
      expect(pin.exit).toBe(0);
    } finally {
      s.cleanup();
    }
  });

  it('drafts a 20-type Fibonacci graph with one definition per shared type, and it pins clean', async () => {
    const s = scratchCopy([]);
    try {
      s.write('graph/graph.go', fibonacciGraph(20)['graph.go'] ?? '');
      const draft = await runCli(['contract', 'from-go', 'graph', '--type', 'T0', '--endpoint', 'POST /graph'], {
        cwd: s.dir,
      });
      expect(draft.exit).toBe(0);
      const contract = JSON.parse(draft.stdout) as { [key: string]: Json };
      // T1 is reached only from T0 (spelled out in place); T2..T19 from two types each.
      expect(Object.keys(contract['$defs'] as object)).toEqual(Array.from({ length: 18 }, (_, i) => `T${i + 2}`));
      decideAll(contract);
      s.write('graph.contract.json', JSON.stringify(contract));
      expect((await runCliJson(['lint', 'graph.contract.json'], { cwd: s.dir })).findings).toEqual([]);
      expect(
        (
          await runCliJson(['pin', '--contract', 'graph.contract.json', '--go', 'graph', '--type', 'T0'], {
            cwd: s.dir,
          })
        ).exit,
      ).toBe(0);
    } finally {
      s.cleanup();
    }
  });
});
