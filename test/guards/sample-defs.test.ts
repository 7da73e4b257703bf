/**
 * pin --json and consumes --trace on a contract with `$defs`: a sample (or a
 * trace) is a finite tree, cut where the contract refers to a definition along
 * the sample's own paths (src/guards/sample-graph.ts) and compared piece by
 * piece with the definitions. Findings sit at the definition's field, with the
 * payload path they were seen at in `data.pointer`. The contract is the Go
 * fixture's (test/fixtures/defs-tree): Node shared and recursive, Owner and Team
 * mutually recursive, Owner also as map values. The sample nests Node three
 * levels deep and ends each branch with null.
 */
import { describe, expect, it } from 'vitest';
import { runCliJson, scratchCopies } from '../support/run-cli.js';

const CONTRACT = 'test/fixtures/defs-tree/tree.contract.json';
const SAMPLE = 'test/fixtures/defs-sample/tree.sample.json';
const TRACE = 'test/fixtures/defs-sample/tree.trace.json';
const scratch = scratchCopies(['test/fixtures/defs-tree', 'test/fixtures/defs-sample']);

const pin = (cwd: string): ReturnType<typeof runCliJson> =>
  runCliJson(['pin', '--contract', CONTRACT, '--json', SAMPLE], { cwd });
const consumes = (cwd: string): ReturnType<typeof runCliJson> =>
  runCliJson(['consumes', '--contract', CONTRACT, '--trace', TRACE], { cwd });
const facts = (findings: Awaited<ReturnType<typeof runCliJson>>['findings']): unknown[] =>
  findings.map((f) => ({ rule: f.rule, path: f.path, at: `${f.line}:${f.column}`, data: f.data }));

/** Rewrites the trace's `read` list. */
function editReads(s: ReturnType<typeof scratch>, change: (read: string[]) => string[]): void {
  const trace = JSON.parse(s.read(TRACE)) as { read: string[] };
  s.write(TRACE, JSON.stringify({ ...trace, read: change(trace.read) }));
}

describe('pin --json against $defs', () => {
  it("wirepin check cuts the sample at the contract's references as pin --json does", async () => {
    const s = scratch();
    s.write(
      'wirepin.yaml',
      `version: 1\ncontracts:\n  - contract: ${CONTRACT}\n    producer:\n      json: ${SAMPLE}\n    generate:\n      schema: false\n      producerTypes: false\n      consumerTypes: false\n`,
    );
    const good = await runCliJson(['check'], { cwd: s.dir });
    expect(good.findings).toEqual([]);
    expect(good.exit).toBe(0);
    s.edit(SAMPLE, '{ "name": "c", "children": null', '{ "children": null');
    const drift = await runCliJson(['check'], { cwd: s.dir });
    expect(drift.exit).toBe(1);
    expect(facts(drift.findings)).toEqual([
      {
        rule: 'PRODUCER_FIELD_MISSING',
        path: '/$defs/Node/properties/name',
        at: '21:9',
        data: { pointer: '/root/children/*/children/*/name', consumed: true },
      },
    ]);
  });

  it('passes on a sample that matches, following Node three levels deep and no further', async () => {
    const s = scratch();
    const result = await pin(s.dir);
    expect(result.stderr).toBe('');
    expect(result.findings).toEqual([]);
    expect(result.exit).toBe(0);
  });

  it('finds a field missing inside a referenced definition, at the definition, with the path it is missing at', async () => {
    const s = scratch();
    s.edit(SAMPLE, '{ "name": "c", "children": null', '{ "children": null');
    const result = await pin(s.dir);
    expect(result.exit).toBe(1);
    expect(facts(result.findings)).toEqual([
      {
        rule: 'PRODUCER_FIELD_MISSING',
        path: '/$defs/Node/properties/name',
        at: '21:9',
        data: { pointer: '/root/children/*/children/*/name', consumed: true },
      },
    ]);
  });

  it('finds a field the sample adds inside a definition reached through another definition', async () => {
    const s = scratch();
    s.edit(SAMPLE, '"lead": null, "name": "ops"', '"lead": null, "name": "ops", "size": 4');
    const result = await pin(s.dir);
    expect(result.exit).toBe(1);
    expect(facts(result.findings)).toEqual([
      {
        rule: 'PRODUCER_FIELD_UNDECLARED',
        path: '/$defs/Team/properties',
        at: '39:7',
        data: { pointer: '/root/children/*/owner/team/size', sourceType: 'integer' },
      },
    ]);
  });

  it('compares nothing below a map, as the flat comparison does (a sample cannot tell its keys from fields)', async () => {
    const s = scratch();
    s.edit(SAMPLE, '"lead": null, "name": "dev"', '"lead": null, "name": "dev", "size": 4');
    const result = await pin(s.dir);
    expect(result.findings).toEqual([]);
    expect(result.exit).toBe(0);
  });

  it('compares the definition at every depth the sample reaches: a drift at the third level is found there', async () => {
    const s = scratch();
    s.edit(
      SAMPLE,
      '{ "name": "c", "children": null, "owner": null }',
      '{ "name": 3, "children": null, "owner": null }',
    );
    const result = await pin(s.dir);
    expect(result.findings.map((f) => [f.rule, f.path, f.data?.['pointer']])).toEqual([
      ['PRODUCER_TYPE_MISMATCH', '/$defs/Node/properties/name/type', '/root/children/*/children/*/name'],
    ]);
  });

  it('holds a definition the sample shows nowhere to its required fields, once, at the first place it is left null', async () => {
    const s = scratch();
    // No Owner object anywhere: every place that could hold one is null (or the map is empty).
    s.edit(SAMPLE, '"owner": { "id": 2, "team": { "lead": null, "name": "ops" } }', '"owner": null');
    s.edit(
      SAMPLE,
      '"ann": { "id": 1, "team": { "lead": { "id": 3, "team": { "lead": null, "name": "dev" } }, "name": "qa" } }',
      '',
    );
    const result = await pin(s.dir);
    expect(result.exit).toBe(1);
    expect(facts(result.findings)).toEqual([
      {
        rule: 'PRODUCER_FIELD_MISSING',
        path: '/$defs/Owner/properties/id',
        at: '31:9',
        data: { pointer: '/root/children/*/children/*/owner/id', consumed: true },
      },
      {
        rule: 'PRODUCER_FIELD_MISSING',
        path: '/$defs/Owner/properties/team',
        at: '32:9',
        data: { pointer: '/root/children/*/children/*/owner/team', consumed: true },
      },
    ]);
  });
});

describe('consumes --trace against $defs', () => {
  it('passes on a trace that read every consumed field, following Node as deep as the handler read', async () => {
    const s = scratch();
    const result = await consumes(s.dir);
    expect(result.stderr).toBe('');
    expect(result.findings).toEqual([]);
    expect(result.exit).toBe(0);
  });

  it('finds a consumed field of a definition the handler never read where it read the rest', async () => {
    const s = scratch();
    editReads(s, (read) => read.filter((p) => p !== '/root/owner/team/name'));
    const result = await consumes(s.dir);
    expect(result.exit).toBe(1);
    expect(facts(result.findings)).toEqual([
      {
        rule: 'CONSUMER_FIELD_UNREAD',
        path: '/$defs/Team/properties/name/cp_consumes',
        at: '41:37',
        data: { pointer: '/root/owner/team/name' },
      },
    ]);
  });

  it('finds a read of a field no definition lists, at the definition, at the depth it was read', async () => {
    const s = scratch();
    editReads(s, (read) => [...read, '/root/children/*/children/*/colour'].sort());
    const result = await consumes(s.dir);
    expect(result.exit).toBe(1);
    expect(facts(result.findings)).toEqual([
      {
        rule: 'CONSUMER_FIELD_UNKNOWN',
        path: '/$defs/Node/properties',
        at: '20:7',
        data: { pointer: '/root/children/*/children/*/colour', sourceType: 'read at run time' },
      },
    ]);
  });

  it('follows a recursive definition only as deep as the trace: one level more read is one more comparison', async () => {
    const s = scratch();
    // The handler now also reads a fourth level's name, but none of its other consumed fields.
    editReads(s, (read) =>
      [...read, '/root/children/*/children/*/children/*', '/root/children/*/children/*/children/*/name'].sort(),
    );
    const result = await consumes(s.dir);
    expect(result.findings.map((f) => [f.rule, f.path, f.data?.['pointer']])).toEqual([
      [
        'CONSUMER_FIELD_UNREAD',
        '/$defs/Node/properties/children/cp_consumes',
        '/root/children/*/children/*/children/*/children',
      ],
      [
        'CONSUMER_FIELD_UNREAD',
        '/$defs/Node/properties/owner/cp_consumes',
        '/root/children/*/children/*/children/*/owner',
      ],
    ]);
  });

  it('leaves out reads below a field of any type inside a definition, as the flat comparison does', async () => {
    const s = scratch();
    s.edit(
      CONTRACT,
      '"name": { "type": "string", "cp_consumes": true },\n        "children"',
      '"name": { "type": "string", "cp_consumes": true },\n        "meta": { "description": "Anything.", "cp_consumes": true },\n        "children"',
    );
    editReads(s, (read) =>
      [
        ...read,
        '/root/meta',
        '/root/meta/x',
        '/root/children/*/meta',
        '/root/children/*/children/*/meta',
        '/spare/meta',
      ].sort(),
    );
    const result = await consumes(s.dir);
    expect(result.findings).toEqual([]);
    expect(result.exit).toBe(0);
  });
});
