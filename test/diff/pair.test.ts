import { describe, expect, it } from 'vitest';
import { pairContracts } from '../../src/diff/pair.js';
import { contractFromText } from './fixtures.js';

type Schema = Record<string, unknown>;

/** A lint-clean contract around the given top-level properties. */
function contract(file: string, properties: Record<string, Schema>, required: string[] = []): string {
  return JSON.stringify({
    title: 'Shape',
    endpoint: 'POST /shape',
    producer: { name: 'core', repo: 'core', type: 'coreShape' },
    consumer: { name: 'cp', repo: 'cp', type: 'cpShape' },
    type: 'object',
    additionalProperties: false,
    required,
    properties,
    $comment: file,
  });
}

const str = (consumes = true): Schema =>
  consumes
    ? { type: 'string', cp_consumes: true }
    : { type: 'string', cp_consumes: false, note: 'Kept for the audit log on core only.' };
const obj = (properties: Record<string, Schema>): Schema => ({
  type: 'object',
  cp_consumes: true,
  additionalProperties: false,
  properties,
});
const list = (properties: Record<string, Schema>): Schema => ({
  type: 'array',
  cp_consumes: true,
  items: { type: 'object', additionalProperties: false, properties },
});

function pair(base: Record<string, Schema>, head: Record<string, Schema>) {
  const b = contractFromText('base.json', contract('base', base));
  const h = contractFromText('head.json', contract('head', head));
  expect(b.findings).toEqual([]);
  expect(h.findings).toEqual([]);
  return pairContracts(b, h);
}

describe('pairContracts', () => {
  it('pairs fields by wire pointer, whatever the key order', () => {
    const p = pair({ a: str(), b: obj({ c: str() }) }, { b: obj({ c: str() }), a: str() });
    expect(p.kept.map((k) => k.pointer)).toEqual(['/b', '/b/c', '/a']);
    expect(p.added).toEqual([]);
    expect(p.removed).toEqual([]);
  });

  it('reports a removed object once, counting its nested fields (through arrays too)', () => {
    const p = pair(
      { a: str(), box: obj({ x: str(), inner: obj({ y: str() }) }), rows: list({ id: str(), name: str() }) },
      { a: str() },
    );
    expect(p.removed.map((r) => [r.field.pointer, r.nested])).toEqual([
      ['/box', 3],
      ['/rows', 2],
    ]);
  });

  it('reports an added object once, counting its nested fields', () => {
    const p = pair({ a: str() }, { a: str(), box: obj({ x: str(), y: str() }) });
    expect(p.added.map((r) => [r.field.pointer, r.nested])).toEqual([['/box', 2]]);
  });

  it('reports a field removed inside a kept object on its own', () => {
    const p = pair({ box: obj({ x: str(), y: str() }) }, { box: obj({ x: str() }) });
    expect(p.removed.map((r) => r.field.pointer)).toEqual(['/box/y']);
    expect(p.removed[0]?.field.parent).toBe('/box');
  });

  it('lets a field whose type changed absorb the fields added or removed below it', () => {
    const p = pair({ box: obj({ x: str(), y: str() }) }, { box: { type: 'string', cp_consumes: true } });
    expect(p.removed).toEqual([]);
    expect(p.kept.map((k) => [k.pointer, k.baseType, k.headType, k.typeChanged, k.nested])).toEqual([
      ['/box', 'object', 'string', true, 2],
    ]);
  });

  it('matches rename candidates one to one: same parent, same type, in document order', () => {
    const p = pair(
      { a: str(), b: str(), n: { type: 'integer', cp_consumes: true } },
      { c: str(), m: { type: 'integer', cp_consumes: true } },
    );
    expect(p.removed.map((r) => [r.field.name, r.possibleRename?.name])).toEqual([
      ['a', 'c'],
      ['b', undefined],
      ['n', 'm'],
    ]);
  });

  it('does not take a field under another parent as a rename', () => {
    const p = pair(
      { box: obj({ a: str() }), other: obj({ z: str() }) },
      { box: obj({}), other: obj({ z: str(), b: str() }) },
    );
    expect(p.removed.map((r) => [r.field.pointer, r.possibleRename?.pointer])).toEqual([['/box/a', undefined]]);
  });

  it('has no kept, added or removed fields when a whole contract is added or deleted', () => {
    const c = contractFromText('c.json', contract('c', { a: str() }));
    expect(pairContracts(undefined, c)).toMatchObject({ base: undefined, kept: [], removed: [] });
    expect(pairContracts(c, undefined)).toMatchObject({ head: undefined, kept: [], added: [] });
  });

  // Timing lives in bench/ (BENCHMARKS.md); this pins the result on a large pairing.
  it('pairs 20,000 fields on each side, offering each removed field its rename candidate', () => {
    const base: Record<string, Schema> = {};
    const head: Record<string, Schema> = {};
    for (let i = 0; i < 20_000; i++) {
      base[`f${i}`] = str();
      if (i % 2 === 0) head[`f${i}`] = str();
      else head[`g${i}`] = str();
    }
    const b = contractFromText('base.json', contract('base', base));
    const h = contractFromText('head.json', contract('head', head));
    const p = pairContracts(b, h);
    expect(p.removed).toHaveLength(10_000);
    expect(p.removed.every((r) => r.possibleRename !== undefined)).toBe(true);
  });
});

/** A lint-clean contract with definitions. */
function withDefs(properties: Record<string, Schema>, defs: Record<string, Schema>): string {
  return JSON.stringify({
    title: 'Shape',
    endpoint: 'POST /shape',
    producer: { name: 'orders', repo: 'orders', type: 'Shape' },
    consumer: { name: 'billing', repo: 'billing', type: 'Shape' },
    type: 'object',
    additionalProperties: false,
    properties,
    $defs: defs,
  });
}

function pairDefs(base: string, head: string) {
  const b = contractFromText('base.json', base);
  const h = contractFromText('head.json', head);
  expect(b.findings).toEqual([]);
  expect(h.findings).toEqual([]);
  return pairContracts(b, h);
}

const def = (properties: Record<string, Schema>): Schema => ({
  type: 'object',
  additionalProperties: false,
  properties,
});

describe('pairContracts under a moved shape', () => {
  // followMovedShapes lays the definition's fields out under the field; their parents must be payload pointers.
  it('lays a definition out under array items: a top field hangs from the field, deeper ones from their own parent', () => {
    const p = pairDefs(
      withDefs({ rows: list({ keep: str(), old: str() }) }, { Row: def({ keep: str(), gone: str() }) }),
      withDefs(
        { rows: { type: 'array', cp_consumes: true, items: { $ref: '#/$defs/Row' } } },
        { Row: def({ keep: str(), fresh: str(), box: obj({ inner: str() }) }) },
      ),
    );
    expect(p.kept.map((k) => [k.pointer, k.head.parent, k.shapeMoved])).toEqual([
      ['/rows', '', { before: 'object', after: '$defs.Row' }],
      ['/rows/*/keep', '/rows', undefined],
      // Row's own fields, paired once in the definition's scope.
      ['/keep', '', undefined],
    ]);
    expect(p.added.map((a) => [a.field.pointer, a.field.parent, a.nested])).toEqual([
      ['/rows/*/fresh', '/rows', 0],
      ['/rows/*/box', '/rows', 1],
      ['/fresh', '', 0],
      ['/box', '', 1],
    ]);
    // The inline item's "old" and the definition's "fresh" share a parent and a type: a rename candidate.
    expect(p.removed.map((r) => [r.field.pointer, r.nested, r.possibleRename?.pointer, r.removedFrom])).toEqual([
      ['/rows/*/old', 0, '/rows/*/fresh', '/properties/rows'],
      // Removed from the top of a definition: from the definition's own properties.
      ['/gone', 0, '/fresh', '/$defs/Row/properties'],
    ]);
  });

  it('lays a definition out under map values, and lays out each field moved to the same definition', () => {
    const rowRef = { $ref: '#/$defs/Row' };
    const p = pairDefs(
      withDefs(
        {
          by_id: { type: 'object', cp_consumes: true, additionalProperties: def({ keep: str() }) },
          first: obj({ keep: str() }),
          second: obj({ keep: str() }),
        },
        { Row: def({ keep: str() }) },
      ),
      withDefs(
        {
          by_id: { type: 'object', cp_consumes: true, additionalProperties: rowRef },
          first: { ...rowRef, cp_consumes: true },
          second: { ...rowRef, cp_consumes: true },
        },
        { Row: def({ keep: str() }) },
      ),
    );
    expect(p.kept.map((k) => [k.pointer, k.shapeMoved?.after, k.typeChanged, k.nested])).toEqual([
      ['/by_id', '$defs.Row', false, 0],
      ['/first', '$defs.Row', false, 0],
      ['/second', '$defs.Row', false, 0],
      ['/by_id/*/keep', undefined, false, 0],
      ['/first/keep', undefined, false, 0],
      ['/second/keep', undefined, false, 0],
      ['/keep', undefined, false, 0],
    ]);
    expect(p.added).toEqual([]);
    expect(p.removed).toEqual([]);
  });
});
