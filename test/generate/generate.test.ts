import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { REPO_ROOT } from '../rules/rule-tester.js';

const SCHEMA = 'schemas/provision_request.schema.json';
const PRODUCER = 'producer/provision_request.types.ts';
const CONSUMER = 'consumer/provision_request.types.ts';
const GENERATED = [SCHEMA, PRODUCER, CONSUMER] as const;
const CONTRACT = 'contracts/provision_request.contract.json';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A scratch repository holding copies of the named top-level folders of this one. */
function scratchRepo(folders: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'wirepin-generate-'));
  temps.push(dir);
  for (const folder of folders) cpSync(join(REPO_ROOT, folder), join(dir, folder), { recursive: true });
  return dir;
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(argv: readonly string[], cwd: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: {},
    cwd,
    isTty: false,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const readBytes = (dir: string, path: string): Buffer => readFileSync(join(dir, path));

describe('generate', () => {
  let fresh = '';
  beforeAll(async () => {
    fresh = scratchRepo(['contracts']);
    const result = await run(['generate'], fresh);
    expect(result).toMatchObject({ code: 0, stderr: '' });
  });

  it('writes the wire schema and both sides’ types', () => {
    for (const path of GENERATED) expect(existsSync(join(fresh, path)), path).toBe(true);
  });

  it('is byte-stable: a second run changes nothing, and another checkout gets the same bytes', async () => {
    const before = GENERATED.map((p) => readBytes(fresh, p));
    const again = await run(['generate'], fresh);
    expect(again.code).toBe(0);
    for (const path of GENERATED) expect(again.stdout).toContain(`unchanged ${path}`);
    expect(GENERATED.map((p) => readBytes(fresh, p))).toEqual(before);

    const other = scratchRepo(['contracts']);
    expect((await run(['generate'], other)).code).toBe(0);
    expect(GENERATED.map((p) => readBytes(other, p))).toEqual(before);
  });

  it('matches the committed generated files', () => {
    for (const path of GENERATED) expect(readBytes(fresh, path).equals(readBytes(REPO_ROOT, path)), path).toBe(true);
  });

  it('leaves the dead field out of the consumer types and documents it in the producer types', () => {
    const consumer = readFileSync(join(fresh, CONSUMER), 'utf8');
    const producer = readFileSync(join(fresh, PRODUCER), 'utf8');
    expect(consumer).not.toContain('template_assets');
    expect(consumer).toMatch(/^\s+config_files\?: \{$/mu);
    const field = /\/\*\*\n((?:\s+\*.*\n)+?)\s+\*\/\n\s+template_assets\?: \{/u.exec(producer);
    expect(field, 'a doc comment right above template_assets').not.toBeNull();
    const docLines = (field?.[1] ?? '').split('\n').map((l) => l.replace(/^\s+\*\s?/u, ''));
    expect(docLines).toContain('@cpConsumes false');
    expect(docLines.find((l) => l.startsWith('@cpNote '))).toMatch(/config_files/u);
  });

  describe('the wire schema', () => {
    const sample = {
      org_id: 'org-1',
      workspace_id: 'ws-1',
      runtime: 'node',
      tier: 2,
      display: { mode: 'vnc', width: 1280, height: 800 },
      platform_url: 'https://platform.example',
      env: null,
      config_files: { '.npmrc': 'registry=https://registry.npmjs.org' },
      template_assets: { 'logo.png': 'iVBORw0KGgo=' },
    };

    function compile(): ReturnType<Ajv2020['compile']> {
      const ajv = new Ajv2020({ strict: true, allErrors: true });
      // The contract's formats (platform_url is a uri) need ajv-formats, as in src/runtime/validate-body.ts.
      addFormatsModule.default(ajv);
      ajv.addVocabulary(['cp_consumes', 'note', 'endpoint', 'producer', 'consumer']);
      return ajv.compile(JSON.parse(readFileSync(join(fresh, SCHEMA), 'utf8')) as object);
    }

    it('compiles with ajv 2020 in strict mode once the dialect keywords and formats are registered', () => {
      expect(compile).not.toThrow();
    });

    it('accepts a body core sends', () => {
      const validate = compile();
      expect(validate(sample), JSON.stringify(validate.errors)).toBe(true);
    });

    it('rejects an unknown field, at the top level and inside display', () => {
      const validate = compile();
      expect(validate({ ...sample, gpu: true })).toBe(false);
      expect(validate.errors?.map((e) => [e.instancePath, e.keyword, e.params])).toEqual([
        ['', 'additionalProperties', { additionalProperty: 'gpu' }],
      ]);
      expect(validate({ ...sample, display: { ...sample.display, dpi: 2 } })).toBe(false);
      expect(validate.errors?.map((e) => [e.instancePath, e.keyword])).toEqual([['/display', 'additionalProperties']]);
    });

    it('rejects a body without a required field', () => {
      const validate = compile();
      const { platform_url: _dropped, ...incomplete } = sample;
      expect(validate(incomplete)).toBe(false);
      expect(validate.errors?.map((e) => e.params)).toEqual([{ missingProperty: 'platform_url' }]);
    });
  });

  describe('the generated types', () => {
    /** Type-checks small files against the generated types with the repository's strictness; diagnostics by file. */
    function typeCheck(files: Record<string, string>): Map<string, ts.Diagnostic[]> {
      writeFileSync(join(fresh, 'package.json'), '{ "type": "module" }\n');
      for (const [name, text] of Object.entries(files)) writeFileSync(join(fresh, name), text);
      const program = ts.createProgram(
        Object.keys(files).map((name) => join(fresh, name)),
        {
          strict: true,
          noEmit: true,
          target: ts.ScriptTarget.ES2022,
          module: ts.ModuleKind.NodeNext,
          moduleResolution: ts.ModuleResolutionKind.NodeNext,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          verbatimModuleSyntax: true,
          skipLibCheck: true,
          types: [],
        },
      );
      const byFile = new Map<string, ts.Diagnostic[]>(Object.keys(files).map((name) => [name, []]));
      for (const d of ts.getPreEmitDiagnostics(program)) {
        const name = d.file ? d.file.fileName.slice(fresh.length + 1) : '(global)';
        byFile.set(name, [...(byFile.get(name) ?? []), d]);
      }
      return byFile;
    }

    let diagnostics = new Map<string, ts.Diagnostic[]>();
    beforeAll(() => {
      diagnostics = typeCheck({
        'producer-sends.ts': [
          "import type { ProvisionRequest } from './producer/provision_request.types.js';",
          'export const body: ProvisionRequest = {',
          "  org_id: 'org-1', workspace_id: 'ws-1', runtime: 'node', tier: 2, display: {}, platform_url: 'https://p', env: null,",
          "  template_assets: { 'logo.png': 'iVBORw0KGgo=' },",
          '};',
          '',
        ].join('\n'),
        'consumer-reads.ts': [
          "import type { ProvisionRequest } from './consumer/provision_request.types.js';",
          'export function describe(body: ProvisionRequest): string {',
          "  return `${body.org_id} ${body.display.mode ?? 'default'} ${body.config_files?.['.npmrc'] ?? ''}`;",
          '}',
          '',
        ].join('\n'),
        'consumer-reads-dead-field.ts': [
          "import type { ProvisionRequest } from './consumer/provision_request.types.js';",
          'export function assets(body: ProvisionRequest): unknown {',
          '  return body.template_assets;',
          '}',
          '',
        ].join('\n'),
      });
    });

    const text = (d: ts.Diagnostic): string => ts.flattenDiagnosticMessageText(d.messageText, '\n');

    it('let the producer build a full body, dead field included', () => {
      expect(diagnostics.get('producer-sends.ts')?.map(text)).toEqual([]);
      expect(diagnostics.get('(global)') ?? []).toEqual([]);
    });

    it('let the consumer read the fields it consumes', () => {
      expect(diagnostics.get('consumer-reads.ts')?.map(text)).toEqual([]);
    });

    it('stop the consumer from reading template_assets', () => {
      const errors = diagnostics.get('consumer-reads-dead-field.ts') ?? [];
      expect(errors.map((d) => d.code)).toEqual([2339]);
      expect(text(errors[0] as ts.Diagnostic)).toMatch(
        /Property 'template_assets' does not exist on type 'ProvisionRequest'/u,
      );
    });
  });
});

describe('generate --check', () => {
  const REPO_FOLDERS = ['contracts', 'producer', 'consumer', 'schemas'];

  it('exits 0 when every generated file is fresh', async () => {
    const repo = scratchRepo(REPO_FOLDERS);
    const result = await run(['generate', '--check'], repo);
    expect(result).toMatchObject({ code: 0, stderr: '' });
  });

  it('exits 1 and names the file after a hand edit of a generated file, and writes nothing', async () => {
    const repo = scratchRepo(REPO_FOLDERS);
    const edited = readFileSync(join(repo, CONSUMER), 'utf8').replace(
      '  org_id: string;',
      '  org_id: string;\n  template_assets?: unknown;',
    );
    writeFileSync(join(repo, CONSUMER), edited);
    const result = await run(['generate', '--check', '--format', 'json'], repo);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      findings: Array<{ rule: string; file: string; line: number; data: Record<string, unknown> }>;
    };
    expect(report.findings.map((f) => [f.rule, f.file, f.data['state'], f.data['contract']])).toEqual([
      ['GENERATED_FILE_STALE', CONSUMER, 'stale', CONTRACT],
    ]);
    const firstChanged = edited.split('\n').findIndex((l) => l === '  template_assets?: unknown;') + 1;
    expect(report.findings[0]?.line).toBe(firstChanged);
    expect(readFileSync(join(repo, CONSUMER), 'utf8')).toBe(edited);

    const text = await run(['generate', '--check'], repo);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`${CONSUMER}:${firstChanged}:1`);
  });

  it('exits 1 when a generated file is missing', async () => {
    const repo = scratchRepo(REPO_FOLDERS);
    unlinkSync(join(repo, SCHEMA));
    const result = await run(['generate', '--check', '--format', 'json'], repo);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      findings: Array<{ rule: string; file: string; data: Record<string, unknown> }>;
    };
    expect(report.findings.map((f) => [f.rule, f.file, f.data['state']])).toEqual([
      ['GENERATED_FILE_STALE', SCHEMA, 'missing'],
    ]);
    expect(existsSync(join(repo, SCHEMA))).toBe(false);
  });
});

describe('generate from a contract with lint errors', () => {
  it('exits 2 (could not run) with the lint findings and writes no file', async () => {
    const repo = scratchRepo(['contracts']);
    const path = join(repo, CONTRACT);
    const text = readFileSync(path, 'utf8');
    const withoutNote = text.replace(/,\n\s+"note": "The deployed cp[^\n]*"/u, '');
    expect(withoutNote).not.toBe(text);
    writeFileSync(path, withoutNote);

    const result = await run(['generate', '--format', 'json'], repo);
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout) as {
      findings: Array<{ rule: string; file: string; path: string; data: Record<string, unknown> }>;
    };
    expect(report.findings.map((f) => [f.rule, f.file, f.path, f.data['kind']])).toEqual([
      ['DEAD_FIELD_NOTE_MISSING', CONTRACT, '/properties/template_assets', 'missing'],
    ]);
    for (const folder of ['schemas', 'producer', 'consumer'])
      expect(existsSync(join(repo, folder)), folder).toBe(false);

    const check = await run(['generate', '--check'], repo);
    expect(check.code).toBe(2);
    expect(check.stdout).toContain('DEAD_FIELD_NOTE_MISSING');
  });
});
