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
  matchTag,
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
    expect(parseGoBuildExpr('café || go1.2')).toEqual({
      op: 'or',
      x: { op: 'tag', tag: 'café' },
      y: { op: 'tag', tag: 'go1.2' },
    });
    // +build terms go/build/constraint cannot read are the tag `ignore`; three options OR left to right.
    expect(parsePlusBuildLine('  a  -x,!b  !!c  ')).toEqual({
      op: 'or',
      x: {
        op: 'or',
        x: { op: 'tag', tag: 'a' },
        y: { op: 'and', x: { op: 'tag', tag: 'ignore' }, y: { op: 'not', x: { op: 'tag', tag: 'b' } } },
      },
      y: { op: 'tag', tag: 'ignore' },
    });
    expect(parsePlusBuildLine('!-x,!')).toEqual({
      op: 'and',
      x: { op: 'not', x: { op: 'tag', tag: 'ignore' } },
      y: { op: 'tag', tag: 'ignore' },
    });
    expect(parsePlusBuildLine('')).toEqual({ op: 'tag', tag: 'ignore' });
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

describe('go/build matchTag for a target', () => {
  const cases: readonly [string, string, readonly string[], readonly string[]][] = [
    [
      'linux',
      'amd64',
      ['linux', 'amd64', 'gc', 'unix', 'go1.1', 'go1.18', 'go1.24'],
      ['go1.25', 'go1', 'gccgo', 'cgo', 'ignore', 'android', 'solaris', 'darwin', 'arm64', 'LINUX'],
    ],
    ['android', 'arm64', ['android', 'linux', 'arm64', 'unix'], ['amd64', 'darwin']],
    ['illumos', 'amd64', ['illumos', 'solaris', 'unix'], ['linux']],
    ['ios', 'arm64', ['ios', 'darwin', 'unix'], ['linux']],
    ['darwin', 'arm64', ['darwin', 'unix'], ['ios']],
    ['solaris', 'amd64', ['solaris', 'unix'], ['illumos']],
    ['plan9', '386', ['plan9', '386'], ['unix']],
    ['windows', 'amd64', ['windows'], ['unix']],
    ['js', 'wasm', ['js', 'wasm'], ['unix']],
  ];
  test.each(cases)('%s/%s', (goos, goarch, matched, unmatched) => {
    const target = { goos, goarch };
    expect(matched.filter((tag) => !matchTag(tag, target))).toEqual([]);
    expect(unmatched.filter((tag) => matchTag(tag, target))).toEqual([]);
  });
});

describe('file names, one at a time (goodOSArchFile)', () => {
  test.each([
    // Everything from the first "." on is not part of the name go/build looks at.
    ['a.b_windows.go', LINUX, undefined],
    ['req_windows.pb.go', LINUX, 'its name is for windows'],
    // A _test element after the platform is dropped before the platform is read.
    ['req_windows_test.pb.go', LINUX, 'its name is for windows'],
    ['req_linux_test.pb.go', LINUX, undefined],
    // Everything before the first "_" is ignored: linux_windows.go is for windows alone.
    ['linux_windows.go', LINUX, 'its name is for windows'],
    ['windows_amd64.go', LINUX, undefined],
    // GOARCH before GOOS is not a pair: only the last element counts.
    ['x_amd64_linux.go', { goos: 'linux', goarch: 'arm64' }, undefined],
    ['x_amd64_linux.go', { goos: 'darwin', goarch: 'amd64' }, 'its name is for linux'],
    ['req_js_wasm.go', { goos: 'js', goarch: 'wasm' }, undefined],
    ['req_js_wasm.go', LINUX, 'its name is for js/wasm'],
    ['req_windows_amd64.go', { goos: 'windows', goarch: 'arm64' }, 'its name is for windows/amd64'],
    ['req_linux_amd64.go', { goos: 'windows', goarch: 'amd64' }, 'its name is for linux/amd64'],
    ['req_nonsense_amd64.go', { goos: 'linux', goarch: 'arm64' }, 'its name is for amd64'],
    ['req_amd64_nonsense.go', { goos: 'linux', goarch: 'arm64' }, undefined],
    ['_windows.go', LINUX, 'go build ignores files whose names start with "_" or "."'],
    ['.linux.go', LINUX, 'go build ignores files whose names start with "_" or "."'],
    ['req_test.go', LINUX, 'it is a test file (_test.go)'],
    ['req.go', LINUX, undefined],
  ] as const)('%s for %o: %s', (name, target, why) => {
    expect(excludedByName(name, target)).toBe(why);
  });
});

describe('file headers, one at a time (parseFileHeader and shouldBuild)', () => {
  test.each([
    // Block comments may stand in the header; a //go:build line inside one is not a constraint.
    ['/* a\n//go:build !linux\n*/\n\npackage wire\n', true, undefined],
    ['/* a */\n//go:build !linux\n\npackage wire\n', false, '//go:build !linux'],
    ['/* a */ /* b */\n//go:build !linux\n\npackage wire\n', false, '//go:build !linux'],
    // Text after a block comment ends the header.
    ['/* a */ package wire\n//go:build !linux\n', true, undefined],
    // Tags are Unicode letters and digits, `_` and `.`; an unknown tag is unset.
    ['//go:build café\n\npackage wire\n', false, '//go:build café'],
    ['//go:build !café\n\npackage wire\n', true, '//go:build !café'],
    ['// +build !café\n\npackage wire\n', true, undefined],
    ['//go:build   linux   \n\npackage wire\n', true, '//go:build linux'],
    ['//go:buildlinux\n\npackage wire\n', true, undefined],
    ['//go:build\t!linux\n\npackage wire\n', false, '//go:build !linux'],
    ['//+build !linux\n\npackage wire\n', false, '//+build !linux'],
    ['//   +build   !linux   \n\npackage wire\n', false, '//   +build   !linux'],
    ['// +buildx !linux\n\npackage wire\n', true, undefined],
    // go/build/constraint reads a term that is not a tag (`-x`, `!!x`, a lone `!`) and an empty line as `ignore`.
    ['// +build\n\npackage wire\n', false, '// +build'],
    ['// +build !linux,-x\n\npackage wire\n', false, '// +build !linux,-x'],
    ['// +build linux,-x\n\npackage wire\n', false, '// +build linux,-x'],
    ['// +build -x linux\n\npackage wire\n', true, undefined],
    ['// +build !-x\n\npackage wire\n', true, undefined],
    ['// +build !!linux\n\npackage wire\n', false, '// +build !!linux'],
    ['// +build !\n\npackage wire\n', false, '// +build !'],
    ['// +build linux,,amd64\n\npackage wire\n', false, '// +build linux,,amd64'],
    ['// +build linux\n// +build !amd64 darwin\n\npackage wire\n', false, '// +build !amd64 darwin'],
    ['// +build !linux\n// +build !amd64\n\npackage wire\n', false, '// +build !linux // +build !amd64'],
    ['// +build !linux\r\n\r\npackage wire\r\n', false, '// +build !linux'],
    ['// +build !linux\n\n// +build linux\npackage wire\n', false, '// +build !linux'],
    ['package wire\n\n// +build !linux\n\n', true, undefined],
  ])('%j is built: %s', (text, built, expression) => {
    expect(fileConstraint(text, LINUX)).toEqual({ ok: true, built, expression });
  });

  test('an empty //go:build expression and a stray token are errors at their line', () => {
    expect(fileConstraint('\n//go:build\n\npackage wire\n', LINUX)).toEqual({
      ok: false,
      problem: { line: 2, reason: 'parsing //go:build line: unexpected end of expression' },
    });
    expect(fileConstraint('//go:build linux)\n\npackage wire\n', LINUX)).toEqual({
      ok: false,
      problem: { line: 1, reason: 'parsing //go:build line: unexpected token )' },
    });
    expect(fileConstraint('//go:build (linux\n\npackage wire\n', LINUX)).toEqual({
      ok: false,
      problem: { line: 1, reason: 'parsing //go:build line: missing close paren' },
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
    [
      'MarshalJSON on a parenthesized alias',
      'type Paren = (Req)\n\nfunc (Paren) MarshalJSON() ([]byte, error) { return nil, nil }',
      'encode',
    ],
    [
      'MarshalJSON on the type itself, another method on the alias',
      'func (Req) MarshalJSON() ([]byte, error) { return nil, nil }\n\nfunc (ReqAlias) Describe() string { return "" }',
      'encode',
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

  test('a cycle of aliases with a method ends (the compiler refuses it; wirepin does not hang on it)', async () => {
    const dir = packageDir({
      'zreq.go': `${REAL}\ntype A = B\n\ntype B = A\n\nfunc (A) MarshalJSON() ([]byte, error) { return nil, nil }\n`,
    });
    expect(await pointers(dir)).toEqual(['/a']);
  });

  test('an alias of another package type does not take the method', async () => {
    const dir = packageDir({
      'zreq.go': `${REAL}\ntype T = Req\n\ntype Other struct{}\n\nfunc (Other) MarshalJSON() ([]byte, error) { return nil, nil }\n`,
    });
    expect(await pointers(dir)).toEqual(['/a']);
  });
});
