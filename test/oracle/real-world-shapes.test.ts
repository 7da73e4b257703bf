/**
 * Accuracy on real-world-shaped code: a generated module (bench/lib/go-graphs.js,
 * realWorldModule) with dense links between types, embedding chains, shared and
 * recursive types, time.Time wrappers, standard-library table types, a sibling
 * package and a vendored module. Real encoding/json (the Go on PATH) marshals
 * each struct twice: a zero value (which keys it always sends) and a value
 * filled two pointer/slice levels deep (which keys exist). The extractor,
 * reading the same files with the module resolved, must name every key Go
 * wrote (arrays as "*", nothing below a map or an opaque place) and exactly
 * the top-level keys, and its required top-level fields must be exactly the
 * keys of the zero value. Figures go to TESTING.md.
 *
 * Needs `go` on PATH. Run with `npm run test:go-oracle`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { realWorldModule } from '../../bench/lib/go-graphs.js';
import { goExtractor } from '../../src/extract/go/index.js';
import type { ExtractResult } from '../../src/wire.js';

/** Pointer and slice levels Go fills; the extractor unrolls one level more, so everything Go writes is listed. */
const FILL_DEPTH = 2;

interface GoShapes {
  readonly zero: readonly string[];
  readonly full: readonly string[];
}

let workDir = '';
let moduleDir = '';
let goOutput: Record<string, GoShapes> = {};
const generated = realWorldModule({ structs: 240 });

const FILLER = `package main

import (
	"encoding/json"
	"math/big"
	"net"
	"net/netip"
	"os"
	"reflect"
	"sort"
	"strconv"
	"time"
)

var (
	timeType   = reflect.TypeOf(time.Time{})
	addrType   = reflect.TypeOf(netip.Addr{})
	prefixType = reflect.TypeOf(netip.Prefix{})
	ipType     = reflect.TypeOf(net.IP{})
	bigIntType = reflect.TypeOf(big.Int{})
	rawType    = reflect.TypeOf(json.RawMessage{})
	numberType = reflect.TypeOf(json.Number(""))
)

// fill sets every settable field to a non-zero value, allocating pointers, slices and maps up to depth levels.
func fill(v reflect.Value, depth int) {
	switch v.Type() {
	case timeType:
		v.Set(reflect.ValueOf(time.Unix(1700000000, 0).UTC()))
		return
	case addrType:
		v.Set(reflect.ValueOf(netip.MustParseAddr("10.0.0.1")))
		return
	case prefixType:
		v.Set(reflect.ValueOf(netip.MustParsePrefix("10.0.0.0/8")))
		return
	case ipType:
		v.Set(reflect.ValueOf(net.ParseIP("10.0.0.2")))
		return
	case bigIntType:
		v.Set(reflect.ValueOf(*big.NewInt(7)))
		return
	case rawType:
		v.Set(reflect.ValueOf(json.RawMessage("{}")))
		return
	case numberType:
		v.SetString("12")
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Field(i).CanSet() {
				fill(v.Field(i), depth)
			}
		}
	case reflect.Pointer:
		if depth >= ${FILL_DEPTH} {
			return
		}
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), depth+1)
		v.Set(p)
	case reflect.Slice:
		if depth >= ${FILL_DEPTH} {
			return
		}
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(s.Index(0), depth+1)
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		val := reflect.New(v.Type().Elem()).Elem()
		fill(val, depth+1)
		m.SetMapIndex(reflect.ValueOf("k").Convert(v.Type().Key()), val)
		v.Set(m)
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(3)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(3)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(1.5)
	}
}

// paths lists the JSON pointers of a decoded document, arrays as "*".
func paths(prefix string, value interface{}, out map[string]bool) {
	switch x := value.(type) {
	case map[string]interface{}:
		for k, v := range x {
			p := prefix + "/" + k
			out[p] = true
			paths(p, v, out)
		}
	case []interface{}:
		for _, v := range x {
			paths(prefix+"/*", v, out)
		}
	}
}

func shape(v interface{}) []string {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	var doc interface{}
	if err := json.Unmarshal(data, &doc); err != nil {
		panic(err)
	}
	set := map[string]bool{}
	paths("", doc, set)
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

type result struct {
	Zero []string \`json:"zero"\`
	Full []string \`json:"full"\`
}

func run(zero interface{}) result {
	full := reflect.New(reflect.TypeOf(zero).Elem())
	fill(full.Elem(), 0)
	return result{Zero: shape(zero), Full: shape(full.Interface())}
}

var _ = strconv.Itoa

func main() {
	out := map[string]result{}
	for name, zero := range registry() {
		out[name] = run(zero)
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		panic(err)
	}
}
`;

beforeAll(() => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'wirepin-real-shapes-'));
  moduleDir = path.join(workDir, 'shapes');
  for (const [file, text] of Object.entries(generated.files)) {
    mkdirSync(path.dirname(path.join(moduleDir, file)), { recursive: true });
    writeFileSync(path.join(moduleDir, file), text);
  }
  const entries = [
    ...generated.types.api.map((name) => `\t\t"api.${name}": &api.${name}{},`),
    ...generated.types.network.map((name) => `\t\t"network.${name}": &network.${name}{},`),
  ];
  mkdirSync(path.join(moduleDir, 'cmd', 'oracle'), { recursive: true });
  writeFileSync(path.join(moduleDir, 'cmd', 'oracle', 'main.go'), FILLER);
  writeFileSync(
    path.join(moduleDir, 'cmd', 'oracle', 'registry.go'),
    `package main\n\nimport (\n\t"example.com/shapes/api"\n\t"example.com/shapes/api/network"\n)\n\nfunc registry() map[string]interface{} {\n\treturn map[string]interface{}{\n${entries.join('\n')}\n\t}\n}\n`,
  );
  const run = spawnSync('go', ['run', './cmd/oracle'], {
    cwd: moduleDir,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: workDir,
      GOCACHE: path.join(workDir, 'gocache'),
      GOPATH: path.join(workDir, 'gopath'),
      GOFLAGS: '-mod=vendor',
      GOPROXY: 'off',
      GOTOOLCHAIN: 'local',
      GO111MODULE: 'on',
      CGO_ENABLED: '0',
    },
  });
  if (run.status !== 0) throw new Error(`go run failed:\n${run.stderr}`);
  goOutput = JSON.parse(run.stdout) as Record<string, GoShapes>;
});

afterAll(() => {
  if (workDir !== '') rmSync(workDir, { recursive: true, force: true });
});

interface Disagreement {
  readonly type: string;
  readonly what: string;
}

function compare(type: string, go: GoShapes, result: ExtractResult): Disagreement[] {
  const problems: Disagreement[] = [];
  // Every type of the module is visible (sibling, vendored, table types): the only opaque places are the depth cut and recursion.
  for (const ref of result.opaque) {
    if (/nesting deeper than|contains itself/.test(ref.reason)) continue;
    problems.push({ type, what: `the extractor could not see ${ref.pointer}: ${ref.reason}` });
  }
  const listed = new Map(result.fields.map((field) => [field.pointer, field]));
  const cut = new Set(result.opaque.map((ref) => ref.pointer));
  const below = (pointer: string, stops: (prefix: string) => boolean): boolean => {
    const parts = pointer.split('/');
    for (let end = parts.length - 1; end > 1; end--) if (stops(parts.slice(0, end).join('/'))) return true;
    return false;
  };
  for (const pointer of go.full) {
    if (listed.has(pointer)) continue;
    // Below a map value, a time string, or an opaque place the extractor lists no keys by design.
    if (below(pointer, (prefix) => listed.get(prefix)?.type.kind === 'map' || cut.has(prefix))) continue;
    problems.push({ type, what: `Go wrote ${pointer}, the extractor does not list it` });
  }
  const goTop = new Set(go.full.filter((pointer) => pointer.split('/').length === 2));
  for (const field of result.fields) {
    if (field.pointer.split('/').length !== 2 || goTop.has(field.pointer)) continue;
    problems.push({ type, what: `the extractor lists ${field.pointer}, a filled value has no such key` });
  }
  const zeroTop = new Set(go.zero.filter((pointer) => pointer.split('/').length === 2));
  for (const field of result.fields) {
    if (field.pointer.split('/').length !== 2) continue;
    if (field.required !== zeroTop.has(field.pointer) || field.requiredUnknown !== undefined) {
      problems.push({
        type,
        what: `${field.pointer}: extractor ${field.requiredUnknown !== undefined ? 'unknown' : field.required ? 'required' : 'optional'}, a zero value ${zeroTop.has(field.pointer) ? 'sends' : 'omits'} it`,
      });
    }
  }
  return problems;
}

test('the extractor agrees with encoding/json on a real-world-shaped module (keys and requiredness)', async () => {
  const started = performance.now();
  const problems: Disagreement[] = [];
  let keys = 0;
  const names = [
    ...generated.types.api.map((name) => ['api', name] as const),
    ...generated.types.network.map((name) => ['api/network', name] as const),
  ];
  let agreeing = 0;
  for (const [dir, name] of names) {
    const go = goOutput[`${dir === 'api' ? 'api' : 'network'}.${name}`];
    expect(go, name).toBeDefined();
    if (go === undefined) continue;
    const result = await goExtractor.extract({
      path: path.join(moduleDir, dir),
      typeName: name,
      cwd: moduleDir,
      env: {},
      expansion: { maxDepth: FILL_DEPTH + 2 },
    });
    keys += go.full.length;
    const found = compare(name, go, result);
    if (found.length === 0) agreeing++;
    problems.push(...found);
  }
  const ms = performance.now() - started;
  // The figures TESTING.md quotes.
  console.log(
    `real-world-shaped module: ${names.length} structs, ${keys} keys written by Go, ${agreeing} structs agree (${((100 * agreeing) / names.length).toFixed(1)}%), extraction ${Math.round(ms)} ms`,
  );
  expect(problems.slice(0, 20)).toEqual([]);
  expect(agreeing).toBe(names.length);
});
