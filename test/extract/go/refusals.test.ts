/**
 * What the Go extractor says when it cannot read a struct: usage errors,
 * unreadable paths, directories without Go files, syntax errors (the first
 * error node, quoted or named as missing), invalid tags, types nested too
 * deep, and types that are not structs (each kind named with its article).
 * Also which files make up the package. Every case pins the exact message,
 * place and quoted names (never the sentence) in test/extract/go/tables/refusals.json.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { expectTable } from '../../support/facts.js';
import { GoScratch } from './go-cases.js';
import type { GoCase } from './go-cases.js';

const scratch = new GoScratch();
afterAll(() => scratch.dispose());

const pkg = (body: string, name = 'wire'): string => `package ${name}\n\n${body}\n`;
const OK = pkg('type Root struct {\n\tA string `json:"a"`\n}');

/** `depth` nested slice brackets around int, e.g. 2 → [][]int. */
const slices = (depth: number): string => `${'[]'.repeat(depth)}int`;

const NOT_STRUCT: readonly [string, string][] = [
  ['int', 'type X int'],
  ['uint8', 'type X uint8'],
  ['byte', 'type X byte'],
  ['rune', 'type X rune'],
  ['float64', 'type X float64'],
  ['string alias', 'type X = string'],
  ['slice', 'type X []int'],
  ['array', 'type X [2]int'],
  ['map', 'type X map[string]int'],
  ['pointer', 'type X *Y\ntype Y struct{}'],
  ['interface', 'type X interface{ M() }'],
  ['any', 'type X any'],
  ['error', 'type X error'],
  ['func', 'type X func()'],
  ['chan', 'type X chan int'],
  ['alias of time.Time', 'import "time"\n\ntype X = time.Time'],
  ['defined over time.Duration', 'import "time"\n\ntype X time.Duration'],
  ['defined over json.Number', 'import "encoding/json"\n\ntype X json.Number'],
  ['defined over json.RawMessage', 'import "encoding/json"\n\ntype X json.RawMessage'],
  ['defined over time.Time', 'import "time"\n\ntype X time.Time'],
  ['other package', 'import "example.com/other"\n\ntype X other.Thing'],
  ['undeclared', 'type X Y'],
  ['type parameter', 'type X[T any] T'],
  ['recursive', 'type X Y\ntype Y X'],
];

const CASES: readonly GoCase[] = [
  { name: 'no type name', typeName: undefined, files: { 'a.go': OK } },
  { name: 'empty type name', typeName: '', files: { 'a.go': OK } },
  { name: 'a path that does not exist', typeName: 'Root', path: 'missing.go', files: { 'a.go': OK } },
  { name: 'a directory that does not exist', typeName: 'Root', path: 'nowhere/deeper', files: { 'a.go': OK } },
  { name: 'a directory without files', typeName: 'Root', path: 'empty', files: { 'empty/': '' } },
  {
    name: 'a directory with only tests, text and a directory named like a Go file',
    typeName: 'Root',
    path: 'pkg',
    files: { 'pkg/a_test.go': OK, 'pkg/notes.txt': 'x', 'pkg/sub.go/': '' },
  },
  {
    name: 'a directory named like a Go file is read as a package directory',
    typeName: 'Root',
    path: 'pkg.go',
    files: { 'pkg.go/a.go': OK },
  },
  {
    name: 'a symbolic link to a Go file is a file of the package',
    typeName: 'Root',
    path: 'pkg',
    files: {
      'pkg/a.go': pkg('type Root struct {\n\tB Other `json:"b"`\n}'),
      'lib/other.go': pkg('type Other struct {\n\tO int `json:"o"`\n}'),
      'pkg/link.go': { symlink: '../lib/other.go' },
    },
  },
  {
    name: 'a test file named explicitly is read with its package siblings',
    typeName: 'T',
    path: 'a_test.go',
    files: { 'a.go': OK, 'a_test.go': pkg('type T struct {\n\tR Root `json:"r"`\n}') },
  },
  {
    name: 'a sibling test file is not read',
    typeName: 'T',
    path: 'a.go',
    files: { 'a.go': OK, 'a_test.go': pkg('type T struct {\n\tR Root `json:"r"`\n}') },
  },
  {
    name: 'a NUL byte in a sibling file',
    typeName: 'Root',
    path: 'pkg/a.go',
    files: { 'pkg/a.go': OK, 'pkg/b.go': 'package wire\n\n// x\u0000y\n' },
  },
  {
    name: 'invalid UTF-8 in a sibling file',
    typeName: 'Root',
    path: 'pkg',
    files: { 'pkg/a.go': OK, 'pkg/b.go': Uint8Array.from([...Buffer.from('package wire\n\n// '), 0xff, 0x0a]) },
  },
  {
    name: 'a file named explicitly and a sibling both declare a type: an error naming both places',
    typeName: 'Root',
    path: 'b_test.go',
    files: {
      'b_test.go': pkg('type Root struct {\n\tD Dup `json:"d"`\n}\n\ntype Dup struct{ T int `json:"t"` }'),
      'c.go': pkg('type Dup struct{ C int `json:"c"` }'),
    },
  },
  {
    name: 'an empty file (no package clause) sorted first does not name the package',
    typeName: 'Root',
    files: { '0.go': '', 'a.go': pkg('type Root struct {\n\tM Missing `json:"m"`\n}') },
  },
  {
    name: 'a file without a package clause stays in when a file is named',
    typeName: 'Root',
    path: 'a.go',
    files: {
      'a.go': pkg('type Root struct {\n\tB B `json:"b"`\n}'),
      'b.go': 'type B struct{ Y int `json:"y"` }\n',
      'c.go': pkg('type B struct{ Z int `json:"z"` }', 'other'),
    },
  },
  {
    name: 'a file whose package clause is broken stays in a directory of two packages',
    typeName: 'Root',
    files: { 'a.go': OK, 'b.go': pkg('type B struct{}', 'other'), 'c.go': 'packag wire\n\ntype C struct{}\n' },
  },
  {
    name: 'methods without a local receiver type are ignored',
    typeName: 'Root',
    files: {
      'a.go': pkg(
        [
          'import "example.com/other"',
          'type Root struct {\n\tA R2 `json:"a"`\n\tB other.T `json:"b"`\n}',
          'type R2 struct{ X int `json:"x"` }',
          'func () MarshalJSON() ([]byte, error) { return nil, nil }',
          'func (r *other.T) MarshalJSON() ([]byte, error) { return nil, nil }',
          'func (r []R2) MarshalJSON() ([]byte, error) { return nil, nil }',
          'func (r R2) String() string { return "" }',
        ].join('\n\n'),
      ),
    },
  },
  {
    name: 'a package whose only file has no package clause has no name',
    typeName: 'Root',
    files: { 'a.go': 'type Root struct {\n\tM Missing `json:"m"`\n}\n' },
  },
  {
    name: 'every method of a type counts, not only the last declared',
    typeName: 'Root',
    files: {
      'a.go': pkg(
        'type Root struct {\n\tT T3 `json:"t"`\n}\n\ntype T3 string\n\nfunc (T3) MarshalJSON() ([]byte, error) { return nil, nil }\n\nfunc (T3) String() string { return "" }',
      ),
    },
  },
  {
    name: 'a blank import gives no package name',
    typeName: 'Root',
    files: { 'a.go': pkg('import _ "example.com/blank"\n\ntype Root struct {\n\tB blank.T `json:"b"`\n}') },
  },
  { name: 'a file that is not Go', typeName: 'Root', path: 'a.txt', files: { 'a.go': OK, 'a.txt': OK } },
  {
    name: 'exactly five files are all listed',
    typeName: 'Nope',
    files: Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`f${i}.go`, pkg(`type T${i} struct{}`)])),
  },
  {
    name: 'six files: five listed and one more',
    typeName: 'Nope',
    files: Object.fromEntries([1, 2, 3, 4, 5, 6].map((i) => [`f${i}.go`, pkg(`type T${i} struct{}`)])),
  },
  { name: 'no type differs only in case', typeName: 'ROOTS', files: { 'a.go': OK } },
  { name: 'a type that differs in case', typeName: 'ROOT', files: { 'a.go': OK } },
  ...NOT_STRUCT.map(([name, body]) => ({ name: `not a struct: ${name}`, typeName: 'X', files: { 'x.go': pkg(body) } })),
  {
    name: 'a struct with its own marshaller lists no fields',
    typeName: 'Root',
    files: {
      'a.go': pkg(
        'type Root struct {\n\tA string `json:"a"`\n}\n\nfunc (r *Root) MarshalText() ([]byte, error) { return nil, nil }',
      ),
    },
  },
  {
    name: 'a struct embedding time.Time takes its marshaller',
    typeName: 'Root',
    files: { 'a.go': pkg('import "time"\n\ntype Root struct {\n\ttime.Time\n\tA string `json:"a"`\n}') },
  },
  // Syntax errors.
  {
    name: 'a missing closing brace',
    typeName: 'Root',
    files: { 'a.go': 'package wire\n\ntype Root struct {\n\tA string `json:"a"`\n' },
  },
  {
    name: 'an unexpected token',
    typeName: 'Root',
    files: { 'a.go': 'package wire\n\ntype Root struct {\n\tA string `json:"a"`\n\t) B int\n}\n' },
  },
  {
    name: 'a long unexpected line is cut at 40 characters',
    typeName: 'Root',
    files: {
      'a.go':
        'package wire\n\ntype Root struct {\n\tA int\n}\n\n%%%% abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij\n',
    },
  },
  {
    name: 'an unexpected line of exactly 40 characters is not cut',
    typeName: 'Root',
    files: { 'a.go': 'package wire\n\ntype Root struct {\n\tA int\n}\n\n%%%% abcdefghij abcdefghij abcdefghij ab\n' },
  },
  {
    name: 'an unexpected line of 41 characters is cut',
    typeName: 'Root',
    files: { 'a.go': 'package wire\n\ntype Root struct {\n\tA int\n}\n\n%%%% abcdefghij abcdefghij abcdefghij abc\n' },
  },
  {
    name: 'an unexpected snippet of several lines shows its first line',
    typeName: 'Root',
    files: { 'a.go': 'package wire\n\ntype Root struct {\n\tA int\n}\n\nvar x = [\n1,\n2\n' },
  },
  {
    name: 'a missing token is named',
    typeName: 'Root',
    files: { 'a.go': 'package wire\n\ntype Root struct {\n\tA func(\n}\n' },
  },
  {
    name: 'a missing token inside a function body is reported too',
    typeName: 'Root',
    files: { 'a.go': 'package wire\n\ntype Root struct {\n\tA int\n}\n\nfunc f() {\n\tx := \n}\n' },
  },
  {
    name: 'the first of two syntax errors is reported',
    typeName: 'Root',
    files: { 'a.go': 'package wire\n\ntype Root struct {\n\tA int\n}\n\ntype B struct { ) }\n\ntype C struct { ] }\n' },
  },
  {
    name: 'a syntax error in a file of another package in the directory is not reported',
    typeName: 'Root',
    files: {
      'a.go': OK,
      'b.go': 'package other\n\ntype Root2 struct { ) }\n',
      'c.go': pkg('type C struct{}', 'other'),
    },
  },
  {
    name: 'a syntax error in a build-ignored sibling is not reported',
    typeName: 'Root',
    files: { 'a.go': OK, 'b.go': '//go:build ignore\n\npackage wire\n\ntype B struct { ) }\n' },
  },
  {
    name: 'a syntax error in a sibling of another package is not reported when a file is named',
    typeName: 'Root',
    path: 'a.go',
    files: { 'a.go': OK, 'b.go': 'package other\n\ntype B struct { ) }\n' },
  },
  {
    name: 'a syntax error in a sibling of the same package is reported when a file is named',
    typeName: 'Root',
    path: 'a.go',
    files: { 'a.go': OK, 'b.go': pkg('type B struct { ) }') },
  },
  {
    name: 'an invalid escape in a tag',
    typeName: 'Root',
    files: { 'a.go': pkg('type Root struct {\n\tA  string "json:\\"a\\400\\""\n}') },
  },
  {
    name: 'a field type nested 63 levels deep (64 with its struct) is read',
    typeName: 'Root',
    files: { 'a.go': pkg(`type Root struct {\n\tA ${slices(62)} \`json:"a"\`\n}`) },
  },
  {
    name: 'a field type nested 64 levels deep (65 with its struct)',
    typeName: 'Root',
    files: { 'a.go': pkg(`type Root struct {\n\tA ${slices(63)} \`json:"a"\`\n}`) },
  },
  {
    name: 'a declaration nested 64 levels deep is read',
    typeName: 'Root',
    files: { 'a.go': pkg(`type Deep ${slices(63)}\n\ntype Root struct {\n\tA Deep \`json:"a"\`\n}`) },
  },
  {
    name: 'an embedded field whose type argument nests too deep',
    typeName: 'Root',
    files: { 'a.go': pkg(`type Box[T any] struct{ V T }\n\ntype Root struct {\n\tBox[${slices(64)}]\n}`) },
  },
  {
    name: 'a declaration nested too deep',
    typeName: 'Root',
    files: { 'a.go': pkg(`type Deep ${slices(64)}\n\ntype Root struct {\n\tA Deep \`json:"a"\`\n}`) },
  },
  {
    name: 'a declaration nested too deep is only converted when it is used',
    typeName: 'Root',
    files: { 'a.go': pkg(`type Deep ${slices(65)}\n\ntype Root struct {\n\tA int \`json:"a"\`\n}`) },
  },
];

describe('Go extractor errors and package selection', () => {
  it('says exactly what it read or why it could not', async () => {
    const out: string[] = [];
    for (const c of CASES) {
      out.push(`# ${c.name}`, ...(await scratch.describe(c)).map((line) => `  ${line}`));
    }
    expectTable(out, 'test/extract/go/tables/refusals.json');
  }, 60_000);
});
