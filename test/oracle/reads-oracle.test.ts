/**
 * The static read analysis (src/reads) against go/types. A small Go program
 * (test/oracle/reads/main.go) type-checks each corpus package and lists, per
 * struct field, the selectors that read it; wirepin's analysis of the same
 * package must never call a field read that go/types says is not (no silent
 * pass), its read sites must be real ones, and its "unread" must be right:
 * a field it calls unread has no read in go/types' view either. A field
 * wirepin calls unprovable (its value escaped) is not a claim either way.
 *
 * The corpus: the shipped consumer (consumer/go), one package per construct
 * the analysis follows (and per place that is not a read), and a realistic
 * HTTP handler. Needs `go` on PATH; run with `npm run test:go-oracle`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { extractGoGraph, extractGoStruct } from '../../src/extract/go/index.js';
import { analyzeGoReads } from '../../src/reads/go-reads.js';
import { declarationKey } from '../../src/wire.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The request type every construct case shares: nested, pointer, slice, map, anonymous and embedded structs. */
const MODEL = `package p

import "encoding/json"

type Req struct {
	Name   string            \`json:"name"\`
	Count  int               \`json:"count"\`
	Inner  Inner             \`json:"inner"\`
	PInner *Inner            \`json:"p_inner"\`
	Items  []Item            \`json:"items"\`
	ByKey  map[string]Item   \`json:"by_key"\`
	Env    map[string]string \`json:"env"\`
	Anon   struct {
		Deep string \`json:"deep"\`
	} \`json:"anon"\`
	Embedded
}

type Inner struct {
	Mode  string \`json:"mode"\`
	Width int    \`json:"width"\`
}

type Item struct {
	ID string \`json:"id"\`
}

type Embedded struct {
	Promoted string \`json:"promoted"\`
}

func decode(b []byte) (Req, error) {
	var r Req
	err := json.Unmarshal(b, &r)
	return r, err
}
`;

interface ReadCase {
  readonly id: string;
  /** Go files added to the package, by name. */
  readonly files: Readonly<Record<string, string>>;
  /** The wire pointers this case must show read (positive) or unread (negative). */
  readonly read: readonly string[];
  readonly unread: readonly string[];
  /** Pointers whose value escaped: wirepin claims nothing (a warning). */
  readonly unprovable?: readonly string[];
}

const go = (body: string, imports: readonly string[] = []): string =>
  `package p\n\n${imports.map((i) => `import "${i}"\n`).join('')}\n${body}\n`;

/** One package per construct of the issue's list: how a value is obtained, and how a field is read. */
const CASES: readonly ReadCase[] = [
  { id: 'param', files: { 'c.go': go('func f(r Req) string { return r.Name }') }, read: ['/name'], unread: ['/count'] },
  {
    id: 'pointer-receiver',
    files: { 'c.go': go('func (r *Req) g() int { return r.Count }') },
    read: ['/count'],
    unread: ['/name'],
  },
  {
    id: 'var-decl',
    files: { 'c.go': go('func f() string { var r Req; return r.Inner.Mode }') },
    read: ['/inner', '/inner/mode'],
    unread: ['/inner/width'],
  },
  {
    id: 'composite-literal',
    files: { 'c.go': go('func f() string { r := Req{Count: 1}; return r.Name }') },
    read: ['/name'],
    unread: ['/count'],
  },
  {
    id: 'new',
    files: { 'c.go': go('func f() int { r := new(Req); return r.Count }') },
    read: ['/count'],
    unread: ['/name'],
  },
  {
    id: 'address-of-literal',
    files: { 'c.go': go('func f() int { r := &Req{}; return r.Inner.Width }') },
    read: ['/inner/width'],
    unread: ['/inner/mode'],
  },
  {
    id: 'decoder',
    files: {
      'c.go': go(
        'func f(rd io.Reader) string {\n\tvar r Req\n\t_ = json.NewDecoder(rd).Decode(&r)\n\treturn r.Name\n}',
        ['encoding/json', 'io'],
      ),
    },
    read: ['/name'],
    unread: ['/count'],
  },
  {
    id: 'struct-field-of-type',
    files: { 'c.go': go('type holder struct{ R Req }\n\nfunc f(h holder) string { return h.R.Name }') },
    read: ['/name'],
    unread: ['/count'],
  },
  {
    id: 'range-slice',
    files: {
      'c.go': go('func f(r Req) (n int) {\n\tfor _, it := range r.Items {\n\t\tn += len(it.ID)\n\t}\n\treturn\n}'),
    },
    read: ['/items', '/items/*/id'],
    unread: ['/name'],
  },
  {
    id: 'range-map',
    files: {
      'c.go': go('func f(r Req) (n int) {\n\tfor _, it := range r.ByKey {\n\t\tn += len(it.ID)\n\t}\n\treturn\n}'),
    },
    read: ['/by_key', '/by_key/*/id'],
    unread: ['/items'],
  },
  {
    id: 'call-result',
    files: { 'c.go': go('func f(b []byte) string {\n\tr, _ := decode(b)\n\treturn r.Name\n}') },
    read: ['/name'],
    unread: ['/count'],
  },
  {
    id: 'type-assertion',
    files: { 'c.go': go('func f(v any) string { r := v.(Req); return r.Name }') },
    read: ['/name'],
    unread: ['/count'],
  },
  {
    id: 'conversion',
    files: { 'c.go': go('type Req2 Req\n\nfunc f(x Req2) string { r := Req(x); return r.Name }') },
    read: ['/name'],
    unread: ['/count'],
  },
  {
    id: 'deref',
    files: { 'c.go': go('func f(p *Req) string { return (*p).Name }') },
    read: ['/name'],
    unread: ['/count'],
  },
  {
    id: 'through-pointer-field',
    files: { 'c.go': go('func f(r Req) string { return r.PInner.Mode }') },
    read: ['/p_inner', '/p_inner/mode'],
    unread: ['/inner', '/name'],
  },
  {
    id: 'method-body',
    files: { 'c.go': go('func (r Req) label() string { return r.Name }\n\nfunc f(r Req) string { return r.label() }') },
    read: ['/name'],
    unread: ['/count'],
  },
  {
    id: 'nested-copy',
    files: { 'c.go': go('func f(r Req) string { in := r.Inner; return in.Mode }') },
    read: ['/inner', '/inner/mode'],
    unread: ['/inner/width'],
  },
  {
    id: 'nested-passed-on',
    files: { 'c.go': go('func width(i Inner) int { return i.Width }\n\nfunc f(r Req) int { return width(r.Inner) }') },
    read: ['/inner', '/inner/width'],
    unread: ['/inner/mode'],
  },
  { id: 'len', files: { 'c.go': go('func f(r Req) int { return len(r.Env) }') }, read: ['/env'], unread: ['/name'] },
  {
    id: 'range-map-field',
    files: { 'c.go': go('func f(r Req) (n int) {\n\tfor k := range r.Env {\n\t\tn += len(k)\n\t}\n\treturn\n}') },
    read: ['/env'],
    unread: ['/name'],
  },
  {
    id: 'index',
    files: { 'c.go': go('func f(r Req) string { return r.Env["HOME"] }') },
    read: ['/env'],
    unread: ['/name'],
  },
  { id: 'op-assign', files: { 'c.go': go('func f(r *Req) { r.Count += 1 }') }, read: ['/count'], unread: ['/name'] },
  { id: 'increment', files: { 'c.go': go('func f(r *Req) { r.Count++ }') }, read: ['/count'], unread: ['/name'] },
  {
    id: 'promoted',
    files: { 'c.go': go('func f(r Req) string { return r.Promoted }') },
    read: ['/promoted'],
    unread: ['/name'],
  },
  {
    id: 'anonymous-struct',
    files: { 'c.go': go('func f(r Req) string { return r.Anon.Deep }') },
    read: ['/anon', '/anon/deep'],
    unread: ['/name'],
  },
  {
    id: 'closure',
    files: { 'c.go': go('func f(r Req) func() string { return func() string { return r.Name } }') },
    read: ['/name'],
    unread: ['/count'],
  },
  {
    id: 'slice-index',
    files: { 'c.go': go('func f(r Req) string { return r.Items[0].ID }') },
    read: ['/items', '/items/*/id'],
    unread: ['/by_key'],
  },
  {
    id: 'map-element-var',
    files: { 'c.go': go('func f(r Req) string { it := r.ByKey["k"]; return it.ID }') },
    read: ['/by_key', '/by_key/*/id'],
    unread: ['/items'],
  },
  {
    id: 'multiple-results',
    files: {
      'c.go': go(
        'func two(r Req) (Req, error) { return r, nil }\n\nfunc f(r Req) string { x, _ := two(r); return x.Name }',
      ),
    },
    read: ['/name'],
    unread: ['/count'],
  },
  { id: 'write-only', files: { 'c.go': go('func f(r *Req) { r.Name = "x" }') }, read: [], unread: ['/name'] },
  {
    id: 'write-through-nested',
    files: { 'c.go': go('func f(r *Req) { r.Inner.Mode = "x" }') },
    read: [],
    unread: ['/inner', '/inner/mode'],
  },
  {
    id: 'address-taken',
    files: { 'c.go': go('func f(r *Req) *string { return &r.Name }') },
    read: [],
    unread: ['/count'],
    unprovable: ['/name'],
  },
  {
    id: 'test-file-only',
    files: { 'c_test.go': go('func TestF(t *testing.T) { var r Req; t.Log(r.Name) }', ['testing']) },
    read: [],
    unread: ['/name'],
  },
  {
    id: 'ignored-file-only',
    files: { 'c.go': `//go:build ignore\n\n${go('func f(r Req) string { return r.Name }')}` },
    read: [],
    unread: ['/name'],
  },
  {
    id: 'other-platform-only',
    files: { 'c_windows.go': go('func f(r Req) string { return r.Name }') },
    read: [],
    unread: ['/name'],
  },
  {
    id: 'escape-to-fmt',
    files: { 'c.go': go('func f(r Req) { fmt.Println(r) }', ['fmt']) },
    read: [],
    unread: [],
    unprovable: ['/name', '/inner/mode', '/items/*/id', '/promoted'],
  },
  {
    id: 'escape-nested-only',
    files: { 'c.go': go('func f(r Req) string { fmt.Println(r.Inner); return r.Name }', ['fmt']) },
    read: ['/name', '/inner'],
    unread: ['/count'],
    unprovable: ['/inner/mode', '/inner/width'],
  },
  {
    id: 'escape-to-marshal',
    files: { 'c.go': go('func f(r Req) ([]byte, error) { return json.Marshal(r.Items) }', ['encoding/json']) },
    read: ['/items'],
    unread: ['/name'],
    unprovable: ['/items/*/id'],
  },
  {
    id: 'escape-to-interface',
    files: { 'c.go': go('func f(r Req) any { var v any = r.Inner; return v }') },
    read: ['/inner'],
    unread: ['/name'],
    unprovable: ['/inner/mode'],
  },
];

/** A realistic handler: HTTP decode, validation, a log line with chosen fields, an escape through a logger of the whole display. */
const HANDLER = `package handler

import (
	"encoding/json"
	"errors"
	"log"
	"net/http"
	"strings"
)

type request struct {
	Org     string            \`json:"org"\`
	Name    string            \`json:"name"\`
	Labels  map[string]string \`json:"labels"\`
	Display display           \`json:"display"\`
	Steps   []step            \`json:"steps"\`
	Unused  string            \`json:"unused"\`
}

type display struct {
	Mode  string \`json:"mode"\`
	Width int    \`json:"width"\`
}

type step struct {
	Run  string \`json:"run"\`
	Skip bool   \`json:"skip"\`
}

type job struct {
	key   string
	steps []string
}

func serve(w http.ResponseWriter, r *http.Request) {
	var req request
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err := validate(&req); err != nil {
		http.Error(w, err.Error(), http.StatusUnprocessableEntity)
		return
	}
	j := plan(req)
	log.Printf("planned %s with %d steps (display %v)", j.key, len(j.steps), req.Display)
	w.WriteHeader(http.StatusAccepted)
}

func validate(req *request) error {
	if strings.TrimSpace(req.Org) == "" {
		return errors.New("org is required")
	}
	req.Unused = ""
	return nil
}

func plan(req request) job {
	j := job{key: req.Org + "/" + req.Name}
	for _, s := range req.Steps {
		if s.Skip {
			continue
		}
		j.steps = append(j.steps, s.Run)
	}
	for k, v := range req.Labels {
		j.steps = append(j.steps, "label "+k+"="+v)
	}
	return j
}
`;

interface CorpusPackage {
  readonly id: string;
  readonly typeName: string;
  readonly read: readonly string[];
  readonly unread: readonly string[];
  readonly unprovable?: readonly string[];
}

let work = '';
let oracle: Record<string, Record<string, string[]>> = {};
const corpus: CorpusPackage[] = [];

/**
 * Graph mode (a contract with `$defs`): test/fixtures/reads-defs (a shared
 * Node at two places, recursion, an embedded struct, Owner and Team referring
 * to each other), as shipped and with its one read of Team.Name removed.
 * `unread` lists fields as `Type/pointer`.
 */
const GRAPH_CORPUS: readonly { readonly id: string; readonly unread: readonly string[] }[] = [
  { id: 'defs', unread: [] },
  { id: 'defs-unread', unread: ['Team/name'] },
];

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'wirepin-reads-oracle-'));
  const tool = path.join(work, 'tool');
  mkdirSync(tool);
  cpSync(path.join(repoRoot, 'test/oracle/reads/main.go'), path.join(tool, 'main.go'));
  writeFileSync(path.join(tool, 'go.mod'), 'module readsoracle\n\ngo 1.18\n');
  const env = { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GO111MODULE: 'on', CGO_ENABLED: '0' };
  const built = spawnSync('go', ['build', '-o', 'oracle', '.'], { cwd: tool, env, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`go build of the reads oracle failed:\n${built.stderr}`);
  for (const c of CASES) {
    const dir = path.join(work, 'cases', c.id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'model.go'), MODEL);
    for (const [name, text] of Object.entries(c.files)) writeFileSync(path.join(dir, name), text);
    corpus.push({
      id: `cases/${c.id}`,
      typeName: 'Req',
      read: c.read,
      unread: c.unread,
      ...(c.unprovable ? { unprovable: c.unprovable } : {}),
    });
  }
  cpSync(path.join(repoRoot, 'consumer/go'), path.join(work, 'consumer'), { recursive: true });
  corpus.push({
    id: 'consumer',
    typeName: 'wsProvisionRequest',
    read: [
      '/org_id',
      '/workspace_id',
      '/runtime',
      '/template',
      '/tier',
      '/instance_type',
      '/disk_gb',
      '/provider',
      '/data_persistence',
      '/kind',
      '/display',
      '/display/mode',
      '/display/width',
      '/display/height',
      '/display/protocol',
      '/platform_url',
      '/env',
      '/config_files',
    ],
    unread: [],
  });
  mkdirSync(path.join(work, 'handler'));
  writeFileSync(path.join(work, 'handler', 'handler.go'), HANDLER);
  corpus.push({
    id: 'handler',
    typeName: 'request',
    read: ['/org', '/name', '/labels', '/display', '/steps', '/steps/*/run', '/steps/*/skip'],
    unread: ['/unused'],
    unprovable: ['/display/mode', '/display/width'],
  });
  for (const { id } of GRAPH_CORPUS)
    cpSync(path.join(repoRoot, 'test/fixtures/reads-defs'), path.join(work, id), { recursive: true });
  const handler = path.join(work, 'defs-unread', 'handler.go');
  writeFileSync(handler, readFileSync(handler, 'utf8').replace(' + "/" + o.Team.Name', ''));
  const run = spawnSync(path.join(tool, 'oracle'), [...corpus.map((p) => p.id), ...GRAPH_CORPUS.map((p) => p.id)], {
    cwd: work,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`the reads oracle failed:\n${run.stderr}`);
  oracle = JSON.parse(run.stdout) as Record<string, Record<string, string[]>>;
}, 300_000);

afterAll(() => {
  if (work !== '' && process.env.WIREPIN_ORACLE_KEEP !== '1') rmSync(work, { recursive: true, force: true });
});

/** truePositive: read by both; falsePositive stays 0 (asserted); falseNegative: go/types reads it, wirepin says unprovable (an "unread" there fails the test). */
const tally = { truePositive: 0, falsePositive: 0, falseNegative: 0, trueNegative: 0, unprovable: 0 };

describe('the read analysis against go/types', () => {
  test('agrees on every corpus package', async () => {
    expect(corpus.length).toBe(CASES.length + 2);
    for (const pkg of corpus) {
      const extracted = await extractGoStruct({ path: pkg.id, typeName: pkg.typeName, cwd: work, direction: 'decode' });
      const evidence = await analyzeGoReads({
        path: pkg.id,
        cwd: work,
        typeName: pkg.typeName,
        fields: extracted.fields,
        strict: false,
      });
      const truth = oracle[pkg.id] ?? {};
      for (const field of extracted.fields) {
        const at = `${field.location.file}:${field.location.line}:${field.location.column}`;
        const oracleSites = truth[at] ?? [];
        const reads = evidence.byDeclaration.get(declarationKey(field.location));
        const where = `${pkg.id} ${field.pointer}`;
        if (reads?.status === 'read') {
          // No silent pass: every site wirepin names is a read go/types sees.
          expect(oracleSites.length, `${where}: wirepin says read, go/types says not`).toBeGreaterThan(0);
          for (const site of reads.sites)
            expect(oracleSites, where).toContain(`${site.file}:${site.line}:${site.column}`);
          tally.truePositive++;
        } else if (reads?.status === 'unread') {
          expect(oracleSites, `${where}: wirepin says unread, go/types finds reads`).toEqual([]);
          tally.trueNegative++;
        } else {
          // Unprovable: no claim either way; a field go/types sees read counts against recall.
          tally.unprovable++;
          if (oracleSites.length > 0) tally.falseNegative++;
        }
      }
      const byPointer = new Map(extracted.fields.map((f) => [f.pointer, f.location]));
      const status = (pointer: string) => {
        const location = byPointer.get(pointer);
        return location === undefined ? undefined : evidence.byDeclaration.get(declarationKey(location))?.status;
      };
      for (const pointer of pkg.read) expect(status(pointer), `${pkg.id} ${pointer} should be read`).toBe('read');
      for (const pointer of pkg.unread) expect(status(pointer), `${pkg.id} ${pointer} should be unread`).toBe('unread');
      for (const pointer of pkg.unprovable ?? [])
        expect(status(pointer), `${pkg.id} ${pointer} should be unprovable`).toBe('unprovable');
      expect(evidence.decodedAt, `${pkg.id}: the decode site`).toBeDefined();
    }
    const precision = tally.truePositive / (tally.truePositive + tally.falsePositive);
    const recall = tally.truePositive / (tally.truePositive + tally.falseNegative);
    console.log(
      `read analysis vs go/types: ${corpus.length} packages, ${JSON.stringify(tally)}, precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`,
    );
    expect(precision).toBe(1);
  }, 300_000);

  test('agrees in graph mode: every field of every type of the graph, one verdict per declaration', async () => {
    for (const pkg of GRAPH_CORPUS) {
      const graph = await extractGoGraph({ path: pkg.id, typeName: 'Tree', cwd: work, direction: 'decode' });
      const listed = [...graph.types.values()].flatMap((t) => t.fields.map((field) => ({ type: t.name, field })));
      const evidence = await analyzeGoReads({
        path: pkg.id,
        cwd: work,
        typeName: 'Tree',
        fields: listed.map((l) => l.field),
        strict: false,
      });
      const truth = oracle[pkg.id] ?? {};
      const unread: string[] = [];
      for (const { type, field } of listed) {
        const at = declarationKey(field.location);
        const reads = evidence.byDeclaration.get(at);
        const where = `${pkg.id} ${type}${field.pointer}`;
        if (reads?.status === 'read') {
          expect(truth[at]?.length ?? 0, `${where}: wirepin says read, go/types says not`).toBeGreaterThan(0);
          for (const site of reads.sites) expect(truth[at], where).toContain(declarationKey(site));
        } else {
          expect(reads?.status, where).toBe('unread');
          expect(truth[at] ?? [], `${where}: wirepin says unread, go/types finds reads`).toEqual([]);
          unread.push(`${type}${field.pointer}`);
        }
      }
      expect(listed.length, pkg.id).toBe(11);
      expect(unread, pkg.id).toEqual(pkg.unread);
    }
  }, 300_000);
});
