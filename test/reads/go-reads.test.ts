import { afterEach, describe, expect, it } from 'vitest';
import { editContract, runCliJson, scratchCopy } from '../support/run-cli.js';

/**
 * The static read analysis on the shipped Go consumer (consumer/go): every
 * consumed field is proven read with a read site; each drift the issue names
 * (declared but unread, read only in a test, only written, read only in a file
 * go build ignores, the value escaping to another package) is reported, and a
 * value handed to a function of the same package that reads the field passes.
 */
const CONTRACT = 'contracts/provision_request.contract.json';
const STRUCT = 'consumer/go/ws_provision_request.go';
const ARGS = ['consumes', '--contract', CONTRACT, '--go', 'consumer/go', '--type', 'wsProvisionRequest'];

interface ReadsEntry {
  readonly pointer: string;
  readonly status: string;
  readonly sites?: readonly string[];
  readonly escape?: string;
}

let scratch: ReturnType<typeof scratchCopy> | undefined;
afterEach(() => {
  scratch?.cleanup();
  scratch = undefined;
});

async function consumes(cwd: string, extra: readonly string[] = []) {
  const run = await runCliJson([...ARGS, ...extra], { cwd });
  const reads = run.stdout ? ((JSON.parse(run.stdout) as { reads?: ReadsEntry[] }).reads ?? []) : [];
  return { ...run, reads };
}

/** A scratch copy where the contract marks template_assets consumed and wsProvisionRequest declares it; `extra` is Go added to the package. */
function withTemplateAssets(files: Readonly<Record<string, string>> = {}) {
  const copy = scratchCopy([CONTRACT, 'consumer/go']);
  editContract(copy, CONTRACT, (c) => {
    c.properties.template_assets.cp_consumes = true;
    delete c.properties.template_assets.note;
  });
  copy.edit(
    STRUCT,
    '\tConfigFiles     map[string]string `json:"config_files,omitempty"`',
    '\tConfigFiles     map[string]string `json:"config_files,omitempty"`\n\tTemplateAssets  map[string][]byte `json:"template_assets,omitempty"`',
  );
  for (const [file, text] of Object.entries(files)) copy.write(`consumer/go/${file}`, text);
  return copy;
}

const UNREAD = [['CONSUMER_FIELD_UNREAD', 'template_assets', '/properties/template_assets/cp_consumes', 'static']];
const shape = (findings: readonly { rule: string; field?: string; path: string; data?: Record<string, unknown> }[]) =>
  findings.map((f) => [f.rule, f.field, f.path, f.data?.kind]);

describe('the read analysis on consumer/go', () => {
  it('proves every consumed field read, each with a read site, and passes', async () => {
    const run = await consumes(process.cwd());
    expect(run.findings).toEqual([]);
    expect(run.exit).toBe(0);
    expect(run.reads.length).toBeGreaterThanOrEqual(18);
    for (const entry of run.reads) {
      expect(entry.status, entry.pointer).toBe('read');
      expect(entry.sites?.length, entry.pointer).toBeGreaterThan(0);
      for (const site of entry.sites ?? []) expect(site).toMatch(/^consumer\/go\/[a-z_]+\.go:\d+:\d+$/);
    }
  });

  it('fails naming the field when every read of it is removed, for each consumed field in turn', async () => {
    const baseline = await consumes(process.cwd());
    expect(baseline.reads.length).toBeGreaterThan(0);
    for (const entry of baseline.reads) {
      const copy = scratchCopy([CONTRACT, 'consumer/go']);
      try {
        // Rename the selector at each read site to a name no struct declares: the read is gone, nothing else changes.
        const byFile = new Map<string, { line: number; column: number }[]>();
        for (const site of entry.sites ?? []) {
          const [file, line, column] = site.split(':');
          const list = byFile.get(file as string) ?? [];
          list.push({ line: Number(line), column: Number(column) });
          byFile.set(file as string, list);
        }
        for (const [file, sites] of byFile) {
          const lines = copy.read(file).split('\n');
          for (const site of [...sites].sort((a, b) => b.column - a.column)) {
            const text = lines[site.line - 1] as string;
            lines[site.line - 1] = `${text.slice(0, site.column - 1)}Gone${text.slice(site.column - 1)}`;
          }
          copy.write(file, lines.join('\n'));
        }
        const run = await consumes(copy.dir);
        const field = entry.pointer.slice(1).replace(/\//g, '.');
        expect(shape(run.findings), entry.pointer).toEqual([
          [
            'CONSUMER_FIELD_UNREAD',
            field,
            `/properties/${entry.pointer.slice(1).replace(/\//g, '/properties/')}/cp_consumes`,
            'static',
          ],
        ]);
        expect(run.findings[0]?.message).toContain('decoded at consumer/go/');
        expect(run.exit).toBe(1);
      } finally {
        copy.cleanup();
      }
    }
  }, 120_000);
});

describe('drifts the read analysis catches', () => {
  it('declared but never read: CONSUMER_FIELD_UNREAD with where it was decoded', async () => {
    scratch = withTemplateAssets();
    const run = await consumes(scratch.dir);
    expect(shape(run.findings)).toEqual(UNREAD);
    expect(run.findings[0]?.data).toMatchObject({
      pointer: '/template_assets',
      decodedAt: expect.stringMatching(/^consumer\/go\/(provision|ws_provision_request)\.go:\d+:\d+$/),
    });
    expect(run.findings[0]?.related).toMatchObject({ file: STRUCT });
    expect(run.reads.find((r) => r.pointer === '/template_assets')).toEqual({
      pointer: '/template_assets',
      status: 'unread',
    });
    expect(run.exit).toBe(1);
  });

  it('--no-reads turns the analysis off: declared is enough again', async () => {
    scratch = withTemplateAssets();
    const run = await consumes(scratch.dir, ['--no-reads']);
    expect(run.findings).toEqual([]);
    expect(run.exit).toBe(0);
  });

  it('read only in a _test.go file: still unread', async () => {
    scratch = withTemplateAssets({
      'provision_test.go':
        'package main\n\nimport "testing"\n\nfunc TestAssets(t *testing.T) {\n\tvar req wsProvisionRequest\n\tif len(req.TemplateAssets) != 0 {\n\t\tt.Fatal("assets")\n\t}\n}\n',
    });
    expect(shape((await consumes(scratch.dir)).findings)).toEqual(UNREAD);
  });

  it('written but never read: still unread', async () => {
    scratch = withTemplateAssets({
      'reset.go': 'package main\n\nfunc resetAssets(req *wsProvisionRequest) {\n\treq.TemplateAssets = nil\n}\n',
    });
    expect(shape((await consumes(scratch.dir)).findings)).toEqual(UNREAD);
  });

  it('read only in a file go build ignores: still unread', async () => {
    scratch = withTemplateAssets({
      'assets_ignored.go':
        '//go:build ignore\n\npackage main\n\nfunc assetCount(req wsProvisionRequest) int { return len(req.TemplateAssets) }\n',
    });
    expect(shape((await consumes(scratch.dir)).findings)).toEqual(UNREAD);
  });

  it('read through a function of the same package that the value is passed to: passes, with that read site', async () => {
    scratch = withTemplateAssets({
      'assets.go':
        'package main\n\nfunc assetPaths(req wsProvisionRequest) []string {\n\tvar out []string\n\tfor path := range req.TemplateAssets {\n\t\tout = append(out, path)\n\t}\n\treturn out\n}\n\nfunc useAssets(body []byte) ([]string, error) {\n\tplan, err := decodeProvision(body)\n\t_ = plan\n\treturn nil, err\n}\n',
    });
    const run = await consumes(scratch.dir);
    expect(run.findings).toEqual([]);
    expect(run.reads.find((r) => r.pointer === '/template_assets')).toEqual({
      pointer: '/template_assets',
      status: 'read',
      sites: ['consumer/go/assets.go:5:24'],
    });
  });

  it('a value passed to another package: a warning naming the escape, an error in strict mode', async () => {
    scratch = withTemplateAssets({
      'audit.go':
        'package main\n\nimport "log"\n\nfunc audit(req wsProvisionRequest) {\n\tlog.Printf("provision %v", req)\n}\n',
    });
    const run = await consumes(scratch.dir);
    expect(shape(run.findings)).toEqual([
      ['CONSUMER_READ_UNPROVABLE', 'template_assets', '/properties/template_assets/cp_consumes', 'escape'],
    ]);
    expect(run.findings[0]).toMatchObject({
      severity: 'warning',
      related: { file: 'consumer/go/audit.go', line: 6, column: 29 },
      data: { escapedAt: 'consumer/go/audit.go:6:29' },
    });
    expect(run.findings[0]?.data?.escape).toContain('log.Printf');
    expect(run.exit).toBe(0);
    const strict = await consumes(scratch.dir, ['--strict-reads']);
    expect(strict.findings.map((f) => [f.rule, f.severity])).toEqual([['CONSUMER_READ_UNPROVABLE', 'error']]);
    expect(strict.exit).toBe(1);
  });

  it('"reads": "strict" on the contract\'s consumer: the unprovable read is an error without any flag; --no-reads still turns the analysis off', async () => {
    scratch = withTemplateAssets({
      'audit.go':
        'package main\n\nimport "log"\n\nfunc audit(req wsProvisionRequest) {\n\tlog.Printf("provision %v", req)\n}\n',
    });
    editContract(scratch, CONTRACT, (c) => {
      c.consumer.reads = 'strict';
    });
    const strict = await consumes(scratch.dir);
    expect(strict.findings.map((f) => [f.rule, f.severity, f.field, f.data?.escapedAt])).toEqual([
      ['CONSUMER_READ_UNPROVABLE', 'error', 'template_assets', 'consumer/go/audit.go:6:29'],
    ]);
    expect(strict.findings[0]?.data?.escape).toContain('log.Printf');
    expect(strict.exit).toBe(1);
    expect((await consumes(scratch.dir, ['--no-reads'])).exit).toBe(0);
  });

  it('without "reads" on the contract\'s consumer the same escape stays a warning (the contract is what made it strict)', async () => {
    scratch = withTemplateAssets({
      'audit.go':
        'package main\n\nimport "log"\n\nfunc audit(req wsProvisionRequest) {\n\tlog.Printf("provision %v", req)\n}\n',
    });
    editContract(scratch, CONTRACT, (c) => {
      expect(c.consumer.reads).toBeUndefined();
    });
    const run = await consumes(scratch.dir);
    expect(run.findings.map((f) => [f.rule, f.severity])).toEqual([['CONSUMER_READ_UNPROVABLE', 'warning']]);
    expect(run.exit).toBe(0);
  });

  it('a dead field the code reads: CONSUMER_READS_DEAD_FIELD with the read place', async () => {
    scratch = withTemplateAssets({
      'assets.go': 'package main\n\nfunc assetCount(req wsProvisionRequest) int { return len(req.TemplateAssets) }\n',
    });
    editContract(scratch, CONTRACT, (c) => {
      c.properties.template_assets.cp_consumes = false;
      c.properties.template_assets.note = 'The deployed cp falls back to config_files for these assets today.';
    });
    const run = await consumes(scratch.dir);
    expect(shape(run.findings)).toEqual([
      ['CONSUMER_READS_DEAD_FIELD', 'template_assets', '/properties/template_assets/cp_consumes', 'read'],
    ]);
    expect(run.findings[0]).toMatchObject({
      related: { file: 'consumer/go/assets.go', line: 3, column: 62 },
      data: { readAt: 'consumer/go/assets.go:3:62' },
    });
  });
});
