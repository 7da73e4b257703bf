import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeContractText } from '../../src/run/analyze.js';
import { buildContractModel, formatWireType, type ContractField } from '../../src/contract/field-table.js';
import { pascalTitle } from '../../src/draft/title.js';
import { REPO_ROOT } from '../rules/rule-tester.js';
import { runCli, runCliJson } from '../support/run-cli.js';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wirepin-draft-'));
  temps.push(dir);
  return dir;
}

type Json = Record<string, unknown>;

/** Fills in the author's decision on every property at every depth: here, "consumed". */
function decideAll(schema: unknown): void {
  if (Array.isArray(schema)) return schema.forEach(decideAll);
  if (schema === null || typeof schema !== 'object') return;
  const node = schema as Json;
  const properties = node['properties'];
  if (properties !== null && typeof properties === 'object') {
    for (const field of Object.values(properties as Json)) (field as Json)['cp_consumes'] = true;
  }
  for (const value of Object.values(node)) decideAll(value);
}

/** pointer → "type required" for every field of a contract. */
function fieldTable(text: string): Record<string, string> {
  const model = buildContractModel(JSON.parse(text) as never);
  const row = (f: ContractField): string => `${formatWireType(f.type)} ${f.required ? 'required' : 'optional'}`;
  // A definition's fields under "$defs/Name" + their pointer in the definition.
  return Object.fromEntries(
    [...model.fields.values(), ...[...model.defs.values()].flatMap((d) => [...d.fields.values()])].map((f) => [
      f.def === undefined ? f.pointer : `$defs/${f.def}${f.pointer}`,
      row(f),
    ]),
  );
}

const SHIPPED = 'contracts/provision_request.contract.json';
const GOLDEN = 'test/fixtures/draft/go/expected.contract.json';

describe('wirepin contract from-go', () => {
  it('drafts producer/go: after the cp_consumes decisions, the same fields, types and required as the shipped contract', async () => {
    const run = await runCli(['contract', 'from-go', 'producer/go', '--type', 'cpProvisionRequest'], {
      cwd: REPO_ROOT,
    });
    expect(run).toMatchObject({ exit: 0, stderr: '' });
    const draft = JSON.parse(run.stdout) as Json;
    decideAll(draft);
    const decided = `${JSON.stringify(draft, null, 2)}\n`;
    expect(fieldTable(decided)).toEqual(fieldTable(readFileSync(join(REPO_ROOT, SHIPPED), 'utf8')));
    expect(Object.keys(fieldTable(decided))).toHaveLength(19);
    // Doc and line comments become descriptions; the header says what was drafted from what.
    expect(draft).toMatchObject({
      title: 'CpProvisionRequest',
      producer: { name: 'producer', repo: 'producer', type: 'cpProvisionRequest' },
      consumer: { name: 'consumer', repo: 'consumer', type: 'cpProvisionRequest' },
      additionalProperties: false,
      properties: {
        provider: { description: 'Provider is the compute backend, not the LLM provider.' },
        display: { additionalProperties: false },
      },
    });
  });

  it('the decided draft lints clean and pins cleanly against producer/go; a drifted struct fails the pin', async () => {
    const dir = scratch();
    const out = join(dir, 'provision.contract.json');
    const run = await runCli(
      [
        'contract',
        'from-go',
        'producer/go',
        '--type',
        'cpProvisionRequest',
        '--endpoint',
        'POST /cp/workspaces/provision',
        '--out',
        out,
      ],
      { cwd: REPO_ROOT },
    );
    expect(run.exit).toBe(0);
    expect(run.stdout).toContain('19 fields');
    const draft = JSON.parse(readFileSync(out, 'utf8')) as Json;
    decideAll(draft);
    writeFileSync(out, `${JSON.stringify(draft, null, 2)}\n`);
    expect((await runCliJson(['lint', out], { cwd: REPO_ROOT })).exit).toBe(0);
    const pin = await runCliJson(['pin', '--contract', out, '--go', 'producer/go', '--type', 'cpProvisionRequest'], {
      cwd: REPO_ROOT,
    });
    expect(pin).toMatchObject({ exit: 0, findings: [] });
    // Drift: the contract loses a field the struct sends.
    delete (draft['properties'] as Json)['kind'];
    writeFileSync(out, `${JSON.stringify(draft, null, 2)}\n`);
    const drifted = await runCliJson(
      ['pin', '--contract', out, '--go', 'producer/go', '--type', 'cpProvisionRequest'],
      { cwd: REPO_ROOT },
    );
    expect(drifted.exit).toBe(1);
    expect(drifted.findings.map((f) => [f.rule, f.field])).toEqual([['PRODUCER_FIELD_UNDECLARED', 'kind']]);
  });

  it('an undecided draft fails lint: CONSUMES_FLAG_MISSING at every property, SCHEMA_INVALID at the placeholder endpoint', async () => {
    const dir = scratch();
    const out = join(dir, 'draft.contract.json');
    expect(
      (
        await runCli(['contract', 'from-go', 'producer/go', '--type', 'cpProvisionRequest', '--out', out], {
          cwd: REPO_ROOT,
        })
      ).exit,
    ).toBe(0);
    const analyzed = analyzeContractText({ file: 'draft.contract.json', text: readFileSync(out, 'utf8') });
    const missing = analyzed.findings.filter((f) => f.rule === 'CONSUMES_FLAG_MISSING');
    expect(missing.map((f) => f.path)).toContain('/properties/display/properties/mode');
    expect(missing).toHaveLength(19);
    expect(analyzed.findings.filter((f) => f.rule === 'SCHEMA_INVALID').map((f) => f.path)).toEqual(['/endpoint']);
  });

  it('drafts nested structs, slices, maps of pointers, nullability and comments exactly as the golden file (byte-stable)', async () => {
    const args = [
      'contract',
      'from-go',
      'test/fixtures/draft/go',
      '--type',
      'OrderPlaced',
      '--endpoint',
      'POST /orders',
      '--producer-name',
      'shop',
      '--consumer-name',
      'warehouse',
      '--consumer-type',
      'orderPlacedRequest',
    ];
    const first = await runCli(args, { cwd: REPO_ROOT });
    const second = await runCli(args, { cwd: REPO_ROOT });
    expect(first.exit).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(join(REPO_ROOT, GOLDEN), first.stdout);
    expect(first.stdout).toBe(readFileSync(join(REPO_ROOT, GOLDEN), 'utf8'));
    const table = fieldTable(first.stdout);
    expect(table).toMatchObject({
      '/note': 'string|null required',
      '/count': 'integer optional',
      '/lines': 'array<object>|null required',
      // Line is used twice (lines and extras): drafted once, under $defs.
      '$defs/Line/gift': 'boolean optional',
      '/extras': 'map<object|null> optional',
      '$defs/Line/sku': 'string required',
      '/placed_at': 'string required',
      '/city': 'string required',
    });
    expect(table).not.toHaveProperty('/secret');
    const draft = JSON.parse(first.stdout) as { properties: Record<string, { description?: string }> };
    // A trailing comment belongs to its own field, never to the next one; directives are not documentation.
    expect(draft.properties['count']?.description).toBe('how many items, omitted when zero');
    expect(draft.properties['note']?.description).toBe('Note is free text from the customer.');
    expect(draft.properties['tags']?.description).toBeUndefined();
    expect(JSON.stringify(draft)).not.toContain('go:generate');
  });

  it('refuses a struct with a type it cannot resolve: exit 2 naming the field and its place, nothing written', async () => {
    const dir = scratch();
    const out = join(dir, 'x.contract.json');
    const run = await runCli(
      ['contract', 'from-go', 'test/fixtures/draft/unresolved', '--type', 'OrderPlaced', '--out', out],
      { cwd: REPO_ROOT },
    );
    expect(run.exit).toBe(2);
    expect(run.stderr).toMatch(/^test\/fixtures\/draft\/unresolved\/order\.go:6:2: error: /u);
    expect(run.stderr).toContain('"id" (uuid.UUID)');
    expect(run.stderr).not.toMatch(/\n\s+at /u);
    expect(existsSync(out)).toBe(false);
  });

  it('--out refuses to replace a file without --force, and replaces it with --force', async () => {
    const dir = scratch();
    const out = join(dir, 'x.contract.json');
    writeFileSync(out, 'keep me\n');
    const refused = await runCli(['contract', 'from-go', 'producer/go', '--type', 'cpProvisionRequest', '--out', out], {
      cwd: REPO_ROOT,
    });
    expect(refused.exit).toBe(2);
    expect(refused.stderr).toContain('already exists');
    expect(readFileSync(out, 'utf8')).toBe('keep me\n');
    const forced = await runCli(
      ['contract', 'from-go', 'producer/go', '--type', 'cpProvisionRequest', '--out', out, '--force'],
      { cwd: REPO_ROOT },
    );
    expect(forced.exit).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ title: 'CpProvisionRequest' });
  });

  it('takes the agreed arguments: package dir, --type, --endpoint, --producer-name, --consumer-name, --out', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'internal/client'), { recursive: true });
    writeFileSync(
      join(dir, 'internal/client/provision.go'),
      'package client\n\n// ProvisionRequest asks the worker to provision.\ntype ProvisionRequest struct {\n\tName string `json:"name"`\n\tSize int `json:"size,omitempty"`\n}\n',
    );
    const run = await runCli(
      [
        'contract',
        'from-go',
        './internal/client',
        '--type',
        'ProvisionRequest',
        '--endpoint',
        'POST /v1/provision',
        '--producer-name',
        'api',
        '--consumer-name',
        'worker',
        '--out',
        'contracts/provision.contract.json',
      ],
      { cwd: dir },
    );
    expect(run).toMatchObject({ exit: 0, stderr: '' });
    expect(run.stdout).toContain('wrote contracts/provision.contract.json');
    expect(JSON.parse(readFileSync(join(dir, 'contracts/provision.contract.json'), 'utf8'))).toEqual({
      title: 'ProvisionRequest',
      description: 'ProvisionRequest asks the worker to provision.',
      endpoint: 'POST /v1/provision',
      producer: { name: 'api', repo: 'api', type: 'ProvisionRequest' },
      consumer: { name: 'worker', repo: 'worker', type: 'ProvisionRequest' },
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: { name: { type: 'string' }, size: { type: 'integer' } },
    });
  });

  it('bad usage exits 2 with a hint: no --type, an unknown type, an empty option, no or an unknown subcommand', async () => {
    expect((await runCli(['contract', 'from-go', 'producer/go'], { cwd: REPO_ROOT })).exit).toBe(2);
    const unknown = await runCli(['contract', 'from-go', 'producer/go', '--type', 'Nope'], { cwd: REPO_ROOT });
    expect(unknown.exit).toBe(2);
    expect(unknown.stderr).toContain('"Nope"');
    const empty = await runCli(
      ['contract', 'from-go', 'producer/go', '--type', 'cpProvisionRequest', '--endpoint', ' '],
      { cwd: REPO_ROOT },
    );
    expect(empty.exit).toBe(2);
    expect(empty.stderr).toContain('--endpoint is empty');
    const bare = await runCli(['contract'], { cwd: REPO_ROOT });
    expect(bare.exit).toBe(2);
    expect(bare.stderr).toContain('from-go or from-ts');
    expect((await runCli(['contract', 'from-rust', 'x'], { cwd: REPO_ROOT })).exit).toBe(2);
  });
});

describe('wirepin contract from-ts', () => {
  it('drafts a TypeScript interface with JSDoc descriptions; decided, it pins cleanly against the same file', async () => {
    const dir = scratch();
    const out = join(dir, 'order.contract.json');
    const run = await runCli(
      [
        'contract',
        'from-ts',
        'test/fixtures/draft/ts/order.ts',
        '--type',
        'OrderPlaced',
        '--endpoint',
        'POST /orders',
        '--out',
        out,
      ],
      { cwd: REPO_ROOT },
    );
    expect(run.exit).toBe(0);
    const draft = JSON.parse(readFileSync(out, 'utf8')) as Json;
    expect(draft).toMatchObject({
      description: 'What the shop sends the warehouse when a customer places an order.',
      properties: { id: { description: "The order's id." } },
    });
    expect(fieldTable(readFileSync(out, 'utf8'))).toEqual({
      '/id': 'string required',
      '/count': 'integer optional',
      '/note': 'string|null required',
      '/lines': 'array<object> required',
      '/lines/*/sku': 'string required',
      '/lines/*/price': 'number required',
      '/extras': 'map<object> optional',
      '/extras/*/sku': 'string required',
    });
    decideAll(draft);
    writeFileSync(out, `${JSON.stringify(draft, null, 2)}\n`);
    const pin = await runCliJson(
      ['pin', '--contract', out, '--ts', 'test/fixtures/draft/ts/order.ts', '--type', 'OrderPlaced'],
      { cwd: REPO_ROOT },
    );
    expect(pin).toMatchObject({ exit: 0, findings: [] });
  });
});

describe('pascalTitle', () => {
  it.each([
    ['cpProvisionRequest', 'CpProvisionRequest'],
    ['provision_request', 'ProvisionRequest'],
    ['v2request', 'V2Request'],
    ['ProvisionRequest', 'ProvisionRequest'],
  ])('%s → %s', (name, title) => {
    expect(pascalTitle(name)).toBe(title);
  });
  it('gives nothing for a name with no letters', () => {
    expect(pascalTitle('_')).toBeUndefined();
    expect(pascalTitle('123')).toBeUndefined();
  });
});
