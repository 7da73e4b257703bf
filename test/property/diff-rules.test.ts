/**
 * One edit to a generated contract gives exactly one classified change, from
 * the rule that owns that edit, at that field: required flipped, consumed or
 * dead flipped, description or note changed, a scalar retyped or made
 * nullable, a field added. (Removal and "no change" are in
 * diff-canonical.test.ts.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeContractText } from '../../src/run/analyze.js';
import type { ContractChange } from '../../src/diff/change.js';
import { diffContracts } from '../../src/run/diff-engine.js';
import {
  contractJson,
  contractSpec,
  writeJson,
  type ContractSpec,
  type FieldNode,
  type FieldShape,
} from './contract-arbitraries.js';

const SEED = 5_150;
const RUNS = process.env['STRYKER_MUTATOR_WORKER'] === undefined ? 60 : 25;

interface Located {
  readonly node: FieldNode;
  /** Indexes from the top-level fields down through object shapes and array items. */
  readonly path: readonly number[];
  readonly pointer: string;
  /** Every ancestor is consumed, so this field's own flag is what counts. */
  readonly parentsConsumed: boolean;
}

const escape = (name: string): string => name.replaceAll('~', '~0').replaceAll('/', '~1');

function objectFields(shape: FieldShape): { fields: readonly FieldNode[]; suffix: string } | undefined {
  if (shape.kind === 'object') return { fields: shape.fields, suffix: '' };
  if (shape.kind === 'array') {
    const inner = objectFields(shape.items);
    return inner && { fields: inner.fields, suffix: `/*${inner.suffix}` };
  }
  return undefined;
}

function locate(spec: ContractSpec): Located[] {
  const out: Located[] = [];
  const walk = (
    fields: readonly FieldNode[],
    prefix: string,
    path: readonly number[],
    parentsConsumed: boolean,
  ): void => {
    fields.forEach((node, i) => {
      const pointer = `${prefix}/${escape(node.name)}`;
      out.push({ node, path: [...path, i], pointer, parentsConsumed });
      const inner = objectFields(node.shape);
      if (inner) walk(inner.fields, `${pointer}${inner.suffix}`, [...path, i], parentsConsumed && node.consumes);
    });
  };
  walk(spec.fields, '', [], true);
  return out;
}

/** Replaces the node at `path` (see Located) by `edit(node)`. */
function editAt(spec: ContractSpec, path: readonly number[], edit: (node: FieldNode) => FieldNode): ContractSpec {
  const inShape = (shape: FieldShape, rest: readonly number[]): FieldShape => {
    if (shape.kind === 'object') return { ...shape, fields: inFields(shape.fields, rest) };
    if (shape.kind === 'array') return { ...shape, items: inShape(shape.items, rest) };
    throw new Error('path leads through a non-object');
  };
  const inFields = (fields: readonly FieldNode[], rest: readonly number[]): FieldNode[] =>
    fields.map((node, i) => {
      if (i !== rest[0]) return node;
      return rest.length === 1 ? edit(node) : { ...node, shape: inShape(node.shape, rest.slice(1)) };
    });
  return { ...spec, fields: inFields(spec.fields, path) };
}

function diff(base: ContractSpec, head: ContractSpec): ContractChange[] {
  const analyze = (spec: ContractSpec, file: string) =>
    analyzeContractText({ file, text: writeJson(contractJson(spec)) });
  return diffContracts(analyze(base, 'base.json'), analyze(head, 'head.json'));
}

const summary = (changes: readonly ContractChange[]): string[] =>
  changes.map((c) => `${c.rule} ${c.data.class} ${c.data.kind} ${c.data.pointer}`);

const picked = fc.tuple(contractSpec, fc.nat()).map(([spec, pick]) => {
  const all = locate(spec);
  return { spec, at: all[pick % all.length] as Located };
});

const isLeaf = (node: FieldNode): boolean => objectFields(node.shape) === undefined;

describe('wirepin diff: one edit, one change', () => {
  it('flipping "required" is FIELD_REQUIRED_CHANGED: breaking when it becomes required, safe when optional', () => {
    fc.assert(
      fc.property(picked, ({ spec, at }) => {
        const changes = diff(
          spec,
          editAt(spec, at.path, (n) => ({ ...n, required: !n.required })),
        );
        const became = at.node.required ? 'safe became-optional' : 'breaking became-required';
        expect(summary(changes)).toEqual([`FIELD_REQUIRED_CHANGED ${became} ${at.pointer}`]);
        expect(changes[0]?.data).toMatchObject({
          before: at.node.required ? 'required' : 'optional',
          after: at.node.required ? 'optional' : 'required',
        });
        expect(changes[0]?.severity).toBe(at.node.required ? 'notice' : 'error');
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('flipping a leaf between consumed and dead is CONSUMES_FLIPPED: breaking when it dies, needs-both-sides when it comes alive', () => {
    fc.assert(
      fc.property(picked, ({ spec, at }) => {
        if (!isLeaf(at.node) || !at.parentsConsumed) return;
        const changes = diff(
          spec,
          editAt(spec, at.path, (n) => ({ ...n, consumes: !n.consumes })),
        );
        const expected = at.node.consumes ? 'breaking became-dead' : 'needs-both-sides became-alive';
        expect(summary(changes)).toEqual([`CONSUMES_FLIPPED ${expected} ${at.pointer}`]);
        expect(changes[0]?.data).toMatchObject({
          before: at.node.consumes ? 'consumed' : 'dead',
          after: at.node.consumes ? 'dead' : 'consumed',
          consumes: !at.node.consumes,
        });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('a new, changed or removed description is DESCRIPTION_CHANGED, safe', () => {
    fc.assert(
      fc.property(picked, fc.constantFrom('A new description.', undefined), ({ spec, at }, text) => {
        if (text === at.node.description) return;
        const changes = diff(
          spec,
          editAt(spec, at.path, (n) => ({ ...n, description: text })),
        );
        const kind = at.node.description === undefined ? 'added' : text === undefined ? 'removed' : 'changed';
        expect(summary(changes)).toEqual([`DESCRIPTION_CHANGED safe ${kind} ${at.pointer}`]);
        expect(changes[0]?.data).toMatchObject({ before: at.node.description ?? null, after: text ?? null });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('retyping a scalar is FIELD_TYPE_CHANGED "changed"; adding or dropping null is became-nullable / became-non-nullable; all breaking', () => {
    fc.assert(
      fc.property(
        picked,
        fc.constantFrom('string' as const, 'integer' as const, 'boolean' as const),
        fc.boolean(),
        ({ spec, at }, type, toggleNull) => {
          const shape = at.node.shape;
          if (shape.kind !== 'scalar') return;
          if (toggleNull) {
            const changes = diff(
              spec,
              editAt(spec, at.path, (n) => ({ ...n, shape: { ...shape, nullable: !shape.nullable } })),
            );
            expect(summary(changes)).toEqual([
              `FIELD_TYPE_CHANGED breaking ${shape.nullable ? 'became-non-nullable' : 'became-nullable'} ${at.pointer}`,
            ]);
            return;
          }
          if (type === shape.type) return;
          const changes = diff(
            spec,
            editAt(spec, at.path, (n) => ({ ...n, shape: { ...shape, type } })),
          );
          expect(summary(changes)).toEqual([`FIELD_TYPE_CHANGED breaking changed ${at.pointer}`]);
          expect(changes[0]?.data.before).toBe(shape.nullable ? `${shape.type}|null` : shape.type);
          expect(changes[0]?.data.after).toBe(shape.nullable ? `${type}|null` : type);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('a new top-level field is FIELD_ADDED: needs-both-sides when consumed, a dead channel when dead', () => {
    fc.assert(
      fc.property(contractSpec, fc.boolean(), fc.boolean(), (spec, consumes, required) => {
        const added: FieldNode = {
          name: 'zz_added',
          shape: { kind: 'scalar', type: 'string', nullable: false },
          consumes,
          required,
          description: undefined,
        };
        const changes = diff(spec, { ...spec, fields: [...spec.fields, added] });
        expect(summary(changes)).toEqual([
          `FIELD_ADDED ${consumes ? 'needs-both-sides consumed' : 'dead-channel dead'} /zz_added`,
        ]);
        expect(changes[0]?.data).toMatchObject({ before: null, after: 'string', nested: 0, required });
        expect(changes[0]?.severity).toBe('warning');
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('removing a field is FIELD_REMOVED, classed by what cp loses', () => {
    fc.assert(
      fc.property(picked, ({ spec, at }) => {
        if (at.path.length !== 1) return;
        const head = { ...spec, fields: spec.fields.filter((f) => f !== at.node) };
        if (head.fields.length === 0) return;
        const changes = diff(spec, head).filter((c) => c.rule === 'FIELD_REMOVED');
        const cls = at.node.consumes ? 'breaking consumed' : at.node.required ? 'needs-both-sides dead' : 'safe dead';
        expect(summary(changes)).toEqual([`FIELD_REMOVED ${cls} ${at.pointer}`]);
        expect(changes[0]?.data).toMatchObject({ after: null, required: at.node.required });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
