import { describe, expect, it } from 'vitest';
import { tsExtractor } from '../../../src/extract/ts/index.js';
import { repoRoot, summarize } from '../../support/wire-fields.js';

const sharedFields = [
  '/org_id: string',
  '/workspace_id: string',
  '/runtime: string',
  '/template?: string',
  '/tier: integer',
  '/instance_type?: string',
  '/disk_gb?: integer',
  '/provider?: string',
  '/data_persistence?: string',
  '/kind?: string',
  '/display: object',
  '/display/mode?: string',
  '/display/width?: integer',
  '/display/height?: integer',
  '/display/protocol?: string',
  '/platform_url: string',
  '/env: map<string> | null',
  '/config_files?: map<string>',
];

describe('provision request fixtures', () => {
  it('reads the producer side (cp) with template_assets', async () => {
    const result = await tsExtractor.extract({
      path: 'test/fixtures/ts/provision/producer.ts',
      typeName: 'CpProvisionRequest',
      cwd: repoRoot,
    });
    expect(result.fields.map(summarize)).toEqual([...sharedFields, '/template_assets?: map<string>']);
    expect(result.opaque).toEqual([]);
    expect(result.fields.find((field) => field.pointer === '/display/width')?.location.file).toBe(
      'test/fixtures/ts/provision/display.ts',
    );
  });

  it('reads the consumer side (ws) without template_assets', async () => {
    const result = await tsExtractor.extract({
      path: 'test/fixtures/ts/provision/consumer.ts',
      typeName: 'WsProvisionRequest',
      cwd: repoRoot,
    });
    expect(result.fields.map(summarize)).toEqual(sharedFields);
    expect(result.root.location).toEqual({ file: 'test/fixtures/ts/provision/consumer.ts', line: 4, column: 18 });
  });
});
