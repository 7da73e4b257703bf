/**
 * The demo wire shape: core (producer) sends cpProvisionRequest, cp
 * (consumer) decodes it into wsProvisionRequest.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { goExtractor } from '../../../src/extract/go/index.js';
import type { WireField } from '../../../src/wire.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const TOP_LEVEL = [
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
];
const DISPLAY = ['/display/mode', '/display/width', '/display/height', '/display/protocol'];

function byPointer(fields: readonly WireField[]): Map<string, WireField> {
  return new Map(fields.map((field) => [field.pointer, field]));
}

describe('producer/go cpProvisionRequest', () => {
  test('15 top-level fields in declaration order, then display.* under display', async () => {
    const result = await goExtractor.extract({ path: 'producer/go', typeName: 'cpProvisionRequest', cwd: repoRoot });
    const pointers = result.fields.map((field) => field.pointer);
    expect(pointers.filter((pointer) => pointer.split('/').length === 2)).toEqual(TOP_LEVEL.map((name) => `/${name}`));
    expect(pointers.slice(11, 15)).toEqual(DISPLAY);
    expect(result.fields).toHaveLength(19);
    expect(result.opaque).toEqual([]);
    expect(result.root.location).toEqual({ file: 'producer/go/cp_provision_request.go', line: 5, column: 6 });
  });

  test('types, required and lines', async () => {
    const result = await goExtractor.extract({ path: 'producer/go', typeName: 'cpProvisionRequest', cwd: repoRoot });
    const fields = byPointer(result.fields);
    const file = 'producer/go/cp_provision_request.go';
    expect(fields.get('/org_id')).toEqual({
      pointer: '/org_id',
      jsonName: 'org_id',
      type: { kind: 'string', nullable: false },
      required: true,
      location: { file, line: 6, column: 2 },
      sourceType: 'string',
    });
    expect(fields.get('/tier')).toMatchObject({
      type: { kind: 'integer', nullable: false },
      required: true,
      location: { line: 10 },
    });
    expect(fields.get('/disk_gb')).toMatchObject({
      type: { kind: 'integer' },
      required: false,
      sourceType: 'int32',
      location: { line: 12 },
    });
    expect(fields.get('/provider')).toMatchObject({ required: false, location: { line: 14 } });
    // encoding/json never omits a struct, even with omitempty.
    expect(fields.get('/display')).toMatchObject({
      type: { kind: 'object', nullable: false },
      required: true,
      sourceType: 'WorkspaceDisplayConfig',
      location: { file, line: 19, column: 2 },
    });
    expect(fields.get('/display/width')).toMatchObject({
      type: { kind: 'integer' },
      required: false,
      location: { file: 'producer/go/workspace_display.go', line: 7, column: 2 },
    });
    // A nil map without omitempty marshals as null.
    expect(fields.get('/env')).toMatchObject({
      type: { kind: 'map', values: { kind: 'string', nullable: false }, nullable: true },
      required: true,
      location: { line: 21 },
    });
    expect(fields.get('/config_files')).toMatchObject({ type: { kind: 'map', nullable: false }, required: false });
    // []byte values are base64 strings; a nil one inside the map is null.
    expect(fields.get('/template_assets')).toMatchObject({
      type: { kind: 'map', values: { kind: 'string', nullable: true }, nullable: false },
      required: false,
      sourceType: 'map[string][]byte',
      location: { line: 23 },
    });
  });
});

describe('consumer/go wsProvisionRequest', () => {
  test('every producer field except template_assets, with the same names and types', async () => {
    const [producer, consumer] = await Promise.all([
      goExtractor.extract({ path: 'producer/go', typeName: 'cpProvisionRequest', cwd: repoRoot }),
      goExtractor.extract({
        path: 'consumer/go/ws_provision_request.go',
        typeName: 'wsProvisionRequest',
        cwd: repoRoot,
      }),
    ]);
    const shape = (fields: readonly WireField[]) => fields.map((field) => [field.pointer, field.type, field.required]);
    expect(shape(consumer.fields)).toEqual(
      shape(producer.fields.filter((field) => field.pointer !== '/template_assets')),
    );
    const fields = byPointer(consumer.fields);
    expect(fields.get('/display')).toMatchObject({
      sourceType: 'wsDisplay',
      location: { file: 'consumer/go/ws_provision_request.go', line: 24 },
    });
    expect(fields.get('/display/mode')?.location.line).toBe(32);
    expect(fields.get('/config_files')?.location.line).toBe(27);
  });
});
