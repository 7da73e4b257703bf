/**
 * The read analysis in graph mode (a contract with `$defs`): the fields of
 * every named type of the consumer's graph are judged, once per declared
 * (type, field), and each verdict reaches the consumes rules at the
 * definition's own pointer. The fixture (test/fixtures/reads-defs, a Go module
 * that builds) has a shared Node used at "root" and "spare", directly
 * recursive through a slice, with an embedded Stamp; Owner, reached through a
 * map and a pointer, and Team, which refer to each other. Its handler decodes
 * the tree and reads every consumed field, in recursive functions.
 */
import { describe, expect, it } from 'vitest';
import { extractGoGraph } from '../../src/extract/go/index.js';
import { analyzeGoReads } from '../../src/reads/go-reads.js';
import { declarationKey } from '../../src/wire.js';
import { editContract, runCliJson, scratchCopies } from '../support/run-cli.js';

const DIR = 'test/fixtures/reads-defs';
const CONTRACT = `${DIR}/tree.contract.json`;
const HANDLER = `${DIR}/handler.go`;
const ARGS = ['consumes', '--contract', CONTRACT, '--go', DIR, '--type', 'Tree'];

interface ReadsEntry {
  readonly type?: string;
  readonly pointer: string;
  readonly status: string;
  readonly sites?: readonly string[];
  readonly escape?: string;
}

const scratch = scratchCopies([DIR]);

async function consumes(cwd: string, extra: readonly string[] = []) {
  const run = await runCliJson([...ARGS, ...extra], { cwd });
  const reads = run.stdout ? ((JSON.parse(run.stdout) as { reads?: ReadsEntry[] }).reads ?? []) : [];
  return { ...run, reads };
}

const facts = (findings: Awaited<ReturnType<typeof runCliJson>>['findings']): unknown[] =>
  findings.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    path: f.path,
    at: `${f.line}:${f.column}`,
    data: f.data,
  }));

/** The handler without its only read of Team.Name (in describe). */
const TEAM_NAME_READ = ' + "/" + o.Team.Name';
const DECODED_AT = `${HANDLER}:12:12`;

describe('the read analysis against a $defs contract', () => {
  it('proves every field of every type read (shared, recursive, embedded, through maps, slices and pointers), each type listed once', async () => {
    const run = await consumes(process.cwd());
    expect(run.stderr).toBe('');
    expect(run.findings).toEqual([]);
    expect(run.exit).toBe(0);
    expect(run.reads.map((r) => [r.type, r.pointer, r.status])).toEqual([
      ['Tree', '/root', 'read'],
      ['Tree', '/spare', 'read'],
      ['Tree', '/by_name', 'read'],
      ['Node', '/at', 'read'],
      ['Node', '/name', 'read'],
      ['Node', '/children', 'read'],
      ['Node', '/owner', 'read'],
      ['Owner', '/id', 'read'],
      ['Owner', '/team', 'read'],
      ['Team', '/lead', 'read'],
      ['Team', '/name', 'read'],
    ]);
    // The read sites are the selectors in the handler: Node's promoted "at" through the embedded Stamp, Team's
    // "name" in describe, which both the map's values and Node.owner reach.
    const sites = (type: string, pointer: string) =>
      run.reads.find((r) => r.type === type && r.pointer === pointer)?.sites;
    expect(sites('Node', '/at')).toEqual([`${HANDLER}:27:24`]);
    expect(sites('Team', '/name')).toEqual([`${HANDLER}:39:41`]);
    expect(sites('Team', '/lead')).toEqual([`${HANDLER}:40:20`]);
  });

  it("reports a definition's field with no read once, at the definition, exit 1", async () => {
    const s = scratch();
    s.edit(HANDLER, TEAM_NAME_READ, '');
    const run = await consumes(s.dir);
    expect(run.exit).toBe(1);
    // Team is reached along every path through Owner (by_name/*/team, root/owner/team, .../lead/team, ...): one finding.
    expect(facts(run.findings)).toEqual([
      {
        rule: 'CONSUMER_FIELD_UNREAD',
        severity: 'error',
        path: '/$defs/Team/properties/name/cp_consumes',
        at: '42:37',
        data: { pointer: '/by_name/*/team/name', kind: 'static', decodedAt: DECODED_AT },
      },
    ]);
    expect(run.reads.find((r) => r.type === 'Team' && r.pointer === '/name')?.status).toBe('unread');
  });

  it('reports a promoted field of an embedded struct in a shared type with no read at the definition', async () => {
    const s = scratch();
    s.edit(HANDLER, 's := n.Name + "@" + n.At', 's := n.Name');
    const run = await consumes(s.dir);
    expect(run.exit).toBe(1);
    expect(facts(run.findings)).toEqual([
      {
        rule: 'CONSUMER_FIELD_UNREAD',
        severity: 'error',
        path: '/$defs/Node/properties/at/cp_consumes',
        at: '21:35',
        data: { pointer: '/root/at', kind: 'static', decodedAt: DECODED_AT },
      },
    ]);
  });

  it('counts a field of a shared type read along only one of the paths that reach it (per type and field, not per path)', async () => {
    const s = scratch();
    // Node.Name is now read only on the spare node, never on the root node nor on any child.
    s.edit(HANDLER, 's := n.Name + "@" + n.At', 's := "@" + n.At');
    s.edit(HANDLER, 'out += "|" + walk(*t.Spare)', 'out += "|" + t.Spare.Name + walk(*t.Spare)');
    const run = await consumes(s.dir);
    expect(run.findings).toEqual([]);
    expect(run.exit).toBe(0);
    expect(run.reads.find((r) => r.type === 'Node' && r.pointer === '/name')?.sites).toEqual([`${HANDLER}:17:24`]);
  });

  it('does not count a read in a _test.go file', async () => {
    const s = scratch();
    s.edit(HANDLER, TEAM_NAME_READ, '');
    s.write(
      `${DIR}/handler_test.go`,
      'package tree\n\nimport "testing"\n\nfunc TestTeamName(t *testing.T) {\n\tvar o Owner\n\tif o.Team.Name != "" {\n\t\tt.Fatal(o.Team.Name)\n\t}\n}\n',
    );
    const run = await consumes(s.dir);
    expect(run.exit).toBe(1);
    expect(run.findings.map((f) => [f.rule, f.path])).toEqual([
      ['CONSUMER_FIELD_UNREAD', '/$defs/Team/properties/name/cp_consumes'],
    ]);
  });

  it('reports a field of a definition whose value escapes to another package as not provable: a warning, an error in strict mode', async () => {
    const s = scratch();
    s.edit(HANDLER, TEAM_NAME_READ, '');
    s.edit(HANDLER, '"io"\n', '"io"\n\t"log"\n');
    s.edit(HANDLER, '\tif lead := o.Team.Lead', '\tlog.Println(o.Team)\n\tif lead := o.Team.Lead');
    const run = await consumes(s.dir);
    expect(run.exit).toBe(0);
    const unprovable = {
      rule: 'CONSUMER_READ_UNPROVABLE',
      path: '/$defs/Team/properties/name/cp_consumes',
      at: '42:37',
      data: {
        pointer: '/by_name/*/team/name',
        kind: 'escape',
        escapedAt: `${HANDLER}:41:14`,
        escape: 'o.Team passed to log.Println',
      },
    };
    expect(facts(run.findings)).toEqual([{ ...unprovable, severity: 'warning' }]);
    // Team.Lead, also reachable from the escaped value, is read in the package: still proven read.
    expect(run.reads.find((r) => r.type === 'Team' && r.pointer === '/lead')?.status).toBe('read');
    const strict = await consumes(s.dir, ['--strict-reads']);
    expect(strict.exit).toBe(1);
    expect(facts(strict.findings)).toEqual([{ ...unprovable, severity: 'error' }]);
  });

  it('"reads": "strict" on the contract\'s consumer makes the escape an error in graph mode too', async () => {
    const s = scratch();
    s.edit(HANDLER, TEAM_NAME_READ, '');
    s.edit(HANDLER, '"io"\n', '"io"\n\t"log"\n');
    s.edit(HANDLER, '\tif lead := o.Team.Lead', '\tlog.Println(o.Team)\n\tif lead := o.Team.Lead');
    editContract(s, CONTRACT, (c) => {
      c.consumer.reads = 'strict';
    });
    const run = await consumes(s.dir);
    expect(run.exit).toBe(1);
    expect(run.findings.map((f) => [f.rule, f.severity, f.path])).toEqual([
      ['CONSUMER_READ_UNPROVABLE', 'error', '/$defs/Team/properties/name/cp_consumes'],
    ]);
  });

  it('reports a dead field of a definition that the code reads, with the place it is read', async () => {
    const s = scratch();
    // Team's "name" is the only one not followed by a comma.
    s.edit(
      CONTRACT,
      '"name": { "type": "string", "cp_consumes": true }\n',
      '"name": { "type": "string", "cp_consumes": false, "note": "Team names come from the directory." }\n',
    );
    const run = await consumes(s.dir);
    expect(run.exit).toBe(1);
    expect(facts(run.findings)).toEqual([
      {
        rule: 'CONSUMER_READS_DEAD_FIELD',
        severity: 'error',
        path: '/$defs/Team/properties/name/cp_consumes',
        at: '42:37',
        data: { pointer: '/by_name/*/team/name', kind: 'read', readAt: `${HANDLER}:39:41` },
      },
    ]);
  });

  it('runs no analysis with --no-reads, and notes a package that never decodes the root', async () => {
    const s = scratch();
    s.edit(HANDLER, TEAM_NAME_READ, '');
    const off = await consumes(s.dir, ['--no-reads']);
    expect(off.findings).toEqual([]);
    expect(off.exit).toBe(0);
    expect(off.reads).toEqual([]);
    s.edit(HANDLER, 'json.NewDecoder(r).Decode(&t)', 'json.NewDecoder(r).Decode(&t.Root)');
    const undecoded = await consumes(s.dir);
    expect(undecoded.findings).toEqual([]);
    expect(undecoded.reads).toEqual([]);
    expect(undecoded.exit).toBe(0);
  });
});

describe('wirepin check on a $defs contract', () => {
  it('compares the consumer as a graph with the read analysis, like consumes: passes, then finds the unread field once', async () => {
    const s = scratch();
    s.write(
      'wirepin.yaml',
      [
        'version: 1',
        'contracts:',
        `  - contract: ${CONTRACT}`,
        '    consumer:',
        `      go: ${DIR}`,
        '      type: Tree',
        '    generate:',
        '      schema: false',
        '      producerTypes: false',
        '      consumerTypes: false',
        '',
      ].join('\n'),
    );
    const good = await runCliJson(['check'], { cwd: s.dir });
    expect(good.findings).toEqual([]);
    expect(good.exit).toBe(0);
    s.edit(HANDLER, TEAM_NAME_READ, '');
    const unread = await runCliJson(['check'], { cwd: s.dir });
    expect(unread.exit).toBe(1);
    expect(facts(unread.findings)).toEqual([
      {
        rule: 'CONSUMER_FIELD_UNREAD',
        severity: 'error',
        path: '/$defs/Team/properties/name/cp_consumes',
        at: '42:37',
        data: { pointer: '/by_name/*/team/name', kind: 'static', decodedAt: DECODED_AT },
      },
    ]);
  });
});

describe('a struct type the read analysis does not follow', () => {
  const GENERIC =
    'package f\n\nimport "encoding/json"\n\ntype Req struct {\n\tLabel Box[string] `json:"label"`\n}\n\n// Box holds one value.\ntype Box[T any] struct {\n\tValue T `json:"value"`\n}\n\nfunc Handle(b []byte) string {\n\tvar r Req\n\t_ = json.Unmarshal(b, &r)\n\treturn r.Label.Value\n}\n';
  const contract = (label: Record<string, unknown>) => ({
    title: 'Req',
    endpoint: 'POST /r',
    producer: { name: 'labels', repo: 'labels', type: 'Req' },
    consumer: { name: 'shelf', repo: 'shelf', type: 'Req' },
    type: 'object',
    additionalProperties: false,
    required: ['label'],
    properties: { label: { ...label, cp_consumes: true } },
  });
  const box = {
    type: 'object',
    additionalProperties: false,
    required: ['value'],
    properties: { value: { type: 'string', cp_consumes: true } },
  };

  it.each([
    ['flat', contract(box), '/properties/label/properties/value/cp_consumes'],
    ['graph', { ...contract({ $ref: '#/$defs/Box' }), $defs: { Box: box } }, '/$defs/Box/properties/value/cp_consumes'],
  ])(
    '%s: a field of a generic struct is not provable (a warning naming why), never "unread"',
    async (_mode, json, path) => {
      const s = scratch();
      s.write('f/x.go', GENERIC);
      s.write('f.contract.json', JSON.stringify(json, null, 2));
      const run = await runCliJson(['consumes', '--contract', 'f.contract.json', '--go', 'f', '--type', 'Req'], {
        cwd: s.dir,
      });
      expect(run.exit).toBe(0);
      expect(run.findings.map((f) => [f.rule, f.severity, f.path, f.data?.['escapedAt']])).toEqual([
        ['CONSUMER_READ_UNPROVABLE', 'warning', path, 'f/x.go:11:2'],
      ]);
      expect(run.findings[0]?.data?.['escape']).toMatch(/does not follow \(a generic type/u);
    },
  );
});

describe('the read analysis on a long chain of struct types', () => {
  it('judges 5,000 types linked by pointers without recursing per link (no stack overflow), each field once', async () => {
    const s = scratch();
    const types = 5_000;
    const decls = Array.from(
      { length: types },
      (_, i) =>
        `type T${i} struct {\n\tName string \`json:"name"\`\n${i + 1 < types ? `\tNext *T${i + 1} \`json:"next"\`\n` : ''}}\n`,
    );
    s.write('chain/types.go', `package chain\n\n${decls.join('\n')}`);
    // T0's name and next are read; the rest of the chain leaves through log.Println, so it is not provable.
    s.write(
      'chain/handler.go',
      'package chain\n\nimport (\n\t"encoding/json"\n\t"log"\n)\n\nfunc Handle(b []byte) string {\n\tvar t T0\n\t_ = json.Unmarshal(b, &t)\n\tlog.Println(t.Next)\n\treturn t.Name\n}\n',
    );
    const graph = await extractGoGraph({ path: 'chain', typeName: 'T0', cwd: s.dir, direction: 'decode' });
    const fields = [...graph.types.values()].flatMap((t) => t.fields);
    expect(fields).toHaveLength(2 * types - 1);
    // Registering each struct's fields by recursion per link overflowed the stack here (an internal error, exit 2).
    const evidence = await analyzeGoReads({ path: 'chain', cwd: s.dir, typeName: 'T0', fields, strict: false });
    const status = (type: string, name: string) => {
      const field = graph.types.get(type)?.fields.find((f) => f.jsonName === name);
      return field && evidence.byDeclaration.get(declarationKey(field.location))?.status;
    };
    expect([status('T0', 'name'), status('T0', 'next'), status('T1', 'name'), status('T4999', 'name')]).toEqual([
      'read',
      'read',
      'unprovable',
      'unprovable',
    ]);
    expect(evidence.byDeclaration.size).toBe(2 * types - 1);
  }, 60_000);
});
