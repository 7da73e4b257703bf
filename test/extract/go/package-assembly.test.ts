/**
 * How the Go extractor assembles a package: build constraints (which files
 * `go build` would skip), byte order marks, imports (aliases, major-version
 * suffixes, dot imports), methods on generic and pointer receivers, and
 * directories holding several packages. Each case is a small package written
 * to a temporary directory; what the extractor reads (or the error) is pinned
 * as table rows in test/extract/go/tables/package-assembly.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { goExtractor } from '../../../src/extract/go/index.js';
import { errorFacts, expectTable } from '../../support/facts.js';

const root = mkdtempSync(join(tmpdir(), 'wirepin-go-package-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const MAIN = 'package wire\n\ntype Root struct {\n\tF Dep `json:"f"`\n}\n';

/** Build constraints on dep.go, which declares Dep: the extractor sees Dep only when go build would compile dep.go. */
const CONSTRAINTS: readonly [string, string][] = [
  ['none', ''],
  ['go:build ignore', '//go:build ignore\n\n'],
  ['go:build ignore && linux', '//go:build ignore && linux\n\n'],
  ['go:build (ignore)', '//go:build (ignore)\n\n'],
  ['go:build linux || ignore', '//go:build linux || ignore\n\n'],
  ['go:build !ignore', '//go:build !ignore\n\n'],
  ['go:build ignored', '//go:build ignored\n\n'],
  ['go:build linux', '//go:build linux\n\n'],
  ['+build ignore', '// +build ignore\n\n'],
  ['+build ignore,linux', '// +build ignore,linux\n\n'],
  ['+build linux ignore', '// +build linux ignore\n\n'],
  ['+build linux', '// +build linux\n\n'],
  ['go:build ignore after the package clause', 'package wire\n//go:build ignore\n\n'],
];

const CASES: readonly { name: string; files: Record<string, string>; typeName: string; path?: string }[] = [
  ...CONSTRAINTS.map(([name, header]) => ({
    name: `constraint ${name}`,
    typeName: 'Root',
    files: {
      'main.go': MAIN,
      'dep.go': `${header}${header.startsWith('package') ? '' : 'package wire\n'}\ntype Dep struct {\n\tX string \`json:"x"\`\n}\n`,
    },
  })),
  {
    name: 'a build-ignored file named explicitly',
    typeName: 'Tool',
    path: 'tool.go',
    files: {
      'main.go': MAIN.replace('Dep', 'string'),
      'tool.go': '//go:build ignore\n\npackage main\n\ntype Tool struct {\n\tName string `json:"name"`\n}\n',
    },
  },
  {
    name: 'a byte order mark keeps columns',
    typeName: 'Root',
    files: { 'main.go': `\uFEFF${MAIN.replace('Dep', 'string')}` },
  },
  {
    name: 'imports: alias, major-version suffix, gopkg.in, dot import',
    typeName: 'Root',
    files: {
      'main.go': [
        'package wire',
        '',
        'import (',
        '\tv2 "example.com/lib/v2"',
        '\t"example.com/other/v3"',
        '\t"gopkg.in/yaml.v3"',
        '\t"example.com/plain"',
        '\t. "example.com/dotted"',
        '\t_ "example.com/blank"',
        ')',
        '',
        'type Root struct {',
        '\tA v2.Thing `json:"a"`',
        '\tB other.Thing `json:"b"`',
        '\tC yaml.Node `json:"c"`',
        '\tD plain.Thing `json:"d"`',
        '\tE Unknown `json:"e"`',
        '\tG map[bool]string `json:"g"`',
        '\tH complex128 `json:"h"`',
        '\tI chan int `json:"i"`',
        '\tJ func() `json:"j"`',
        '}',
        '',
      ].join('\n'),
    },
  },
  {
    name: 'marshallers on value, pointer and generic receivers; promoted through embedding',
    typeName: 'Root',
    files: {
      'main.go': [
        'package wire',
        '',
        'import "encoding/json"',
        '',
        'type Value struct{ X int }',
        'func (Value) MarshalJSON() ([]byte, error) { return nil, nil }',
        '',
        'type Pointer struct{ X int }',
        'func (p *Pointer) MarshalText() ([]byte, error) { return nil, nil }',
        '',
        'type Box[T any] struct{ V T }',
        'func (b *Box[T]) MarshalJSON() ([]byte, error) { return nil, nil }',
        '',
        'type Paren struct{ X int }',
        'func (p (*Paren)) MarshalJSON() ([]byte, error) { return nil, nil }',
        '',
        'type Embeds struct {',
        '\tValue',
        '\tY int `json:"y"`',
        '}',
        '',
        'type Iface interface{ MarshalJSON() ([]byte, error) }',
        'type Wrapped struct{ Iface }',
        '',
        'type Std interface{ json.Marshaler }',
        '',
        'type TextKey struct{ K string }',
        'func (TextKey) MarshalText() ([]byte, error) { return nil, nil }',
        '',
        'type Root struct {',
        '\tA Value `json:"a"`',
        '\tB Pointer `json:"b"`',
        '\tC *Pointer `json:"c"`',
        '\tD Box[int] `json:"d"`',
        '\tE Paren `json:"e"`',
        '\tF Embeds `json:"f"`',
        '\tG Wrapped `json:"g"`',
        '\tH Std `json:"h"`',
        '\tI map[TextKey]int `json:"i"`',
        '\tJ map[*TextKey]int `json:"j"`',
        '\tK json.RawMessage `json:"k"`',
        '\tL json.Number `json:"l,string"`',
        '\tM [2]byte `json:"m"`',
        '\tN [0]int `json:"n,omitempty"`',
        '\tO [3]int `json:"o,omitempty"`',
        '}',
        '',
      ].join('\n'),
    },
  },
  {
    name: 'a directory with two packages: the one declaring the type',
    typeName: 'Other',
    files: {
      'a.go': MAIN.replace('Dep', 'string'),
      'b.go': 'package other\n\ntype Other struct {\n\tO int `json:"o"`\n}\n',
    },
  },
  {
    name: 'a directory with two packages, neither declaring the type',
    typeName: 'Missing',
    files: {
      'a.go': MAIN.replace('Dep', 'string'),
      'b.go': 'package other\n\ntype Other struct {\n\tO int `json:"o"`\n}\n',
    },
  },
  {
    name: 'a file whose package clause is broken stays in and its error is reported',
    typeName: 'Root',
    files: { 'a.go': MAIN.replace('Dep', 'string'), 'b.go': 'packag wire\n\ntype B struct{}\n' },
  },
  {
    name: 'a type named in the wrong case',
    typeName: 'root',
    files: { 'a.go': MAIN.replace('Dep', 'string') },
  },
  {
    name: 'many files: the message lists five and counts the rest',
    typeName: 'Nope',
    files: Object.fromEntries(
      Array.from({ length: 7 }, (_, i) => [`f${i}.go`, `package wire\n\ntype T${i} struct{}\n`]),
    ),
  },
  {
    name: 'a path that is not a .go file',
    typeName: 'Root',
    path: 'notes.txt',
    files: { 'a.go': MAIN.replace('Dep', 'string'), 'notes.txt': 'hello' },
  },
  {
    name: 'aliases, defined types over known types, and generic instantiation chains',
    typeName: 'Root',
    files: {
      'a.go': [
        'package wire',
        '',
        'import "time"',
        '',
        'type Alias = Inner',
        'type Inner struct{ X string `json:"x"` }',
        'type Stamp time.Time',
        'type Dur time.Duration',
        'type Page[T any] struct{ Items []T `json:"items"` }',
        'type Pair[K comparable, V any] struct{ M map[K]V `json:"m"` }',
        'type Loop Loop2',
        'type Loop2 Loop',
        '',
        'type Root struct {',
        '\tA Alias `json:"a"`',
        '\tB Stamp `json:"b"`',
        '\tC Dur `json:"c"`',
        '\tD Page[Page[Inner]] `json:"d"`',
        '\tE Pair[string, *Inner] `json:"e"`',
        '\tF time.Time `json:"f,omitempty"`',
        '\tG time.Duration `json:"g,string"`',
        '\tH Loop `json:"h"`',
        '\tI any `json:"i"`',
        '\tJ error `json:"j"`',
        '\tK interface{ M() } `json:"k"`',
        '\tL []Alias `json:"l"`',
        '}',
        '',
      ].join('\n'),
    },
  },
];

async function extractCase(index: number): Promise<string> {
  const c = CASES[index];
  if (!c) return '';
  const dir = join(root, `case-${index}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(c.files)) writeFileSync(join(dir, name), text);
  const lines = [`# ${c.name}`];
  try {
    const result = await goExtractor.extract({ path: c.path ?? '.', typeName: c.typeName, cwd: dir });
    lines.push(
      `  root ${result.root.name} ${result.root.location.file}:${result.root.location.line}:${result.root.location.column}`,
    );
    for (const f of result.fields)
      lines.push(
        `  ${f.pointer} ${JSON.stringify(f.type)} ${f.required ? 'required' : 'optional'} ${f.location.file}:${f.location.line}:${f.location.column} "${f.sourceType}"`,
      );
    for (const o of result.opaque) lines.push(`  opaque ${o.pointer} ${o.typeName}: ${o.reason}`);
  } catch (error) {
    lines.push(JSON.stringify(errorFacts(error)));
  }
  return lines.join('\n');
}

describe('Go package assembly', () => {
  it('reads each case as go build would, and says so when it cannot', async () => {
    const out: string[] = [];
    for (let i = 0; i < CASES.length; i++) out.push(await extractCase(i));
    expectTable(out, 'test/extract/go/tables/package-assembly.json');
  }, 60_000);
});
