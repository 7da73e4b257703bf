import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { sortFindings, type Finding } from '../../src/finding.js';
import { RENDERERS, type Format, type Report } from '../../src/render/index.js';
import { REPO_ROOT, RULE_FIXTURES } from '../rules/rule-tester.js';

/**
 * Exact wording is pinned here, once per format, by small golden files. Run
 * with UPDATE_GOLDEN=1 to rewrite them after an intended change, then read
 * the diff before committing it.
 */
const GOLDEN_DIR = join(REPO_ROOT, 'test', 'fixtures', 'render');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const EXTENSION: Record<Format, string> = { text: 'txt', markdown: 'md', json: 'json', github: 'github' };

const FINDINGS: readonly Finding[] = [
  {
    rule: 'DEAD_FIELD_NOTE_MISSING',
    severity: 'error',
    file: 'contracts/provision_request.contract.json',
    line: 128,
    column: 7,
    path: '/properties/template_assets/note',
    field: 'template_assets',
    message:
      'Field "template_assets" is marked dead but its note "TODO" is a placeholder, not a reason. Say why the producer sends it and what the consumer does instead.',
    data: { kind: 'placeholder' },
  },
  {
    // Everything a workflow command must escape, in one message: % : , and a newline.
    rule: 'PRODUCER_TYPE_MISMATCH',
    severity: 'warning',
    file: 'contracts/provision_request.contract.json',
    line: 44,
    column: 5,
    path: '/properties/disk_gb',
    field: 'disk_gb',
    message:
      'Field "disk_gb" is 100% sure to overflow: core sends an int64, the contract says int32.\nWiden the contract, or narrow cpProvisionRequest.DiskGB.',
    related: { label: 'producer cpProvisionRequest', file: 'producer/go/cp_provision_request.go', line: 31, column: 2 },
    data: { contract: 'integer', producer: 'int64' },
  },
  {
    // A path with "," and ":" in it: property values escape them too.
    rule: 'GENERATED_FILE_STALE',
    severity: 'notice',
    file: 'schemas/a,b:c.schema.json',
    line: 3,
    column: 1,
    path: '',
    message: 'schemas/a,b:c.schema.json differs from what contracts/a,b:c.contract.json generates (first at line 3).',
    data: { state: 'stale', line: 3 },
  },
];

const REPORT: Report = {
  command: 'lint',
  subject: '2 contracts',
  findings: sortFindings(FINDINGS),
  notes: ['wrote schemas/provision_request.schema.json'],
};

describe.each(Object.keys(EXTENSION).map((f) => [f as Format]))('the %s renderer', (format) => {
  const golden = join(GOLDEN_DIR, `expected.${EXTENSION[format]}`);

  it('matches its golden file', () => {
    const actual = RENDERERS[format](REPORT, { color: false, docsBase: '../../../docs/rules' });
    if (UPDATE) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(golden, actual);
    }
    expect(existsSync(golden), `${golden} is missing; run with UPDATE_GOLDEN=1 to create it`).toBe(true);
    expect(actual).toBe(readFileSync(golden, 'utf8'));
  });

  it('is a pure function: same output twice, input untouched, no colour unless asked', () => {
    const frozen: Report = Object.freeze({
      ...REPORT,
      findings: Object.freeze(REPORT.findings.map((f) => Object.freeze({ ...f }))),
    });
    const once = RENDERERS[format](frozen, { color: false, docsBase: 'docs/rules' });
    expect(RENDERERS[format](frozen, { color: false, docsBase: 'docs/rules' })).toBe(once);
    expect(frozen.findings).toEqual(REPORT.findings);
    expect(once).not.toContain('\u001b[');
  });
});

describe('the github renderer', () => {
  it('puts every finding on one line, escaping the message and the properties', () => {
    const lines = RENDERERS.github(REPORT, { color: false, docsBase: 'docs/rules' }).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const warning = lines.find((l) => l.startsWith('::warning '));
    expect(warning).toContain(
      '::Field "disk_gb" is 100%25 sure to overflow: core sends an int64, the contract says int32.%0AWiden',
    );
    expect(lines.find((l) => l.startsWith('::notice '))).toMatch(
      /^::notice file=schemas\/a%2Cb%3Ac\.schema\.json,line=3,col=1,/u,
    );
  });
});

describe('the text renderer', () => {
  it('keeps every line of a multi-line message inside the finding block', () => {
    const text = RENDERERS.text(REPORT, { color: false, docsBase: 'docs/rules' });
    expect(text).toContain(
      '  Field "disk_gb" is 100% sure to overflow: core sends an int64, the contract says int32.\n  Widen the contract,',
    );
  });
});

describe('colour in the CLI', () => {
  async function lintText(
    isTty: boolean,
    env: Record<string, string>,
    format: Format = 'text',
  ): Promise<{ code: number; out: string }> {
    let out = '';
    const io: CliIo = {
      stdout: (t) => {
        out += t;
      },
      stderr: (t) => {
        out += t;
      },
      env,
      cwd: REPO_ROOT,
      isTty,
    };
    const code = await main(
      ['lint', '--format', format, `${RULE_FIXTURES}/DEAD_FIELD_NOTE_MISSING/bad-note-todo.contract.json`],
      io,
    );
    return { code, out };
  }
  const ESC = '\u001b[';

  it('is used on a terminal without NO_COLOR', async () => {
    const { code, out } = await lintText(true, {});
    expect(code).toBe(1);
    expect(out).toContain(`${ESC}31merror${ESC}39m`);
  });

  it('is not used when stdout is not a terminal', async () => {
    const { code, out } = await lintText(false, {});
    expect(code).toBe(1);
    expect(out).toContain('error  DEAD_FIELD_NOTE_MISSING');
    expect(out).not.toContain(ESC);
  });

  it('is not used when NO_COLOR is set, even on a terminal', async () => {
    expect((await lintText(true, { NO_COLOR: '1' })).out).not.toContain(ESC);
    expect((await lintText(true, { NO_COLOR: 'true' })).out).not.toContain(ESC);
  });

  it('is never used by the machine formats', async () => {
    for (const format of ['json', 'markdown', 'github'] as const)
      expect((await lintText(true, {}, format)).out, format).not.toContain(ESC);
  });
});
