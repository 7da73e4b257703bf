import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createConsumptionRecorder,
  createProvisionRecorder,
  PROVISION_ENDPOINT,
  traceFile,
  traceShapeFromSchema,
} from './consumption-trace.js';
import { planWorkspace } from './handler.js';
import type { ProvisionRequest } from './provision_request.types.js';

const schema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    optional: { type: 'string' },
    display: {
      type: 'object',
      properties: { mode: { type: 'string' }, size: { type: 'object', properties: { w: { type: 'integer' } } } },
    },
    env: { type: ['object', 'null'], additionalProperties: { type: 'string' } },
    items: {
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'string' }, tag: { type: 'string' } } },
    },
    labels: { type: 'object', additionalProperties: { type: 'object', properties: { color: { type: 'string' } } } },
  },
};

interface Body {
  name: string;
  optional?: string;
  display: { mode: string; size: { w: number } };
  env: Record<string, string> | null;
  items: { id: string; tag: string }[];
  labels: Record<string, { color: string }>;
}

function body(): Body {
  return {
    name: 'n',
    display: { mode: 'm', size: { w: 1 } },
    env: { A: '1', B: '2' },
    items: [{ id: 'i1', tag: 't' }],
    labels: { red: { color: '#f00' } },
  };
}

function traced(read: (b: Body) => unknown): string[] {
  const recorder = createConsumptionRecorder({ endpoint: 'POST /x', schema });
  read(recorder.track(body()));
  return recorder.read();
}

describe('consumption recorder', () => {
  it('records plain reads at every depth, with the parents on the way', () => {
    expect(traced((b) => b.display.size.w)).toEqual(['/display', '/display/size', '/display/size/w']);
  });

  it('records destructuring, including nested patterns', () => {
    expect(
      traced((b) => {
        const {
          name,
          display: { mode },
        } = b;
        return [name, mode];
      }),
    ).toEqual(['/display', '/display/mode', '/name']);
  });

  it('records `in` as a read of the field', () => {
    expect(traced((b) => 'optional' in b)).toEqual(['/optional']);
  });

  it('records a declared optional field the request did not carry: the code looked for it', () => {
    expect(traced((b) => b.optional ?? 'default')).toEqual(['/optional']);
  });

  it('does not count Object.keys of an object with named fields as reading its fields', () => {
    expect(traced((b) => Object.keys(b))).toEqual([]);
  });

  it('records Object.keys / entries / `in` on a map as reading the map; values add "/*"', () => {
    expect(traced((b) => Object.keys(b.env ?? {}))).toEqual(['/env']);
    expect(traced((b) => 'A' in (b.env ?? {}))).toEqual(['/env']);
    expect(traced((b) => b.env?.['MISSING'])).toEqual(['/env']);
    expect(traced((b) => Object.entries(b.env ?? {}))).toEqual(['/env', '/env/*']);
    expect(traced((b) => b.env?.['A'])).toEqual(['/env', '/env/*']);
  });

  it('records fields of objects inside maps and arrays under "*"', () => {
    expect(traced((b) => b.labels['red']?.color)).toEqual(['/labels', '/labels/*', '/labels/*/color']);
    expect(traced((b) => b.items.map((item) => item.id))).toEqual(['/items', '/items/*', '/items/*/id']);
    expect(traced((b) => b.items.length)).toEqual(['/items']);
    expect(traced((b) => [...b.items].length)).toEqual(['/items', '/items/*']);
  });

  it('a null map is still a read of the map', () => {
    const recorder = createConsumptionRecorder({ endpoint: 'POST /x', schema });
    const b = recorder.track({ ...body(), env: null });
    expect(b.env).toBeNull();
    expect(recorder.read()).toEqual(['/env']);
  });

  it("ignores what the runtime probes: await, JSON.stringify's toJSON, Symbol keys, Object.prototype", async () => {
    const recorder = createConsumptionRecorder({ endpoint: 'POST /x', schema });
    const b = recorder.track(body());
    await Promise.resolve(b);
    String(Object.prototype.toString.call(b));
    expect(recorder.read()).toEqual([]);
  });

  it('counts serialization as reading everything it contains (trace deciding code, not loggers)', () => {
    const read = traced((b) => JSON.stringify(b));
    expect(read).toContain('/display/size/w');
    expect(read).toContain('/items/*/tag');
  });

  it('keeps object identity stable and values unchanged', () => {
    const recorder = createConsumptionRecorder({ endpoint: 'POST /x', schema });
    const b = recorder.track(body());
    expect(b.display).toBe(b.display);
    expect(Array.isArray(b.items)).toBe(true);
    expect(JSON.parse(JSON.stringify(b))).toEqual(body());
  });

  it('passes non-objects through and counts every tracked request', () => {
    const recorder = createConsumptionRecorder({ endpoint: 'POST /x', schema });
    expect(recorder.track(null)).toBeNull();
    recorder.track(body());
    expect(recorder.requests).toBe(2);
  });

  it('reads the container layout from the schema', () => {
    const shape = traceShapeFromSchema(schema);
    expect([...shape.containers].map(([pointer, c]) => [pointer, c.kind])).toEqual([
      ['', 'object'],
      ['/display', 'object'],
      ['/display/size', 'object'],
      ['/env', 'map'],
      ['/items', 'array'],
      ['/items/*', 'object'],
      ['/labels', 'map'],
      ['/labels/*', 'object'],
    ]);
  });
});

describe('provision recorder and trace file', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  const request: ProvisionRequest = {
    org_id: 'o',
    workspace_id: 'w',
    runtime: 'r',
    tier: 1,
    display: {},
    platform_url: 'u',
    env: { A: '1' },
  };

  it("traces cp's handler reading every consumed field, and writes byte-stable JSON", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wirepin-trace-'));
    dirs.push(dir);
    const texts: string[] = [];
    for (const name of ['a', 'b']) {
      const recorder = createProvisionRecorder();
      planWorkspace(recorder.track(structuredClone(request)));
      planWorkspace(recorder.track(structuredClone(request)));
      const file = join(dir, 'nested', `${name}.json`);
      await recorder.write(file);
      texts.push(await readFile(file, 'utf8'));
    }
    expect(texts[0]).toBe(texts[1]);
    expect(texts[0]).toBe(
      `${JSON.stringify(
        {
          wirepin_trace: 1,
          endpoint: PROVISION_ENDPOINT,
          requests: 2,
          read: [
            '/config_files',
            '/data_persistence',
            '/disk_gb',
            '/display',
            '/display/height',
            '/display/mode',
            '/display/protocol',
            '/display/width',
            '/env',
            '/env/*',
            '/instance_type',
            '/kind',
            '/org_id',
            '/platform_url',
            '/provider',
            '/runtime',
            '/template',
            '/tier',
            '/workspace_id',
          ],
        },
        null,
        2,
      )}\n`,
    );
  });

  it('puts traces under .wirepin/traces/', () => {
    expect(traceFile('cp')).toBe('.wirepin/traces/cp.json');
  });
});
