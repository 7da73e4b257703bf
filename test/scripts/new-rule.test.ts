import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../rules/rule-tester.js';

const SCRIPT = join(REPO_ROOT, 'scripts', 'new-rule.js');
let root = '';

/** A scratch repository with what the script reads: the doc template, the family test files, one existing rule. */
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'wirepin-new-rule-'));
  mkdirSync(join(root, 'docs', 'rules'), { recursive: true });
  cpSync(join(REPO_ROOT, 'docs', 'rules', 'TEMPLATE.md'), join(root, 'docs', 'rules', 'TEMPLATE.md'));
  for (const family of ['lint', 'pin', 'consumes', 'diff'])
    cpSync(join(REPO_ROOT, 'test', 'rules', `${family}.test.ts`), join(root, 'test', 'rules', `${family}.test.ts`));
  cpSync(
    join(REPO_ROOT, 'src', 'rules', 'lint', 'DUPLICATE_KEY.ts'),
    join(root, 'src', 'rules', 'lint', 'DUPLICATE_KEY.ts'),
  );
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/**
 * The scaffold is written in the rules' current shape: a declared `messages` catalogue, service names
 * from the contract (never a literal), and imports that resolve in this repository. (That it also
 * type-checks and lints once registered is checked by hand when a template changes: tsc and eslint
 * over a scaffolded copy take too long for this suite.)
 */
function expectCurrentShape(text: string, path: string): void {
  expect(text).toMatch(/^  messages: \{/mu);
  expect(text).not.toMatch(/\bcheck\(pairing\)|\bcp\b|\bcore\b/u);
  for (const [, spec] of text.matchAll(/from '(\.[^']+)\.js'/gu)) {
    const target = join(REPO_ROOT, dirname(path), `${spec}.ts`);
    expect(existsSync(target), `${path} imports ${spec}.js`).toBe(true);
  }
}

function run(...args: string[]): { exit: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [SCRIPT, ...args, '--root', root], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { exit: 0, stdout, stderr: '' };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { exit: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run new-rule', () => {
  it('scaffolds a lint rule: the rule file, its doc, good and bad fixtures, and a table stub', () => {
    const result = run('FIELD_NAME_SHOUTED');
    expect(result.exit).toBe(0);
    const rule = readFileSync(join(root, 'src/rules/lint/FIELD_NAME_SHOUTED.ts'), 'utf8');
    expect(rule).toContain(
      "export const FIELD_NAME_SHOUTED: LintRule<'todo'> = {\n  id: 'FIELD_NAME_SHOUTED',\n  stage: 'lint',",
    );
    expectCurrentShape(rule, 'src/rules/lint/FIELD_NAME_SHOUTED.ts');
    const doc = readFileSync(join(root, 'docs/rules/FIELD_NAME_SHOUTED.md'), 'utf8');
    expect(doc.split('\n')[0]).toBe('# FIELD_NAME_SHOUTED');
    expect(doc).not.toContain('RULE_ID');
    for (const name of ['good.contract.json', 'bad-TODO.contract.json'])
      expect(existsSync(join(root, 'test/fixtures/rules/FIELD_NAME_SHOUTED', name)), name).toBe(true);
    const good = JSON.parse(
      readFileSync(join(root, 'test/fixtures/rules/FIELD_NAME_SHOUTED/good.contract.json'), 'utf8'),
    ) as { producer: { name: string } };
    expect(good.producer.name).toBe('orders');
    const table = readFileSync(join(root, 'test/rules/lint.test.ts'), 'utf8');
    expect(table).toContain("import { FIELD_NAME_SHOUTED } from '../../src/rules/lint/FIELD_NAME_SHOUTED.js';");
    expect(table).toContain("ruleTester(FIELD_NAME_SHOUTED, {\n  valid: ['good.contract.json'],");
    expect(result.stdout).toContain('Register FIELD_NAME_SHOUTED in src/rules/lint/index.ts');
  });

  it('scaffolds a guard rule with a shared contract and one Go package per case', () => {
    expect(run('CONSUMER_FIELD_SHADOWED', '--family', 'consumes').exit).toBe(0);
    const dir = join(root, 'test/fixtures/rules/CONSUMER_FIELD_SHADOWED');
    for (const name of ['wire.contract.json', 'good/request.go', 'bad-TODO/request.go'])
      expect(existsSync(join(dir, name)), name).toBe(true);
    const rule = readFileSync(join(root, 'src/rules/consumes/CONSUMER_FIELD_SHADOWED.ts'), 'utf8');
    expect(rule).toContain("stage: 'consumes',");
    expect(rule).toContain('onPair(p, context)');
    expect(rule).toContain("serviceName(context, 'consumer')");
    expectCurrentShape(rule, 'src/rules/consumes/CONSUMER_FIELD_SHADOWED.ts');
    expect(run('PRODUCER_FIELD_SHADOWED', '--family', 'pin').exit).toBe(0);
    const pin = readFileSync(join(root, 'src/rules/pin/PRODUCER_FIELD_SHADOWED.ts'), 'utf8');
    expect(pin).toContain("serviceName(context, 'producer')");
    expect(pin).not.toMatch(/SIDE|STAGE/u);
    expect(readFileSync(join(root, 'test/rules/consumes.test.ts'), 'utf8')).toContain(
      "guardRuleTester(CONSUMER_FIELD_SHADOWED, 'consumes', {",
    );
  });

  it('scaffolds a diff rule with a base contract and heads', () => {
    expect(run('FIELD_RENAMED', '--family', 'diff').exit).toBe(0);
    for (const name of ['base.contract.json', 'good.contract.json', 'bad-TODO.contract.json'])
      expect(existsSync(join(root, 'test/fixtures/rules/FIELD_RENAMED', name)), name).toBe(true);
    expect(readFileSync(join(root, 'test/rules/diff.test.ts'), 'utf8')).toContain('diffRuleTester(FIELD_RENAMED, {');
    const rule = readFileSync(join(root, 'src/rules/diff/FIELD_RENAMED.ts'), 'utf8');
    expect(rule).toContain('onKept({ base, head }, sides)');
    expectCurrentShape(rule, 'src/rules/diff/FIELD_RENAMED.ts');
  });

  it.each([
    ['field_renamed'],
    ['FIELD'],
    ['FIELD__RENAMED'],
    ['_FIELD_RENAMED'],
    ['FIELD-RENAMED'],
    ['FIELD_RENAMED_'],
  ])('refuses %s, which is not UPPER_SNAKE, and writes nothing', (id) => {
    const result = run(id);
    expect(result.exit).toBe(2);
    expect(result.stderr).toContain(`"${id}" is not an UPPER_SNAKE rule ID.`);
    expect(existsSync(join(root, 'docs/rules', `${id}.md`))).toBe(false);
    expect(existsSync(join(root, 'test/fixtures'))).toBe(false);
  });

  it('refuses an ID that is taken, in any family, and writes nothing', () => {
    const before = readFileSync(join(root, 'test/rules/diff.test.ts'), 'utf8');
    const result = run('DUPLICATE_KEY', '--family', 'diff');
    expect(result.exit).toBe(2);
    expect(result.stderr).toContain('rule DUPLICATE_KEY already exists.');
    expect(readFileSync(join(root, 'test/rules/diff.test.ts'), 'utf8')).toBe(before);
    expect(existsSync(join(root, 'docs/rules/DUPLICATE_KEY.md'))).toBe(false);
  });

  it('refuses to run twice for the same ID', () => {
    expect(run('FIELD_NAME_SHOUTED').exit).toBe(0);
    const again = run('FIELD_NAME_SHOUTED');
    expect(again.exit).toBe(2);
    expect(again.stderr).toContain('FIELD_NAME_SHOUTED already exists');
  });

  it('refuses an unknown family and a missing ID', () => {
    expect(run('FIELD_RENAMED', '--family', 'sync').stderr).toContain('unknown family "sync"');
    expect(run().exit).toBe(2);
  });
});
