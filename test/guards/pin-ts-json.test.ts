import { afterEach, describe, expect, it } from 'vitest';
import { editContract, runCliJson, scratchCopy } from '../support/run-cli.js';

const CONTRACT = 'contracts/provision_request.contract.json';
const TS = 'test/fixtures/ts/provision';
const SAMPLE = 'test/fixtures/json/provision_request.sample.json';

let scratch: ReturnType<typeof scratchCopy> | undefined;
afterEach(() => scratch?.cleanup());

function pinTs(cwd: string, type = 'CpProvisionRequest') {
  return runCliJson(['pin', '--contract', CONTRACT, '--ts', `${TS}/producer.ts`, '--type', type], { cwd });
}

describe('producer pin on a TypeScript producer', () => {
  it('passes on the real-shaped producer type', async () => {
    const run = await pinTs(process.cwd());
    expect(run.findings).toEqual([]);
    expect(run.exit).toBe(0);
  });

  const drifts: Array<{
    name: string;
    from: string | RegExp;
    to: string;
    rule: string;
    field: string;
    data?: Record<string, unknown>;
    rules?: string[];
  }> = [
    {
      name: 'an added field',
      from: '  platform_url: string;',
      to: '  platform_url: string;\n  region: string;',
      rule: 'PRODUCER_FIELD_UNDECLARED',
      field: 'region',
    },
    { name: 'a removed field', from: '  runtime: string;\n', to: '', rule: 'PRODUCER_FIELD_MISSING', field: 'runtime' },
    // A rename is a field the contract does not know plus one the producer stopped sending.
    {
      name: 'a renamed field',
      from: '  instance_type?: string;',
      to: '  instanceType?: string;',
      rule: 'PRODUCER_FIELD_UNDECLARED',
      field: 'instanceType',
      rules: ['PRODUCER_FIELD_UNDECLARED', 'PRODUCER_FIELD_MISSING'],
    },
    {
      name: 'a type change',
      from: '  tier: integer;',
      to: '  tier: string;',
      rule: 'PRODUCER_TYPE_MISMATCH',
      field: 'tier',
      data: { kind: 'kind', sent: 'string', declared: 'integer' },
    },
    {
      name: 'a required field made optional',
      from: '  org_id: string;',
      to: '  org_id?: string;',
      rule: 'PRODUCER_REQUIRED_MISMATCH',
      field: 'org_id',
      data: { kind: 'producer-may-omit' },
    },
    {
      name: 'an optional field made required',
      from: '  kind?: string;',
      to: '  kind: string;',
      rule: 'PRODUCER_REQUIRED_MISMATCH',
      field: 'kind',
      data: { kind: 'producer-always-sends' },
    },
    {
      name: 'null where the contract forbids it',
      from: '  platform_url: string;',
      to: '  platform_url: string | null;',
      rule: 'PRODUCER_TYPE_MISMATCH',
      field: 'platform_url',
      data: { kind: 'nullable' },
    },
  ];
  for (const drift of drifts) {
    it(`fails on ${drift.name}, naming the field and both locations`, async () => {
      scratch = scratchCopy([CONTRACT, TS]);
      scratch.edit(`${TS}/producer.ts`, drift.from, drift.to);
      const run = await pinTs(scratch.dir);
      expect(run.exit).toBe(1);
      const hits = run.findings.filter((f) => f.rule === drift.rule);
      expect(hits).toHaveLength(1);
      expect(hits[0]?.field).toBe(drift.field);
      expect(hits[0]?.file).toBe(CONTRACT);
      expect(hits[0]?.related?.file).toBe(`${TS}/producer.ts`);
      if (drift.data) expect(hits[0]?.data).toMatchObject(drift.data);
      expect(run.findings.map((f) => f.rule)).toEqual(drift.rules ?? [drift.rule]);
    });
  }

  it('fails on a nested field added to the display type (in another file)', async () => {
    scratch = scratchCopy([CONTRACT, TS]);
    scratch.edit(`${TS}/display.ts`, '  protocol?: string;', '  protocol?: string;\n  dpi?: integer;');
    const run = await pinTs(scratch.dir);
    expect(run.exit).toBe(1);
    expect(run.findings.map((f) => [f.rule, f.field, f.related?.file])).toEqual([
      ['PRODUCER_FIELD_UNDECLARED', 'display.dpi', `${TS}/display.ts`],
    ]);
    expect(run.findings[0]?.path).toBe('/properties/display/properties');
  });

  it('fails when the contract lists a field the producer does not send', async () => {
    scratch = scratchCopy([CONTRACT, TS]);
    editContract(scratch, CONTRACT, (c) => {
      c.properties.image = { type: 'string', description: 'The image to boot.', cp_consumes: true };
    });
    const run = await pinTs(scratch.dir);
    expect(run.findings.map((f) => [f.rule, f.field, f.path])).toEqual([
      ['PRODUCER_FIELD_MISSING', 'image', '/properties/image'],
    ]);
  });
});

describe('producer pin on a JSON sample', () => {
  it('passes on a payload the producer sent', async () => {
    const run = await runCliJson(['pin', '--contract', CONTRACT, '--json', SAMPLE]);
    expect(run.findings).toEqual([]);
    expect(run.exit).toBe(0);
  });

  it('fails on a key the contract does not list, and on a wrong type', async () => {
    scratch = scratchCopy([CONTRACT, SAMPLE]);
    scratch.edit(SAMPLE, '"tier": 2,', '"tier": "2",\n  "region": "eu",');
    const run = await runCliJson(['pin', '--contract', CONTRACT, '--json', SAMPLE], { cwd: scratch.dir });
    expect(run.exit).toBe(1);
    // Sorted by contract position: an undeclared field sits at the top-level "properties".
    expect(run.findings.map((f) => [f.rule, f.field])).toEqual([
      ['PRODUCER_FIELD_UNDECLARED', 'region'],
      ['PRODUCER_TYPE_MISMATCH', 'tier'],
    ]);
  });

  it('fails when a required field is absent, but not when an optional one is', async () => {
    scratch = scratchCopy([CONTRACT, SAMPLE]);
    scratch.edit(SAMPLE, /\s*"org_id": "org_7f3a2c",/, '');
    scratch.edit(SAMPLE, /\s*"kind": "desktop",/, '');
    const run = await runCliJson(['pin', '--contract', CONTRACT, '--json', SAMPLE], { cwd: scratch.dir });
    expect(run.findings.map((f) => [f.rule, f.field])).toEqual([['PRODUCER_FIELD_MISSING', 'org_id']]);
  });
});

describe('consumer completeness on a TypeScript consumer', () => {
  const consumes = (cwd: string) =>
    runCliJson(['consumes', '--contract', CONTRACT, '--ts', `${TS}/consumer.ts`, '--type', 'WsProvisionRequest'], {
      cwd,
    });

  it('passes on a consumer that reads every consumed field and not the dead one', async () => {
    const run = await consumes(process.cwd());
    expect(run.findings).toEqual([]);
    expect(run.exit).toBe(0);
  });

  it('fails on the incident: template_assets marked consumed, the consumer has no such field', async () => {
    scratch = scratchCopy([CONTRACT, TS]);
    editContract(scratch, CONTRACT, (c) => {
      c.properties.template_assets.cp_consumes = true;
      delete c.properties.template_assets.note;
    });
    const run = await consumes(scratch.dir);
    expect(run.exit).toBe(1);
    expect(run.findings.map((f) => [f.rule, f.field, f.path])).toEqual([
      ['CONSUMER_FIELD_MISSING', 'template_assets', '/properties/template_assets/cp_consumes'],
    ]);
  });

  it('fails when the consumer decodes a dead field', async () => {
    scratch = scratchCopy([CONTRACT, TS]);
    scratch.edit(
      `${TS}/consumer.ts`,
      '  platform_url: string;',
      '  platform_url: string;\n  template_assets?: Record<string, string | null>;',
    );
    const run = await consumes(scratch.dir);
    expect(run.findings.map((f) => [f.rule, f.field])).toEqual([['CONSUMER_READS_DEAD_FIELD', 'template_assets']]);
  });

  it('fails when the consumer expects a field the contract does not list', async () => {
    scratch = scratchCopy([CONTRACT, TS]);
    scratch.edit(`${TS}/consumer.ts`, '  platform_url: string;', '  platform_url: string;\n  region?: string;');
    const run = await consumes(scratch.dir);
    expect(run.findings.map((f) => [f.rule, f.field])).toEqual([['CONSUMER_FIELD_UNKNOWN', 'region']]);
  });

  it('fails when the consumer cannot hold a value the contract allows', async () => {
    scratch = scratchCopy([CONTRACT, TS]);
    scratch.edit(`${TS}/consumer.ts`, 'env: Record<string, string> | null;', 'env: Record<string, string>;');
    const run = await consumes(scratch.dir);
    expect(run.findings.map((f) => [f.rule, f.field, f.data?.['kind']])).toEqual([
      ['CONSUMER_TYPE_MISMATCH', 'env', 'nullable'],
    ]);
  });
});
