/**
 * What the diff refuses, with the exact error: no contract at all, a contract
 * that does not lint clean (one error, or several), a contract that could not
 * be read; and the small library pieces behind placement and ordering.
 */
import { describe, expect, it } from 'vitest';
import { analyzeContractText } from '../../src/run/analyze.js';
import {
  classRank,
  compareChanges,
  countByClass,
  failsOn,
  isContractChange,
  type ContractChange,
} from '../../src/diff/change.js';
import { classifyChanges, diffContracts } from '../../src/run/diff-engine.js';
import { pairContracts, type PairedSide } from '../../src/diff/pair.js';
import { firstExisting, holderOf, inBase, sideNames } from '../../src/rules/diff/context.js';
import { plural } from '../../src/wording.js';
import { failingClasses } from '../../src/run/diff-report.js';
import { changeLabel, rowFacts, rowSubject } from '../../src/render/diff/rows.js';
import { placeDrafts, positionOfPointer } from '../../src/rule.js';
import { BASE } from './every-change-contracts.js';
import { errorFacts } from '../support/facts.js';

/** What a refusal says, as data: class, code, place, the names it quotes, whether it says what to do. */
function errorOf(run: () => unknown): Record<string, unknown> | 'no error' {
  try {
    run();
  } catch (error) {
    return errorFacts(error);
  }
  return 'no error';
}

const good = analyzeContractText({ file: 'good.contract.json', text: BASE });

describe('diff refuses', () => {
  it('classifies nothing when neither side is there', () => {
    expect(
      classifyChanges({
        base: undefined,
        head: undefined,
        kept: [],
        removed: [],
        added: [],
        addedDefs: [],
        removedDefs: [],
        usesOf: () => ({ paths: [], more: 0, complete: true }),
      }),
    ).toEqual([]);
  });

  it('a diff of nothing', () => {
    expect(errorOf(() => diffContracts(undefined, undefined))).toEqual({
      error: 'WirepinError',
      code: 'E_USAGE',
      quoted: [],
      hint: false,
    });
  });

  it('a contract with one lint error, at its position, naming the first finding', () => {
    const broken = analyzeContractText({
      file: 'one.contract.json',
      text: BASE.replace('"cp_consumes": true', '"cp_consumes": "yes"'),
    });
    const expected = {
      error: 'WirepinError',
      code: 'E_PARSE',
      at: 'one.contract.json:28:7',
      quoted: ['id', 'cp_consumes'],
      hint: true,
    };
    // A base that does not lint is diffed (its errors are context, src/run/diff.ts); a head is refused.
    expect(() => diffContracts(broken, good)).not.toThrow();
    expect(errorOf(() => diffContracts(good, broken))).toEqual(expected);
    expect(errorOf(() => diffContracts(undefined, broken))).toEqual(expected);
    expect(broken.findings.map((f) => f.rule)).toEqual(['CONSUMES_FLAG_MISSING']);
  });

  it('a contract with several lint errors, at the first, counting the rest', () => {
    const broken = analyzeContractText({
      file: 'two.contract.json',
      text: BASE.replaceAll('"cp_consumes": true', '"cp_consumes": "yes"'),
    });
    let message = '';
    try {
      diffContracts(undefined, broken);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(errorOf(() => diffContracts(undefined, broken))).toEqual({
      error: 'WirepinError',
      code: 'E_PARSE',
      at: 'two.contract.json:28:7',
      quoted: ['id', 'cp_consumes'],
      hint: true,
    });
    expect(broken.findings.filter((f) => f.severity === 'error')).toHaveLength(22);
    expect(message).toMatch(/\b21\b/u);
    expect(message).toContain('CONSUMES_FLAG_MISSING');
  });

  it('two identical contracts have no changes', () => {
    expect(diffContracts(good, good)).toEqual([]);
  });

  it('a contract that could not be read as one, when paired directly', () => {
    const unreadable = analyzeContractText({ file: 'bad.contract.json', text: '{ "title": ' });
    const expected = { error: 'WirepinError', code: 'E_PARSE', quoted: [], hint: true };
    expect(errorOf(() => pairContracts(unreadable, good))).toEqual(expected);
    expect(() => pairContracts(unreadable, good)).toThrow(/bad\.contract\.json/u);
    expect(errorOf(() => pairContracts(good, unreadable))).toEqual(expected);
    const notObject = analyzeContractText({ file: 'arr.contract.json', text: '[]' });
    expect(errorOf(() => pairContracts(undefined, notObject))).toEqual(expected);
    expect(() => pairContracts(undefined, notObject)).toThrow(/arr\.contract\.json/u);
  });
});

describe('placement and ordering', () => {
  const positions = new Map([
    ['', { value: { line: 1, column: 1, offset: 0 } }],
    ['/a', { key: { line: 2, column: 3, offset: 5 }, value: { line: 2, column: 8, offset: 10 } }],
    ['/a/b', { value: { line: 3, column: 9, offset: 20 } }],
  ]);

  it.each([
    ['/a', { line: 2, column: 3, offset: 5 }],
    ['/a/b', { line: 3, column: 9, offset: 20 }],
    ['/a/b/c/d', { line: 3, column: 9, offset: 20 }],
    ['/a/x', { line: 2, column: 3, offset: 5 }],
    ['/zz', { line: 1, column: 1, offset: 0 }],
    ['', { line: 1, column: 1, offset: 0 }],
  ])('places %j at the nearest known ancestor', (pointer, at) => {
    expect(positionOfPointer(pointer, positions)).toEqual(at);
  });

  it('places anything at 1:1 without positions', () => {
    expect(positionOfPointer('/a/b', undefined)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(positionOfPointer('/a/b', new Map())).toEqual({ line: 1, column: 1, offset: 0 });
  });

  it('ranks and fails classes', () => {
    expect(['breaking', 'needs-both-sides', 'dead-channel', 'safe'].map((c) => classRank(c as never))).toEqual([
      0, 1, 2, 3,
    ]);
    const table = (['breaking', 'needs-both-sides', 'dead-channel', 'safe'] as const).map((c) => [
      c,
      failsOn(c, 'breaking'),
      failsOn(c, 'needs-both-sides'),
      failsOn(c, 'any'),
    ]);
    expect(table).toEqual([
      ['breaking', true, true, true],
      ['needs-both-sides', false, true, true],
      ['dead-channel', false, false, true],
      ['safe', false, false, true],
    ]);
    expect(failingClasses('breaking')).toEqual(['breaking']);
    expect(failingClasses('needs-both-sides')).toEqual(['breaking', 'needs-both-sides']);
    expect(failingClasses('any')).toEqual(['breaking', 'needs-both-sides', 'dead-channel', 'safe']);
  });

  const change = (
    file: string,
    line: number,
    cls: ContractChange['data']['class'],
    rule = 'FIELD_ADDED',
  ): ContractChange => ({
    rule,
    severity: 'warning',
    file,
    line,
    column: 1,
    path: '',
    message: 'm',
    data: { class: cls, kind: 'k', pointer: '', before: null, after: null, consumes: null, note: null },
  });

  it('orders changes by file, then class, then position', () => {
    const changes = [
      change('b', 1, 'breaking'),
      change('a', 9, 'safe'),
      change('a', 5, 'breaking'),
      change('a', 1, 'safe'),
      change('a', 7, 'dead-channel'),
    ];
    expect([...changes].sort(compareChanges).map((c) => `${c.file}:${c.line}:${c.data.class}`)).toEqual([
      'a:5:breaking',
      'a:7:dead-channel',
      'a:1:safe',
      'a:9:safe',
      'b:1:breaking',
    ]);
    expect(countByClass(changes)).toEqual({ breaking: 2, 'needs-both-sides': 0, 'dead-channel': 1, safe: 2 });
  });

  it('tells changes from other findings', () => {
    expect(isContractChange(change('a', 1, 'safe'))).toBe(true);
    const other = { rule: 'X', severity: 'error' as const, file: 'a', line: 1, column: 1, path: '', message: 'm' };
    expect(isContractChange(other)).toBe(false);
    expect(isContractChange({ ...other, data: { class: 'drift' } })).toBe(false);
    expect(isContractChange({ ...other, data: { class: 3 } })).toBe(false);
    expect(isContractChange({ ...other, data: {} })).toBe(false);
  });

  it('names rows and their facts', () => {
    const other = {
      rule: 'SYNC_DRIFT',
      severity: 'error' as const,
      file: 'a',
      line: 1,
      column: 1,
      path: '/p/q',
      message: 'm',
    };
    expect(rowSubject(other)).toBe('/p/q');
    expect(rowSubject({ ...other, path: '' })).toBe('(document)');
    expect(rowSubject({ ...other, data: { pointer: '/r' } })).toBe('/r');
    expect(rowSubject({ ...other, data: { pointer: 3 } })).toBe('/p/q');
    expect(rowSubject({ ...other, data: { pointer: '' } })).toBe('(document)');
    expect(rowSubject({ ...other, field: 'f.g' })).toBe('f.g');
    expect(rowSubject({ ...change('a', 1, 'safe'), path: '' })).toBe('(contract)');
    expect(rowSubject({ ...change('a', 1, 'safe'), path: '/endpoint' })).toBe('endpoint');
    expect(rowSubject({ ...change('a', 1, 'safe'), path: '/producer/type' })).toBe('producer.type');
    expect(rowFacts(other)).toEqual({
      class: undefined,
      kind: '',
      before: null,
      after: null,
      consumes: null,
      note: null,
    });
    expect(rowFacts({ ...other, data: { kind: 'missing', before: 'x', after: 5 } })).toEqual({
      class: undefined,
      kind: 'missing',
      before: 'x',
      after: null,
      consumes: null,
      note: null,
    });
  });

  it.each([
    ['FIELD_ADDED', 'dead', 'added (dead)'],
    ['FIELD_ADDED', 'consumed', 'added (consumed)'],
    ['FIELD_REMOVED', 'dead', 'removed (was dead)'],
    ['FIELD_REMOVED', 'consumed', 'removed (was consumed)'],
    ['FIELD_TYPE_CHANGED', 'became-nullable', 'became nullable'],
    ['FIELD_TYPE_CHANGED', 'became-non-nullable', 'no longer nullable'],
    ['FIELD_TYPE_CHANGED', 'changed', 'type changed'],
    ['FIELD_REQUIRED_CHANGED', 'became-required', 'became required'],
    ['CONSUMES_FLIPPED', 'became-dead', 'became dead'],
    ['CONSUMES_FLIPPED', 'a-b-c', 'a-b-c'],
    ['NOTE_CHANGED', 'added', 'note added'],
    ['DESCRIPTION_CHANGED', 'removed', 'description removed'],
    ['ENDPOINT_CHANGED', 'changed', 'changed'],
    ['SIDE_TYPE_CHANGED', 'producer', 'renamed'],
    ['CONTRACT_ADDED', 'added', 'contract added'],
    ['CONTRACT_REMOVED', 'removed', 'contract deleted'],
    ['SYNC_DRIFT', 'missing', 'missing in mirror'],
    ['SYNC_DRIFT', 'extra', 'only in mirror'],
    ['SYNC_DRIFT', 'changed', 'differs'],
    ['SYNC_DRIFT', 'more', 'differs'],
    ['SOMETHING_ELSE', 'its-kind', 'its-kind'],
  ])('labels %s %s as %j', (rule, kind, label) => {
    expect(changeLabel(rule, kind)).toBe(label);
  });
});

describe('diff rule helpers', () => {
  const side = (producer: boolean): PairedSide =>
    ({
      file: 'x.contract.json',
      model: producer
        ? { producer: { name: 'core', repo: 'core', type: 'P' }, consumer: { name: 'cp', repo: 'cp', type: 'C' } }
        : {},
      root: {},
      positions: new Map([
        ['', { value: { line: 1, column: 1, offset: 0 } }],
        ['/properties/a', { key: { line: 4, column: 5, offset: 40 }, value: { line: 4, column: 10, offset: 45 } }],
      ]),
    }) as unknown as PairedSide;

  it('counts with the right plural', () => {
    expect([plural(0, 'field'), plural(1, 'field'), plural(2, 'nested field')]).toEqual([
      '0 fields',
      '1 field',
      '2 nested fields',
    ]);
  });

  it('names the sides from the header, or generically', () => {
    expect(sideNames(side(true))).toEqual({ producer: 'core (P)', consumer: 'cp (C)' });
    expect(sideNames(side(false))).toEqual({ producer: 'the producer', consumer: 'the consumer' });
  });

  it('picks the first pointer that exists, else the last one given', () => {
    expect(firstExisting(side(true), ['/properties/a/note', '/properties/a'])).toBe('/properties/a');
    expect(firstExisting(side(true), ['/properties/a', '/nope'])).toBe('/properties/a');
    expect(firstExisting(side(true), ['/x', '/y'])).toBe('/y');
    expect(firstExisting(side(true), [])).toBe('');
  });

  it('places the base location at the nearest known member', () => {
    expect(inBase(side(true), '/properties/a/type')).toEqual({
      label: 'base contract',
      file: 'x.contract.json',
      line: 4,
      column: 5,
    });
    expect(inBase(side(true), '/required/0')).toEqual({
      label: 'base contract',
      file: 'x.contract.json',
      line: 1,
      column: 1,
    });
  });

  it('finds the object schema that holds a field', () => {
    expect(holderOf('/properties/a')).toBe('');
    expect(holderOf('/properties/a/properties/b')).toBe('/properties/a');
    expect(holderOf('/properties/l/items/properties/b')).toBe('/properties/l/items');
  });

  it('turns drafts into findings with only the members they have', () => {
    const meta = { id: 'R', stage: 'diff' as const, severity: 'notice' as const, summary: '', why: '' };
    const positions = side(true).positions;
    expect(
      placeDrafts(
        meta,
        [
          { path: '/properties/a/type', message: 'plain' },
          {
            path: '/zz',
            message: 'full',
            field: 'a',
            related: { label: 'l', file: 'f', line: 2, column: 3 },
            data: { k: 1 },
          },
          { path: '/properties/a', message: 'at', position: { line: 9, column: 8, offset: 7 }, field: '' },
        ],
        'x.contract.json',
        positions,
      ),
    ).toStrictEqual([
      {
        rule: 'R',
        severity: 'notice',
        file: 'x.contract.json',
        line: 4,
        column: 5,
        path: '/properties/a/type',
        message: 'plain',
      },
      {
        rule: 'R',
        severity: 'notice',
        file: 'x.contract.json',
        line: 1,
        column: 1,
        path: '/zz',
        field: 'a',
        message: 'full',
        related: { label: 'l', file: 'f', line: 2, column: 3 },
        data: { k: 1 },
      },
      {
        rule: 'R',
        severity: 'notice',
        file: 'x.contract.json',
        line: 9,
        column: 8,
        path: '/properties/a',
        field: '',
        message: 'at',
      },
    ]);
  });
});
