/**
 * Only what `go build` compiles: file names, build constraints and the
 * target, symlinks, types declared twice, and methods on alias receivers.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  excludedByName,
  fileConstraint,
  parseGoBuildExpr,
  parsePlusBuildLine,
  evaluateConstraint,
} from '../../../src/extract/go/build-constraints.js';
import { goExtractor } from '../../../src/extract/go/index.js';
import type { ExtractRequest } from '../../../src/extract/types.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'wirepin-go-build-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

function packageDir(files: Record<string, string>): string {
  const dir = path.join(scratch, `p${counter++}`);
  mkdirSync(dir);
  for (const [file, source] of Object.entries(files)) writeFileSync(path.join(dir, file), source);
  return dir;
}

/** The real declaration sorts last, so a file go build skips would win under "first file by name". */
const REAL = 'package wire\n\ntype Req struct {\n\tA string `json:"a"`\n}\n';
const decoy = (header = ''): string =>
  `${header}package wire\n\ntype Req struct {\n\tWrong string \`json:"wrong"\`\n}\n`;

async function pointers(dir: string, extra: Partial<ExtractRequest> = {}): Promise<string[]> {
  const result = await goExtractor.extract({ path: dir, typeName: 'Req', cwd: dir, ...extra });
  return result.fields.map((field) => field.pointer);
}

const LINUX = { goos: 'linux', goarch: 'amd64' };

describe('file names (go/build goodOSArchFile and the ignore prefixes)', () => {
  test.each([
    ['_old.go', 'an underscore prefix'],
    ['.req.go', 'a dot prefix'],
    ['req_test.go', 'a test file'],
    ['req_darwin.go', 'another GOOS'],
    ['req_windows_amd64.go', 'another GOOS with this GOARCH'],
    ['req_linux_arm64.go', 'this GOOS with another GOARCH'],
    ['req_arm64.go', 'another GOARCH'],
    ['req_darwin_test.go', 'a test file for another GOOS'],
  ])('%s (%s) is not compiled, so its declaration is not read', async (file) => {
    const dir = packageDir({ [file]: decoy(), 'zreq.go': REAL });
    expect(await pointers(dir)).toEqual(['/a']);
  });

  test.each([
    ['req_linux.go'],
    ['req_amd64.go'],
    ['req_linux_amd64.go'],
    ['linux.go'],
    ['req_nonsense.go'],
    ['a_linux_nonsense.go'],
  ])('%s is compiled for linux/amd64', async (file) => {
    const dir = packageDir({ [file]: REAL });
    expect(await pointers(dir)).toEqual(['/a']);
  });

  test('the target decides: req_darwin.go is compiled for darwin/arm64, zreq_linux.go is not', async () => {
    const dir = packageDir({ 'req_darwin.go': REAL, 'zreq_linux.go': decoy() });
    expect(await pointers(dir, { goTarget: { goos: 'darwin', goarch: 'arm64' } })).toEqual(['/a']);
    expect(await pointers(dir)).toEqual(['/wrong']);
  });

  test('excludedByName says why', () => {
    expect(excludedByName('x_windows_386.go', LINUX)).toBe('its name is for windows/386');
    expect(excludedByName('x_ios.go', { goos: 'ios', goarch: 'arm64' })).toBeUndefined();
    expect(excludedByName('x_darwin.go', { goos: 'ios', goarch: 'arm64' })).toBeUndefined();
    expect(excludedByName('x_linux.go', { goos: 'android', goarch: 'arm64' })).toBeUndefined();
    expect(excludedByName('x_solaris.go', { goos: 'illumos', goarch: 'amd64' })).toBeUndefined();
  });
});

describe('build constraints', () => {
  test.each([
    ['//go:build !linux\n\n', false],
    ['//go:build linux && amd64\n\n', true],
    ['//go:build unix\n\n', true],
    ['//go:build (darwin || windows) && !linux\n\n', false],
    ['//go:build !(darwin || windows)\n\n', true],
    ['//go:build cgo\n\n', false],
    ['//go:build go1.18\n\n', true],
    ['//go:build mytag\n\n', false],
    ['//go:build ignore\n\n', false],
    ['// +build !linux\n\n', false],
    ['// +build darwin linux\n\n', true],
    ['// +build linux,386\n\n', false],
    ['// +build linux\n// +build !amd64\n\n', false],
    // +build lines only count without a //go:build line.
    ['//go:build linux\n// +build !linux\n\n', true],
    // A +build line directly above the package clause (no blank line after it) is not a constraint.
    ['// +build !linux\n', true],
    // Constraints after the package clause or inside /* */ do not count.
    ['/* //go:build !linux */\n\n', true],
    ['// Copyright\n\n//go:build !linux\n\n', false],
  ])('%j is built: %s', async (header, built) => {
    expect(fileConstraint(`${header}package wire\n`, LINUX)).toMatchObject({ ok: true, built });
    const dir = packageDir({ 'areq.go': decoy(header), 'zreq.go': built ? 'package wire\n' : REAL });
    expect(await pointers(dir)).toEqual(built ? ['/wrong'] : ['/a']);
  });

  test('a file named explicitly is read whatever its constraint (as go run file.go)', async () => {
    const dir = packageDir({ 'gen.go': decoy('//go:build ignore\n\n'), 'zreq.go': 'package wire\n' });
    const result = await goExtractor.extract({ path: path.join(dir, 'gen.go'), typeName: 'Req', cwd: dir });
    expect(result.fields.map((field) => field.pointer)).toEqual(['/wrong']);
  });

  test('an unparsable //go:build line is an error at that line', async () => {
    const dir = packageDir({ 'a.go': '// header\n//go:build linux &&\n\npackage wire\n', 'zreq.go': REAL });
    await expect(pointers(dir)).rejects.toMatchObject({
      code: 'E_PARSE',
      location: { file: 'a.go', line: 2, column: 1 },
      message: expect.stringContaining('unexpected end of expression'),
    });
  });

  test('two //go:build lines are an error', () => {
    expect(fileConstraint('//go:build linux\n//go:build amd64\n\npackage wire\n', LINUX)).toEqual({
      ok: false,
      problem: { line: 2, reason: 'multiple //go:build comments' },
    });
  });

  test('a package whose files are all excluded is an error naming the target', async () => {
    const dir = packageDir({ 'a.go': decoy('//go:build windows\n\n') });
    await expect(pointers(dir)).rejects.toMatchObject({
      code: 'E_READ',
      message: expect.stringContaining('linux/amd64'),
    });
  });

  test('the expression grammar: precedence, negation, parentheses', () => {
    expect(parseGoBuildExpr('a || b && !c')).toEqual({
      op: 'or',
      x: { op: 'tag', tag: 'a' },
      y: { op: 'and', x: { op: 'tag', tag: 'b' }, y: { op: 'not', x: { op: 'tag', tag: 'c' } } },
    });
    expect(() => parseGoBuildExpr('(linux')).toThrow('missing close paren');
    expect(() => parseGoBuildExpr('linux amd64')).toThrow('unexpected token amd64');
    expect(() => parseGoBuildExpr('linux || -x')).toThrow('unexpected token -');
    expect(parsePlusBuildLine('linux,!cgo darwin')).toEqual({
      op: 'or',
      x: { op: 'and', x: { op: 'tag', tag: 'linux' }, y: { op: 'not', x: { op: 'tag', tag: 'cgo' } } },
      y: { op: 'tag', tag: 'darwin' },
    });
    expect(evaluateConstraint(parseGoBuildExpr('unix && !windows'), { goos: 'plan9', goarch: 'amd64' })).toBe(false);
  });

  test('an unknown GOOS or GOARCH is a usage error', async () => {
    const dir = packageDir({ 'zreq.go': REAL });
    await expect(pointers(dir, { goTarget: { goos: 'linx', goarch: 'amd64' } })).rejects.toMatchObject({
      code: 'E_USAGE',
      message: 'Unknown GOOS "linx".',
    });
    await expect(pointers(dir, { goTarget: { goos: 'linux', goarch: 'amd46' } })).rejects.toMatchObject({
      code: 'E_USAGE',
      message: 'Unknown GOARCH "amd46".',
    });
  });
});

describe('symlinks and other non-regular files', () => {
  test('a dangling editor lock link and a link to a Go file are skipped with a note', async () => {
    const dir = packageDir({ 'zreq.go': REAL });
    const elsewhere = packageDir({ 'other.go': decoy() });
    symlinkSync('user@host.1234:1700000000', path.join(dir, 'lock.go'));
    symlinkSync(path.join(elsewhere, 'other.go'), path.join(dir, 'areq.go'));
    const result = await goExtractor.extract({ path: dir, typeName: 'Req', cwd: dir });
    expect(result.fields.map((field) => field.pointer)).toEqual(['/a']);
    expect(result.notes).toEqual([
      'note: skipped "areq.go": it is a symbolic link, so wirepin does not read it as Go source.',
      'note: skipped "lock.go": it is a symbolic link, so wirepin does not read it as Go source.',
    ]);
  });

  test('a directory named like a Go file is skipped with a note', async () => {
    const dir = packageDir({ 'zreq.go': REAL });
    mkdirSync(path.join(dir, 'dir.go'));
    const result = await goExtractor.extract({ path: dir, typeName: 'Req', cwd: dir });
    expect(result.notes).toEqual([
      'note: skipped "dir.go": it is not a regular file, so wirepin does not read it as Go source.',
    ]);
  });

  test('a package without links has no notes', async () => {
    const result = await goExtractor.extract({ path: packageDir({ 'zreq.go': REAL }), typeName: 'Req' });
    expect(result.notes).toBeUndefined();
  });
});

describe('a type declared twice', () => {
  test('in two compiled files: an error naming both places', async () => {
    const dir = packageDir({ 'a.go': REAL, 'b.go': decoy() });
    await expect(pointers(dir)).rejects.toMatchObject({
      code: 'E_PARSE',
      location: { file: 'b.go', line: 3, column: 6 },
      message: 'Type "Req" is declared twice in the files go build compiles: a.go:3:6 and b.go:3:6.',
    });
  });

  test('in one file: an error naming both places', async () => {
    const dir = packageDir({ 'a.go': `${REAL}\ntype Req struct{}\n` });
    await expect(pointers(dir)).rejects.toMatchObject({
      code: 'E_PARSE',
      message: expect.stringContaining('a.go:3:6 and a.go:7:6'),
    });
  });

  test('in files for different platforms: no error, the target picks one', async () => {
    const dir = packageDir({ 'req_linux.go': REAL, 'req_windows.go': decoy() });
    expect(await pointers(dir)).toEqual(['/a']);
    expect(await pointers(dir, { goTarget: { goos: 'windows', goarch: 'amd64' } })).toEqual(['/wrong']);
  });
});

describe('methods on alias receivers count for the aliased type', () => {
  test.each([
    ['MarshalJSON on a value receiver', 'func (ReqAlias) MarshalJSON() ([]byte, error) { return nil, nil }', 'encode'],
    [
      'MarshalText on a pointer receiver',
      'func (*ReqAlias) MarshalText() ([]byte, error) { return nil, nil }',
      'encode',
    ],
    [
      'UnmarshalJSON through two aliases',
      'type Inner = ReqAlias\n\nfunc (*Inner) UnmarshalJSON([]byte) error { return nil }',
      'decode',
    ],
  ] as const)('%s', async (_name, method, direction) => {
    const dir = packageDir({ 'zreq.go': `${REAL}\ntype ReqAlias = Req\n\n${method}\n` });
    const result = await goExtractor.extract({ path: dir, typeName: 'Req', cwd: dir, direction });
    expect(result.fields).toEqual([]);
    expect(result.opaque).toEqual([
      {
        pointer: '',
        typeName: 'Req',
        reason: expect.stringMatching(/^type "Req" has a custom (un)?marshaller/),
        location: { file: 'zreq.go', line: 3, column: 6 },
      },
    ]);
  });

  test('an alias of another package type does not take the method', async () => {
    const dir = packageDir({
      'zreq.go': `${REAL}\ntype T = Req\n\ntype Other struct{}\n\nfunc (Other) MarshalJSON() ([]byte, error) { return nil, nil }\n`,
    });
    expect(await pointers(dir)).toEqual(['/a']);
  });
});
