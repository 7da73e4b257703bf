/**
 * pin and consumes --ts on a contract with `$defs` (graph mode): the
 * TypeScript file is read as a graph of named types (interfaces, classes,
 * type aliases of objects), each once, with the TS extractor's own reading of
 * what JSON.stringify sends, and each (definition, type) pair is compared once
 * by the same pair-graph comparison as Go. The fixture (test/fixtures/defs-tree-ts)
 * mirrors the Go one: Node shared at "root" and "spare" and directly recursive
 * (children), Owner (a class) and Team (a type alias) mutually recursive, Owner
 * also as map values, nullable references.
 */
import { describe, expect, it } from 'vitest';
import { runCliJson, scratchCopies } from '../support/run-cli.js';

const DIR = 'test/fixtures/defs-tree-ts';
const CONTRACT = `${DIR}/tree.contract.json`;
const SOURCE = `${DIR}/tree.ts`;
const scratch = scratchCopies([DIR]);

type Guard = 'pin' | 'consumes';
const run = (guard: Guard, cwd: string, type = 'Tree'): ReturnType<typeof runCliJson> =>
  runCliJson([guard, '--contract', CONTRACT, '--ts', SOURCE, '--type', type], { cwd });
const facts = (findings: Awaited<ReturnType<typeof runCliJson>>['findings']): unknown[] =>
  findings.map((f) => ({
    rule: f.rule,
    path: f.path,
    at: `${f.line}:${f.column}`,
    data: f.data,
    source: f.related === undefined ? undefined : `${f.related.file}:${f.related.line}:${f.related.column}`,
  }));

describe('pin and consumes --ts against $defs', () => {
  it.each(['pin', 'consumes'] as const)(
    '%s passes on the matching source (shared, recursive, mutually recursive, a class, a type alias, nullable)',
    async (guard) => {
      const s = scratch();
      const result = await run(guard, s.dir);
      expect(result.findings).toEqual([]);
      expect(result.exit).toBe(0);
    },
  );

  it('finds a field added to a type used at two paths and recursively once, at the definition, with the first path', async () => {
    const s = scratch();
    s.edit(SOURCE, '  name: string;\n  children', '  name: string;\n  extra: boolean;\n  children');
    const result = await run('pin', s.dir);
    expect(result.exit).toBe(1);
    expect(facts(result.findings)).toEqual([
      {
        rule: 'PRODUCER_FIELD_UNDECLARED',
        path: '/$defs/Node/properties',
        at: '20:7',
        data: { pointer: '/root/extra', sourceType: 'boolean' },
        source: `${SOURCE}:14:3`,
      },
    ]);
  });

  it('finds a field removed from a mutually recursive type alias once, at the definition', async () => {
    const s = scratch();
    s.edit(SOURCE, '  lead: Owner | null;\n', '');
    const result = await run('pin', s.dir);
    expect(result.exit).toBe(1);
    expect(facts(result.findings)).toEqual([
      {
        rule: 'PRODUCER_FIELD_MISSING',
        path: '/$defs/Team/properties/lead',
        at: '40:9',
        data: { pointer: '/by_name/*/team/lead', consumed: true },
        source: `${SOURCE}:29:13`,
      },
    ]);
  });

  it('finds a changed type and a changed requiredness inside a definition once each', async () => {
    const s = scratch();
    s.edit(SOURCE, '  name: string;\n  children', '  name: number;\n  children');
    s.edit(SOURCE, '  owner: Owner | null;', '  owner?: Owner | null;');
    const result = await run('pin', s.dir);
    expect(result.exit).toBe(1);
    expect(facts(result.findings)).toEqual([
      {
        rule: 'PRODUCER_TYPE_MISMATCH',
        path: '/$defs/Node/properties/name/type',
        at: '21:19',
        data: { pointer: '/root/name', kind: 'kind', sent: 'number', declared: 'string', sourceType: 'number' },
        source: `${SOURCE}:13:3`,
      },
      {
        rule: 'PRODUCER_REQUIRED_MISMATCH',
        path: '/$defs/Node/properties/owner',
        at: '23:9',
        data: { pointer: '/root/owner', kind: 'producer-may-omit', contractRequired: true },
        source: `${SOURCE}:15:3`,
      },
    ]);
  });

  it('finds a consumed field the consumer lacks inside a class definition once, at the definition', async () => {
    const s = scratch();
    s.edit(SOURCE, '  id!: integer;\n', '');
    const result = await run('consumes', s.dir);
    expect(result.exit).toBe(1);
    expect(facts(result.findings)).toEqual([
      {
        rule: 'CONSUMER_FIELD_MISSING',
        path: '/$defs/Owner/properties/id/cp_consumes',
        at: '31:36',
        data: { pointer: '/by_name/*/id' },
        // A missing field has no declaration: the related place is the class.
        source: `${SOURCE}:18:14`,
      },
    ]);
  });

  it('compares a definition with an anonymous object type in place, and finds a drift in it at the definition', async () => {
    const s = scratch();
    s.edit(
      SOURCE,
      '  spare: Node | null;',
      '  spare: { name: string; children: Node[] | null; owner: Owner | null } | null;',
    );
    expect((await run('pin', s.dir)).findings).toEqual([]);
    s.edit(SOURCE, '{ name: string; children', '{ label: string; children');
    const drift = await run('pin', s.dir);
    expect(drift.findings.map((f) => [f.rule, f.path, f.data?.['pointer']])).toEqual([
      ['PRODUCER_FIELD_UNDECLARED', '/$defs/Node/properties', '/spare/label'],
      ['PRODUCER_FIELD_MISSING', '/$defs/Node/properties/name', '/spare/name'],
    ]);
  });

  it('reports a type it cannot resolve inside a definition as unresolved, not as a match or a drift', async () => {
    const s = scratch();
    s.edit(SOURCE, '  team!: Team;', '  team!: Missing;');
    const result = await run('pin', s.dir);
    expect(result.exit).toBe(1);
    expect(result.findings.map((f) => [f.rule, f.path, f.data?.['pointer']])).toEqual([
      ['SOURCE_TYPE_UNRESOLVED', '/$defs/Owner/properties/team', '/by_name/*/team'],
    ]);
  });

  it('judges the consumed fields of shared types by the read analysis, each (type, field) once, at the definition', async () => {
    const s = scratch();
    s.write(
      `${DIR}/handler.ts`,
      "import type { Tree } from './tree.js';\n\nexport function handle(body: string): string {\n  const t = JSON.parse(body) as Tree;\n  void t.spare;\n  void t.by_name;\n  return t.root.name;\n}\n",
    );
    const result = await run('consumes', s.dir);
    // Owner's id is read by its own getter (label), in the consumer's files; the rest of the shared types is not read.
    expect(result.findings.map((f) => [f.rule, f.severity, f.path, f.data?.['pointer']])).toEqual([
      ['CONSUMER_FIELD_UNREAD', 'error', '/$defs/Node/properties/children/cp_consumes', '/root/children'],
      ['CONSUMER_FIELD_UNREAD', 'error', '/$defs/Node/properties/owner/cp_consumes', '/root/owner'],
      ['CONSUMER_FIELD_UNREAD', 'error', '/$defs/Owner/properties/team/cp_consumes', '/by_name/*/team'],
      ['CONSUMER_FIELD_UNREAD', 'error', '/$defs/Team/properties/lead/cp_consumes', '/by_name/*/team/lead'],
      ['CONSUMER_FIELD_UNREAD', 'error', '/$defs/Team/properties/name/cp_consumes', '/by_name/*/team/name'],
    ]);
    expect(result.exit).toBe(1);
  });

  it('refuses a generic type that builds a new type at every level (exit 2), in bounded time', async () => {
    const s = scratch();
    s.write(
      'chain.ts',
      'interface Box<T> { inner: T }\nexport interface Chain<T> { value: T; next: Chain<Box<T>> | null }\nexport interface Tree { root: Chain<string> }\n',
    );
    const started = Date.now();
    const result = await runCliJson(['pin', '--contract', CONTRACT, '--ts', 'chain.ts', '--type', 'Tree'], {
      cwd: s.dir,
    });
    expect(result.exit).toBe(2);
    expect(result.stderr).toContain('chain.ts:2:18: error: The generic type "Chain" is used with more than 64');
    expect(result.stderr).not.toMatch(/\n\s+at /u);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
