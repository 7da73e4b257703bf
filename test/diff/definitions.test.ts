/**
 * diff and sync on contracts with shared definitions (`$defs`): a change inside
 * a definition is reported once with the payload paths that use it; a
 * definition added or removed is one change; an inline object that became a
 * reference with the same fields is no wire change; a reference retargeted to
 * another definition compares the two definitions' fields; recursion (direct,
 * mutual) ends; the use list is bounded. Facts only; the wording is pinned by
 * test/fixtures/defs/expected.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContractChange } from '../../src/diff/change.js';
import { definitionUses, pairContracts, USE_PATH_LIMIT } from '../../src/diff/pair.js';
import { diffContracts } from '../../src/run/diff-engine.js';
import { syncContracts } from '../../src/run/sync-engine.js';
import { analyzeContractFile, type AnalyzedContract } from '../../src/run/analyze.js';
import { runCli } from '../support/run-cli.js';
import { contractFromText, REPO_ROOT } from './fixtures.js';

const DIR = 'test/fixtures/defs';
const load = (name: string): Promise<AnalyzedContract> =>
  analyzeContractFile(`${DIR}/${name}.contract.json`, REPO_ROOT);

/** A change as data: what a reviewer's table row and a machine read, never the sentence. */
function facts(c: ContractChange): Record<string, unknown> {
  const { rule, line, column, path, field } = c;
  const { class: changeClass, kind, pointer, before, after, def, uses, moreUses, usesComplete, nested } = c.data;
  return {
    rule,
    class: changeClass,
    kind,
    field,
    pointer,
    path,
    line,
    column,
    before,
    after,
    nested,
    def,
    uses,
    moreUses,
    usesComplete,
  };
}

async function diff(base: string, head: string): Promise<Record<string, unknown>[]> {
  return diffContracts(await load(base), await load(head)).map(facts);
}

describe('diff with $defs', () => {
  it('lints every fixture clean', async () => {
    for (const name of ['base', 'inline', 'head-address-changed', 'head-retargeted', 'head-recursive-changed']) {
      expect((await load(name)).findings, name).toEqual([]);
    }
  });

  it('reports a change inside a shared definition once, with every path that uses it', async () => {
    const uses = { def: 'Address', uses: ['/ship_to', '/bill_to', '/pickup'], moreUses: 0, usesComplete: true };
    expect(await diff('base', 'head-address-changed')).toEqual([
      {
        rule: 'FIELD_REMOVED',
        class: 'breaking',
        kind: 'consumed',
        field: '$defs.Address.city',
        pointer: '/city',
        path: '/$defs/Address/properties',
        line: 70,
        column: 7,
        before: 'string',
        after: null,
        nested: 0,
        ...uses,
      },
      {
        rule: 'FIELD_ADDED',
        class: 'needs-both-sides',
        kind: 'consumed',
        field: '$defs.Address.country',
        pointer: '/country',
        path: '/$defs/Address/properties/country',
        line: 81,
        column: 9,
        before: null,
        after: 'string',
        nested: 0,
        ...uses,
      },
    ]);
  });

  it('lists a recursive use once and ends; reports a definition removed once, with where it was used', async () => {
    expect(await diff('base', 'head-recursive-changed')).toEqual([
      {
        rule: 'FIELD_TYPE_CHANGED',
        class: 'breaking',
        kind: 'changed',
        field: '$defs.Category.name',
        pointer: '/name',
        path: '/$defs/Category/properties/name/type',
        line: 96,
        column: 11,
        before: 'string',
        after: 'integer',
        nested: 0,
        def: 'Category',
        uses: ['/category', '/category/parent', '/category/children/*'],
        moreUses: 0,
        usesComplete: true,
      },
      {
        rule: 'FIELD_REMOVED',
        class: 'breaking',
        kind: 'consumed',
        field: '$defs.Left.right',
        pointer: '/right',
        path: '/$defs/Left/properties',
        line: 122,
        column: 7,
        before: 'object',
        after: null,
        nested: 0,
        def: 'Left',
        uses: ['/left'],
        moreUses: 0,
        usesComplete: true,
      },
      {
        rule: 'FIELD_ADDED',
        class: 'needs-both-sides',
        kind: 'consumed',
        field: '$defs.Left.label',
        pointer: '/label',
        path: '/$defs/Left/properties/label',
        line: 123,
        column: 9,
        before: null,
        after: 'string',
        nested: 0,
        def: 'Left',
        uses: ['/left'],
        moreUses: 0,
        usesComplete: true,
      },
      // Right was used through Left (mutual recursion): its use ends where Left comes round again.
      {
        rule: 'FIELD_REMOVED',
        class: 'safe',
        kind: 'definition',
        field: '$defs.Right',
        pointer: '',
        path: '/$defs',
        line: 63,
        column: 3,
        before: '$defs.Right',
        after: null,
        nested: 2,
        def: 'Right',
        uses: ['/left/right'],
        moreUses: 0,
        usesComplete: true,
      },
    ]);
  });

  it('reports an inline object that became a reference with the same fields as a safe shape move and nothing else, both ways', async () => {
    const moved = {
      rule: 'FIELD_TYPE_CHANGED',
      class: 'safe',
      kind: 'shape-moved',
      field: 'ship_to',
      pointer: '/ship_to',
      nested: undefined,
      def: undefined,
      uses: undefined,
      moreUses: undefined,
      usesComplete: undefined,
    };
    expect(await diff('inline', 'base')).toEqual([
      { ...moved, path: '/properties/ship_to', line: 13, column: 5, before: 'object', after: '$defs.Address' },
    ]);
    expect(await diff('base', 'inline')).toEqual([
      { ...moved, path: '/properties/ship_to', line: 33, column: 5, before: '$defs.Address', after: 'object' },
    ]);
  });

  it('compares a retargeted reference field by field against the new definition, and reports the new definition once', async () => {
    const atBillTo = { nested: 0, def: undefined, uses: undefined, moreUses: undefined, usesComplete: undefined };
    expect(await diff('base', 'head-retargeted')).toEqual([
      {
        rule: 'CONSUMES_FLIPPED',
        class: 'needs-both-sides',
        kind: 'became-alive',
        field: 'bill_to.zip',
        pointer: '/bill_to/zip',
        path: '/$defs/BillingAddress/properties/zip/cp_consumes',
        line: 162,
        column: 11,
        before: 'dead',
        after: 'consumed',
        ...atBillTo,
        nested: undefined,
      },
      {
        rule: 'FIELD_ADDED',
        class: 'needs-both-sides',
        kind: 'consumed',
        field: 'bill_to.vat',
        pointer: '/bill_to/vat',
        path: '/$defs/BillingAddress/properties/vat',
        line: 164,
        column: 9,
        before: null,
        after: 'string',
        ...atBillTo,
      },
      {
        rule: 'FIELD_TYPE_CHANGED',
        class: 'safe',
        kind: 'shape-moved',
        field: 'bill_to',
        pointer: '/bill_to',
        path: '/properties/bill_to',
        line: 38,
        column: 5,
        before: '$defs.Address',
        after: '$defs.BillingAddress',
        ...atBillTo,
        nested: undefined,
      },
      {
        rule: 'FIELD_ADDED',
        class: 'safe',
        kind: 'definition',
        field: '$defs.BillingAddress',
        pointer: '',
        path: '/$defs/BillingAddress',
        line: 143,
        column: 5,
        before: null,
        after: '$defs.BillingAddress',
        nested: 4,
        def: 'BillingAddress',
        uses: ['/bill_to'],
        moreUses: 0,
        usesComplete: true,
      },
    ]);
  });

  it('agrees with sync: the mirror behind its source has exactly the changes diff reports, and no unexplained drift', async () => {
    const base = await load('base');
    for (const name of ['inline', 'head-address-changed', 'head-retargeted', 'head-recursive-changed']) {
      const head = await load(name);
      const key = (c: ContractChange): string => `${c.rule} ${c.data.kind} ${c.data.def ?? ''} ${c.data.pointer}`;
      const sync = syncContracts(base, head);
      expect(sync.inSync, name).toBe(false);
      expect(sync.changes.map(key), name).toEqual(diffContracts(base, head).map(key));
      expect(
        sync.drift.map((d) => d.data),
        name,
      ).toEqual([]);
    }
  });

  it('finds nothing between a contract and itself, and is byte-stable', async () => {
    expect(await diff('base', 'base')).toEqual([]);
    const args = [
      'diff',
      `${DIR}/base.contract.json`,
      `${DIR}/head-recursive-changed.contract.json`,
      '--format',
      'markdown',
    ];
    expect((await runCli(args, { cwd: REPO_ROOT })).stdout).toBe((await runCli(args, { cwd: REPO_ROOT })).stdout);
  });
});

/** A contract whose definitions D0 … D(n-1) each point at the next two: the paths from the root grow like Fibonacci(n). */
function denseGraph(n: number, change = false): string {
  const defs: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const properties: Record<string, unknown> = {
      v: { type: change && i === n - 1 ? 'integer' : 'string', cp_consumes: true },
    };
    if (i + 1 < n) properties['a'] = { $ref: `#/$defs/D${i + 1}`, cp_consumes: true };
    if (i + 2 < n) properties['b'] = { $ref: `#/$defs/D${i + 2}`, cp_consumes: true };
    defs[`D${i}`] = { type: 'object', additionalProperties: false, properties };
  }
  return JSON.stringify(
    {
      title: 'Graph',
      endpoint: 'POST /graph',
      producer: { name: 'orders', repo: 'orders', type: 'Graph' },
      consumer: { name: 'billing', repo: 'billing', type: 'Graph' },
      type: 'object',
      additionalProperties: false,
      properties: { root: { $ref: '#/$defs/D0', cp_consumes: true } },
      $defs: defs,
    },
    null,
    2,
  );
}

describe('use paths stay bounded', () => {
  it('lists the first paths and counts the rest on a small graph', () => {
    const model = contractFromText('g.contract.json', denseGraph(6)).model;
    if (!model) throw new Error('no model');
    // D5 is reached along Fibonacci(6) = 8 paths.
    expect(definitionUses(model, 'D5')).toEqual({
      paths: [
        '/root/a/a/a/a/a',
        '/root/a/a/a/b',
        '/root/a/a/b/a',
        '/root/a/b/a/a',
        '/root/a/b/b',
        '/root/b/a/a/a',
        '/root/b/a/b',
        '/root/b/b/a',
      ],
      more: 0,
      complete: true,
    });
  });

  it('reports a change at the end of a 32-definition graph once, in under 2 s, with a bounded list', () => {
    const started = performance.now();
    const changes = diffContracts(
      contractFromText('base.contract.json', denseGraph(32)),
      contractFromText('head.contract.json', denseGraph(32, true)),
    );
    expect(performance.now() - started).toBeLessThan(2000);
    expect(changes.map((c) => [c.rule, c.data.def, c.data.pointer, c.data.uses?.length, c.data.usesComplete])).toEqual([
      ['FIELD_TYPE_CHANGED', 'D31', '/v', USE_PATH_LIMIT, false],
    ]);
    expect(changes[0]?.message).toMatch(/and at least \d+ more\.$/u);
  });

  // The uses sentence (usesSentence, src/rules/diff/context.ts) states the counts in data; its wording is in the golden.
  it('counts the uses past the list as complete, and the message gives that count', () => {
    const changes = diffContracts(
      contractFromText('base.contract.json', denseGraph(9)),
      contractFromText('head.contract.json', denseGraph(9, true)),
    );
    // D8 is reached along Fibonacci(9) = 34 paths: 20 listed, 14 more.
    expect(changes.map((c) => [c.rule, c.data.def, c.data.uses?.length, c.data.moreUses, c.data.usesComplete])).toEqual(
      [['FIELD_TYPE_CHANGED', 'D8', USE_PATH_LIMIT, 14, true]],
    );
    expect(changes[0]?.message).toMatch(/"root\.a\.a\.a\.a\.a\.a\.a\.a", .+ and 14 more\.$/u);
    expect(changes[0]?.message).not.toContain('at least');
  });

  it('says when no field uses a changed or removed definition', () => {
    const text = (defs: Record<string, unknown>) =>
      JSON.stringify({
        title: 'Lonely',
        endpoint: 'POST /lonely',
        producer: { name: 'orders', repo: 'orders', type: 'L' },
        consumer: { name: 'billing', repo: 'billing', type: 'L' },
        type: 'object',
        additionalProperties: false,
        properties: { id: { type: 'string', cp_consumes: true } },
        $defs: defs,
      });
    const unused = (type: string) => ({
      type: 'object',
      additionalProperties: false,
      properties: { v: { type, cp_consumes: true } },
    });
    const base = contractFromText('b.contract.json', text({ Kept: unused('string'), Gone: unused('string') }));
    const head = contractFromText('h.contract.json', text({ Kept: unused('integer') }));
    const changes = diffContracts(base, head);
    expect(
      changes.map((c) => [c.rule, c.data.kind, c.data.def, c.data.uses, c.data.moreUses, c.data.usesComplete]),
    ).toEqual([
      ['FIELD_TYPE_CHANGED', 'changed', 'Kept', [], 0, true],
      ['FIELD_REMOVED', 'definition', 'Gone', [], 0, true],
    ]);
    const byDef = new Map(changes.map((c) => [c.data.def, c.message]));
    expect(byDef.get('Kept')).toMatch(/ No field uses this definition\.$/u);
    expect(byDef.get('Gone')).toMatch(/ No field used this definition\.$/u);
  });

  it('ends on a retarget between two self-recursive definitions', () => {
    const node = (name: string, extra: Record<string, unknown> = {}) => ({
      type: 'object',
      additionalProperties: false,
      properties: { next: { $ref: `#/$defs/${name}`, cp_consumes: true }, ...extra },
    });
    const text = (ref: string, defs: Record<string, unknown>) =>
      JSON.stringify({
        title: 'List',
        endpoint: 'POST /list',
        producer: { name: 'orders', repo: 'orders', type: 'L' },
        consumer: { name: 'billing', repo: 'billing', type: 'L' },
        type: 'object',
        additionalProperties: false,
        properties: { head: { $ref: `#/$defs/${ref}`, cp_consumes: true } },
        $defs: defs,
      });
    const base = contractFromText('b.contract.json', text('A', { A: node('A') }));
    const head = contractFromText(
      'h.contract.json',
      text('B', { A: node('A'), B: node('B', { v: { type: 'string', cp_consumes: true } }) }),
    );
    const p = pairContracts(base, head);
    expect(p.added.map((a) => a.field.pointer)).toEqual(['/head/v']);
    expect(diffContracts(base, head).map((c) => [c.rule, c.data.kind, c.data.pointer])).toEqual([
      ['FIELD_ADDED', 'consumed', '/head/v'],
      ['FIELD_TYPE_CHANGED', 'shape-moved', '/head'],
      ['FIELD_ADDED', 'definition', ''],
      // The pair (A, B) is compared once, at /head; round the recursion only the move itself shows.
      ['FIELD_TYPE_CHANGED', 'shape-moved', '/head/next'],
    ]);
  });
});

describe('the reviewer’s markdown', () => {
  it('matches test/fixtures/defs/expected.md', async () => {
    const run = await runCli(
      ['diff', `${DIR}/base.contract.json`, `${DIR}/head-recursive-changed.contract.json`, '--format', 'markdown'],
      { cwd: REPO_ROOT },
    );
    expect(run.exit).toBe(1);
    const golden = join(REPO_ROOT, DIR, 'expected.md');
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(golden, run.stdout);
    expect(run.stdout).toBe(readFileSync(golden, 'utf8'));
  });
});
