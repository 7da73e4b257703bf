import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import type { WirepinError } from '../../../src/errors.js';
import { goExtractor } from '../../../src/extract/go/index.js';
import type { ExtractRequest } from '../../../src/extract/types.js';
import { rejectionOf } from '../../support/facts.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'wirepin-go-errors-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Writes a one-file package into its own directory and returns the file path. */
function goFile(name: string, source: string): string {
  const dir = path.join(scratch, name);
  mkdirSync(dir);
  const file = path.join(dir, `${name}.go`);
  writeFileSync(file, source);
  return file;
}

async function failure(request: Omit<ExtractRequest, 'cwd'>): Promise<WirepinError> {
  return rejectionOf(goExtractor.extract({ cwd: repoRoot, ...request }));
}

describe('type name not found: E_UNKNOWN_TYPE', () => {
  test('names the type and the files searched, with a hint', async () => {
    const error = await failure({ path: 'test/fixtures/go/nested-other-file', typeName: 'Missing' });
    expect(error.code).toBe('E_UNKNOWN_TYPE');
    expect(error.message).toContain('"Missing"');
    expect(error.message).toContain('test/fixtures/go/nested-other-file/display.go');
    expect(error.message).toContain('test/fixtures/go/nested-other-file/request.go');
    expect(error.message).not.toContain('aaa_tool.go');
    expect(error.hint).toMatch(/case-sensitive/);
  });

  test('suggests the declared name that differs only in case', async () => {
    const error = await failure({ path: 'test/fixtures/go/nested-other-file/request.go', typeName: 'request' });
    expect(error.code).toBe('E_UNKNOWN_TYPE');
    expect(error.hint).toContain('"Request"');
  });
});

describe('the type is not a struct: E_UNKNOWN_TYPE', () => {
  test.each([
    ['Mode', 'a string', 4],
    ['Handler', 'a func type', 7],
    ['ModeAlias', 'a string', 10],
  ])('%s is %s', async (typeName, what, line) => {
    const error = await failure({ path: 'test/fixtures/go/not-struct', typeName });
    expect(error.code).toBe('E_UNKNOWN_TYPE');
    expect(error.message).toContain(`is ${what}, not a struct`);
    expect(error.location).toEqual({ file: 'test/fixtures/go/not-struct/not_struct.go', line, column: 6 });
  });
});

describe('syntax errors: E_PARSE with the location of the error node', () => {
  test.each([
    ['the broken type', 'test/fixtures/go/syntax-error', 'Broken'],
    ['another type of the package', 'test/fixtures/go/syntax-error', 'Fine'],
    ['a sibling file of the requested file', 'test/fixtures/go/syntax-error/fine.go', 'Fine'],
  ])('in %s', async (_case, requestPath, typeName) => {
    const error = await failure({ path: requestPath, typeName });
    expect(error.code).toBe('E_PARSE');
    expect(error.location).toEqual({ file: 'test/fixtures/go/syntax-error/broken.go', line: 6, column: 9 });
    expect(error.message).toContain('broken.go');
    expect(error.hint).toMatch(/fix the Go syntax error \(run gofmt\)/i);
  });

  test('an unexpected token is quoted in the message', async () => {
    const file = goFile('unexpected', 'package x\n\ntype T struct {\n\tA int\n\t) B int\n}\n');
    const error = await failure({ path: file, typeName: 'T' });
    expect(error.code).toBe('E_PARSE');
    expect(error.location?.line).toBe(5);
    expect(error.message).toMatch(/unexpected/);
  });

  test('a tag that is not a valid Go string literal', async () => {
    // tree-sitter accepts the escape's shape; Go rejects an octal escape above \377.
    const file = goFile('bad_tag', 'package x\n\ntype T struct {\n\tA int "json:\\"a\\400\\""\n}\n');
    const error = await failure({ path: file, typeName: 'T' });
    expect(error.code).toBe('E_PARSE');
    expect(error.location).toMatchObject({ line: 4, column: 8 });
    expect(error.message).toMatch(/invalid octal escape/);
  });
});

describe('unreadable input: E_READ', () => {
  test('a path that does not exist', async () => {
    const error = await failure({ path: 'test/fixtures/go/does-not-exist', typeName: 'T' });
    expect(error.code).toBe('E_READ');
    expect(error.message).toContain('does-not-exist');
  });

  test('a directory without Go files', async () => {
    const error = await failure({ path: 'test/fixtures/go', typeName: 'T' });
    expect(error.code).toBe('E_READ');
    expect(error.message).toMatch(/no Go source files/);
  });
});

test('a missing type name is a usage error', async () => {
  const error = await failure({ path: 'test/fixtures/go/tag-name' });
  expect(error.code).toBe('E_USAGE');
});
