/**
 * The wire fields collected from a Go struct (src/extract/go/wire-fields.ts): the bounds a caller may lower, what a
 * refusal past the bound names, graph mode (each named type once, linked where it continues), and the fields that
 * decode fails on. Small packages, extracted through the Go extractor; the large graphs are in scale.test.ts.
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { fibonacciGraph } from '../../../bench/lib/go-graphs.js';
import { goExtractor } from '../../../src/extract/go/index.js';
import { DEFAULT_EXPANSION_LIMITS, expansionLimits } from '../../../src/extract/go/wire-fields.js';
import type { SourceGraph } from '../../../src/wire.js';
import type { ExtractRequest } from '../../../src/extract/types.js';
import { quotedNames, rejectionOf } from '../../support/facts.js';

const dirs: string[] = [];
function writePackage(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wirepin-go-wire-fields-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function extractGraph(request: ExtractRequest): Promise<SourceGraph> {
  const graph = goExtractor.extractGraph;
  if (graph === undefined) throw new Error('the Go extractor has a graph mode');
  return graph(request);
}

describe('the bounds a caller asks for', () => {
  test('each bound is lowered to a whole number; below 1, infinite and missing values keep the default', () => {
    expect(DEFAULT_EXPANSION_LIMITS).toEqual({ maxEntries: 200_000, maxDepth: 32 });
    expect(expansionLimits(undefined)).toEqual(DEFAULT_EXPANSION_LIMITS);
    expect(expansionLimits({})).toEqual(DEFAULT_EXPANSION_LIMITS);
    expect(expansionLimits({ maxEntries: 40.9, maxDepth: 3.2 })).toEqual({ maxEntries: 40, maxDepth: 3 });
    expect(expansionLimits({ maxEntries: 1, maxDepth: 1 })).toEqual({ maxEntries: 1, maxDepth: 1 });
    expect(expansionLimits({ maxEntries: 0, maxDepth: -4 })).toEqual(DEFAULT_EXPANSION_LIMITS);
    expect(expansionLimits({ maxEntries: 0.5, maxDepth: 0.5 })).toEqual(DEFAULT_EXPANSION_LIMITS);
    expect(expansionLimits({ maxEntries: Number.POSITIVE_INFINITY, maxDepth: Number.NaN })).toEqual(
      DEFAULT_EXPANSION_LIMITS,
    );
    expect(expansionLimits({ maxEntries: 300_000, maxDepth: 33 })).toEqual(DEFAULT_EXPANSION_LIMITS);
    expect(expansionLimits({ maxEntries: 200_000, maxDepth: 32 })).toEqual(DEFAULT_EXPANSION_LIMITS);
  });
});

describe('what the refusal names', () => {
  /** The refusal's facts: the names it quotes, the chain of types in parentheses, how often the named type was unrolled. */
  async function refusal(dir: string, maxEntries: number): Promise<{ quoted: string[]; chain: string; times: string }> {
    const error = await rejectionOf(
      goExtractor.extract({ path: dir, typeName: 'T0', cwd: dir, expansion: { maxEntries } }),
    );
    expect(error.code).toBe('E_UNSUPPORTED');
    expect(error.location).toEqual({ file: 'graph.go', line: 3, column: 6 });
    return {
      quoted: quotedNames(error.message),
      chain: /\(([^)]*)\)/u.exec(error.message)?.[1] ?? '',
      times: /unrolled ([\d,]+) times/u.exec(error.message)?.[1] ?? '',
    };
  }

  test('the path being listed when the bound was crossed, its chain of types (cut in the middle past 12) and the type unrolled most', async () => {
    const dir = writePackage(fibonacciGraph(20));
    // Every type on the first path is unrolled once: the tie goes to the first name in order.
    expect(await refusal(dir, 5)).toEqual({ quoted: ['T0', '/a/a', 'T1'], chain: 'T0 → T1', times: '1' });
    expect(await refusal(dir, 35)).toEqual({
      quoted: ['T0', '/a/a/a/a/a/a/a/a/a/a/a/a', 'T1'],
      chain: 'T0 → T1 → T2 → T3 → T4 → T5 → T6 → T7 → T8 → T9 → T10 → T11',
      times: '1',
    });
    expect(await refusal(dir, 36)).toEqual({
      quoted: ['T0', '/a/a/a/a/a/a/a/a/a/a/a/a/name', 'T1'],
      chain: 'T0 → T1 → T2 → T3 → T4 → T5 → … → T8 → T9 → T10 → T11 → T12',
      times: '1',
    });
    expect(await refusal(dir, 1000)).toEqual({
      quoted: ['T0', '/a/a/a/a/a/a/a/a/b/b/a/a/a/count', 'T19'],
      chain: 'T0 → T1 → T2 → T3 → T4 → T5 → … → T10 → T12 → T13 → T14 → T15',
      times: '123',
    });
  });

  test('graph mode counts each type once: refused past the bound, naming the type being listed', async () => {
    const dir = writePackage(fibonacciGraph(20));
    const graph = await extractGraph({ path: dir, typeName: 'T0', cwd: dir });
    let total = 0;
    for (const type of graph.types.values()) total += type.fields.length + type.opaque.length;
    expect({ total, types: graph.types.size }).toEqual({ total: 77, types: 20 });
    const exact = await extractGraph({ path: dir, typeName: 'T0', cwd: dir, expansion: { maxEntries: total } });
    expect(exact.types.size).toBe(20);
    const error = await rejectionOf(
      extractGraph({ path: dir, typeName: 'T0', cwd: dir, expansion: { maxEntries: total - 1 } }),
    );
    expect(error.code).toBe('E_UNSUPPORTED');
    expect(error.location).toEqual({ file: 'graph.go', line: 3, column: 6 });
    expect(quotedNames(error.message)).toEqual(['T0', 'T19']);
    expect(error.message).toContain('more than 76 fields');
    const early = await rejectionOf(
      extractGraph({ path: dir, typeName: 'T0', cwd: dir, expansion: { maxEntries: 5 } }),
    );
    expect(quotedNames(early.message)).toEqual(['T0', 'T1']);
  });
});

describe('the bound counts fields and opaque places alike', () => {
  const source = [
    'package a',
    '',
    'type Root struct {',
    '\tZ Zed `json:"z"`',
    '\tA Alpha `json:"a"`',
    '\tSelf *Root `json:"self"`',
    '}',
    '',
    'type Zed struct {',
    '\tX int `json:"x"`',
    '}',
    '',
    'type Alpha struct {',
    '\tY int `json:"y"`',
    '\tW int `json:"w"`',
    '}',
    '',
  ].join('\n');

  test('flat: the opaque repeat of the root counts; ties in unrolling go to the first name, not the first unrolled', async () => {
    const dir = writePackage({ 'a.go': source });
    const full = await goExtractor.extract({ path: 'a.go', cwd: dir, typeName: 'Root' });
    expect(full.fields.map((field) => field.pointer)).toEqual(['/z', '/z/x', '/a', '/a/y', '/a/w', '/self']);
    expect(full.opaque.map((ref) => ref.pointer)).toEqual(['/self']);
    const exact = await goExtractor.extract({ path: 'a.go', cwd: dir, typeName: 'Root', expansion: { maxEntries: 7 } });
    expect(exact.opaque).toHaveLength(1);
    const over = await rejectionOf(
      goExtractor.extract({ path: 'a.go', cwd: dir, typeName: 'Root', expansion: { maxEntries: 6 } }),
    );
    expect(quotedNames(over.message)).toEqual(['Root', '/self', 'Alpha']);
    // Zed is unrolled before Alpha, once each: the first by name is named.
    const tie = await rejectionOf(
      goExtractor.extract({ path: 'a.go', cwd: dir, typeName: 'Root', expansion: { maxEntries: 4 } }),
    );
    expect(quotedNames(tie.message)).toEqual(['Root', '/a/w', 'Alpha']);
  });

  test('graph: each type once, the root included though a field links back to it; opaque places count', async () => {
    const dir = writePackage({
      'a.go': source.replace('\tX int `json:"x"`', '\tX int `json:"x"`\n\tC complex64 `json:"c"`'),
    });
    const graph = await extractGraph({ path: 'a.go', cwd: dir, typeName: 'Root' });
    expect([...graph.types.keys()]).toEqual(['Root', 'Zed', 'Alpha']);
    expect([...(graph.types.get('Root')?.links ?? [])]).toEqual([
      ['/z', 'Zed'],
      ['/a', 'Alpha'],
      ['/self', 'Root'],
    ]);
    // Root 3 fields, Zed 2 fields and 1 opaque place, Alpha 2 fields: 8 entries.
    const exact = await extractGraph({ path: 'a.go', cwd: dir, typeName: 'Root', expansion: { maxEntries: 8 } });
    expect(exact.types.size).toBe(3);
    const over = await rejectionOf(
      extractGraph({ path: 'a.go', cwd: dir, typeName: 'Root', expansion: { maxEntries: 7 } }),
    );
    expect(quotedNames(over.message)).toEqual(['Root', 'Alpha']);
  });
});

describe('anonymous structs and an alias root', () => {
  const source = [
    'package a',
    '',
    'type Root = struct {',
    '\tA struct {',
    '\t\tB struct {',
    '\t\t\tC string `json:"c"`',
    '\t\t} `json:"b"`',
    '\t} `json:"a"`',
    '}',
    '',
  ].join('\n');

  test('the chain names the root by its name and each anonymous level by its pointer; no type was unrolled', async () => {
    const dir = writePackage({ 'a.go': source });
    const full = await goExtractor.extract({ path: 'a.go', cwd: dir, typeName: 'Root' });
    expect(full.fields.map((field) => field.pointer)).toEqual(['/a', '/a/b', '/a/b/c']);
    const error = await rejectionOf(
      goExtractor.extract({ path: 'a.go', cwd: dir, typeName: 'Root', expansion: { maxEntries: 2 } }),
    );
    expect(error.location).toEqual({ file: 'a.go', line: 3, column: 6 });
    expect(quotedNames(error.message)).toEqual(['Root', '/a/b/c']);
    expect(/crossed at "[^"]*" \((.*)\)\.$/u.exec(error.message)?.[1]).toBe('Root → /a (anonymous) → /a/b (anonymous)');
    expect(error.message).not.toContain('unrolled');
  });

  test('anonymous levels count towards the depth bound', async () => {
    const dir = writePackage({ 'a.go': source });
    const shallow = await goExtractor.extract({ path: 'a.go', cwd: dir, typeName: 'Root', expansion: { maxDepth: 2 } });
    expect(shallow.fields.map((field) => field.pointer)).toEqual(['/a', '/a/b']);
    expect(shallow.opaque.map((ref) => [ref.pointer, ref.reason])).toEqual([
      ['/a/b', 'struct nesting deeper than 2 levels is not unrolled'],
    ]);
  });

  test('graph mode names an alias root by its name', async () => {
    const dir = writePackage({ 'a.go': source });
    const graph = await extractGraph({ path: 'a.go', cwd: dir, typeName: 'Root' });
    expect(graph.rootType).toBe('Root');
    expect([...graph.types.keys()]).toEqual(['Root']);
    expect(graph.types.get('Root')?.fields.map((field) => field.pointer)).toEqual(['/a', '/a/b', '/a/b/c']);
  });
});

describe('graph mode', () => {
  test('each named type once, at its declaration, with links where a named type continues', async () => {
    const dir = writePackage({
      'a.go': [
        'package a',
        '',
        'type Root struct {',
        '\tOwner *Person `json:"owner"`',
        '\tTeam []Person `json:"team"`',
        '\tMeta struct {',
        '\t\tBy Person `json:"by"`',
        '\t} `json:"meta"`',
        '\tTags map[string]Tag `json:"tags"`',
        '}',
        '',
        'type Person struct {',
        '\tName string `json:"name"`',
        '\tBoss *Person `json:"boss,omitempty"`',
        '}',
        '',
        'type Tag struct {',
        '\tLabel string `json:"label"`',
        '\tWeird complex64 `json:"weird"`',
        '}',
        '',
      ].join('\n'),
    });
    const graph = await extractGraph({ path: 'a.go', cwd: dir, typeName: 'Root' });
    expect(graph.rootType).toBe('Root');
    const types = [...graph.types.values()].map((type) => ({
      name: type.name,
      at: `${type.location.file}:${type.location.line}:${type.location.column}`,
      fields: type.fields.map((field) => `${field.pointer} ${field.type.kind}${field.required ? '' : ' optional'}`),
      opaque: type.opaque.map((ref) => ref.pointer),
      links: [...type.links],
    }));
    expect(types).toEqual([
      {
        name: 'Root',
        at: 'a.go:3:6',
        fields: ['/owner object', '/team array', '/meta object', '/meta/by object', '/tags map'],
        opaque: [],
        links: [
          ['/owner', 'Person'],
          ['/team/*', 'Person'],
          ['/meta/by', 'Person'],
          ['/tags/*', 'Tag'],
        ],
      },
      {
        name: 'Person',
        at: 'a.go:12:6',
        fields: ['/name string', '/boss object optional'],
        opaque: [],
        links: [['/boss', 'Person']],
      },
      { name: 'Tag', at: 'a.go:17:6', fields: ['/label string', '/weird opaque'], opaque: ['/weird'], links: [] },
    ]);
  });
});

describe('graph mode at the root', () => {
  test('a root with its own marshaller is one type, opaque at its root; notes about skipped files are kept', async () => {
    const dir = writePackage({
      'a.go': [
        'package a',
        '',
        'type Root struct {',
        '\tA string `json:"a"`',
        '}',
        '',
        'func (Root) MarshalJSON() ([]byte, error) { return nil, nil }',
        '',
      ].join('\n'),
    });
    symlinkSync('missing.go', path.join(dir, 'lock.go'));
    const graph = await extractGraph({ path: 'a.go', cwd: dir, typeName: 'Root' });
    expect(graph.rootType).toBe('Root');
    expect(graph.root).toEqual({ name: 'Root', location: { file: 'a.go', line: 3, column: 6 } });
    expect(graph.notes).toHaveLength(1);
    expect(quotedNames(graph.notes?.[0] ?? '')).toEqual(['lock.go']);
    expect(
      [...graph.types].map(([key, type]) => ({
        key,
        name: type.name,
        fields: type.fields.length,
        opaque: type.opaque.map((ref) => ({ pointer: ref.pointer, typeName: ref.typeName, at: ref.location.line })),
        links: type.links.size,
      })),
    ).toEqual([{ key: 'Root', name: 'Root', fields: 0, opaque: [{ pointer: '', typeName: 'Root', at: 3 }], links: 0 }]);
    expect(graph.types.get('Root')?.opaque[0]?.reason).toContain('MarshalJSON');
  });

  test('a package without skipped files gives no notes at all', async () => {
    const dir = writePackage({ 'a.go': 'package a\n\ntype Root struct {\n\tA string `json:"a"`\n}\n' });
    const graph = await extractGraph({ path: 'a.go', cwd: dir, typeName: 'Root' });
    expect(Object.hasOwn(graph, 'notes')).toBe(false);
    const flat = await goExtractor.extract({ path: 'a.go', cwd: dir, typeName: 'Root' });
    expect(Object.hasOwn(flat, 'notes')).toBe(false);
  });
});

describe('fields as the direction sees them', () => {
  const source = [
    'package a',
    '',
    'type inner struct {',
    '\tX string `json:"x"`',
    '}',
    '',
    'type Req struct {',
    '\t*inner',
    '\tY string `json:"y"`',
    '}',
    '',
  ].join('\n');

  test('decoding a field promoted through an embedded pointer to an unexported struct fails, so it is opaque', async () => {
    const dir = writePackage({ 'a.go': source });
    const decode = await goExtractor.extract({ path: 'a.go', cwd: dir, typeName: 'Req', direction: 'decode' });
    expect(decode.fields).toEqual([
      {
        pointer: '/x',
        jsonName: 'x',
        type: {
          kind: 'opaque',
          nullable: false,
          reason:
            'it is promoted through the embedded pointer *inner to an unexported struct type, so json.Unmarshal fails ("json: cannot set embedded pointer to unexported struct") whenever the body carries it',
        },
        required: false,
        location: { file: 'a.go', line: 4, column: 2 },
        sourceType: 'string',
      },
      {
        pointer: '/y',
        jsonName: 'y',
        type: { kind: 'string', nullable: false },
        required: true,
        location: { file: 'a.go', line: 9, column: 2 },
        sourceType: 'string',
      },
    ]);
    expect(decode.opaque).toEqual([]);
  });

  test('encoding writes it when the pointer is set, so it is an optional string; requiredUnknown only where it applies', async () => {
    const dir = writePackage({ 'a.go': source });
    const encode = await goExtractor.extract({ path: 'a.go', cwd: dir, typeName: 'Req' });
    expect(encode.fields.map((field) => [field.pointer, field.type.kind, field.required])).toEqual([
      ['/x', 'string', false],
      ['/y', 'string', true],
    ]);
    for (const field of encode.fields) expect(Object.hasOwn(field, 'requiredUnknown')).toBe(false);
  });
});
