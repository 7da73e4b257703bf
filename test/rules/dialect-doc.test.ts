import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { DIALECT, OWN_KEYWORDS, REFUSED_REASONS, SCHEMA_POSITIONS } from '../../src/contract/dialect.js';
import { REPO_ROOT } from './rule-tester.js';

/** The dialect as docs/rules/UNSUPPORTED_SCHEMA.md shows it: one row per keyword, a column per position. */
export function dialectTable(): string {
  const header = `| keyword | role | ${SCHEMA_POSITIONS.join(' | ')} | why |`;
  const rule = `|---|---|${SCHEMA_POSITIONS.map(() => '---').join('|')}|---|`;
  const rows = DIALECT.map(
    (k) =>
      `| \`${k.keyword}\` | ${k.role} | ${SCHEMA_POSITIONS.map((p) => (k.positions.includes(p) ? 'yes' : '')).join(' | ')} | ${k.why} |`,
  );
  return [header, rule, ...rows].join('\n');
}

function between(text: string, start: string, end: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  expect(from, start).toBeGreaterThanOrEqual(0);
  expect(to, end).toBeGreaterThan(from);
  return text.slice(from + start.length, to).trim();
}

describe('the dialect in docs/rules/UNSUPPORTED_SCHEMA.md', () => {
  const doc = readFileSync(join(REPO_ROOT, 'docs/rules/UNSUPPORTED_SCHEMA.md'), 'utf8');

  it('shows the table the rule enforces, row for row', () => {
    expect(between(doc, '<!-- dialect:start -->', '<!-- dialect:end -->')).toBe(dialectTable());
  });

  it('names every keyword refused on purpose', () => {
    const refused = between(doc, '<!-- refused:start -->', '<!-- refused:end -->');
    expect(refused).toBe(
      Object.keys(REFUSED_REASONS)
        .map((k) => `\`${k}\``)
        .join(', '),
    );
  });

  it('lists each keyword once, and refuses none it also allows', () => {
    const keywords = DIALECT.map((k) => k.keyword);
    expect(new Set(keywords).size).toBe(keywords.length);
    for (const k of keywords) expect(Object.hasOwn(REFUSED_REASONS, k), k).toBe(false);
  });
});

describe("the dialect's own keywords", () => {
  it('are exactly the keywords JSON Schema 2020-12 does not have, so a validator of the wire schema is told of each', () => {
    const known = new Ajv2020({ strict: true }).RULES.keywords;
    const notJsonSchema = DIALECT.filter((k) => known[k.keyword] === undefined).map((k) => k.keyword);
    expect(OWN_KEYWORDS).toEqual(notJsonSchema);
    expect(OWN_KEYWORDS).toEqual(['endpoint', 'producer', 'consumer', 'pact', 'cp_consumes', 'note']);
  });
});
