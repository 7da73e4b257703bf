import { afterEach, describe, expect, it } from 'vitest';
import { editContract, runCliJson, scratchCopy } from '../support/run-cli.js';

/**
 * The two guards on the Go sources this repository ships: core's
 * cpProvisionRequest (producer/go, two files) and cp's wsProvisionRequest
 * (consumer/go). Each drift is one edit of a scratch copy.
 */
const CONTRACT = 'contracts/provision_request.contract.json';
const PRODUCER = 'producer/go/cp_provision_request.go';
const DISPLAY = 'producer/go/workspace_display.go';
const CONSUMER = 'consumer/go/ws_provision_request.go';

let scratch: ReturnType<typeof scratchCopy> | undefined;
afterEach(() => scratch?.cleanup());

const pin = (cwd: string) =>
  runCliJson(['pin', '--contract', CONTRACT, '--go', 'producer/go', '--type', 'cpProvisionRequest'], { cwd });
const consumes = (cwd: string) =>
  runCliJson(['consumes', '--contract', CONTRACT, '--go', 'consumer/go', '--type', 'wsProvisionRequest'], { cwd });

describe('producer pin on core (Go)', () => {
  it('passes on the real-shaped cpProvisionRequest', async () => {
    const run = await pin(process.cwd());
    expect(run.findings).toEqual([]);
    expect(run.exit).toBe(0);
  });

  const drifts: Array<{
    name: string;
    file: string;
    from: string;
    to: string;
    expect: Array<[string, string]>;
    line?: number;
  }> = [
    {
      name: 'an added field',
      file: PRODUCER,
      from: '\tTemplateAssets map[string][]byte      `json:"template_assets,omitempty"`',
      to: '\tTemplateAssets map[string][]byte      `json:"template_assets,omitempty"`\n\tRegion string `json:"region"`',
      expect: [['PRODUCER_FIELD_UNDECLARED', 'region']],
      line: 24,
    },
    {
      name: 'a removed field',
      file: PRODUCER,
      from: '\tRuntime      string `json:"runtime"`\n',
      to: '',
      expect: [['PRODUCER_FIELD_MISSING', 'runtime']],
    },
    {
      name: 'a renamed tag',
      file: PRODUCER,
      from: '`json:"platform_url"`',
      to: '`json:"platformURL"`',
      expect: [
        ['PRODUCER_FIELD_UNDECLARED', 'platformURL'],
        ['PRODUCER_FIELD_MISSING', 'platform_url'],
      ],
    },
    {
      name: 'a nested field added to WorkspaceDisplayConfig (in the second file)',
      file: DISPLAY,
      from: '\tProtocol string `json:"protocol,omitempty"`',
      to: '\tProtocol string `json:"protocol,omitempty"`\n\tDPI      int    `json:"dpi,omitempty"`',
      expect: [['PRODUCER_FIELD_UNDECLARED', 'display.dpi']],
    },
    {
      name: 'a tagless exported field (its Go name becomes the key)',
      file: PRODUCER,
      from: '\tTemplateAssets map[string][]byte      `json:"template_assets,omitempty"`',
      to: '\tTemplateAssets map[string][]byte      `json:"template_assets,omitempty"`\n\tRegion string',
      expect: [['PRODUCER_FIELD_UNDECLARED', 'Region']],
    },
    {
      name: 'json:",omitempty" (Go name, omitempty)',
      file: PRODUCER,
      from: '\tTemplateAssets map[string][]byte      `json:"template_assets,omitempty"`',
      to: '\tTemplateAssets map[string][]byte      `json:"template_assets,omitempty"`\n\tZone string `json:",omitempty"`',
      expect: [['PRODUCER_FIELD_UNDECLARED', 'Zone']],
    },
    {
      name: 'a type change',
      file: PRODUCER,
      from: '\tTier         int    `json:"tier"`',
      to: '\tTier         string `json:"tier"`',
      expect: [['PRODUCER_TYPE_MISMATCH', 'tier']],
    },
    {
      name: 'omitempty on a required field',
      file: PRODUCER,
      from: '`json:"org_id"`',
      to: '`json:"org_id,omitempty"`',
      expect: [['PRODUCER_REQUIRED_MISMATCH', 'org_id']],
    },
    {
      name: 'a pointer to the display struct (now omittable and nullable)',
      file: PRODUCER,
      from: '\tDisplay        WorkspaceDisplayConfig `json:"display,omitempty"`',
      to: '\tDisplay        *WorkspaceDisplayConfig `json:"display,omitempty"`',
      expect: [['PRODUCER_REQUIRED_MISMATCH', 'display']],
    },
    {
      name: 'env with omitempty (never null any more, but no longer always sent)',
      file: PRODUCER,
      from: '`json:"env"`',
      to: '`json:"env,omitempty"`',
      expect: [['PRODUCER_REQUIRED_MISMATCH', 'env']],
    },
  ];

  for (const drift of drifts) {
    it(`fails on ${drift.name}, naming the field and both locations`, async () => {
      scratch = scratchCopy([CONTRACT, 'producer/go']);
      scratch.edit(drift.file, drift.from, drift.to);
      const run = await pin(scratch.dir);
      expect(run.exit).toBe(1);
      expect(run.findings.map((f) => [f.rule, f.field])).toEqual(drift.expect);
      for (const finding of run.findings) {
        expect(finding.file).toBe(CONTRACT);
        expect(finding.line).toBeGreaterThan(0);
        expect(finding.related?.file.startsWith('producer/go/')).toBe(true);
      }
      if (drift.line !== undefined) expect(run.findings[0]?.related?.line).toBe(drift.line);
    });
  }

  it('ignores json:"-" fields and unexported fields', async () => {
    scratch = scratchCopy([CONTRACT, 'producer/go']);
    scratch.edit(
      PRODUCER,
      '\tTemplateAssets map[string][]byte      `json:"template_assets,omitempty"`',
      '\tTemplateAssets map[string][]byte      `json:"template_assets,omitempty"`\n\tInternal string `json:"-"`\n\tretries int `json:"retries"`',
    );
    const run = await pin(scratch.dir);
    expect(run.findings).toEqual([]);
    expect(run.exit).toBe(0);
  });

  it('fails on json:"-," (a field named "-")', async () => {
    scratch = scratchCopy([CONTRACT, 'producer/go']);
    scratch.edit(
      PRODUCER,
      '\tTemplateAssets map[string][]byte      `json:"template_assets,omitempty"`',
      '\tTemplateAssets map[string][]byte      `json:"template_assets,omitempty"`\n\tDash string `json:"-,"`',
    );
    const run = await pin(scratch.dir);
    expect(run.findings.map((f) => [f.rule, f.field])).toEqual([['PRODUCER_FIELD_UNDECLARED', '-']]);
  });

  it('reports the text format with what to change on which side', async () => {
    scratch = scratchCopy([CONTRACT, 'producer/go']);
    scratch.edit(PRODUCER, '\tRuntime      string `json:"runtime"`\n', '');
    const { runCli } = await import('../support/run-cli.js');
    const run = await runCli(['pin', '--contract', CONTRACT, '--go', 'producer/go', '--type', 'cpProvisionRequest'], {
      cwd: scratch.dir,
    });
    expect(run.exit).toBe(1);
    expect(run.stdout).toContain(`${CONTRACT}:`);
    expect(run.stdout).toContain('PRODUCER_FIELD_MISSING');
    expect(run.stdout).toMatch(
      /Add the field to cpProvisionRequest in core, or remove it from contracts\/provision_request\.contract\.json/,
    );
    expect(run.stdout).toContain('producer cpProvisionRequest: producer/go/cp_provision_request.go:');
  });

  it('exits 2 naming file and line for a syntax error, and for an unknown type', async () => {
    scratch = scratchCopy([CONTRACT, 'producer/go']);
    const unknown = await runCliJson(
      ['pin', '--contract', CONTRACT, '--go', 'producer/go', '--type', 'cpProvisionRequst'],
      { cwd: scratch.dir },
    );
    expect(unknown.exit).toBe(2);
    expect(unknown.stderr).toMatch(/cpProvisionRequst/);
    scratch.edit(PRODUCER, '\tTier         int    `json:"tier"`', '\tTier         int    `json:"tier"');
    const broken = await runCliJson(
      ['pin', '--contract', CONTRACT, '--go', 'producer/go', '--type', 'cpProvisionRequest'],
      { cwd: scratch.dir },
    );
    expect(broken.exit).toBe(2);
    expect(broken.stderr).toMatch(/producer\/go\/cp_provision_request\.go:\d+:\d+: error:/);
    expect(broken.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('consumer completeness on cp (Go)', () => {
  it('passes on wsProvisionRequest, which lacks only the dead template_assets', async () => {
    const run = await consumes(process.cwd());
    expect(run.findings).toEqual([]);
    expect(run.exit).toBe(0);
  });

  it('fails on the incident: the contract marks template_assets consumed and cp has no field for it', async () => {
    scratch = scratchCopy([CONTRACT, 'consumer/go']);
    editContract(scratch, CONTRACT, (c) => {
      c.properties.template_assets.cp_consumes = true;
      delete c.properties.template_assets.note;
    });
    const run = await consumes(scratch.dir);
    expect(run.exit).toBe(1);
    expect(run.findings.map((f) => [f.rule, f.field, f.path])).toEqual([
      ['CONSUMER_FIELD_MISSING', 'template_assets', '/properties/template_assets/cp_consumes'],
    ]);
    expect(run.findings[0]?.related).toMatchObject({ label: 'consumer wsProvisionRequest', file: CONSUMER });
  });

  it('fails when cp decodes a dead field', async () => {
    scratch = scratchCopy([CONTRACT, 'consumer/go']);
    scratch.edit(
      CONSUMER,
      '\tConfigFiles     map[string]string `json:"config_files,omitempty"`',
      '\tConfigFiles     map[string]string `json:"config_files,omitempty"`\n\tAssets map[string][]byte `json:"template_assets,omitempty"`',
    );
    const run = await consumes(scratch.dir);
    expect(run.findings.map((f) => [f.rule, f.field])).toEqual([['CONSUMER_READS_DEAD_FIELD', 'template_assets']]);
  });

  it('fails when cp lacks a consumed nested field', async () => {
    scratch = scratchCopy([CONTRACT, 'consumer/go']);
    scratch.edit(CONSUMER, '\tProtocol string `json:"protocol,omitempty"`\n', '');
    const run = await consumes(scratch.dir);
    expect(run.findings.map((f) => [f.rule, f.field])).toEqual([['CONSUMER_FIELD_MISSING', 'display.protocol']]);
  });

  it('fails when cp expects a field nobody sends, or decodes a type it cannot hold', async () => {
    scratch = scratchCopy([CONTRACT, 'consumer/go']);
    scratch.edit(
      CONSUMER,
      '\tTier         int    `json:"tier"`',
      '\tTier         string `json:"tier"`\n\tRegion string `json:"region"`',
    );
    const run = await consumes(scratch.dir);
    expect(run.findings.map((f) => [f.rule, f.field]).sort()).toEqual([
      ['CONSUMER_FIELD_UNKNOWN', 'region'],
      ['CONSUMER_TYPE_MISMATCH', 'tier'],
    ]);
  });
});
