/**
 * The TypeScript read analysis in graph mode (a contract with `$defs`,
 * `consumes --ts`): the fields of every named type of the graph are judged
 * once per declaration, and a definition's field is reported once, at the
 * definition. The fixture is test/fixtures/defs-tree-ts (Node shared at "root"
 * and "spare" and recursive; Owner, a class, and Team, a type alias, referring
 * to each other); the handler that decodes and reads it is written here.
 */
import { describe, expect, it } from 'vitest';
import { runCliJson, scratchCopies } from '../support/run-cli.js';

const DIR = 'test/fixtures/defs-tree-ts';
const CONTRACT = `${DIR}/tree.contract.json`;
const HANDLER_FILE = `${DIR}/handler.ts`;
const HANDLER = [
  "import type { Node, Owner, Tree } from './tree.js';",
  '',
  'export function handle(body: string): string {',
  '  const t = JSON.parse(body) as Tree;',
  '  let out = walk(t.root);',
  '  if (t.spare !== null) out += walk(t.spare);',
  '  for (const [key, owner] of Object.entries(t.by_name ?? {})) out += key + describe(owner);',
  '  return out;',
  '}',
  '',
  'function walk(n: Node): string {',
  '  let s = n.name;',
  '  for (const child of n.children ?? []) s += walk(child);',
  '  if (n.owner !== null) s += describe(n.owner);',
  '  return s;',
  '}',
  '',
  'function describe(o: Owner): string {',
  '  const lead = o.team.lead;',
  "  return `${o.id}/${o.team.name}${lead === null ? '' : `<${lead.id}`}`;",
  '}',
  '',
].join('\n');

interface ReadsEntry {
  readonly type?: string;
  readonly pointer: string;
  readonly status: string;
  readonly sites?: readonly string[];
}

const scratch = scratchCopies([DIR]);

function withHandler(handler: string = HANDLER): ReturnType<typeof scratch> {
  const s = scratch();
  s.write(HANDLER_FILE, handler);
  return s;
}

async function consumes(cwd: string) {
  const run = await runCliJson(['consumes', '--contract', CONTRACT, '--ts', `${DIR}/tree.ts`, '--type', 'Tree'], {
    cwd,
  });
  const reads = run.stdout ? ((JSON.parse(run.stdout) as { reads?: ReadsEntry[] }).reads ?? []) : [];
  return { ...run, reads };
}

describe('the TypeScript read analysis against a $defs contract', () => {
  it('proves every field of every type read, each type listed once', async () => {
    const run = await consumes(withHandler().dir);
    expect(run.findings).toEqual([]);
    expect(run.exit).toBe(0);
    expect(run.reads.map((r) => [r.type, r.pointer, r.status])).toEqual([
      ['Tree', '/root', 'read'],
      ['Tree', '/spare', 'read'],
      ['Tree', '/by_name', 'read'],
      ['Node', '/name', 'read'],
      ['Node', '/children', 'read'],
      ['Node', '/owner', 'read'],
      ['Owner', '/id', 'read'],
      ['Owner', '/team', 'read'],
      ['Team', '/lead', 'read'],
      ['Team', '/name', 'read'],
    ]);
    expect(run.reads.find((r) => r.type === 'Team' && r.pointer === '/name')?.sites).toEqual([`${HANDLER_FILE}:20:28`]);
  });

  it("reports a definition's field with no read once, at the definition, exit 1; a read in a test file does not count", async () => {
    const s = withHandler(HANDLER.replace('/${o.team.name}', '/'));
    s.write(
      `${DIR}/handler.test.ts`,
      "import type { Owner } from './tree.js';\n\nexport const name = (o: Owner): string => o.team.name;\n",
    );
    const run = await consumes(s.dir);
    expect(run.exit).toBe(1);
    expect(run.findings.map((f) => [f.rule, f.severity, f.path, `${f.line}:${f.column}`, f.data])).toEqual([
      [
        'CONSUMER_FIELD_UNREAD',
        'error',
        '/$defs/Team/properties/name/cp_consumes',
        '41:37',
        { pointer: '/by_name/*/team/name', kind: 'static', decodedAt: `${HANDLER_FILE}:4:33` },
      ],
    ]);
  });

  it('counts a field of a shared type read along only one of its paths', async () => {
    // Node's name is read only on the spare node now.
    const s = withHandler(
      HANDLER.replace('let s = n.name;', "let s = '';").replace(
        'out += walk(t.spare);',
        'out += t.spare.name + walk(t.spare);',
      ),
    );
    const run = await consumes(s.dir);
    expect(run.findings).toEqual([]);
    expect(run.reads.find((r) => r.type === 'Node' && r.pointer === '/name')?.sites).toEqual([`${HANDLER_FILE}:6:40`]);
  });
});
