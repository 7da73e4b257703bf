/**
 * A rule declares the kinds of message it reports (`messages`, typescript-eslint's
 * catalogue): every `data.kind` a lint rule puts in a finding of its fixtures is
 * one it declares. Diff and guard rules are held to theirs by their types.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleById } from '../../src/rules/registry.js';
import { LINT_RULES } from '../../src/rules/lint/index.js';
import { analyzeContractFile } from '../../src/run/analyze.js';

const FIXTURES = 'test/fixtures/rules';

describe('declared message kinds', () => {
  it.each(LINT_RULES.map((r) => [r.id] as const))('%s reports only the kinds it declares', async (id) => {
    const files = readdirSync(join(FIXTURES, id)).filter((f) => f.endsWith('.json'));
    const kinds = new Set<string>();
    for (const file of files) {
      for (const finding of (await analyzeContractFile(join(FIXTURES, id, file))).findings) {
        const kind = finding.data?.['kind'];
        if (finding.rule === id && typeof kind === 'string') kinds.add(kind);
      }
    }
    const declared = Object.keys(ruleById(id)?.messages ?? {});
    for (const kind of kinds) expect(declared, `${id} reports data.kind "${kind}"`).toContain(kind);
  });
});
