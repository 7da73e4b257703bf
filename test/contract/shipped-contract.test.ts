import { describe, expect, it } from 'vitest';
import { analyzeContractFile } from '../../src/run/analyze.js';

describe('the shipped provision request contract', () => {
  it('lints clean', async () => {
    const analyzed = await analyzeContractFile('contracts/provision_request.contract.json');
    expect(analyzed.findings).toEqual([]);
  });

  it('lists the 15 wire fields of cpProvisionRequest and the 4 display fields', async () => {
    const { model } = await analyzeContractFile('contracts/provision_request.contract.json');
    const top = [...(model?.fields.values() ?? [])].filter((f) => f.parent === '').map((f) => f.name);
    expect(top).toEqual([
      'org_id',
      'workspace_id',
      'runtime',
      'template',
      'tier',
      'instance_type',
      'disk_gb',
      'provider',
      'data_persistence',
      'kind',
      'display',
      'platform_url',
      'env',
      'config_files',
      'template_assets',
    ]);
    const display = [...(model?.fields.values() ?? [])].filter((f) => f.parent === '/display').map((f) => f.name);
    expect(display).toEqual(['mode', 'width', 'height', 'protocol']);
  });

  it('records template_assets as the one dead field, with a note', async () => {
    const { model } = await analyzeContractFile('contracts/provision_request.contract.json');
    const dead = [...(model?.fields.values() ?? [])].filter((f) => f.consumes === false);
    expect(dead.map((f) => f.pointer)).toEqual(['/template_assets']);
    expect(dead[0]?.note).toMatch(/config_files/);
  });

  it('requires exactly the fields Go always sends', async () => {
    const { model } = await analyzeContractFile('contracts/provision_request.contract.json');
    const required = [...(model?.fields.values() ?? [])]
      .filter((f) => f.parent === '' && f.required)
      .map((f) => f.name);
    expect(required).toEqual(['org_id', 'workspace_id', 'runtime', 'tier', 'display', 'platform_url', 'env']);
  });
});
