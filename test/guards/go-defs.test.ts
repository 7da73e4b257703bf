/**
 * pin and consumes on a contract with `$defs` (graph mode): the Go source is
 * read as a graph of named types and each (definition, type) pair is compared
 * once. The fixture (test/fixtures/defs-tree) has a shared type used twice
 * (Node at "root" and "spare", Owner in "by_name" and at Node.owner), direct
 * recursion (Node.children), mutual recursion (Owner.team -> Team.lead ->
 * Owner) and nullable references. Each drift inside a definition is found
 * once, at the definition's field, with one example payload path.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fibonacciDefsContract, fibonacciGraph } from '../../bench/lib/go-graphs.js';
import { buildContractModel } from '../../src/contract/field-table.js';
import type { JsonValue } from '../../src/contract/json-document.js';
import { graphPairs } from '../../src/guards/pair-graph.js';
import type { SourceGraph } from '../../src/wire.js';
import { runCliJson, scratchCopies } from '../support/run-cli.js';

const DIR = 'test/fixtures/defs-tree';
const CONTRACT = `${DIR}/tree.contract.json`;
const scratch = scratchCopies([DIR]);

type Guard = 'pin' | 'consumes';
const run = (guard: Guard, cwd: string, extra: readonly string[] = []): ReturnType<typeof runCliJson> =>
  runCliJson([guard, '--contract', CONTRACT, '--go', DIR, '--type', 'Tree', ...extra], { cwd });
const facts = (findings: Awaited<ReturnType<typeof runCliJson>>['findings']): unknown[] =>
  findings.map((f) => ({ rule: f.rule, path: f.path, at: `${f.line}:${f.column}`, data: f.data }));

describe('pin and consumes against $defs', () => {
  it.each(['pin', 'consumes'] as const)(
    '%s passes on the matching source (shared, recursive, mutually recursive, nullable)',
    async (guard) => {
      const s = scratch();
      const result = await run(guard, s.dir);
      expect(result.stderr).toBe('');
      expect(result.findings).toEqual([]);
      expect(result.exit).toBe(0);
    },
  );

  it('compares an inline object of the contract with a named source type, and a definition with an anonymous struct', async () => {
    const s = scratch();
    // The contract spells "root" out in place, though the source's Node is a named type...
    s.edit(
      CONTRACT,
      '"root": { "$ref": "#/$defs/Node", "cp_consumes": true }',
      '"root": { "type": "object", "additionalProperties": false, "required": ["name", "children", "owner"], "cp_consumes": true, "properties": { "name": { "type": "string", "cp_consumes": true }, "children": { "type": ["array", "null"], "items": { "$ref": "#/$defs/Node" }, "cp_consumes": true }, "owner": { "anyOf": [{ "$ref": "#/$defs/Owner" }, { "type": "null" }], "cp_consumes": true } } }',
    );
    // ...and the source spells "spare" out as an anonymous struct, though the contract refers to Node.
    s.edit(
      `${DIR}/tree.go`,
      '\tSpare  *Node            `json:"spare"`',
      '\tSpare  *struct {\n\t\tName     string `json:"name"`\n\t\tChildren []Node `json:"children"`\n\t\tOwner    *Owner `json:"owner"`\n\t} `json:"spare"`',
    );
    const good = await run('pin', s.dir);
    expect(good.findings).toEqual([]);
    expect(good.exit).toBe(0);
    // A drift in each is found at the contract's own place for it.
    s.edit(`${DIR}/tree.go`, '\t\tName     string `json:"name"`', '\t\tLabel    string `json:"label"`');
    const drift = await run('pin', s.dir);
    expect(drift.findings.map((f) => [f.rule, f.path, f.data?.['pointer']])).toEqual([
      ['PRODUCER_FIELD_UNDECLARED', '/$defs/Node/properties', '/spare/label'],
      ['PRODUCER_FIELD_MISSING', '/$defs/Node/properties/name', '/spare/name'],
    ]);
  });

  it.each([
    ['pin', 'PRODUCER_FIELD_MISSING', ''],
    ['consumes', 'CONSUMER_FIELD_MISSING', '/cp_consumes'],
  ] as const)(
    '%s compares a definition with an anonymous struct that has no fields at all (it passed silently)',
    async (guard, rule, suffix) => {
      const s = scratch();
      s.edit(`${DIR}/tree.go`, '\tSpare  *Node            `json:"spare"`', '\tSpare  *struct{}        `json:"spare"`');
      const result = await run(guard, s.dir);
      expect(result.findings.map((f) => [f.rule, f.path, f.data?.['pointer']])).toEqual([
        [rule, `/$defs/Node/properties/name${suffix}`, '/spare/name'],
        [rule, `/$defs/Node/properties/children${suffix}`, '/spare/children'],
        [rule, `/$defs/Node/properties/owner${suffix}`, '/spare/owner'],
      ]);
      expect(result.exit).toBe(1);
    },
  );

  it('finds a field the producer adds inside a shared type once, at the definition', async () => {
    const s = scratch();
    s.edit(
      `${DIR}/tree.go`,
      '\tName     string `json:"name"`',
      '\tName     string `json:"name"`\n\tExtra    bool   `json:"extra"`',
    );
    const result = await run('pin', s.dir);
    expect(result.exit).toBe(1);
    expect(facts(result.findings)).toEqual([
      {
        rule: 'PRODUCER_FIELD_UNDECLARED',
        path: '/$defs/Node/properties',
        at: '20:7',
        data: { pointer: '/root/extra', sourceType: 'bool' },
      },
    ]);
  });

  it('finds a field removed from a mutually recursive type once, at the definition', async () => {
    const s = scratch();
    s.edit(`${DIR}/tree.go`, '\tLead *Owner `json:"lead"`\n', '');
    const result = await run('pin', s.dir);
    expect(result.exit).toBe(1);
    expect(facts(result.findings)).toEqual([
      {
        rule: 'PRODUCER_FIELD_MISSING',
        path: '/$defs/Team/properties/lead',
        at: '40:9',
        data: { pointer: '/by_name/*/team/lead', consumed: true },
      },
    ]);
  });

  it('finds a changed type and a changed requiredness inside a definition once each', async () => {
    const s = scratch();
    s.edit(`${DIR}/tree.go`, '\tName     string `json:"name"`', '\tName     int    `json:"name"`');
    s.edit(`${DIR}/tree.go`, '`json:"owner"`', '`json:"owner,omitempty"`');
    const result = await run('pin', s.dir);
    expect(result.exit).toBe(1);
    expect(facts(result.findings)).toEqual([
      {
        rule: 'PRODUCER_TYPE_MISMATCH',
        path: '/$defs/Node/properties/name/type',
        at: '21:19',
        data: { pointer: '/root/name', kind: 'kind', sent: 'integer', declared: 'string', sourceType: 'int' },
      },
      {
        rule: 'PRODUCER_REQUIRED_MISMATCH',
        path: '/$defs/Node/properties/owner',
        at: '23:9',
        data: { pointer: '/root/owner', kind: 'producer-may-omit', contractRequired: true },
      },
    ]);
  });

  it('finds a consumed field the consumer lacks inside a definition once, at the definition', async () => {
    const s = scratch();
    s.edit(`${DIR}/tree.go`, '\tID   int  `json:"id"`\n', '');
    const result = await run('consumes', s.dir);
    expect(result.exit).toBe(1);
    expect(facts(result.findings)).toEqual([
      {
        rule: 'CONSUMER_FIELD_MISSING',
        path: '/$defs/Owner/properties/id/cp_consumes',
        at: '31:36',
        data: { pointer: '/by_name/*/id' },
      },
    ]);
  });

  it('compares a reference with a nullable pointer as nullable: a non-nullable reference to a *Node is a mismatch', async () => {
    const s = scratch();
    s.edit(
      CONTRACT,
      '"spare": { "anyOf": [{ "$ref": "#/$defs/Node" }, { "type": "null" }], "cp_consumes": true }',
      '"spare": { "$ref": "#/$defs/Node", "cp_consumes": true }',
    );
    const result = await run('pin', s.dir);
    expect(result.exit).toBe(1);
    expect(facts(result.findings)).toEqual([
      {
        rule: 'PRODUCER_TYPE_MISMATCH',
        path: '/properties/spare/type',
        at: '12:5',
        data: { pointer: '/spare', kind: 'nullable', sent: 'object|null', declared: 'object', sourceType: '*Node' },
      },
    ]);
  });
});

describe('a Fibonacci type graph against $defs', () => {
  const graphDir = (s: ReturnType<typeof scratch>, types: number, drift: boolean): void => {
    mkdirSync(join(s.dir, 'graph'), { recursive: true });
    writeFileSync(join(s.dir, 'graph', 'graph.go'), fibonacciGraph(types)['graph.go'] ?? '');
    writeFileSync(join(s.dir, 'graph.contract.json'), JSON.stringify(fibonacciDefsContract(types, { drift }), null, 2));
  };

  it.each(['pin', 'consumes'] as const)(
    '%s: 20 types (10,946 paths from T0) pass against one definition per type, and one drift is found once',
    async (guard) => {
      const s = scratch();
      graphDir(s, 20, false);
      const good = await runCliJson([guard, '--contract', 'graph.contract.json', '--go', 'graph', '--type', 'T0'], {
        cwd: s.dir,
      });
      expect(good.findings).toEqual([]);
      expect(good.exit).toBe(0);
      graphDir(s, 20, true);
      const drift = await runCliJson([guard, '--contract', 'graph.contract.json', '--go', 'graph', '--type', 'T0'], {
        cwd: s.dir,
      });
      expect(drift.exit).toBe(1);
      // The example path is the shortest one (breadth first): T0 -a-> T1 -b-> T3 ... -b-> T19.
      expect(drift.findings.map((f) => [f.rule, f.path, f.data?.['pointer']])).toEqual([
        guard === 'pin'
          ? ['PRODUCER_FIELD_MISSING', '/$defs/T19/properties/extra', '/a/b/b/b/b/b/b/b/b/b/extra']
          : ['CONSUMER_FIELD_MISSING', '/$defs/T19/properties/extra/cp_consumes', '/a/b/b/b/b/b/b/b/b/b/extra'],
      ]);
    },
  );

  it('refuses a flat contract against the same graph past the expansion bound, exit 2, never an abort', async () => {
    const s = scratch();
    mkdirSync(join(s.dir, 'graph'), { recursive: true });
    writeFileSync(join(s.dir, 'graph', 'graph.go'), fibonacciGraph(32)['graph.go'] ?? '');
    // T0's own two leaves only, as bench/go-scale.js has it: the source's A and B are not described at all.
    const flat = { ...fibonacciDefsContract(1), $defs: undefined };
    writeFileSync(join(s.dir, 'flat.contract.json'), JSON.stringify(flat));
    const result = await runCliJson(['pin', '--contract', 'flat.contract.json', '--go', 'graph', '--type', 'T0'], {
      cwd: s.dir,
    });
    expect(result.exit).toBe(2);
    expect(`${result.stdout}${result.stderr}`).toMatch(/expands to more than 200,000 fields/u);
  });
});

describe('graphPairs', () => {
  const loc = { file: 'g.go', line: 1, column: 1 };
  const field = (pointer: string, kind: 'string' | 'object') => ({
    pointer,
    jsonName: pointer.slice(1),
    type: { kind, nullable: false },
    required: true,
    location: loc,
    sourceType: kind,
  });
  // A chain of types, each linking to the next: N pairs.
  const chain = (n: number): SourceGraph => ({
    root: { name: 'T0', location: loc },
    rootType: 'T0',
    types: new Map(
      Array.from({ length: n }, (_, i) => [
        `T${i}`,
        {
          name: `T${i}`,
          location: loc,
          fields: [field('/name', 'string'), ...(i + 1 < n ? [field('/next', 'object')] : [])],
          opaque: [],
          links: new Map(i + 1 < n ? [['/next', `T${i + 1}`]] : []),
        },
      ]),
    ),
  });
  const model = buildContractModel({
    type: 'object',
    properties: { name: { type: 'string' }, next: { $ref: '#/$defs/T' } },
    $defs: { T: { type: 'object', properties: { name: { type: 'string' }, next: { $ref: '#/$defs/T' } } } },
  } as unknown as JsonValue);

  it('compares each (definition, type) pair once, breadth first, rebased at the first path', () => {
    const pairs = [...graphPairs(model, chain(4))];
    expect(pairs.map((p) => [p.at, p.schemaPointer, p.source.root.name, [...p.model.fields.keys()]])).toEqual([
      ['', '', 'T0', ['/name', '/next']],
      ['/next', '/$defs/T', 'T1', ['/next/name', '/next/next']],
      ['/next/next', '/$defs/T', 'T2', ['/next/next/name', '/next/next/next']],
      ['/next/next/next', '/$defs/T', 'T3', ['/next/next/next/name', '/next/next/next/next']],
    ]);
  });

  it('refuses past its bounds on pairs and on fields compared (E_UNSUPPORTED, exit 2)', () => {
    expect(() => [...graphPairs(model, chain(10), { maxPairs: 5, maxFields: 1_000 })]).toThrow(
      expect.objectContaining({
        code: 'E_UNSUPPORTED',
        message: expect.stringMatching(/more than 5 \(definition, type\) pairs/u),
      }),
    );
    expect(() => [...graphPairs(model, chain(10), { maxPairs: 1_000, maxFields: 7 })]).toThrow(
      expect.objectContaining({ code: 'E_UNSUPPORTED', message: expect.stringMatching(/more than 7 fields/u) }),
    );
  });
});
