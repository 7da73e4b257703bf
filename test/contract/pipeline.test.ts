import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeContractText, type AnalyzedContract, type ContractText } from '../../src/run/analyze.js';
import { readJson } from '../../src/contract/json-document.js';
import { REPO_ROOT, RULE_FIXTURES } from '../rules/rule-tester.js';

/**
 * The pipeline (load → validate → normalize → lint) is a pure function of the
 * text: it must not touch its input, must give the same answer twice, and must
 * place findings the same way whatever the line endings.
 */

const SHIPPED = 'contracts/provision_request.contract.json';
const read = (path: string): string => readFileSync(join(REPO_ROOT, path), 'utf8');

/** Everything the pipeline computes, as JSON (Maps as entry lists), so two runs can be compared byte for byte. */
function snapshot(analyzed: AnalyzedContract): string {
  return JSON.stringify({
    findings: analyzed.findings,
    metaErrors: analyzed.metaErrors,
    value: analyzed.document?.value,
    positions: [...(analyzed.document?.positions ?? new Map()).entries()],
    model: analyzed.model && { ...analyzed.model, fields: [...analyzed.model.fields.entries()] },
  });
}

const CASES = [
  SHIPPED,
  `${RULE_FIXTURES}/DEAD_FIELD_NOTE_MISSING/bad-note-todo.contract.json`,
  `${RULE_FIXTURES}/CONSUMES_FLAG_MISSING/good-prototype-names.contract.json`,
  `${RULE_FIXTURES}/DUPLICATE_KEY/bad-duplicate-field.contract.json`,
  `${RULE_FIXTURES}/CONTRACT_PARSE_ERROR/bad-trailing-comma.contract.json`,
];

describe('analyzeContractText', () => {
  it.each(CASES.map((c) => [c]))('leaves its input alone and gives identical results on two runs: %s', (file) => {
    const input: ContractText = Object.freeze({ file, text: read(file) });
    const first = analyzeContractText(input);
    const second = analyzeContractText(input);
    expect(input).toEqual({ file, text: read(file) });
    expect(first.text).toBe(input.text);
    expect(snapshot(second)).toBe(snapshot(first));
    expect(first.findings).not.toBe(second.findings);
  });

  it('finds many problems in one contract in a stable order', () => {
    const text = read(SHIPPED)
      .replace('"cp_consumes": false,', '"cp_consumes": "false",')
      .replace('"additionalProperties": false,\n  "required"', '"required"')
      .replace('"required": ["org_id",', '"required": ["orgid", "org_id",');
    const runs = [1, 2, 3].map(() => JSON.stringify(analyzeContractText({ file: SHIPPED, text }).findings));
    expect(new Set(runs).size).toBe(1);
    const rules = JSON.parse(runs[0] ?? '[]') as Array<{ rule: string; line: number; column: number }>;
    expect(rules.map((f) => f.rule).sort()).toEqual([
      'CONSUMES_FLAG_MISSING',
      'OBJECT_NOT_CLOSED',
      'REQUIRED_NOT_DECLARED',
    ]);
    const order = rules.map((f) => f.line * 10_000 + f.column);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});

describe('duplicate keys, told by counting member keys against the parsed value', () => {
  const duplicates = (text: string): unknown[] =>
    readJson(text)
      .problems.filter((p) => p.kind === 'duplicate-key')
      .map((p) => [p.data?.['key'], p.position.line]);

  it('finds a duplicate at any depth, inside arrays too, and "__proto__" twice', () => {
    expect(duplicates('{"a": [{"x": 1}, {"y": 1,\n"y": 2}]}')).toEqual([['y', 2]]);
    expect(duplicates('{"__proto__": 1,\n"__proto__": 2}')).toEqual([['__proto__', 2]]);
    expect(duplicates('{"a": {"b": {"c": 1, "c": 1}}}')).toEqual([['c', 1]]);
  });

  it('sees none where strings merely look like keys, or the same key sits in different objects', () => {
    expect(duplicates('{"a": "b:", "b": "a\\":", "c": {"a": 1, "b": {"a": 2}}, "d": [{"a": 1}, {"a": 1}]}')).toEqual(
      [],
    );
    expect(readJson('{"a": "b:", "b": "a\\":", "c": {"a": 1}}').ok).toBe(true);
  });
});

describe('positions', () => {
  it('are 1-based lines and columns, with 0-based offsets', () => {
    const result = readJson('{"a": {"b": 1}}');
    expect(result.ok).toBe(true);
    const positions = result.ok ? result.document.positions : new Map();
    expect(positions.get('')).toEqual({ value: { line: 1, column: 1, offset: 0 } });
    expect(positions.get('/a')).toEqual({
      key: { line: 1, column: 2, offset: 1 },
      value: { line: 1, column: 7, offset: 6 },
    });
    expect(positions.get('/a/b')?.key).toEqual({ line: 1, column: 8, offset: 7 });
  });

  it('place a finding about the whole file at 1:1, never 0:0', () => {
    const analyzed = analyzeContractText({ file: 'x.contract.json', text: '[]' });
    expect(analyzed.findings.map((f) => [f.rule, f.line, f.column])).toEqual([['CONTRACT_PARSE_ERROR', 1, 1]]);
  });

  it('are the same with and without a byte-order mark', () => {
    const text = read(`${RULE_FIXTURES}/DEAD_FIELD_NOTE_MISSING/bad-note-todo.contract.json`);
    const plain = analyzeContractText({ file: 'x', text });
    const bom = analyzeContractText({ file: 'x', text: `\uFEFF${text}` });
    expect(bom.findings).toEqual(plain.findings);
    expect(plain.findings.map((f) => [f.line, f.column])).toEqual([[16, 7]]);
  });
});

describe('CRLF line endings', () => {
  const crlf = (text: string): string => text.replaceAll('\r\n', '\n').replaceAll('\n', '\r\n');

  it.each(
    [
      `${RULE_FIXTURES}/DEAD_FIELD_NOTE_MISSING/bad-note-todo.contract.json`,
      `${RULE_FIXTURES}/CONSUMES_FLAG_MISSING/bad-missing-nested-display.contract.json`,
      `${RULE_FIXTURES}/DUPLICATE_KEY/bad-duplicate-field.contract.json`,
      `${RULE_FIXTURES}/CONTRACT_PARSE_ERROR/bad-trailing-comma.contract.json`,
      `${RULE_FIXTURES}/CONTRACT_PARSE_ERROR/bad-control-character.contract.json`,
      `${RULE_FIXTURES}/CONTRACT_PARSE_ERROR/bad-truncated.contract.json`,
      `${RULE_FIXTURES}/REQUIRED_NOT_DECLARED/bad-nested-required-undeclared.contract.json`,
    ].map((f) => [f]),
  )('report the same lines and columns as LF: %s', (file) => {
    const lf = read(file);
    expect(lf).not.toContain('\r');
    const a = analyzeContractText({ file, text: lf });
    const b = analyzeContractText({ file, text: crlf(lf) });
    expect(a.findings.length).toBeGreaterThan(0);
    expect(b.findings.map((f) => [f.rule, f.path, f.line, f.column, f.data])).toEqual(
      a.findings.map((f) => [f.rule, f.path, f.line, f.column, f.data]),
    );
  });

  it('give every pointer the same line and column as LF', () => {
    const lf = read(SHIPPED);
    const a = readJson(lf);
    const b = readJson(crlf(lf));
    const lineColumn = (r: typeof a): Array<[string, number, number]> =>
      r.ok
        ? [...r.document.positions.entries()].map(([pointer, p]) => [
            pointer,
            (p.key ?? p.value).line,
            (p.key ?? p.value).column,
          ])
        : [];
    expect(lineColumn(b)).toEqual(lineColumn(a));
    // template_assets is the last field; its key sits on the same line either way.
    const where = lineColumn(b).find(([pointer]) => pointer === '/properties/template_assets');
    expect(where?.slice(1)).toEqual([lf.split('\n').findIndex((l) => l.includes('"template_assets": {')) + 1, 5]);
  });

  it('build the same field table as LF', () => {
    const lf = read(SHIPPED);
    const a = analyzeContractText({ file: SHIPPED, text: lf });
    const b = analyzeContractText({ file: SHIPPED, text: crlf(lf) });
    expect(b.findings).toEqual([]);
    expect([...(b.model?.fields.values() ?? [])]).toEqual([...(a.model?.fields.values() ?? [])]);
  });
});
