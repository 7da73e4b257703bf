import { describe, expect, it } from 'vitest';
import { analyzeContractFile } from '../../src/run/analyze.js';
import { buildContractModel, type ContractModel } from '../../src/contract/field-table.js';
import { unreadConsumedFields } from '../../src/trace/unread-fields.js';

async function shippedModel(): Promise<ContractModel> {
  const { model } = await analyzeContractFile('contracts/provision_request.contract.json');
  if (!model) throw new Error('the shipped contract has no model');
  return model;
}

describe('unreadConsumedFields', () => {
  it('is empty when every consumed field was read', async () => {
    const model = await shippedModel();
    const everything = [...model.fields.values()].filter((f) => f.consumes === true).map((f) => f.pointer);
    expect(unreadConsumedFields(model, everything)).toEqual([]);
  });

  it('lists consumed fields never read, in contract order, leaving dead ones out', async () => {
    const model = await shippedModel();
    expect(unreadConsumedFields(model, [])).toEqual([
      '/org_id',
      '/workspace_id',
      '/runtime',
      '/template',
      '/tier',
      '/instance_type',
      '/disk_gb',
      '/provider',
      '/data_persistence',
      '/kind',
      '/display',
      '/platform_url',
      '/env',
      '/config_files',
    ]);
  });

  it('reports a nested field when its parent was read but it was not', async () => {
    const model = await shippedModel();
    const read = [...model.fields.values()]
      .filter((f) => f.consumes === true && f.pointer !== '/display/width')
      .map((f) => f.pointer);
    expect(unreadConsumedFields(model, read)).toEqual(['/display/width']);
  });

  it('does not repeat the children of an unread parent', async () => {
    const model = await shippedModel();
    const read = [...model.fields.values()]
      .filter((f) => f.consumes === true && !f.pointer.startsWith('/display'))
      .map((f) => f.pointer);
    expect(unreadConsumedFields(model, read)).toEqual(['/display']);
  });

  it('reports a field the contract flips to consumed (the template_assets incident)', async () => {
    const model = await shippedModel();
    const flipped: ContractModel = {
      ...model,
      fields: new Map(
        [...model.fields].map(([pointer, f]) => [
          pointer,
          pointer === '/template_assets' ? { ...f, consumes: true, note: undefined } : f,
        ]),
      ),
    };
    const read = [...model.fields.values()].filter((f) => f.consumes === true).map((f) => f.pointer);
    expect(unreadConsumedFields(flipped, read)).toEqual(['/template_assets']);
  });

  it('checks fields inside arrays and maps by their "*" pointers, and consumed fields under a dead parent', () => {
    const model = buildContractModel({
      type: 'object',
      properties: {
        items: {
          type: 'array',
          cp_consumes: true,
          items: { type: 'object', properties: { id: { type: 'string', cp_consumes: true } } },
        },
        legacy: {
          type: 'object',
          cp_consumes: false,
          note: 'gone',
          properties: { still: { type: 'string', cp_consumes: true } },
        },
      },
    });
    expect(unreadConsumedFields(model, ['/items'])).toEqual(['/items/*/id', '/legacy/still']);
    expect(unreadConsumedFields(model, ['/items', '/items/*', '/items/*/id', '/legacy/still'])).toEqual([]);
  });
});
