import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tsExtractor } from '../../../src/extract/ts/index.js';
import type { WireField, WireType } from '../../../src/extract/types.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

function spellWireType(type: WireType): string {
  const base =
    type.kind === 'array' ? `array<${spellWireType(type.items)}>` : type.kind === 'map' ? `map<${spellWireType(type.values)}>` : type.kind;
  return type.nullable && type.kind !== 'null' ? `${base} | null` : base;
}

function summarize(field: WireField): string {
  return `${field.pointer}${field.required ? '' : '?'}: ${spellWireType(field.type)}`;
}

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
    const result = await tsExtractor.extract({ path: 'test/fixtures/ts/provision/producer.ts', typeName: 'CpProvisionRequest', cwd: repoRoot });
    expect(result.fields.map(summarize)).toEqual([...sharedFields, '/template_assets?: map<string>']);
    expect(result.opaque).toEqual([]);
    expect(result.fields.find((field) => field.pointer === '/display/width')?.location.file).toBe('test/fixtures/ts/provision/display.ts');
  });

  it('reads the consumer side (ws) without template_assets', async () => {
    const result = await tsExtractor.extract({ path: 'test/fixtures/ts/provision/consumer.ts', typeName: 'WsProvisionRequest', cwd: repoRoot });
    expect(result.fields.map(summarize)).toEqual(sharedFields);
    expect(result.root.location).toEqual({ file: 'test/fixtures/ts/provision/consumer.ts', line: 4, column: 18 });
  });
});
