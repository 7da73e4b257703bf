/**
 * Which files make up the package, and how locations are reported.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { goExtractor } from '../../../src/extract/go/index.js';
import { quotedNames, rejectionOf } from '../../support/facts.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixture = path.join(repoRoot, 'test/fixtures/go/nested-other-file');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'wirepin-go-package-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function packageDir(name: string, files: Record<string, string>): string {
  const dir = path.join(scratch, name);
  mkdirSync(dir);
  for (const [file, source] of Object.entries(files)) writeFileSync(path.join(dir, file), source);
  return dir;
}

describe('package files', () => {
  test.each([
    ['a package directory', 'test/fixtures/go/nested-other-file'],
    ['a file: its same-package siblings are read too', 'test/fixtures/go/nested-other-file/request.go'],
    ['an absolute path', fixture],
  ])('%s', async (_case, requestPath) => {
    const result = await goExtractor.extract({ path: requestPath, typeName: 'Request', cwd: repoRoot });
    expect(result.fields.map((field) => field.pointer).slice(0, 4)).toEqual([
      '/name',
      '/display',
      '/display/mode',
      '/display/width',
    ]);
  });

  test('a //go:build ignore file of another package is not part of the package', async () => {
    const result = await goExtractor.extract({ path: fixture, typeName: 'Display', cwd: repoRoot });
    expect(result.root.location.file).toBe('test/fixtures/go/nested-other-file/display.go');
    expect(result.fields.map((field) => field.pointer)).toEqual(['/mode', '/width']);
  });

  test('a build-ignored file named explicitly is read', async () => {
    const result = await goExtractor.extract({
      path: path.join(fixture, 'aaa_tool.go'),
      typeName: 'Display',
      cwd: repoRoot,
    });
    expect(result.fields.map((field) => field.pointer)).toEqual(['/wrong']);
  });

  test('siblings with another package clause are neither read nor checked for syntax errors', async () => {
    const dir = packageDir('mixed', {
      'a.go': 'package alpha\n\ntype T struct {\n\tU U `json:"u"`\n}\n',
      'b.go': 'package alpha\n\ntype U struct {\n\tN int `json:"n"`\n}\n',
      'c.go': 'package beta\n\ntype U struct {\n\tBroken int `json:"broken"\n',
    });
    const result = await goExtractor.extract({ path: path.join(dir, 'a.go'), typeName: 'T', cwd: dir });
    expect(result.fields.map((field) => `${field.pointer} ${field.location.file}`)).toEqual(['/u a.go', '/u/n b.go']);
  });

  test('in a directory with two packages, the one declaring the type is used', async () => {
    const dir = packageDir('two-packages', {
      'a.go': 'package alpha\n\ntype Shared struct {\n\tA int `json:"a"`\n}\n',
      'b.go':
        'package beta\n\ntype Only struct {\n\tS Shared `json:"s"`\n}\n\ntype Shared struct {\n\tB int `json:"b"`\n}\n',
    });
    const result = await goExtractor.extract({ path: dir, typeName: 'Only', cwd: dir });
    expect(result.fields.map((field) => field.pointer)).toEqual(['/s', '/s/b']);
  });

  test('_test.go files are not read', async () => {
    const dir = packageDir('with-tests', {
      'a.go': 'package alpha\n\ntype T struct {\n\tA int `json:"a"`\n}\n',
      'a_test.go': 'package alpha\n\ntype Fixture struct {\n\tB int `json:"b"`\n}\n',
    });
    await expect(goExtractor.extract({ path: dir, typeName: 'Fixture', cwd: dir })).rejects.toMatchObject({
      code: 'E_UNKNOWN_TYPE',
    });
  });

  test('types declared inside function bodies are not package-level types', async () => {
    const dir = packageDir('local-type', {
      'a.go':
        'package alpha\n\nfunc f() {\n\ttype Local struct{ A int }\n\t_ = Local{}\n}\n\ntype T struct {\n\tA int `json:"a"`\n}\n',
    });
    await expect(goExtractor.extract({ path: dir, typeName: 'Local', cwd: dir })).rejects.toMatchObject({
      code: 'E_UNKNOWN_TYPE',
    });
  });
});

describe('file order', () => {
  test('a directory is read in file-name order, whatever order the file system lists it in', async () => {
    // ext4 lists a directory in hash order (z, q, m, a here): the package's files, and every message naming them, are sorted.
    const files = ['z.go', 'q.go', 'm.go', 'a.go', 'c.go', 'b.go'];
    const dir = packageDir('order', Object.fromEntries(files.map((file) => [file, 'package alpha\n'])));
    const missing = await rejectionOf(goExtractor.extract({ path: dir, typeName: 'Nope', cwd: dir }));
    expect(missing.code).toBe('E_UNKNOWN_TYPE');
    expect(quotedNames(missing.message)).toEqual(['Nope', 'a.go', 'b.go', 'c.go', 'm.go', 'q.go']);
    // A type declared twice: the later file by name is the second declaration, wherever the file system lists it.
    const twiceDir = packageDir(
      'order-twice',
      Object.fromEntries(
        files.map((file) => [
          file,
          `package alpha\n${file === 'z.go' || file === 'b.go' ? '\ntype T struct{}\n' : ''}`,
        ]),
      ),
    );
    const twice = await rejectionOf(goExtractor.extract({ path: twiceDir, typeName: 'T', cwd: twiceDir }));
    expect(twice.code).toBe('E_PARSE');
    expect(twice.location).toEqual({ file: 'z.go', line: 3, column: 6 });
    expect(twice.message).toContain('b.go:3:6 and z.go:3:6');
  });
});

describe('a file named beside files of another package', () => {
  test('its own package is read, even when another package of the directory declares the type', async () => {
    const dir = packageDir('named-other-package', {
      'a.go': 'package alpha\n\ntype Other struct{}\n',
      'b.go': 'package beta\n\ntype T struct {\n\tA int `json:"a"`\n}\n',
    });
    const error = await rejectionOf(goExtractor.extract({ path: 'a.go', typeName: 'T', cwd: dir }));
    expect(error.code).toBe('E_UNKNOWN_TYPE');
    expect(quotedNames(error.message)).toEqual(['T', 'a.go']);
    const fromDirectory = await goExtractor.extract({ path: '.', typeName: 'T', cwd: dir });
    expect(fromDirectory.root.location.file).toBe('b.go');
  });
});

describe('locations', () => {
  test('files are relative to cwd, with forward slashes', async () => {
    const result = await goExtractor.extract({
      path: 'nested-other-file',
      typeName: 'Request',
      cwd: path.join(repoRoot, 'test/fixtures/go'),
    });
    expect(result.root.location).toEqual({ file: 'nested-other-file/request.go', line: 4, column: 6 });
  });

  test('cwd defaults to process.cwd()', async () => {
    const result = await goExtractor.extract({ path: fixture, typeName: 'Request' });
    expect(result.root.location.file).toBe(
      path.relative(process.cwd(), path.join(fixture, 'request.go')).split(path.sep).join('/'),
    );
  });

  test('columns are 1-based UTF-16 units; a leading byte order mark keeps them', async () => {
    // U+1D400 (mathematical bold capital A) is an upper-case letter and two UTF-16 units.
    const dir = packageDir('columns', {
      'a.go': '\uFEFFpackage alpha\n\ntype T struct {\n\t\u{1D400}, C int\n}\n',
    });
    const result = await goExtractor.extract({ path: dir, typeName: 'T', cwd: dir });
    expect(result.fields.map((field) => [field.pointer, field.location.line, field.location.column])).toEqual([
      ['/\u{1D400}', 4, 2],
      ['/C', 4, 6],
    ]);
    expect(result.root.location).toEqual({ file: 'a.go', line: 3, column: 6 });
  });
});
