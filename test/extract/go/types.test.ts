/**
 * What the Go extractor reads from struct fields of every kind of type, as
 * encoding/json would encode them: predeclared types, pointers, slices,
 * arrays (with every integer literal form of their length), maps and their
 * key rules, interfaces, generics, aliases, known standard-library types,
 * custom marshallers (declared, promoted, required by interfaces), imports
 * (aliases, version suffixes) and method receivers. Each case is a small
 * package; every field, opaque reference and error is pinned in
 * test/extract/go/tables/types.json.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { expectTable } from '../../support/facts.js';
import { goExtractor } from '../../../src/extract/go/index.js';
import { GoScratch } from './go-cases.js';
import type { GoCase } from './go-cases.js';

const scratch = new GoScratch();
afterAll(() => scratch.dispose());

/** A one-file package `wire` with the given declarations and a struct Root of the given field lines. */
function root(fields: readonly string[], decls = '', imports: readonly string[] = []): Record<string, string> {
  const importBlock = imports.length === 0 ? '' : `import (\n${imports.map((i) => `\t${i}`).join('\n')}\n)\n\n`;
  return {
    'a.go': `package wire\n\n${importBlock}${decls}${decls ? '\n\n' : ''}type Root struct {\n${fields.map((f) => `\t${f}`).join('\n')}\n}\n`,
  };
}

const CASES: readonly GoCase[] = [
  {
    name: 'predeclared types',
    typeName: 'Root',
    files: root([
      'A string `json:"a"`',
      'B bool `json:"b"`',
      'C int8 `json:"c"`',
      'D uint64 `json:"d"`',
      'E uintptr `json:"e"`',
      'F rune `json:"f"`',
      'G byte `json:"g"`',
      'H float32 `json:"h"`',
      'I complex64 `json:"i"`',
      'J any `json:"j"`',
      'K error `json:"k"`',
      'L []byte `json:"l"`',
      'M []uint8 `json:"m,omitempty"`',
      'N [4]byte `json:"n"`',
      'O *[]byte `json:"o"`',
      'P []*byte `json:"p"`',
    ]),
  },
  {
    name: 'the string option: bools, numbers, strings and one pointer level',
    typeName: 'Root',
    files: root(
      [
        'A bool `json:"a,string"`',
        'B int `json:"b,string"`',
        'C float64 `json:"c,string"`',
        'D string `json:"d,string"`',
        'E *int `json:"e,string"`',
        'F complex128 `json:"f,string"`',
        'G []int `json:"g,string"`',
        'H time.Duration `json:"h,string"`',
        'I json.Number `json:"i,string"`',
        'J time.Time `json:"j,string"`',
        'K Inner `json:"k,string"`',
        'L json.RawMessage `json:"l,string"`',
        'M json.Number `json:"m"`',
        'N time.Duration `json:"n"`',
        'O map[string]int `json:"o,string"`',
        'P *json.Number `json:"p,string,omitempty"`',
      ],
      'type Inner struct{ X int `json:"x"` }',
      ['"encoding/json"', '"time"'],
    ),
  },
  {
    name: 'omitempty and omitzero by kind',
    typeName: 'Root',
    files: root(
      [
        'A Inner `json:"a,omitempty"`',
        'B Inner `json:"b,omitzero"`',
        'C *Inner `json:"c,omitempty"`',
        'D *Inner `json:"d"`',
        'E time.Time `json:"e,omitempty"`',
        'F time.Time `json:"f,omitzero"`',
        'G time.Duration `json:"g,omitempty"`',
        'H [0]int `json:"h,omitempty"`',
        'I [1]int `json:"i,omitempty"`',
        'J [N]int `json:"j,omitempty"`',
        'K map[string]int `json:"k,omitempty"`',
        'L []int `json:"l,omitzero"`',
        'M string `json:"m,omitempty"`',
        'N any `json:"n,omitempty"`',
        'O **int `json:"o,omitempty"`',
        'P json.RawMessage `json:"p,omitempty"`',
        'Q Other `json:"q,omitempty"`',
        'R Stamp `json:"r,omitempty"`',
        'S Arr `json:"s,omitempty"`',
        'T Empty `json:"t,omitempty"`',
        'U []byte `json:"u,omitzero"`',
        'V map[string]*int `json:"v,omitempty"`',
      ],
      'const N = 2\n\ntype Inner struct{ X int `json:"x"` }\n\ntype Other = Inner\n\ntype Stamp = time.Time\n\ntype Arr [3]string\n\ntype Empty [0]string',
      ['"encoding/json"', '"time"'],
    ),
  },
  {
    name: 'array lengths in every integer literal form',
    typeName: 'Root',
    files: root([
      'A [0x0]int `json:"a,omitempty"`',
      'B [0x1F]int `json:"b,omitempty"`',
      'C [0X2]int `json:"c,omitempty"`',
      'D [0o0]int `json:"d,omitempty"`',
      'E [0o7]int `json:"e,omitempty"`',
      'F [0b0]int `json:"f,omitempty"`',
      'G [0b10]int `json:"g,omitempty"`',
      'H [00]int `json:"h,omitempty"`',
      'I [017]int `json:"i,omitempty"`',
      'J [1_000]int `json:"j,omitempty"`',
      'K [0_0]int `json:"k,omitempty"`',
      'L [10]int `json:"l,omitempty"`',
      'M [0]int `json:"m,omitempty"`',
      'N [2 - 2]int `json:"n,omitempty"`',
      'O [(0)]int `json:"o,omitempty"`',
      'P [0x0_1]int `json:"p,omitempty"`',
      'Q [0B1]int `json:"q,omitempty"`',
      'R [0O1]int `json:"r,omitempty"`',
      'S [0xa]int `json:"s,omitempty"`',
    ]),
  },
  {
    name: 'map keys',
    typeName: 'Root',
    files: root(
      [
        'A map[string]int `json:"a"`',
        'B map[int64]int `json:"b"`',
        'C map[uint8]int `json:"c"`',
        'D map[bool]int `json:"d"`',
        'E map[float64]int `json:"e"`',
        'F map[complex64]int `json:"f"`',
        'G map[Key]int `json:"g"`',
        'H map[*Key]int `json:"h"`',
        'I map[PtrKey]int `json:"i"`',
        'J map[*PtrKey]int `json:"j"`',
        'K map[Plain]int `json:"k"`',
        'L map[time.Time]int `json:"l"`',
        'M map[time.Duration]int `json:"m"`',
        'N map[json.Number]int `json:"n"`',
        'O map[other.Key]int `json:"o"`',
        'P map[[2]int]int `json:"p"`',
        'Q map[Named]int `json:"q"`',
        'R map[Missing]int `json:"r"`',
        'S map[string]Inner `json:"s"`',
        'T map[string]*Inner `json:"t,omitempty"`',
        'U map[string][]Inner `json:"u"`',
        'V map[JSONKey]int `json:"v"`',
        'W map[*Plain]int `json:"w"`',
        'X map[Stamp]int `json:"x"`',
        'Y map[Dur]int `json:"y"`',
        'Z map[Raw]int `json:"z"`',
      ],
      [
        'type Key struct{ K string }',
        'func (Key) MarshalText() ([]byte, error) { return nil, nil }',
        'type PtrKey struct{ K string }',
        'func (*PtrKey) MarshalText() ([]byte, error) { return nil, nil }',
        'type JSONKey struct{ K string }',
        'func (JSONKey) MarshalJSON() ([]byte, error) { return nil, nil }',
        'type Plain struct{ K string }',
        'type Named string',
        'type Stamp time.Time',
        'type Dur time.Duration',
        'type Raw json.RawMessage',
        'type Inner struct{ X int `json:"x"` }',
      ].join('\n'),
      ['"encoding/json"', '"example.com/other"', '"time"'],
    ),
  },
  {
    name: 'pointers, slices, arrays and maps of structs: nested pointers and null',
    typeName: 'Root',
    files: root(
      [
        'A *Inner `json:"a"`',
        'B []Inner `json:"b"`',
        'C [2]*Inner `json:"c"`',
        'D map[string]Inner `json:"d"`',
        'E []*Inner `json:"e,omitempty"`',
        'F *[]Inner `json:"f,omitempty"`',
        'G map[string][]map[string]Inner `json:"g"`',
        'H *any `json:"h,omitempty"`',
        'I []any `json:"i"`',
        'J (*Inner) `json:"j"`',
        'K *(Inner) `json:"k"`',
        'L struct{ Y string `json:"y"` } `json:"l"`',
        'M []struct{ Z bool } `json:"m"`',
        'N *time.Time `json:"n,omitempty"`',
        'O []time.Time `json:"o"`',
        'P [][]byte `json:"p"`',
        'Q []json.RawMessage `json:"q"`',
        'R *Value `json:"r,omitempty"`',
        'S []Value `json:"s"`',
        'T map[string]complex64 `json:"t"`',
        'U [1]chan int `json:"u"`',
      ],
      'type Inner struct{ X int `json:"x"` }\n\ntype Value struct{}\n\nfunc (Value) MarshalJSON() ([]byte, error) { return nil, nil }',
      ['"encoding/json"', '"time"'],
    ),
  },
  {
    name: 'tags: names, dash, invalid names, other keys, unexported and tagless fields',
    typeName: 'Root',
    files: root([
      'A int',
      'B int `json:"-"`',
      'C int `json:"-,"`',
      'D int `json:",omitempty"`',
      'E int `json:"e e"`',
      'F int `json:"f\\\\g"`',
      'G int `json:"é"`',
      'H int `json:"a\'b"`',
      'I int `json:"i\\"j"`',
      'J int `xml:"x" json:"jj"`',
      'K int `xml:"x"`',
      'L int `json:"!#$%&()*+-./:;<=>?@[]^_{|}~"`',
      'M int `json:"m,omitempty,string"`',
      'N int `json:"n,unknown"`',
      'O int `json:"ó1٣"`',
      'p int `json:"p"`',
      'ß int `json:"sz"`',
      'Ärger int',
      'Q, R int `json:"qr"`',
      'S, T string',
      '_ int `json:"blank"`',
      'U int `json:"u,"`',
      'V int `json:""`',
      'W int "json:\\"w\\""',
      'X int `json:"x" json:"y"`',
      'Y int `json:"a,b"`',
      'Z int `json:"\\u00e8"`',
    ]),
  },
  {
    name: 'embedding: promotion, depth, tags and conflicts',
    typeName: 'Root',
    files: root(
      [
        'Base',
        '*Ptr',
        'Tagged `json:"tagged"`',
        'lower',
        '*lowerPtr',
        'Named',
        'named2',
        'Conflict1',
        'Conflict2',
        'Top int `json:"shadowed"`',
        'Iface',
        'other.Ext',
        'Box[int]',
        'Twice',
        'DashEmbed `json:"-"`',
        'Gen[string] `json:"gen"`',
      ],
      [
        'type Base struct {\n\tB1 string `json:"b1"`\n\tShadowed int `json:"shadowed"`\n\tDeep\n}',
        'type Deep struct {\n\tD1 int `json:"d1"`\n\tB1 bool `json:"b1"`\n}',
        'type Ptr struct {\n\tP1 string `json:"p1"`\n\tP2 *int `json:"p2,omitempty"`\n}',
        'type Tagged struct{ T1 int `json:"t1"` }',
        'type lower struct{ L1 int `json:"l1"`; l2 int }',
        'type lowerPtr struct{ LP int `json:"lp"` }',
        'type Named int',
        'type named2 int',
        'type Conflict1 struct {\n\tSame int `json:"same"`\n\tUntagged1 int\n\tTagOne int `json:"tag_one"`\n}',
        'type Conflict2 struct {\n\tSame int `json:"same"`\n\tUntagged1 int\n\tTagOne int\n}',
        'type Iface interface{ M() }',
        'type Box[T any] struct{ V T `json:"v"` }',
        'type Twice struct {\n\tBase\n}',
        'type DashEmbed struct{ X int `json:"dash_x"` }',
        'type Gen[T any] struct{ G T `json:"g"` }',
      ].join('\n\n'),
      ['"example.com/other"'],
    ),
  },
  {
    name: 'embedding the same struct twice at one depth annihilates its fields',
    typeName: 'Root',
    files: root(
      ['A', 'B', 'Own int `json:"own"`'],
      'type Common struct{ C int `json:"c"` }\n\ntype A struct{ Common }\n\ntype B struct{ Common }',
    ),
  },
  {
    name: 'an embedded pointer makes promoted fields optional, at any depth',
    typeName: 'Root',
    files: root(
      ['*Outer', 'Plain'],
      'type Outer struct {\n\tO int `json:"o"`\n\tInner\n}\n\ntype Inner struct{ I int `json:"i"` }\n\ntype Plain struct {\n\t*Inner2\n}\n\ntype Inner2 struct{ J int `json:"j"` }',
    ),
  },
  {
    name: 'embedded unresolved types',
    typeName: 'Root',
    files: root(
      ['other.Thing', '*other.Ptr', 'Missing', 'other.Tagged `json:"tagged"`', 'lowerMissing', 'A int `json:"a"`'],
      '',
      ['"example.com/other"'],
    ),
  },
  {
    name: 'recursion: a struct that contains itself is listed once',
    typeName: 'Root',
    files: root(
      [
        'Self *Root `json:"self"`',
        'Kids []Node `json:"kids"`',
        'Anon struct{ Back *Root `json:"back"` } `json:"anon"`',
      ],
      'type Node struct {\n\tName string `json:"name"`\n\tChildren []Node `json:"children"`\n\tParent *Node `json:"parent"`\n}',
    ),
  },
  {
    name: 'generics: instantiation, nested arguments, unbound parameters',
    typeName: 'Root',
    files: root(
      [
        'A Page[Item] `json:"a"`',
        'B Page[*Item] `json:"b"`',
        'C Pair[string, int] `json:"c"`',
        'D Wrap[Page[Item]] `json:"d"`',
        'E other.Box[int] `json:"e"`',
        'F Page[Page[Item]] `json:"f"`',
        'G Pair[int] `json:"g"`',
        'H Self[int] `json:"h"`',
        'I Page[Missing] `json:"i"`',
        'J Page[[]int] `json:"j"`',
      ],
      [
        'type Item struct{ N string `json:"n"` }',
        'type Page[T any] struct{ Items []T `json:"items"` }',
        'type Pair[K comparable, V any] struct {\n\tK K `json:"k"`\n\tV V `json:"v"`\n}',
        'type Wrap[T any] struct{ Inner T `json:"inner"` }',
        'type Self[T any] struct{ Next *Self[T] `json:"next"` }',
      ].join('\n\n'),
      ['"example.com/other"'],
    ),
  },
  {
    name: 'generic roots: extracting a generic type leaves its parameters open',
    typeName: 'Page',
    files: root(
      [],
      'type Page[A, B any] struct {\n\tX A `json:"x"`\n\tY []B `json:"y"`\n\tZ map[string]A `json:"z"`\n}',
    ),
  },
  {
    name: 'aliases and defined types over known types',
    typeName: 'Root',
    files: root(
      [
        'A T1 `json:"a"`',
        'B T2 `json:"b"`',
        'C D1 `json:"c"`',
        'D N1 `json:"d"`',
        'E R1 `json:"e"`',
        'F R2 `json:"f"`',
        'G S1 `json:"g"`',
        'H A2 `json:"h"`',
        'I A3 `json:"i"`',
        'J other.T `json:"j"`',
        'K T3 `json:"k"`',
        'L json.Marshaler `json:"l"`',
        'M time.Month `json:"m"`',
        'N *T1 `json:"n"`',
      ],
      [
        'type T1 = time.Time',
        'type T2 time.Time',
        'type D1 time.Duration',
        'type N1 json.Number',
        'type R1 json.RawMessage',
        'type R2 = json.RawMessage',
        'type S1 = string',
        'type A2 = A3',
        'type A3 = []Item',
        'type Item struct{ X int `json:"x"` }',
        'type T3 = T2',
      ].join('\n'),
      ['"encoding/json"', '"example.com/other"', '"time"'],
    ),
  },
  {
    name: 'marshallers: declared, promoted, required by interfaces, memoised per identity',
    typeName: 'Root',
    files: root(
      [
        'A Text `json:"a"`',
        'B *Text `json:"b"`',
        'C PtrJSON `json:"c"`',
        'D EmbedsPtr `json:"d"`',
        'E EmbedsIface `json:"e"`',
        'F EmbedsTextIface `json:"f"`',
        'G StdText `json:"g"`',
        'H Nested `json:"h"`',
        'I Plain `json:"i"`',
        'J Both `json:"j"`',
        'K Gen[int] `json:"k"`',
        'L Gen[Text] `json:"l"`',
        'M Cycle `json:"m"`',
        'N EmbedsRaw `json:"n"`',
        'O Derived `json:"o"`',
        'P AliasText `json:"p"`',
        'Q IfaceEmbedsNamed `json:"q"`',
        'R IfaceEmbedsPlain `json:"r"`',
        'S EmbedsDuration `json:"s"`',
        'T EmbedsInt `json:"t"`',
        'U Other `json:"u"`',
        'V Text2 `json:"v"`',
        'W IfaceEmbedsOther `json:"w"`',
        'X Cycle `json:"x"`',
      ],
      [
        'type Text string',
        'func (Text) MarshalText() ([]byte, error) { return nil, nil }',
        'type Text2 string',
        'func (t Text2) MarshalText() ([]byte, error) { return nil, nil }',
        'func (t Text2) MarshalJSON() ([]byte, error) { return nil, nil }',
        'type PtrJSON struct{ X int }',
        'func (p *PtrJSON) MarshalJSON() ([]byte, error) { return nil, nil }',
        'type EmbedsPtr struct{ *PtrJSON }',
        'type JSONIface interface{ MarshalJSON() ([]byte, error) }',
        'type EmbedsIface struct{ JSONIface }',
        'type TextIface interface{ MarshalText() ([]byte, error) }',
        'type EmbedsTextIface struct{ TextIface }',
        'type StdText interface{ encoding.TextMarshaler }',
        'type Nested struct{ EmbedsPtr }',
        'type Plain struct{ X int `json:"x"` }',
        'func (Plain) String() string { return "" }',
        'func MarshalJSON() ([]byte, error) { return nil, nil }',
        'type Both struct{ Plain; Text }',
        'type Gen[T any] struct{ V T `json:"v"` }',
        'type Cycle struct {\n\tNext *Cycle `json:"next"`\n\tCycle2\n}',
        'type Cycle2 struct{ *Cycle }',
        'type EmbedsRaw struct{ json.RawMessage }',
        'type Derived Text',
        'type AliasText = Text',
        'type IfaceEmbedsNamed interface{ TextIface; M() }',
        'type IfaceEmbedsPlain interface{ fmt.Stringer; Small }',
        'type Small interface{ M() }',
        'type EmbedsDuration struct{ time.Duration }',
        'type EmbedsInt struct{ Named }',
        'type Named int',
        'func (n *Named) MarshalJSON() ([]byte, error) { return nil, nil }',
        'type Other struct{ X int `json:"x"` }',
        'func (o Other) marshalJSON() ([]byte, error) { return nil, nil }',
        'type IfaceEmbedsOther interface{ other.Marshaler }',
      ].join('\n'),
      ['"encoding"', '"encoding/json"', '"example.com/other"', '"fmt"', '"time"'],
    ),
  },
  {
    name: 'method receivers: generic, parenthesised, unnamed and of undeclared types',
    typeName: 'Root',
    files: root(
      [
        'A G1[int] `json:"a"`',
        'B G2[int, string] `json:"b"`',
        'C P1 `json:"c"`',
        'D P2 `json:"d"`',
        'E V1 `json:"e"`',
        'F map[K1]int `json:"f"`',
        'G map[K2]int `json:"g"`',
      ],
      [
        'type G1[T any] struct{ X T }',
        'func (g G1[T]) MarshalJSON() ([]byte, error) { return nil, nil }',
        'type G2[A, B any] struct{ X A }',
        'func (g *G2[A, B]) MarshalText() ([]byte, error) { return nil, nil }',
        'type P1 struct{ X int }',
        'func (p ((*P1))) MarshalJSON() ([]byte, error) { return nil, nil }',
        'type P2 struct{ X int }',
        'func (*(P2)) MarshalJSON() ([]byte, error) { return nil, nil }',
        'type V1 struct{ X int }',
        'func (V1) MarshalJSON() ([]byte, error) { return nil, nil }',
        'func (Undeclared) MarshalJSON() ([]byte, error) { return nil, nil }',
        'type K1 struct{ X int }',
        'func ((K1)) MarshalText() ([]byte, error) { return nil, nil }',
        'type K2 struct{ X int }',
        'func (k *K2) MarshalText() ([]byte, error) { return nil, nil }',
      ].join('\n'),
    ),
  },
  {
    name: 'imports: default names, aliases, version suffixes and broken paths',
    typeName: 'Root',
    files: root(
      [
        'A libv2.T `json:"a"`',
        'B v2beta.T `json:"b"`',
        'C foo.T `json:"c"`',
        'D yamlxx.T `json:"d"`',
        'E v3.T `json:"e"`',
        'F raw.T `json:"f"`',
        'G bad.T `json:"g"`',
        'H al.T `json:"h"`',
        'I mod.T `json:"i"`',
        'J yaml.T `json:"j"`',
        'K lib.T `json:"k"`',
        'L mod2.T `json:"l"`',
      ],
      '',
      [
        '"example.com/lib/libv2"',
        '"example.com/lib/v2beta"',
        '"example.com/foo/v12"',
        '"gopkg.in/yamlx.v3x"',
        '"v3"',
        '`example.com/raw`',
        'bad "example.com/\\q"',
        'al "example.com/aliased"',
        '"example.com/mod.v2"',
        '"gopkg.in/yaml.v10"',
        '"example.com/mod2/v2/"',
      ],
    ),
  },
  {
    name: 'a dot import makes undeclared names possibly imported',
    typeName: 'Root',
    files: {
      'a.go':
        'package wire\n\nimport . "example.com/dot"\n\ntype Root struct {\n\tA Thing `json:"a"`\n\tB B `json:"b"`\n}\n',
      'b.go': 'package wire\n\ntype B struct {\n\tC Other `json:"c"`\n}\n',
    },
  },
  {
    name: 'interfaces: unions are not embeds, embedded interfaces are followed',
    typeName: 'Root',
    files: root(
      ['A U `json:"a"`', 'B E1 `json:"b"`', 'C E2 `json:"c"`', 'D E3[int] `json:"d"`'],
      [
        'type U interface{ ~int | string }',
        'type E1 interface{ interface{ MarshalJSON() ([]byte, error) } }',
        'type E2 interface{ E1 }',
        'type E3[T any] interface{ T }',
      ].join('\n'),
    ),
  },
  {
    name: 'packages over several files: a type declared in two of them is an error naming both',
    typeName: 'Root',
    files: {
      'a.go':
        'package wire\n\ntype Root struct {\n\tA Dup `json:"a"`\n}\n\ntype Dup struct{ X int `json:"x"` }\n\ntype Dup struct{ Y int `json:"y"` }\n',
      'b.go':
        'package wire\n\ntype Dup struct{ Z int `json:"z"` }\n\ntype (\n\tG1 struct{ G int `json:"g"` }\n\tG2 = G1\n)\n',
      '0.go': 'package wire\n\nfunc f() {\n\ttype Root struct{ Local int }\n\ttype Dup struct{ Local int }\n}\n',
    },
  },
  {
    name: 'grouped type declarations',
    typeName: 'Root',
    files: {
      'a.go':
        'package wire\n\ntype (\n\tRoot struct {\n\t\tA G2 `json:"a"`\n\t}\n\tG1 struct{ G int `json:"g"` }\n\tG2 = G1\n)\n',
    },
  },
  {
    name: 'a directory of two packages where both declare the type: sorted first name wins',
    typeName: 'Root',
    files: {
      'a.go': 'package zeta\n\ntype Root struct{ Z int `json:"z"` }\n',
      'b.go': 'package alpha\n\ntype Root struct{ A int `json:"a"` }\n',
    },
  },
  {
    name: 'a directory where build constraints exclude every file is an error naming the target',
    typeName: 'Root',
    files: { 'a.go': '//go:build ignore\n\npackage wire\n\ntype Root struct{ A int `json:"a"` }\n' },
  },
  {
    name: 'a directory of two packages where only ignored files declare the type',
    typeName: 'Root',
    files: {
      'a.go': '//go:build ignore\n\npackage gen\n\ntype Root struct{ A int `json:"a"` }\n',
      'b.go': 'package wire\n\ntype Other struct{}\n',
    },
  },
  {
    name: 'a file named explicitly reads siblings of its package only',
    typeName: 'Root',
    path: 'b.go',
    files: {
      'a.go': 'package other\n\ntype Dep struct{ X int `json:"x"` }\n',
      'b.go': 'package wire\n\ntype Root struct{ D Dep `json:"d"` }\n',
      'c.go': 'package wire\n\ntype Dep struct{ Y int `json:"y"` }\n',
      'd.go': '//go:build ignore\n\npackage wire\n\ntype Dep struct{ Z int `json:"z"` }\n',
    },
  },
  {
    name: 'type identity in messages: type arguments of every kind',
    typeName: 'Root',
    files: root(
      [
        'A Self[Item] `json:"a"`',
        'B Self[byte] `json:"b"`',
        'C Self[time.Time] `json:"c"`',
        'D Self[other.X] `json:"d"`',
        'E Self[[]int] `json:"e"`',
        'F Self[ItemAlias] `json:"f"`',
        'G Self[Self[int]] `json:"g"`',
        'H Two[int, string] `json:"h"`',
        'I Self[time.Duration] `json:"i"`',
      ],
      [
        'type Item struct{}',
        'type ItemAlias = Item',
        'type Self[T any] struct{ Next *Self[T] `json:"next"` }',
        'type Two[A, B any] struct{ Next []Two[A, B] `json:"next"` }',
      ].join('\n'),
      ['"example.com/other"', '"time"'],
    ),
  },
  {
    name: 'generic instantiations that grow at every level stop after 32 levels',
    typeName: 'Root',
    files: root(
      ['R Grow[int] `json:"r"`'],
      'type Grow[T any] struct{ Next *Grow[Box[T]] `json:"next"` }\n\ntype Box[T any] struct{ V T }',
    ),
  },
  {
    name: 'embedding cycles through pointers',
    typeName: 'Root',
    files: root(
      ['A', 'Own int `json:"own"`'],
      'type A struct {\n\t*B\n\tX int `json:"x"`\n}\n\ntype B struct {\n\t*A\n\tY int `json:"y"`\n}',
    ),
  },
  {
    name: 'embedded aliases of anonymous structs',
    typeName: 'Root',
    files: root(
      ['A1', 'A2', 'Same1', 'Same2', 'Nested struct {\n\t\tA1\n\t\tZ int `json:"z"`\n\t} `json:"nested"`'],
      'type A1 = struct{ X int `json:"x"` }\n\ntype A2 = struct{ Y int `json:"y"` }\n\ntype Same1 = struct{ S int `json:"s"` }\n\ntype Same2 = struct{ S int `json:"s"` }',
    ),
  },
  {
    name: 'more map keys and byte slices',
    typeName: 'Root',
    files: root(
      [
        'A map[json.RawMessage]int `json:"a"`',
        'B map[*JSONKey]int `json:"b"`',
        'C map[*int]int `json:"c"`',
        'D map[*Named]int `json:"d"`',
        'E []B1 `json:"e"`',
        'F []B2 `json:"f"`',
        'G **int `json:"g,string"`',
        'H *bool `json:"h,string"`',
        'J map[Named]Named `json:"j"`',
        'K map[TextPtr]int `json:"k"`',
        'L map[TextAlias]int `json:"l"`',
      ],
      [
        'type JSONKey struct{ K string }',
        'func (*JSONKey) MarshalJSON() ([]byte, error) { return nil, nil }',
        'type Named string',
        'type B1 byte',
        'func (B1) MarshalJSON() ([]byte, error) { return nil, nil }',
        'type B2 byte',
        'type TextPtr *Text',
        'type Text struct{ K string }',
        'func (Text) MarshalText() ([]byte, error) { return nil, nil }',
        'type TextAlias = Text',
      ].join('\n'),
      ['"encoding/json"'],
    ),
  },
  {
    name: 'type parameters shadow package types; interfaces embedded anonymously, in cycles, or second',
    typeName: 'Root',
    files: root(
      ['A Box[int] `json:"a"`', 'B EmbedsAnon `json:"b"`', 'C I1 `json:"c"`', 'D Second `json:"d"`'],
      [
        'type Item struct{ X int `json:"x"` }',
        'type Box[Item any] struct{ V Item `json:"v"` }',
        'type AnonIface = interface{ MarshalJSON() ([]byte, error) }',
        'type EmbedsAnon struct{ AnonIface }',
        'type I1 interface{ I2 }',
        'type I2 interface{ I1 }',
        'type Small interface{ M() }',
        'type TextIface interface{ MarshalText() ([]byte, error) }',
        'type Second interface{ Small; TextIface }',
      ].join('\n'),
    ),
  },
];

/** Build constraints in a header before the package clause of dep.go, which declares Dep. */
const HEADERS: readonly [string, string][] = [
  [
    'a comment mentioning the package keyword before the constraint',
    '// this package is generated\n//go:build ignore\n\n',
  ],
  ['a constraint quoted inside a comment', '// do not add //go:build ignore here\n\n'],
  ['go:build with two spaces', '//go:build  ignore\n\n'],
  ['go:build with a tab', '//go:build\tignore\n\n'],
  ['go:build ignore with trailing spaces', '//go:build ignore   \n\n'],
  ['go:build ignore&&linux', '//go:build ignore&&linux\n\n'],
  ['go:build linux&&ignore', '//go:build linux&&ignore\n\n'],
  ['go:build (linux && ignore)', '//go:build (linux && ignore)\n\n'],
  ['go:build xignore', '//go:build xignore\n\n'],
  ['go:build ignorex', '//go:build ignorex\n\n'],
  ['go:build !ignore', '//go:build !ignore\n\n'],
  ['go:build without a space', '//go:buildignore\n\n'],
  ['go:build ignore after another comment line', '// Code generated.\n//go:build ignore\n\n'],
  ['+build ignore without a space after //', '//+build ignore\n\n'],
  ['+build ignore with two spaces after //', '//  +build ignore\n\n'],
  ['+build ignore with a tab', '// +build\tignore\n\n'],
  ['+build ignore with trailing spaces', '// +build ignore  \n\n'],
  ['+build linux,ignore', '// +build linux,ignore\n\n'],
  ['+build ignorex', '// +build ignorex\n\n'],
  ['+build without a space', '// +buildignore\n\n'],
  ['+build quoted inside a comment', '// see // +build ignore\n\n'],
  ['two +build lines', '// +build linux\n// +build ignore\n\n'],
  ['go:build linux and +build ignore: go:build decides', '//go:build linux\n// +build ignore\n\n'],
  ['go:build ignore and +build linux: go:build decides', '// +build linux\n\n//go:build ignore\n\n'],
  ['two go:build lines are an error, as in go build', '//go:build linux\n//go:build ignore\n\n'],
];

const HEADER_CASES: readonly GoCase[] = HEADERS.map(([name, header]) => ({
  name: `constraint: ${name}`,
  typeName: 'Root',
  files: {
    'a.go': 'package wire\n\ntype Root struct {\n\tF Dep `json:"f"`\n}\n',
    'dep.go': `${header}package wire\n\ntype Dep struct{ X int \`json:"x"\` }\n`,
  },
}));

describe('Go extractor: fields of every kind of type', () => {
  it('reads each case as encoding/json encodes it', async () => {
    const out: string[] = [];
    for (const c of [...CASES, ...HEADER_CASES]) {
      out.push(`# ${c.name}`, ...(await scratch.describe(c)).map((line) => `  ${line}`));
    }
    expectTable(out, 'test/extract/go/tables/types.json');
  }, 60_000);
});

describe('type identity of generic instantiations', () => {
  it('names each instantiation as reflect does (type arguments resolved: byte is uint8, rune int32, known types by import path)', async () => {
    const dir = scratch.write({
      'a.go': [
        'package wire',
        '',
        'import (',
        '\t"encoding/json"',
        '\t"time"',
        ')',
        '',
        'type Page[T any] struct {',
        '\tItems []T `json:"items"`',
        '\tNext *Page[T] `json:"next,omitempty"`',
        '}',
        '',
        'type Item struct {',
        '\tID string `json:"id"`',
        '}',
        '',
        'type Pair[K comparable, V any] struct {',
        '\tKey K `json:"key"`',
        '\tValue V `json:"value"`',
        '}',
        '',
        'type Root struct {',
        '\tA Page[int] `json:"a"`',
        '\tB Page[time.Time] `json:"b"`',
        '\tC Page[[]string] `json:"c"`',
        '\tD Page[Item] `json:"d"`',
        '\tE Page[Missing] `json:"e"`',
        '\tF Page[json.Number] `json:"f"`',
        '\tG Pair[string, *Item] `json:"g"`',
        '\tH Page[Page[byte]] `json:"h"`',
        '\tI Page[rune] `json:"i"`',
        '}',
        '',
      ].join('\n'),
    });
    const extractGraph = goExtractor.extractGraph;
    if (extractGraph === undefined) throw new Error('the Go extractor has a graph mode');
    const graph = await extractGraph({ path: 'a.go', cwd: dir, typeName: 'Root' });
    expect([...(graph.types.get('Root')?.links ?? [])]).toEqual([
      ['/a', 'Page[int]'],
      ['/b', 'Page[time.Time]'],
      ['/c', 'Page[[]string]'],
      ['/d', 'Page[Item]'],
      ['/e', 'Page[Missing]'],
      ['/f', 'Page[encoding/json.Number]'],
      ['/g', 'Pair[string,*Item]'],
      ['/h', 'Page[Page[uint8]]'],
      ['/i', 'Page[int32]'],
    ]);
    expect([...graph.types.keys()].slice(10)).toEqual(['Item', 'Page[uint8]']);
    expect([...(graph.types.get('Page[Page[uint8]]')?.links ?? [])]).toEqual([
      ['/items/*', 'Page[uint8]'],
      ['/next', 'Page[Page[uint8]]'],
    ]);
    expect(graph.types.get('Page[uint8]')?.fields.map((field) => `${field.pointer} ${field.type.kind}`)).toEqual([
      '/items string',
      '/next object',
    ]);
    expect(graph.types.get('Page[Missing]')?.opaque.map((ref) => [ref.pointer, ref.typeName])).toEqual([
      ['/items/*', 'Missing'],
    ]);
  });
});

describe('interfaces as decode sees them', () => {
  it('only an empty interface receives a decoded value; comments in an interface require nothing', async () => {
    const dir = scratch.write({
      'a.go': [
        'package wire',
        '',
        'import "fmt"',
        '',
        'type Root struct {',
        '\tA interface{} `json:"a"`',
        '\tB any `json:"b"`',
        '\tC interface {',
        '\t\t// nothing is required',
        '\t} `json:"c"`',
        '\tD interface{ M() } `json:"d"`',
        '\tE interface{ fmt.Stringer } `json:"e"`',
        '}',
        '',
      ].join('\n'),
    });
    const kinds = async (direction: 'encode' | 'decode'): Promise<string[]> =>
      (await goExtractor.extract({ path: 'a.go', cwd: dir, typeName: 'Root', direction })).fields.map(
        (field) => `${field.pointer} ${field.type.kind}`,
      );
    expect(await kinds('decode')).toEqual(['/a any', '/b any', '/c any', '/d opaque', '/e opaque']);
    expect(await kinds('encode')).toEqual(['/a any', '/b any', '/c any', '/d any', '/e any']);
  });
});

describe('array lengths as decode sees them', () => {
  it('reads every integer literal form of a length; a constant expression is not evaluated', async () => {
    const forms = ['10', '0x1F', '0X2', '0x_1f', '0o17', '0O7', '0b101', '0B1_0', '017', '1_000', '0', '00', 'N'];
    const dir = scratch.write({
      'a.go': `package wire\n\nconst N = 3\n\ntype Root struct {\n${forms.map((form, i) => `\tF${i} [${form}]int \`json:"f${i}"\``).join('\n')}\n}\n`,
    });
    const result = await goExtractor.extract({ path: 'a.go', cwd: dir, typeName: 'Root', direction: 'decode' });
    const lengths = result.fields
      .filter((field) => !field.pointer.endsWith('/*'))
      .map((field) => (field.type.kind === 'array' ? field.type.length : field.type.kind));
    expect(lengths).toEqual([10, 31, 2, 31, 15, 7, 5, 2, 15, 1000, 0, 0, 'opaque']);
  });
});

describe('embedded generic types', () => {
  it('an embedded instantiation that is not a struct is encoded under its type name without type arguments', async () => {
    // go1.19: json.Marshal(Root{List: List[int]{1}}) gives {"List":[1],"b":0}.
    const dir = scratch.write({
      'a.go': 'package wire\n\ntype List[T any] []T\n\ntype Root struct {\n\tList[int]\n\tB int `json:"b"`\n}\n',
    });
    const result = await goExtractor.extract({ path: 'a.go', cwd: dir, typeName: 'Root' });
    expect(result.fields.map((field) => [field.pointer, field.type.kind])).toEqual([
      ['/List', 'array'],
      ['/b', 'integer'],
    ]);
  });
});
