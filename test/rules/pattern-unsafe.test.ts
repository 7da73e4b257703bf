import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { PATTERN_UNSAFE } from '../../src/rules/lint/PATTERN_UNSAFE.js';
import { analyzeContractText } from '../../src/run/analyze.js';

describe('PATTERN_UNSAFE on common patterns', () => {
  const lintPattern = (pattern: string): string[] => {
    const text = JSON.stringify({
      title: 'T',
      endpoint: 'POST /t',
      producer: { name: 'orders', repo: 'orders', type: 'T' },
      consumer: { name: 'billing', repo: 'billing', type: 'T' },
      type: 'object',
      additionalProperties: false,
      required: [],
      properties: { id: { type: 'string', pattern, cp_consumes: true } },
    });
    return analyzeContractText({ file: 'x.contract.json', text })
      .findings.filter((f) => f.rule === PATTERN_UNSAFE.id)
      .map((f) => String(f.data?.['kind']));
  };
  it.each([
    ['^[a-z]+$'],
    ['^[A-Z]{2}-\\d{6}$'],
    ['^\\d{4}-\\d{2}-\\d{2}$'],
    ['^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'],
  ])('passes %s', (pattern) => {
    expect(lintPattern(pattern)).toEqual([]);
  });
  it.each([['(a+)+$'], ['^(\\w+\\s?)*$']])('refuses %s', (pattern) => {
    expect(lintPattern(pattern)).toHaveLength(1);
  });
});

describe('a pathological pattern no longer hangs pact', () => {
  it('pact on "(x+x+)+y" with minLength 40 exits 2 at once, naming PATTERN_UNSAFE, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirepin-pattern-'));
    try {
      const text = readFileSync('test/fixtures/rules/PATTERN_UNSAFE/bad-nested-plus.contract.json', 'utf8').replace(
        '"pattern": "(x+x+)+y"',
        '"pattern": "(x+x+)+y", "minLength": 40',
      );
      writeFileSync(
        join(dir, 'x.contract.json'),
        text.replace('"$schema": "../../../../schemas/contract.schema.json",', ''),
      );
      const started = Date.now();
      const run = await runCli(['pact', '--contract', 'x.contract.json', '--out', 'pacts', '--format', 'json'], {
        cwd: dir,
      });
      expect(run.exit).toBe(2);
      expect(run.stdout).toContain('PATTERN_UNSAFE');
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
