/**
 * The loader never throws: whatever the text or bytes, analyzeContractText
 * and decodeUtf8 + readJson return findings or problems, each placed at a
 * 1-based line and column. On valid JSON, readJson agrees with JSON.parse.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeContractText, analyzeUnreadable } from '../../src/run/analyze.js';
import { decodeUtf8, MAX_JSON_DEPTH, readJson, type JsonValue } from '../../src/contract/json-document.js';
import { contractJson, contractSpec, writeJson } from './contract-arbitraries.js';

const SEED = 20261122;

function expectPlaced(position: { line: number; column: number; offset: number }): void {
  expect(Number.isInteger(position.line) && position.line >= 1).toBe(true);
  expect(Number.isInteger(position.column) && position.column >= 1).toBe(true);
  expect(position.offset).toBeGreaterThanOrEqual(0);
}

/** Text that is JSON-like enough to reach the parser's deeper paths: JSON with a splice of noise. */
const jsonish: fc.Arbitrary<string> = fc
  .tuple(
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v, null, 1) ?? 'null'),
    fc.nat(),
    fc.nat(4),
    fc.constantFrom(
      '',
      '{',
      '}',
      '[',
      ']',
      '"',
      ',',
      ':',
      '\\',
      '\u0000',
      '\uFEFF',
      '\n',
      '"a":',
      '1e400',
      '-',
      'tru',
      '\ud800',
      '/*x*/',
    ),
  )
  .map(([text, at, drop, insert]) => {
    const i = text.length ? at % text.length : 0;
    return text.slice(0, i) + insert + text.slice(i + drop);
  });

/** Contract text that is valid JSON but possibly a broken contract: a generated contract with a splice. */
const contractish: fc.Arbitrary<string> = fc
  .tuple(
    contractSpec,
    fc.nat(),
    fc.nat(3),
    fc.constantFrom(
      '',
      '"cp_consumes": "false", ',
      '"x": 1, ',
      '"type": "strin", ',
      '"anyOf": [], ',
      '{',
      '"note": "", ',
    ),
  )
  .map(([spec, at, drop, insert]) => {
    const text = writeJson(contractJson(spec));
    // Splice right after an opening brace so the result is often still JSON.
    const braces = [...text.matchAll(/\{/gu)].map((m) => m.index);
    const i = (braces[at % braces.length] ?? 0) + 1;
    return text.slice(0, i) + insert + text.slice(i + (insert === '{' ? drop : 0));
  });

describe('the contract loader on arbitrary input', () => {
  it('analyzeContractText never throws on arbitrary strings, and places every finding', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), jsonish, contractish), (text) => {
        const analyzed = analyzeContractText({ file: 'x.contract.json', text });
        for (const finding of analyzed.findings) {
          expect(finding.file).toBe('x.contract.json');
          expect(finding.line).toBeGreaterThanOrEqual(1);
          expect(finding.column).toBeGreaterThanOrEqual(1);
          expect(finding.message.length).toBeGreaterThan(0);
        }
        // Not JSON at all: exactly the parse error, and nothing downstream pretends to have read it.
        if (!readJson(text).ok) {
          expect(analyzed.document).toBeUndefined();
          expect(analyzed.findings.map((f) => f.rule)).toContain('CONTRACT_PARSE_ERROR');
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('decodeUtf8 + readJson never throw on arbitrary bytes; bad UTF-8 is a placed problem', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          jsonish.map((t) => new TextEncoder().encode(t)),
          fc.tuple(jsonish, fc.nat(), fc.integer({ min: 0x80, max: 0xff })).map(([t, at, byte]) => {
            const bytes = new TextEncoder().encode(t);
            const out = new Uint8Array(bytes.length + 1);
            const i = bytes.length ? at % bytes.length : 0;
            out.set(bytes.subarray(0, i));
            out[i] = byte;
            out.set(bytes.subarray(i), i + 1);
            return out;
          }),
        ),
        (bytes) => {
          const decoded = decodeUtf8(bytes);
          if ('problem' in decoded) {
            expect(decoded.problem.kind).toBe('encoding');
            expectPlaced(decoded.problem.position);
            expect(analyzeUnreadable('x.json', decoded.problem).findings.map((f) => f.rule)).toEqual([
              'CONTRACT_PARSE_ERROR',
            ]);
            // Only bytes a strict decoder refuses get here.
            expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
            return;
          }
          const read = readJson(decoded.text);
          for (const problem of read.problems) expectPlaced(problem.position);
          if (!read.ok) expect(read.problems.length).toBeGreaterThan(0);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('readJson agrees with JSON.parse on valid JSON, including "__proto__" keys, and maps every pointer', () => {
    const withProtoKeys = fc
      .jsonValue({ maxDepth: 5 })
      .map((v) => JSON.stringify({ __proto__x: 1, v }).replace('"__proto__x"', '"__proto__"'));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v)),
          withProtoKeys,
        ),
        (text) => {
          const read = readJson(text);
          expect(read.ok).toBe(true);
          if (!read.ok) return;
          expect(read.problems).toEqual([]);
          expect(JSON.stringify(read.document.value)).toBe(JSON.stringify(JSON.parse(text)));
          // Every value has a position, and the root is at 1:1.
          expect(read.document.positions.get('')).toMatchObject({ value: { line: 1, column: 1, offset: 0 } });
          const count = (v: JsonValue): number =>
            1 +
            (Array.isArray(v)
              ? v.reduce((n: number, x) => n + count(x), 0)
              : v !== null && typeof v === 'object'
                ? Object.values(v).reduce((n: number, x) => n + count(x), 0)
                : 0);
          expect(read.document.positions.size).toBe(count(read.document.value));
          // "__proto__" stays an ordinary own key; nothing lands on a prototype.
          const root = read.document.value;
          if (text.startsWith('{"__proto__"') && root !== null && typeof root === 'object' && !Array.isArray(root)) {
            expect(Object.hasOwn(root, '__proto__')).toBe(true);
            // Nothing is inherited: the prototype is empty and has none of its own.
            const prototype = Object.getPrototypeOf(root) as object;
            expect(Object.getOwnPropertyNames(prototype)).toEqual([]);
            expect(Object.getPrototypeOf(prototype)).toBeNull();
            expect(Object.isFrozen(prototype)).toBe(true);
            expect('constructor' in root || 'toString' in root || 'hasOwnProperty' in root).toBe(false);
          }
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('refuses nesting past MAX_JSON_DEPTH as a placed problem, and reads nesting up to it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_JSON_DEPTH + 50 }), fc.constantFrom('[', '{"a":'), (depth, open) => {
        const close = open === '[' ? ']' : '}';
        const text = open.repeat(depth) + '1' + close.repeat(depth);
        const read = readJson(text);
        if (depth <= MAX_JSON_DEPTH) {
          expect(read.ok).toBe(true);
        } else {
          expect(read.ok).toBe(false);
          expect(read.problems[0]?.kind).toBe('too-deep');
          expect(read.problems[0]?.position.offset).toBe(MAX_JSON_DEPTH * open.length);
        }
        // The same nesting in text JSON.parse refuses (never closed) is refused the same way, before momoa reads it.
        const unclosed = readJson(open.repeat(depth) + '1');
        expect(unclosed.ok).toBe(false);
        if (depth > MAX_JSON_DEPTH)
          expect(unclosed.problems[0]).toMatchObject({
            kind: 'too-deep',
            position: { offset: MAX_JSON_DEPTH * open.length },
          });
        else expect(unclosed.problems[0]?.kind).toBe('syntax');
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});
