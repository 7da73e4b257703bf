import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANGE_CLASSES, SEVERITY_OF_CLASS, type ChangeClass } from '../../src/diff/change.js';
import { diffContracts } from '../../src/run/diff-engine.js';
import { DIFF_RULES } from '../../src/rules/diff/index.js';
import { DIFF_FIXTURES, fixturePath, loadSide, REPO_ROOT } from './fixtures.js';

/** What a case must report: rule, class, kind, where in the head, and the facts that matter. Never the sentence. */
interface ExpectedChange {
  readonly rule: string;
  readonly class: ChangeClass;
  readonly kind: string;
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly field?: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

/** One case per folder under test/fixtures/diff/, each a single change (or none), most severe first. */
const CASES: Readonly<Record<string, readonly ExpectedChange[]>> = {
  'key-order': [],
  'field-added-consumed': [
    {
      rule: 'FIELD_ADDED',
      class: 'needs-both-sides',
      kind: 'consumed',
      path: '/properties/image',
      line: 39,
      column: 5,
      field: 'image',
      data: { before: null, after: 'string', consumes: true, nested: 0, required: false },
    },
  ],
  'field-added-dead': [
    {
      rule: 'FIELD_ADDED',
      class: 'dead-channel',
      kind: 'dead',
      path: '/properties/build_sha',
      line: 79,
      column: 5,
      field: 'build_sha',
      data: { consumes: false },
    },
  ],
  'parent-added': [
    {
      rule: 'FIELD_ADDED',
      class: 'needs-both-sides',
      kind: 'consumed',
      path: '/properties/limits',
      line: 79,
      column: 5,
      field: 'limits',
      data: { after: 'object', nested: 2 },
    },
  ],
  'field-removed-consumed': [
    // A top-level field is annotated at the head's "properties" key: the object it was removed from.
    {
      rule: 'FIELD_REMOVED',
      class: 'breaking',
      kind: 'consumed',
      path: '/properties',
      line: 23,
      column: 3,
      field: 'template',
      data: { before: 'string', after: null, consumes: true, required: false },
    },
  ],
  'field-removed-dead': [
    {
      rule: 'FIELD_REMOVED',
      class: 'safe',
      kind: 'dead',
      path: '/properties',
      line: 23,
      column: 3,
      field: 'trace_id',
      data: { consumes: false, required: false },
    },
  ],
  'field-removed-dead-required': [
    {
      rule: 'FIELD_REMOVED',
      class: 'needs-both-sides',
      kind: 'dead',
      path: '/properties',
      line: 23,
      column: 3,
      field: 'trace_id',
      data: { consumes: false, required: true },
    },
  ],
  'parent-removed': [
    {
      rule: 'FIELD_REMOVED',
      class: 'breaking',
      kind: 'consumed',
      path: '/properties',
      line: 22,
      column: 3,
      field: 'display',
      data: { before: 'object', nested: 3 },
    },
  ],
  'field-renamed': [
    {
      rule: 'FIELD_REMOVED',
      class: 'breaking',
      kind: 'consumed',
      path: '/properties',
      line: 23,
      column: 3,
      field: 'template',
      data: { possibleRename: 'template_id' },
    },
    {
      rule: 'FIELD_ADDED',
      class: 'needs-both-sides',
      kind: 'consumed',
      path: '/properties/template_id',
      line: 34,
      column: 5,
      field: 'template_id',
    },
  ],
  'nested-type-changed': [
    {
      rule: 'FIELD_TYPE_CHANGED',
      class: 'breaking',
      kind: 'changed',
      path: '/properties/display/properties/width/type',
      line: 51,
      column: 11,
      field: 'display.width',
      data: { before: 'integer', after: 'string', pointer: '/display/width' },
    },
  ],
  'parent-type-changed': [
    {
      rule: 'FIELD_TYPE_CHANGED',
      class: 'breaking',
      kind: 'changed',
      path: '/properties/display/type',
      line: 40,
      column: 7,
      field: 'display',
      data: { before: 'object', after: 'map<string>', nested: 3 },
    },
  ],
  'type-became-nullable': [
    {
      rule: 'FIELD_TYPE_CHANGED',
      class: 'breaking',
      kind: 'became-nullable',
      path: '/properties/template/type',
      line: 35,
      column: 7,
      field: 'template',
      data: { before: 'string', after: 'string|null' },
    },
  ],
  'type-became-non-nullable': [
    {
      rule: 'FIELD_TYPE_CHANGED',
      class: 'breaking',
      kind: 'became-non-nullable',
      path: '/properties/env/type',
      line: 69,
      column: 7,
      field: 'env',
      data: { before: 'map<string>|null', after: 'map<string>' },
    },
  ],
  'became-required': [
    {
      rule: 'FIELD_REQUIRED_CHANGED',
      class: 'breaking',
      kind: 'became-required',
      path: '/required/3',
      line: 22,
      column: 5,
      field: 'template',
      data: { before: 'optional', after: 'required' },
    },
  ],
  'became-optional': [
    {
      rule: 'FIELD_REQUIRED_CHANGED',
      class: 'safe',
      kind: 'became-optional',
      path: '/required',
      line: 18,
      column: 3,
      field: 'workspace_id',
      data: { before: 'required', after: 'optional' },
    },
  ],
  'consumes-became-dead': [
    // The note that comes with the flip is part of it: no NOTE_CHANGED.
    {
      rule: 'CONSUMES_FLIPPED',
      class: 'breaking',
      kind: 'became-dead',
      path: '/properties/template/cp_consumes',
      line: 37,
      column: 7,
      field: 'template',
      data: {
        before: 'consumed',
        after: 'dead',
        consumes: false,
        note: "cp now derives the template from the org's defaults and ignores this value.",
      },
    },
  ],
  'consumes-became-alive': [
    {
      rule: 'CONSUMES_FLIPPED',
      class: 'needs-both-sides',
      kind: 'became-alive',
      path: '/properties/trace_id/cp_consumes',
      line: 65,
      column: 7,
      field: 'trace_id',
      data: { before: 'dead', after: 'consumed', note: null },
    },
  ],
  'note-added': [
    {
      rule: 'NOTE_CHANGED',
      class: 'safe',
      kind: 'added',
      path: '/properties/workspace_id/note',
      line: 33,
      column: 7,
      field: 'workspace_id',
    },
  ],
  'note-changed': [
    {
      rule: 'NOTE_CHANGED',
      class: 'safe',
      kind: 'changed',
      path: '/properties/trace_id/note',
      line: 66,
      column: 7,
      field: 'trace_id',
    },
  ],
  'note-removed': [
    {
      rule: 'NOTE_CHANGED',
      class: 'safe',
      kind: 'removed',
      path: '/properties/workspace_id',
      line: 29,
      column: 5,
      field: 'workspace_id',
      data: { after: null },
    },
  ],
  'description-added': [
    {
      rule: 'DESCRIPTION_CHANGED',
      class: 'safe',
      kind: 'added',
      path: '/properties/template/description',
      line: 37,
      column: 7,
      field: 'template',
      data: { before: null },
    },
  ],
  'description-changed': [
    {
      rule: 'DESCRIPTION_CHANGED',
      class: 'safe',
      kind: 'changed',
      path: '/properties/display/properties/mode/description',
      line: 47,
      column: 11,
      field: 'display.mode',
      data: { after: 'The display mode: "vnc" or "rdp".' },
    },
  ],
  'description-removed': [
    {
      rule: 'DESCRIPTION_CHANGED',
      class: 'safe',
      kind: 'removed',
      path: '/properties/template',
      line: 34,
      column: 5,
      field: 'template',
      data: { after: null },
    },
  ],
  'endpoint-changed': [
    {
      rule: 'ENDPOINT_CHANGED',
      class: 'breaking',
      kind: 'changed',
      path: '/endpoint',
      line: 5,
      column: 3,
      data: { before: 'POST /cp/workspaces/provision', after: 'POST /cp/v2/workspaces/provision', pointer: '' },
    },
  ],
  'side-type-changed': [
    {
      rule: 'SIDE_TYPE_CHANGED',
      class: 'safe',
      kind: 'producer',
      path: '/producer/type',
      line: 9,
      column: 5,
      data: { before: 'cpProvisionRequest', after: 'cpProvisionRequestV2' },
    },
  ],
  'side-type-changed-consumer': [
    {
      rule: 'SIDE_TYPE_CHANGED',
      class: 'safe',
      kind: 'consumer',
      path: '/consumer/type',
      line: 14,
      column: 5,
      data: { before: 'wsProvisionRequest', after: 'provisionRequest' },
    },
  ],
  'reads-became-strict': [
    {
      rule: 'READS_MODE_CHANGED',
      class: 'safe',
      kind: 'became-strict',
      path: '/consumer/reads',
      line: 15,
      column: 5,
      data: { before: null, after: 'strict' },
    },
  ],
  'reads-no-longer-strict': [
    {
      rule: 'READS_MODE_CHANGED',
      class: 'safe',
      kind: 'no-longer-strict',
      path: '/consumer',
      line: 11,
      column: 3,
      data: { before: 'strict', after: null },
    },
  ],
  'contract-added': [
    {
      rule: 'CONTRACT_ADDED',
      class: 'needs-both-sides',
      kind: 'added',
      path: '',
      line: 1,
      column: 1,
      data: { nested: 9, before: null },
    },
  ],
  'contract-removed': [
    {
      rule: 'CONTRACT_REMOVED',
      class: 'breaking',
      kind: 'removed',
      path: '',
      line: 1,
      column: 1,
      data: { nested: 9, after: null },
    },
  ],
  // Value constraints: one change per constraint that moved, classified by which way it moved.
  'constraint-tightened': [
    {
      rule: 'FIELD_CONSTRAINT_CHANGED',
      class: 'needs-both-sides',
      kind: 'maxLength-tightened',
      path: '/properties/template/maxLength',
      line: 36,
      column: 7,
      field: 'template',
      data: { before: null, after: '64', keyword: 'maxLength', pointer: '/template' },
    },
  ],
  'constraint-loosened': [
    {
      rule: 'FIELD_CONSTRAINT_CHANGED',
      class: 'needs-both-sides',
      kind: 'maximum-loosened',
      path: '/properties/display/properties/width/maximum',
      line: 52,
      column: 11,
      field: 'display.width',
      data: { before: '4096', after: '8192', keyword: 'maximum' },
    },
  ],
  'constraint-changed': [
    {
      rule: 'FIELD_CONSTRAINT_CHANGED',
      class: 'breaking',
      kind: 'enum-changed',
      path: '/properties/display/properties/mode/enum',
      line: 47,
      column: 11,
      field: 'display.mode',
      data: { before: '["vnc","rdp"]', after: '["vnc","spice"]', keyword: 'enum' },
    },
  ],
  'enum-reordered': [
    {
      rule: 'FIELD_CONSTRAINT_CHANGED',
      class: 'safe',
      kind: 'enum-reordered',
      path: '/properties/display/properties/mode/enum',
      line: 47,
      column: 11,
      field: 'display.mode',
      data: { keyword: 'enum' },
    },
  ],
  'map-values-constraint-added': [
    {
      rule: 'FIELD_CONSTRAINT_CHANGED',
      class: 'needs-both-sides',
      kind: 'pattern-tightened',
      path: '/properties/env/additionalProperties/pattern',
      line: 76,
      column: 9,
      field: 'env',
      data: { before: null, after: '"^[^=]*$"', keyword: 'additionalProperties/pattern' },
    },
  ],
  realistic: [
    {
      rule: 'FIELD_ADDED',
      class: 'needs-both-sides',
      kind: 'consumed',
      path: '/properties/image',
      line: 44,
      column: 5,
      field: 'image',
    },
    {
      rule: 'CONSUMES_FLIPPED',
      class: 'needs-both-sides',
      kind: 'became-alive',
      path: '/properties/template_assets/cp_consumes',
      line: 145,
      column: 7,
      field: 'template_assets',
    },
  ],
};

/** Cases that are not a valid pair on purpose; tested on their own below. */
const SPECIAL = new Set(['consumes-dead-without-note']);

describe('diff rules over the fixture pairs', () => {
  it('has an expectation for every fixture folder', () => {
    const folders = readdirSync(join(REPO_ROOT, DIFF_FIXTURES))
      .filter((f) => !SPECIAL.has(f))
      .sort();
    expect(folders).toEqual(Object.keys(CASES).sort());
  });

  it.each(Object.entries(CASES))('%s', async (name, expected) => {
    const changes = diffContracts(await loadSide(name, 'base'), await loadSide(name, 'head'));
    const file = fixturePath(name, expected[0]?.rule === 'CONTRACT_REMOVED' ? 'base' : 'head');
    expect(
      changes.map((c) => ({
        rule: c.rule,
        class: c.data.class,
        kind: c.data.kind,
        path: c.path,
        line: c.line,
        column: c.column,
        ...(expected.find((e) => e.rule === c.rule)?.field !== undefined ? { field: c.field } : {}),
      })),
    ).toEqual(expected.map(({ data: _data, ...rest }) => rest));
    for (const [i, e] of expected.entries()) {
      const change = changes[i];
      expect(change?.file).toBe(file);
      expect(change?.severity).toBe(SEVERITY_OF_CLASS[e.class]);
      if (e.data) expect(change?.data).toMatchObject(e.data);
    }
  });

  it('covers every diff rule, every class, and every kind a rule can report', () => {
    const seen = Object.values(CASES).flat();
    expect(new Set(seen.map((c) => c.rule))).toEqual(new Set(DIFF_RULES.map((r) => r.id)));
    expect(new Set(seen.map((c) => c.class))).toEqual(new Set(CHANGE_CLASSES));
    const kinds = new Set(seen.map((c) => `${c.rule}:${c.kind}`));
    for (const k of [
      'FIELD_ADDED:consumed',
      'FIELD_ADDED:dead',
      'FIELD_REMOVED:consumed',
      'FIELD_REMOVED:dead',
      'FIELD_TYPE_CHANGED:changed',
      'FIELD_TYPE_CHANGED:became-nullable',
      'FIELD_TYPE_CHANGED:became-non-nullable',
      'FIELD_REQUIRED_CHANGED:became-required',
      'FIELD_REQUIRED_CHANGED:became-optional',
      'CONSUMES_FLIPPED:became-dead',
      'CONSUMES_FLIPPED:became-alive',
      'NOTE_CHANGED:added',
      'NOTE_CHANGED:changed',
      'NOTE_CHANGED:removed',
      'DESCRIPTION_CHANGED:added',
      'DESCRIPTION_CHANGED:changed',
      'DESCRIPTION_CHANGED:removed',
      'SIDE_TYPE_CHANGED:producer',
      'SIDE_TYPE_CHANGED:consumer',
      'FIELD_CONSTRAINT_CHANGED:maxLength-tightened',
      'FIELD_CONSTRAINT_CHANGED:maximum-loosened',
      'FIELD_CONSTRAINT_CHANGED:enum-changed',
      'FIELD_CONSTRAINT_CHANGED:enum-reordered',
    ]) {
      expect(kinds, k).toContain(k);
    }
  });

  it('gives each rule a severity that is that of the most severe class it reports', () => {
    const worst = new Map<string, number>();
    for (const c of Object.values(CASES).flat()) {
      const rank = CHANGE_CLASSES.indexOf(c.class);
      worst.set(c.rule, Math.min(worst.get(c.rule) ?? 99, rank));
    }
    for (const rule of DIFF_RULES) {
      const cls = CHANGE_CLASSES[worst.get(rule.id) ?? 99];
      expect(rule.severity, rule.id).toBe(cls ? SEVERITY_OF_CLASS[cls] : undefined);
    }
  });

  it('places every change in the head and points related locations into the base', async () => {
    const changes = diffContracts(
      await loadSide('nested-type-changed', 'base'),
      await loadSide('nested-type-changed', 'head'),
    );
    expect(changes[0]?.related).toEqual({
      label: 'base contract',
      file: fixturePath('nested-type-changed', 'base'),
      line: 51,
      column: 11,
    });
  });

  it('gives the same result twice, and the same result for a key-reordered, reformatted copy of either side', async () => {
    const base = await loadSide('realistic', 'base');
    const head = await loadSide('realistic', 'head');
    expect(diffContracts(base, head)).toEqual(diffContracts(base, head));
    const reordered = await loadSide('key-order', 'head');
    const original = await loadSide('key-order', 'base');
    expect(diffContracts(reordered, original)).toEqual([]);
    expect(diffContracts(original, original)).toEqual([]);
  });
});
