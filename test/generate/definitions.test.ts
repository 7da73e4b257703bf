import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { REPO_ROOT } from '../rules/rule-tester.js';

// A contract with shared definitions: Address used three times (twice bare, once nullable),
// Category recursive through a nullable field and an array, Left and Right recursive through each other.
const FIXTURE = join(REPO_ROOT, 'test/fixtures/defs/base.contract.json');
const CONTRACT = 'contracts/order.contract.json';
const SCHEMA = 'schemas/order.schema.json';
const PRODUCER = 'producer/order.types.ts';
const CONSUMER = 'consumer/order.types.ts';
const GENERATED = [SCHEMA, PRODUCER, CONSUMER] as const;

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function scratchRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wirepin-generate-defs-'));
  temps.push(dir);
  mkdirSync(join(dir, 'contracts'));
  cpSync(FIXTURE, join(dir, CONTRACT));
  // The fixture's $schema points at the repository's meta-schema; the copy needs it too.
  cpSync(join(REPO_ROOT, 'schemas/contract.schema.json'), join(dir, 'schemas/contract.schema.json'));
  return dir;
}

async function generate(cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: {},
    cwd,
    isTty: false,
  };
  const code = await main(['generate', CONTRACT], io);
  return { code, stdout, stderr };
}

/** The exported declarations of a generated types file, by name. */
function declarations(text: string): string[] {
  return [...text.matchAll(/^export (?:interface|type) (\w+)/gmu)].map((m) => m[1] ?? '');
}

describe('generate with $defs', () => {
  let repo = '';
  beforeAll(async () => {
    repo = scratchRepo();
    expect(await generate(repo)).toMatchObject({ code: 0, stderr: '' });
  });
  const read = (path: string): string => readFileSync(join(repo, path), 'utf8');

  it('keeps the definitions in the wire schema, which ajv compiles as 2020-12 and which follows the references', () => {
    const schema = JSON.parse(read(SCHEMA)) as Record<string, unknown>;
    expect(Object.keys(schema['$defs'] as object)).toEqual(['Address', 'Category', 'Left', 'Right']);
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    ajv.addVocabulary(['cp_consumes', 'note', 'endpoint', 'producer', 'consumer']);
    const validate = ajv.compile(schema);
    const address = { street: 'Main 1', city: 'Town' };
    const body = {
      order_id: 'o-1',
      ship_to: address,
      bill_to: { ...address, zip: '123' },
      pickup: null,
      category: { name: 'a', parent: { name: 'root', parent: null }, children: [{ name: 'b', children: [] }] },
      left: { right: { left: { right: { label: 'deep' } } } },
    };
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    // A defect deep inside a recursive definition is found where it is.
    expect(validate({ ...body, category: { name: 'a', children: [{ name: 'b', children: [{ nme: 'c' }] }] } })).toBe(
      false,
    );
    expect(validate.errors?.map((e) => [e.instancePath, e.keyword])).toEqual([
      ['/category/children/0/children/0', 'required'],
      ['/category/children/0/children/0', 'additionalProperties'],
    ]);
  });

  it('gives each definition one named type, named after the definition, used at every reference', () => {
    const producer = read(PRODUCER);
    expect(declarations(producer)).toEqual(['PlaceOrder', 'Address', 'Category', 'Left', 'Right']);
    expect(producer).toContain('  ship_to: Address;\n');
    expect(producer).toContain('  bill_to: Address;\n');
    expect(producer).toContain('  pickup?: Address | null;\n');
    expect(producer).toContain('  parent?: Category | null;\n');
    expect(producer).toContain('  children?: Category[];\n');
    expect(producer).toMatch(/export interface Left \{\n\s+right\?: Right;\n\}/u);
    expect(producer).toMatch(/export interface Right \{\n\s+left\?: Left;\n/u);
    // The description beside a reference documents the field, not the shared type.
    expect(producer).toMatch(/\/\*\*\n\s+\* Where the parcel goes\.\n\s+\*\/\n\s+ship_to: Address;/u);
    expect(producer).toMatch(/@cpConsumes false[\s\S]*zip\?: string;/u);
  });

  it('leaves a definition’s dead field out of the consumer’s type', () => {
    const consumer = read(CONSUMER);
    expect(declarations(consumer)).toEqual(['PlaceOrder', 'Address', 'Category', 'Left', 'Right']);
    expect(consumer).not.toContain('zip');
    expect(consumer).toMatch(
      /export interface Address \{\n\s+\/\*\*\n\s+\* Street and number\.\n\s+\*\/\n\s+street: string;\n\s+city: string;\n\}/u,
    );
  });

  it('is byte-stable: a second run changes nothing, another checkout writes the same bytes', async () => {
    const before = GENERATED.map((p) => read(p));
    const again = await generate(repo);
    for (const path of GENERATED) expect(again.stdout).toContain(`unchanged ${path}`);
    const other = scratchRepo();
    expect((await generate(other)).code).toBe(0);
    expect(GENERATED.map((p) => readFileSync(join(other, p), 'utf8'))).toEqual(before);
  });

  it('compiles under strict TypeScript, and a recursive value type-checks on both sides', () => {
    writeFileSync(join(repo, 'package.json'), '{ "type": "module" }\n');
    const use = [
      "import type { PlaceOrder as Sent } from './producer/order.types.js';",
      "import type { PlaceOrder as Read } from './consumer/order.types.js';",
      "const address = { street: 'Main 1', city: 'Town' };",
      "export const sent: Sent = { order_id: 'o', ship_to: address, bill_to: { ...address, zip: '1' }, category: { name: 'a', parent: { name: 'r', parent: null } }, left: { right: { left: {} } } };",
      "export const read: Read = { order_id: 'o', ship_to: address, bill_to: address, category: { name: 'a', children: [{ name: 'b' }] } };",
      'export const zipRead = (body: Read): unknown => body.bill_to.zip;',
      '',
    ].join('\n');
    writeFileSync(join(repo, 'use.ts'), use);
    const program = ts.createProgram([join(repo, 'use.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      exactOptionalPropertyTypes: true,
      skipLibCheck: true,
      types: [],
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => [d.file?.fileName.slice(repo.length + 1), ts.flattenDiagnosticMessageText(d.messageText, '\n')]);
    // Only the consumer reading the dead zip fails.
    expect(diagnostics).toEqual([['use.ts', "Property 'zip' does not exist on type 'Address'."]]);
  });
});
