import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { goExtractor } from '../../../src/extract/go/index.js';
import type { ExtractResult, WireField } from '../../../src/wire.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function extract(
  source: string,
  typeName: string,
  direction: 'encode' | 'decode' = 'encode',
): Promise<ExtractResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wirepin-go-known-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'a.go'), source);
  return goExtractor.extract({ path: dir, typeName, cwd: dir, direction });
}

/** pointer → "kind[?] required|optional|unknown" */
function shapes(result: ExtractResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of result.fields) out[field.pointer] = summarize(field);
  return out;
}

function summarize(field: WireField): string {
  const presence = field.requiredUnknown !== undefined ? 'unknown' : field.required ? 'required' : 'optional';
  return `${field.type.kind}${field.type.nullable ? '?' : ''} ${presence}`;
}

const STDLIB = `package a

import (
	"encoding/json"
	"math/big"
	"net"
	"net/netip"
	"net/url"
	"time"
)

type Wire struct {
	Addr     netip.Addr     \`json:"addr"\`
	AddrPort netip.AddrPort \`json:"addr_port"\`
	Prefix   netip.Prefix   \`json:"prefix"\`
	IP       net.IP         \`json:"ip"\`
	BigP     *big.Int       \`json:"big_p"\`
	FloatP   *big.Float     \`json:"float_p"\`
	RatP     *big.Rat       \`json:"rat_p"\`
	BigV     big.Int        \`json:"big_v"\`
	Link     url.URL        \`json:"link"\`
	Dur      time.Duration  \`json:"dur"\`
	Num      json.Number    \`json:"num"\`
	ByAddr   map[netip.Addr]string \`json:"by_addr"\`
	AddrOpt  netip.Addr     \`json:"addr_opt,omitempty"\`
	IPOpt    net.IP         \`json:"ip_opt,omitempty"\`
}
`;

describe('the table of standard-library types (checked against go1.19 src/)', () => {
  test('encode: MarshalText on a value receiver is a string; pointer methods of math/big only through a pointer; url.URL is admitted opaque', async () => {
    const result = await extract(STDLIB, 'Wire');
    expect(shapes(result)).toEqual({
      '/addr': 'string required',
      '/addr_port': 'string required',
      '/prefix': 'string required',
      // net.IP's MarshalText writes "" for a nil IP: never null.
      '/ip': 'string required',
      '/big_p': 'integer? required',
      '/float_p': 'string? required',
      '/rat_p': 'string? required',
      '/big_v': 'opaque required',
      '/link': 'opaque required',
      '/dur': 'integer required',
      '/num': 'number required',
      '/by_addr': 'map? required',
      // omitempty never drops a struct (netip.Addr), but drops an empty slice (net.IP).
      '/addr_opt': 'string required',
      '/ip_opt': 'string optional',
    });
    const reasons = Object.fromEntries(result.opaque.map((ref) => [ref.pointer, ref.reason]));
    expect(reasons['/big_v']).toMatch(/pointer receiver.*addressable.*\*big\.Int/);
    expect(reasons['/link']).toMatch(/net\/url\.URL has no JSON or text marshaller/);
    expect(Object.keys(reasons).sort()).toEqual(['/big_v', '/link']);
  });

  test('decode: every unmarshaller of the table is on the pointer, so value fields decode too', async () => {
    const result = await extract(STDLIB, 'Wire', 'decode');
    const got = shapes(result);
    expect(got['/addr']).toBe('string required');
    expect(got['/big_v']).toBe('integer required');
    expect(got['/big_p']).toBe('integer? required');
    expect(got['/float_p']).toBe('string? required');
    expect(got['/link']).toBe('opaque required');
    // A TextUnmarshaler key type decides which keys it accepts.
    expect(got['/by_addr']).toBe('opaque required');
  });

  test('a defined type over a table type keeps the underlying type, not the methods', async () => {
    const result = await extract(
      'package a\n\nimport (\n\t"net"\n\t"net/netip"\n)\n\ntype MyIP net.IP\ntype MyAddr netip.Addr\n\ntype W struct {\n\tIP MyIP `json:"ip"`\n\tAddr MyAddr `json:"addr"`\n}\n',
      'W',
    );
    expect(shapes(result)).toEqual({ '/ip': 'string? required', '/addr': 'opaque required' });
    expect(result.opaque.find((ref) => ref.pointer === '/addr')?.reason).toBe(
      '"MyAddr" is defined over net/netip.Addr, which drops its methods and leaves its unexported fields',
    );
  });
});

describe('defined types over every table type', () => {
  const SOURCE = `package a

import (
	"encoding/json"
	"math/big"
	"net/url"
	"time"
)

type D time.Duration
type N json.Number
type R json.RawMessage
type U url.URL
type T time.Time
type B big.Int
type F big.Float
type P *big.Int
type PT *time.Time

type W struct {
	D D \`json:"d"\`
	N N \`json:"n"\`
	R R \`json:"r"\`
	U U \`json:"u"\`
	T T \`json:"t"\`
	B B \`json:"b"\`
	F F \`json:"f"\`
	P P \`json:"p"\`
	PT PT \`json:"pt"\`
}
`;

  test('keep the underlying type (Duration an int64, Number a string, RawMessage a []byte) and drop the methods', async () => {
    for (const direction of ['encode', 'decode'] as const) {
      const result = await extract(SOURCE, 'W', direction);
      const decoding = direction === 'decode';
      expect(shapes(result), direction).toEqual({
        '/d': 'integer required',
        '/n': 'string required',
        '/r': 'string? required',
        '/u': 'opaque required',
        '/t': 'opaque required',
        '/b': 'opaque required',
        '/f': 'opaque required',
        // A defined pointer type has no methods. Marshal reaches the value it points at, which is addressable, so that
        // type's methods apply; Unmarshal (decode.go's indirect) never asks it, so big.Int and time.Time are decoded as
        // structs and a number or string fails (checked with go1.19).
        '/p': decoding ? 'opaque required' : 'integer? required',
        '/pt': decoding ? 'opaque required' : 'string? required',
      });
      expect(Object.fromEntries(result.opaque.map((ref) => [ref.pointer, ref.reason]))).toEqual({
        '/u': '"U" is defined over net/url.URL, whose exported fields encoding/json would list; wirepin does not model them',
        '/t': '"T" is defined over time.Time, which drops Time\'s MarshalJSON and leaves its unexported fields',
        '/b': '"B" is defined over math/big.Int, which drops its methods and leaves its unexported fields',
        '/f': '"F" is defined over math/big.Float, which drops its methods and leaves its unexported fields',
        ...(decoding
          ? {
              '/p': '"P" is a defined pointer type, which has no methods, so json.Unmarshal decodes the big.Int it points at by its structure and never calls its UnmarshalJSON',
              '/pt':
                '"PT" is a defined pointer type, which has no methods, so json.Unmarshal decodes the time.Time it points at by its structure and never calls its UnmarshalJSON',
            }
          : {}),
      });
    }
  });

  test("an alias of a pointer keeps the pointer's methods when decoding", async () => {
    const result = await extract(
      'package a\n\nimport "math/big"\n\ntype P = *big.Int\n\ntype W struct {\n\tP P `json:"p"`\n}\n',
      'W',
      'decode',
    );
    expect(shapes(result)).toEqual({ '/p': 'integer? required' });
  });
});

describe('methods promoted from a known type', () => {
  const TIMESTAMP = `package a

import "time"

type Timestamp struct{ time.Time }

type Own struct{ time.Time }

func (Own) MarshalJSON() ([]byte, error) { return nil, nil }

type Both struct {
	time.Time
	Other
}

type Other struct{}

func (Other) MarshalJSON() ([]byte, error) { return nil, nil }

type Event struct {
	At    Timestamp  \`json:"at"\`
	AtP   *Timestamp \`json:"at_p,omitempty"\`
	AtOpt Timestamp  \`json:"at_opt,omitempty"\`
	Mine  Own        \`json:"mine"\`
	Amb   Both       \`json:"amb"\`
}
`;

  test("go-github's Timestamp (struct{ time.Time }) encodes and decodes as time.Time's RFC 3339 string", async () => {
    for (const direction of ['encode', 'decode'] as const) {
      const result = await extract(TIMESTAMP, 'Event', direction);
      const got = shapes(result);
      expect(got['/at']).toBe('string required');
      expect(got['/at_p']).toBe('string optional');
      // A struct is never empty, so omitempty does not drop it.
      expect(got['/at_opt']).toBe('string required');
    }
  });

  test("a type's own marshaller wins, and two embedded suppliers stay opaque (Go's ambiguity is not decided)", async () => {
    const result = await extract(TIMESTAMP, 'Event');
    const reasons = Object.fromEntries(result.opaque.map((ref) => [ref.pointer, ref.reason]));
    expect(reasons['/mine']).toMatch(/type "Own" has a custom marshaller \(MarshalJSON on its value receiver\)/);
    expect(reasons['/amb']).toMatch(/it embeds time\.Time/);
  });
});

describe('which embedded known type supplies the marshaller', () => {
  // go1.19: json.Marshal gives {"b":{},"i":"1.2.3.4","t":"0001-01-01T00:00:00Z","p":"0001-01-01T00:00:00Z","a":"0001-01-01T00:00:00Z"},
  // and json.Unmarshal takes 42 for b and the strings for i, t and p.
  const SOURCE = `package a

import (
	"math/big"
	"net"
	"net/netip"
	"time"
)

type Plain struct {
	A int \`json:"a"\`
}

type WithBig struct{ big.Int }
type WithIP struct{ net.IP }
type TimeAndField struct {
	time.Time
	Zone netip.Addr \`json:"zone"\`
}
type TimeAndPlain struct {
	time.Time
	Plain
}

type W struct {
	B WithBig \`json:"b"\`
	I WithIP \`json:"i"\`
	T TimeAndField \`json:"t"\`
	P TimeAndPlain \`json:"p"\`
	A struct{ time.Time } \`json:"a"\`
}
`;

  test('encode: a value-receiver method is promoted; a pointer-receiver one (big.Int) only to addressable values', async () => {
    const result = await extract(SOURCE, 'W');
    expect(shapes(result)).toEqual({
      '/b': 'opaque required',
      '/i': 'string required',
      '/t': 'string required',
      '/p': 'string required',
      '/a': 'string required',
    });
    // Opaque because the promotion is not certain (the method is on *big.Int), not because big.Int's own encoding is.
    expect(result.opaque.find((ref) => ref.pointer === '/b')?.reason).toBe(
      'it embeds big.Int, and math/big.Int has MarshalJSON, which is promoted',
    );
  });

  test('decode: every unmarshaller is on the pointer, and a named field is decoded through its address', async () => {
    const result = await extract(SOURCE, 'W', 'decode');
    expect(shapes(result)).toMatchObject({
      '/b': 'integer required',
      '/i': 'string required',
      '/t': 'string required',
      '/p': 'string required',
    });
  });
});

describe('omitempty on a type wirepin cannot see', () => {
  test('is neither required nor optional: requiredness is unknown and said so in the reason', async () => {
    const result = await extract(
      'package a\n\nimport metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"\n\ntype Pod struct {\n\tMeta metav1.ObjectMeta `json:"metadata,omitempty"`\n\tMetaP *metav1.ObjectMeta `json:"meta_p,omitempty"`\n\tList []metav1.ObjectMeta `json:"list,omitempty"`\n\tPlain metav1.ObjectMeta `json:"plain"`\n}\n',
      'Pod',
    );
    expect(shapes(result)).toEqual({
      '/metadata': 'opaque unknown',
      '/meta_p': 'opaque optional',
      '/list': 'array optional',
      '/plain': 'opaque required',
    });
    const metadata = result.fields.find((field) => field.pointer === '/metadata');
    expect(metadata?.required).toBe(false);
    expect(metadata?.requiredUnknown).toBe(
      'omitempty on a type wirepin cannot see says nothing: encoding/json never omits a struct',
    );
    expect(metadata?.type.kind === 'opaque' && metadata.type.reason).toMatch(
      /which wirepin does not read; omitempty on a type wirepin cannot see/,
    );
  });
});
