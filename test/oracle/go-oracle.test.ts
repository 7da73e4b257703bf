/**
 * Differential test of the Go extractor against real encoding/json, both
 * ways: Marshal (the producer's view) and Unmarshal (the consumer's).
 *
 * Every oracle-eligible fixture package, the producer/consumer demo structs
 * and a few hundred structs generated from a seeded PRNG are compiled into one
 * temporary Go module. For each struct the Go program marshals a zero value
 * and a value with every field set (unexported embedded pointers included),
 * and prints the JSON pointers of the output in document order. The test
 * compares them with the extractor: the key sets and their order, which keys
 * a zero value omits (omitempty, embedded pointers), null versus nullable, and
 * the JSON type of each value.
 *
 * The decode half: for every struct, Go takes each top-level key of the
 * filled value's JSON and sends it alone, under that key and its case
 * variants (upper, lower, swapped), into a fresh value, and reports which
 * top-level keys the re-marshalled result changed (the field the key landed
 * in) or the decode error. For integer-valued keys it also reports which of
 * a fixed list of boundary values (int8 … uint64 limits) decode. The
 * extractor's decode model (ExtractRequest.direction "decode" plus Go's
 * case-folding key match) must name the same field, the same errors
 * (through an opaque field) and the same accepted range.
 *
 * Needs `go` on PATH (Go >= 1.18; omitzero needs 1.24, so its fixture is not
 * compared). Run with `npm run test:go-oracle`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { goExtractor } from '../../src/extract/go/index.js';
import type { ExtractResult, WireField, WireType } from '../../src/wire.js';
import { foldGoName } from '../../src/extract/go/fold-name.js';
import { opaqueReasonOf } from '../../src/guards/wire-type-compat.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixturesRoot = path.join(repoRoot, 'test/fixtures/go');

/** Fixture packages Go cannot compile or marshal here, with the reason. */
const NOT_ORACLE_ELIGIBLE: ReadonlyMap<string, string> = new Map([
  ['omitzero', 'omitzero needs Go 1.24; the oracle runs with the Go installed here'],
  ['other-package', 'imports a package that does not exist (GOPROXY=off)'],
  ['syntax-error', 'does not compile by design'],
  ['unsupported-types', 'json.Marshal fails on these types by design'],
]);

const GENERATED_BATCHES = 4;
const STRUCTS_PER_BATCH = 80;
const SEED = 0x5eed_2024;

interface OracleCase {
  /** Go package directory name inside the temporary module. */
  readonly id: string;
  readonly label: string;
  /** Directory with the .go files to copy; the extractor reads the same directory. */
  readonly sourceDir: string;
  readonly typeNames: readonly string[];
}

interface Entry {
  readonly p: string;
  readonly t: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';
}

interface GoResult {
  readonly type: string;
  readonly zero: readonly Entry[] | null;
  readonly full: readonly Entry[] | null;
  readonly error?: string;
}

interface DecodeProbe {
  /** The key sent: a top-level key of the filled value's JSON, or a case variant of it. */
  readonly sent: string;
  /** The top-level key the original value was found under (its value was sent). */
  readonly key: string;
  /** Top-level keys whose value differs from a zero value's after the decode. */
  readonly set: readonly string[] | null;
  readonly error?: string;
}

interface RangeProbe {
  readonly key: string;
  /** The boundary values (decimal) json.Unmarshal accepted for the key. */
  readonly accepted: readonly string[] | null;
}

interface GoDecodeResult {
  readonly type: string;
  readonly probes: readonly DecodeProbe[] | null;
  readonly ranges: readonly RangeProbe[] | null;
  readonly error?: string;
}

/** Integer boundaries the decode oracle sends (mirrored in PROBE_GO). */
const BOUNDARIES = [
  '-9223372036854775808',
  '-2147483649',
  '-2147483648',
  '-32769',
  '-32768',
  '-129',
  '-128',
  '-1',
  '0',
  '127',
  '128',
  '255',
  '256',
  '32767',
  '32768',
  '65535',
  '65536',
  '2147483647',
  '2147483648',
  '4294967295',
  '4294967296',
  '9223372036854775807',
  '9223372036854775808',
  '18446744073709551615',
  '18446744073709551616',
];

let workDir = '';
let cases: OracleCase[] = [];
let goOutput: Record<string, readonly GoResult[]> = {};
let goDecodeOutput: Record<string, readonly GoDecodeResult[]> = {};

beforeAll(() => {
  const version = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (version.error !== undefined || version.status !== 0) {
    throw new Error(
      'The Go oracle needs the `go` command on PATH, and it was not found. ' +
        'Install Go (for example `apt-get install -y golang-go`) and run `npm run test:go-oracle` again.',
    );
  }
  workDir = mkdtempSync(path.join(os.tmpdir(), 'wirepin-go-oracle-'));
  const moduleDir = path.join(workDir, 'module');
  mkdirSync(path.join(moduleDir, 'probe'), { recursive: true });
  writeFileSync(path.join(moduleDir, 'go.mod'), 'module wirepinoracle\n\ngo 1.18\n');
  writeFileSync(path.join(moduleDir, 'probe', 'probe.go'), PROBE_GO);
  writeFileSync(path.join(moduleDir, 'probe', 'decode.go'), DECODE_PROBE_GO);

  cases = [...fixtureCases(), ...demoCases()];
  const random = mulberry32(SEED);
  for (let batch = 0; batch < GENERATED_BATCHES; batch++) {
    const id = `g${batch}`;
    const dir = path.join(workDir, 'generated', id);
    mkdirSync(dir, { recursive: true });
    const generated = generatePackage(random, STRUCTS_PER_BATCH);
    writeFileSync(path.join(dir, 'generated.go'), generated.source);
    cases.push({ id, label: `generated batch ${batch}`, sourceDir: dir, typeNames: generated.typeNames });
  }

  const imports: string[] = [];
  const entries: string[] = [];
  const decodeEntries: string[] = [];
  cases.forEach((oracleCase) => {
    const target = path.join(moduleDir, 'cases', oracleCase.id);
    mkdirSync(target, { recursive: true });
    for (const file of goFiles(oracleCase.sourceDir)) {
      const source = readFileSync(path.join(oracleCase.sourceDir, file), 'utf8');
      writeFileSync(path.join(target, file), source.replace(/^package \w+/m, `package ${oracleCase.id}`));
    }
    const runs = oracleCase.typeNames
      .map((name) => `\t\tprobe.Run(${JSON.stringify(name)}, func() interface{} { return new(${name}) }),`)
      .join('\n');
    const decodes = oracleCase.typeNames
      .map((name) => `\t\tprobe.Decode(${JSON.stringify(name)}, func() interface{} { return new(${name}) }),`)
      .join('\n');
    writeFileSync(
      path.join(target, 'zz_wirepin_oracle.go'),
      `package ${oracleCase.id}\n\nimport "wirepinoracle/probe"\n\n// WirepinOracle marshals every struct of the case.\nfunc WirepinOracle() []probe.Result {\n\treturn []probe.Result{\n${runs}\n\t}\n}\n\n// WirepinDecode unmarshals into every struct of the case.\nfunc WirepinDecode() []probe.DecodeResult {\n\treturn []probe.DecodeResult{\n${decodes}\n\t}\n}\n`,
    );
    imports.push(`\t${oracleCase.id} "wirepinoracle/cases/${oracleCase.id}"`);
    entries.push(`\t\t${JSON.stringify(oracleCase.id)}: ${oracleCase.id}.WirepinOracle(),`);
    decodeEntries.push(`\t\t${JSON.stringify(oracleCase.id)}: ${oracleCase.id}.WirepinDecode(),`);
  });
  writeFileSync(
    path.join(moduleDir, 'main.go'),
    `package main\n\nimport (\n\t"encoding/json"\n\t"os"\n\n\t"wirepinoracle/probe"\n${imports.join('\n')}\n)\n\nfunc main() {\n\tmarshal := map[string][]probe.Result{\n${entries.join('\n')}\n\t}\n\tdecode := map[string][]probe.DecodeResult{\n${decodeEntries.join('\n')}\n\t}\n\tout := map[string]interface{}{"marshal": marshal, "decode": decode}\n\tif err := json.NewEncoder(os.Stdout).Encode(out); err != nil {\n\t\tpanic(err)\n\t}\n}\n`,
  );

  const run = spawnSync('go', ['run', '.'], {
    cwd: moduleDir,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: workDir,
      GOCACHE: path.join(workDir, 'gocache'),
      GOPATH: path.join(workDir, 'gopath'),
      GOFLAGS: '-mod=mod',
      GOPROXY: 'off',
      GOTOOLCHAIN: 'local',
      GO111MODULE: 'on',
      CGO_ENABLED: '0',
    },
  });
  if (run.status !== 0) throw new Error(`go run failed:\n${run.stderr}`);
  const output = JSON.parse(run.stdout) as {
    marshal: Record<string, readonly GoResult[]>;
    decode: Record<string, readonly GoDecodeResult[]>;
  };
  goOutput = output.marshal;
  goDecodeOutput = output.decode;
});

afterAll(() => {
  // WIREPIN_ORACLE_KEEP=1 keeps the generated Go module for debugging (its path is printed).
  if (process.env['WIREPIN_ORACLE_KEEP'] === '1') console.log(`go oracle: kept ${workDir}`);
  else if (workDir !== '') rmSync(workDir, { recursive: true, force: true });
});

describe('Go extractor agrees with encoding/json', () => {
  test('every struct of every case', async () => {
    const mismatches: string[] = [];
    let compared = 0;
    for (const oracleCase of cases) {
      for (const result of goOutput[oracleCase.id] ?? []) {
        const extracted = await goExtractor.extract({
          path: oracleCase.sourceDir,
          typeName: result.type,
          cwd: repoRoot,
        });
        const problems = compare(extracted, result);
        compared++;
        for (const problem of problems) mismatches.push(`${oracleCase.label} ${result.type}: ${problem}`);
      }
      const expected = oracleCase.typeNames.length;
      if ((goOutput[oracleCase.id] ?? []).length !== expected)
        mismatches.push(`${oracleCase.label}: Go reported a different number of structs`);
    }
    console.log(`go oracle: compared ${compared} structs (${cases.length} packages)`);
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(GENERATED_BATCHES * STRUCTS_PER_BATCH);
  });
});

describe('Go extractor decode model agrees with encoding/json Unmarshal', () => {
  test('every key of every struct, with case variants, and integer ranges', async () => {
    const mismatches: string[] = [];
    const counts = { structs: 0, probes: 0, landed: 0, folded: 0, errors: 0, ranges: 0, skipped: 0 };
    for (const oracleCase of cases) {
      for (const result of goDecodeOutput[oracleCase.id] ?? []) {
        const request = { path: oracleCase.sourceDir, typeName: result.type, cwd: repoRoot };
        const decoded = await goExtractor.extract({ ...request, direction: 'decode' });
        const encoded = await goExtractor.extract(request);
        counts.structs++;
        for (const problem of compareDecode(decoded, encoded, result, counts))
          mismatches.push(`${oracleCase.label} ${result.type}: ${problem}`);
      }
      if ((goDecodeOutput[oracleCase.id] ?? []).length !== oracleCase.typeNames.length)
        mismatches.push(`${oracleCase.label}: Go decoded a different number of structs`);
    }
    console.log(`go decode oracle: ${JSON.stringify(counts)}`);
    expect(mismatches).toEqual([]);
    // The comparison is not vacuous: keys landed exactly and by folding, decodes failed, ranges were probed.
    expect(counts.landed).toBeGreaterThan(1000);
    expect(counts.folded).toBeGreaterThan(300);
    expect(counts.errors).toBeGreaterThan(0);
    expect(counts.ranges).toBeGreaterThan(100);
  });
});

function fixtureCases(): OracleCase[] {
  return readdirSync(fixturesRoot)
    .filter((name) => !NOT_ORACLE_ELIGIBLE.has(name))
    .sort()
    .map((name, i) => {
      const sourceDir = path.join(fixturesRoot, name);
      return { id: `f${i}`, label: `fixture ${name}`, sourceDir, typeNames: structNames(sourceDir) };
    });
}

function demoCases(): OracleCase[] {
  return [
    {
      id: 'producer',
      label: 'producer/go',
      sourceDir: path.join(repoRoot, 'producer/go'),
      typeNames: ['cpProvisionRequest', 'WorkspaceDisplayConfig'],
    },
    {
      id: 'consumer',
      label: 'consumer/go',
      sourceDir: path.join(repoRoot, 'consumer/go'),
      typeNames: ['wsProvisionRequest', 'wsDisplay'],
    },
  ];
}

function goFiles(dir: string): string[] {
  return readdirSync(dir).filter((file) => file.endsWith('.go') && !file.endsWith('_test.go'));
}

/** Non-generic struct types declared with `type Name struct` in files that are not build-ignored. */
function structNames(dir: string): string[] {
  const names: string[] = [];
  for (const file of goFiles(dir)) {
    const source = readFileSync(path.join(dir, file), 'utf8');
    if (/^\/\/go:build ignore/m.test(source)) continue;
    for (const match of source.matchAll(/^type\s+([A-Za-z_]\w*)\s+struct\b/gm)) names.push(match[1] as string);
  }
  return names;
}

// ---------------------------------------------------------------------------
// Comparison

interface Observed {
  readonly pointer: string;
  readonly t: Entry['t'];
  readonly field: WireField | undefined;
}

function compare(extracted: ExtractResult, result: GoResult): string[] {
  if (result.error !== undefined || result.zero === null || result.full === null) {
    return [`Go could not marshal it: ${result.error ?? 'no output'}`];
  }
  // A custom marshaller at the root: the extractor claims nothing about the fields.
  if (extracted.opaque.some((ref) => ref.pointer === '')) return [];
  const problems: string[] = [];
  const byPointer = new Map(extracted.fields.map((field) => [field.pointer, field]));
  const opaque = new Set(extracted.opaque.map((ref) => ref.pointer));

  const full = observe(result.full, byPointer, opaque);
  const observedFull = new Set(full.map((entry) => entry.pointer));
  // Every field is set, so every field is sent; only a zero-length array ([0]T, omitempty) stays empty.
  const expectedFull = extracted.fields
    .filter((field) => observedFull.has(field.pointer) || !isAlwaysEmptyCandidate(field))
    .map((field) => field.pointer);
  const actualFull = full.map((entry) => entry.pointer);
  if (JSON.stringify(actualFull) !== JSON.stringify(expectedFull)) {
    problems.push(
      `full value keys differ\n  go:        ${actualFull.join(' ')}\n  extractor: ${expectedFull.join(' ')}`,
    );
  }
  for (const entry of full) {
    if (entry.field !== undefined && !typeMatches(entry.field.type, entry.t, 'full')) {
      problems.push(`full value ${entry.pointer} is ${entry.t}, extractor says ${describeType(entry.field.type)}`);
    }
  }

  const zero = observe(result.zero, byPointer, opaque).filter((entry) => !entry.pointer.includes('/*'));
  const expectedZero = zeroValuePointers(extracted.fields);
  const actualZero = zero.map((entry) => entry.pointer);
  if (JSON.stringify(actualZero) !== JSON.stringify(expectedZero)) {
    problems.push(
      `zero value keys differ\n  go:        ${actualZero.join(' ')}\n  extractor: ${expectedZero.join(' ')}`,
    );
  }
  for (const entry of zero) {
    if (entry.field !== undefined && !typeMatches(entry.field.type, entry.t, 'zero')) {
      problems.push(`zero value ${entry.pointer} is ${entry.t}, extractor says ${describeType(entry.field.type)}`);
    }
  }
  return problems;
}

/**
 * Maps Go's output pointers onto extractor pointers: map keys and array
 * indexes become "*", nothing below an opaque pointer or a leaf is kept, and
 * only object keys (not array items or map values themselves) are listed.
 */
function observe(
  entries: readonly Entry[],
  byPointer: ReadonlyMap<string, WireField>,
  opaque: ReadonlySet<string>,
): Observed[] {
  const seen = new Set<string>();
  const out: Observed[] = [];
  for (const entry of entries) {
    if (entry.p === '') continue;
    const segments = entry.p.slice(1).split('/');
    let pointer = '';
    let type: WireType | undefined = { kind: 'object', nullable: false };
    let field: WireField | undefined;
    let keyStep = false;
    let dropped = false;
    for (const [i, segment] of segments.entries()) {
      if (type === undefined) {
        dropped = true;
        break;
      }
      if (type.kind === 'object') {
        pointer += `/${segment}`;
        field = byPointer.get(pointer);
        type = field?.type;
        keyStep = true;
      } else if (type.kind === 'map' || type.kind === 'array') {
        pointer += '/*';
        type = type.kind === 'map' ? type.values : type.items;
        field = undefined;
        keyStep = false;
      } else {
        dropped = true;
        break;
      }
      if (opaque.has(pointer) && i < segments.length - 1) {
        dropped = true;
        break;
      }
    }
    if (dropped || !keyStep || seen.has(pointer)) continue;
    seen.add(pointer);
    out.push({ pointer, t: entry.t, field });
  }
  return out;
}

/** An omittable, never-null array: a [0]T with omitempty is empty even in a filled value. */
function isAlwaysEmptyCandidate(field: WireField): boolean {
  return field.type.kind === 'array' && !field.type.nullable && !field.required;
}

/** The keys a zero value must have: required fields, and inside non-null objects their required fields. */
function zeroValuePointers(fields: readonly WireField[]): string[] {
  const present = new Set<string>(['']);
  const out: string[] = [];
  for (const field of fields) {
    if (field.pointer.includes('/*')) continue;
    const parent = field.pointer.slice(0, field.pointer.lastIndexOf('/'));
    if (!present.has(parent) || !field.required) continue;
    out.push(field.pointer);
    if (field.type.kind === 'object' && !field.type.nullable) present.add(field.pointer);
  }
  return out;
}

function typeMatches(type: WireType, t: Entry['t'], value: 'zero' | 'full'): boolean {
  if (type.kind === 'any' || type.kind === 'opaque') return true;
  if (t === 'null') return value === 'zero' && type.nullable;
  // In a zero value a nil pointer, map or slice that is not omitted must be null.
  if (value === 'zero' && type.nullable) return false;
  switch (type.kind) {
    case 'string':
      return t === 'string';
    case 'integer':
      return t === 'integer';
    case 'number':
      return t === 'integer' || t === 'number';
    case 'boolean':
      return t === 'boolean';
    case 'object':
    case 'map':
      return t === 'object';
    case 'array':
      return t === 'array';
    case 'null':
      return false;
  }
}

function describeType(type: WireType): string {
  return `${type.kind}${type.nullable ? ' (nullable)' : ''}`;
}

// ---------------------------------------------------------------------------
// Decode comparison

/** The top-level field a key lands in under encoding/json's rule: exact name, else the first case-folded match. */
function landingField(fields: readonly WireField[], key: string): WireField | undefined {
  return (
    fields.find((field) => field.jsonName === key) ??
    fields.find((field) => foldGoName(field.jsonName) === foldGoName(key))
  );
}

/** Whether the extractor makes no claim about the field: it, or something inside it, is opaque. */
function isOpaqueAt(result: ExtractResult, field: WireField): boolean {
  const inside = (pointer: string): boolean => pointer === field.pointer || pointer.startsWith(`${field.pointer}/`);
  if (result.fields.some((f) => inside(f.pointer) && opaqueReasonOf(f.type) !== undefined)) return true;
  return result.opaque.some((ref) => inside(ref.pointer));
}

function compareDecode(
  decoded: ExtractResult,
  encoded: ExtractResult,
  result: GoDecodeResult,
  counts: { probes: number; landed: number; folded: number; errors: number; ranges: number; skipped: number },
): string[] {
  if (result.error !== undefined || result.probes === null || result.ranges === null) {
    // A value Go cannot marshal gives no payload to decode; the marshal oracle reports those.
    return [];
  }
  // A custom (un)marshaller of the whole type: the extractor claims nothing about the fields.
  if (decoded.opaque.some((ref) => ref.pointer === '') || encoded.opaque.some((ref) => ref.pointer === '')) {
    counts.skipped += result.probes.length;
    return [];
  }
  const problems: string[] = [];
  const top = decoded.fields.filter((field) => field.pointer.lastIndexOf('/') === 0);
  const encodedTop = new Map(
    encoded.fields.filter((field) => field.pointer.lastIndexOf('/') === 0).map((field) => [field.jsonName, field]),
  );
  for (const probe of result.probes) {
    counts.probes++;
    // The value sent came from Go's Marshal: under a custom marshaller it says nothing about the decoding structure.
    const source = encodedTop.get(probe.key);
    if (source === undefined || isOpaqueAt(encoded, source)) {
      counts.skipped++;
      continue;
    }
    const landing = landingField(top, probe.sent);
    if (landing !== undefined && isOpaqueAt(decoded, landing)) {
      counts.skipped++;
      if (probe.error !== undefined) counts.errors++;
      continue;
    }
    const expected = landing === undefined ? [] : [landing.jsonName];
    if (probe.error !== undefined) {
      // A case variant that lands in another field than the value came from may not fit that field's type.
      // Go names the field it tried when the type is wrong; other errors (,string, time) name none.
      // UnmarshalTypeError reads "Go struct field <Struct>.<json path from the root> of type ...".
      if (landing !== undefined && landing.jsonName !== probe.key) {
        const named = /Go struct field (.*) of type /.exec(probe.error);
        const fieldPath =
          named === null ? undefined : (named[1] as string).slice((named[1] as string).indexOf('.') + 1);
        if (fieldPath === undefined || fieldPath === landing.jsonName || fieldPath.startsWith(`${landing.jsonName}.`)) {
          counts.errors++;
          if (fieldPath !== undefined) counts.landed++;
          continue;
        }
      }
      problems.push(
        `key ${JSON.stringify(probe.sent)}: Go fails to decode (${probe.error}); the extractor says it lands in ${JSON.stringify(expected)}`,
      );
      continue;
    }
    // A value from another field may decode to this field's zero value (an empty object into a map): nothing shows.
    if (landing !== undefined && landing.jsonName !== probe.key && probe.set?.length === 0) {
      counts.skipped++;
      continue;
    }
    if (JSON.stringify(probe.set) !== JSON.stringify(expected)) {
      problems.push(
        `key ${JSON.stringify(probe.sent)}: Go sets ${JSON.stringify(probe.set)}, the extractor says ${JSON.stringify(expected)}`,
      );
      continue;
    }
    if (landing !== undefined) {
      counts.landed++;
      if (landing.jsonName !== probe.sent) counts.folded++;
    }
  }
  for (const range of result.ranges) {
    const landing = top.find((field) => field.jsonName === range.key);
    const source = encodedTop.get(range.key);
    if (landing === undefined || source === undefined || isOpaqueAt(decoded, landing) || isOpaqueAt(encoded, source))
      continue;
    counts.ranges++;
    const bounds = landing.type.kind === 'integer' ? landing.type.range : undefined;
    const expected =
      bounds === undefined
        ? BOUNDARIES
        : BOUNDARIES.filter((b) => BigInt(b) >= BigInt(bounds.min) && BigInt(b) <= BigInt(bounds.max));
    if (JSON.stringify(range.accepted ?? []) !== JSON.stringify(expected)) {
      problems.push(
        `key ${JSON.stringify(range.key)}: Go accepts ${JSON.stringify(range.accepted)}, the extractor's range is ${bounds === undefined ? 'unbounded' : `${bounds.min}..${bounds.max}`}`,
      );
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------
// Generated structs

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface GeneratedPackage {
  readonly source: string;
  readonly typeNames: readonly string[];
}

const GO_NAMES = ['ID', 'Name', 'Value', 'Kind', 'Count', 'Data', 'X', 'Y', 'Label', 'When'];
const JSON_NAMES = ['id', 'name', 'value', 'kind', 'x', 'y', 'Name', 'ID', 'a b', 'data'];
const SCALARS = [
  'string',
  'int',
  'int64',
  'bool',
  'float64',
  'uint8',
  'time.Duration',
  'int8',
  'int16',
  'int32',
  'uint',
  'uint16',
  'uint32',
  'uint64',
  'uintptr',
];

/**
 * A package of structs S0..Sn (a quarter unexported: sN) where struct i only
 * refers to structs before it, with random embedding (value, pointer, tagged),
 * colliding tag names, omitempty, ,string, "-" and "-," tags, unexported
 * fields, and fields of pointer, slice, array, map, []byte and time types.
 */
function generatePackage(random: () => number, count: number): GeneratedPackage {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (p: number): boolean => random() < p;
  const names: string[] = [];
  const lines = ['package generated', '', 'import "time"', '', 'var _ time.Duration', ''];
  for (let i = 0; i < count; i++) {
    const name = chance(0.25) ? `s${i}` : `S${i}`;
    names.push(name);
    const used = new Set<string>();
    const fields: string[] = [];
    const fieldCount = 2 + Math.floor(random() * 6);
    for (let f = 0; f < fieldCount; f++) {
      const earlier = i > 0 ? (names[Math.floor(random() * i)] as string) : undefined;
      if (earlier !== undefined && !used.has(earlier) && chance(0.3)) {
        used.add(earlier);
        const star = chance(0.4) ? '*' : '';
        const tag = chance(0.2)
          ? ` \`json:"${pick(JSON_NAMES)}${chance(0.3) ? ',omitempty' : ''}"\``
          : chance(0.1)
            ? ' `json:",omitempty"`'
            : chance(0.05)
              ? ' `json:"-"`'
              : '';
        fields.push(`\t${star}${earlier}${tag}`);
        continue;
      }
      let goName = chance(0.1) ? `hidden${f}` : pick(GO_NAMES);
      if (used.has(goName)) goName = `${goName}${f}`;
      used.add(goName);
      const { type, scalar } = randomType(random, pick, chance, earlier);
      fields.push(`\t${goName} ${type}${randomTag(pick, chance, scalar)}`);
    }
    lines.push(`// ${name} is generated.`, `type ${name} struct {`, ...fields, '}', '');
  }
  return { source: lines.join('\n'), typeNames: names };
}

function randomType(
  random: () => number,
  pick: <T>(items: readonly T[]) => T,
  chance: (p: number) => boolean,
  earlier: string | undefined,
): { type: string; scalar: boolean } {
  const roll = random();
  if (earlier !== undefined && roll < 0.25) {
    return {
      type: pick([earlier, `*${earlier}`, `[]${earlier}`, `map[string]${earlier}`, `[]*${earlier}`]),
      scalar: false,
    };
  }
  if (roll < 0.55) {
    const scalar = pick(SCALARS);
    return { type: chance(0.3) ? `*${scalar}` : scalar, scalar: true };
  }
  return {
    type: pick([
      '[]string',
      '[]int',
      '[2]bool',
      'map[string]int',
      'map[int]string',
      '[]byte',
      'time.Time',
      '*time.Time',
      'interface{}',
      'map[string][]string',
      '[3]int8',
      'map[string]uint16',
    ]),
    scalar: false,
  };
}

function randomTag(pick: <T>(items: readonly T[]) => T, chance: (p: number) => boolean, scalar: boolean): string {
  if (chance(0.2)) return '';
  if (chance(0.05)) return ' `json:"-"`';
  if (chance(0.04)) return ' `json:"-,"`';
  const name = chance(0.1) ? (chance(0.5) ? '' : "it's") : pick(JSON_NAMES);
  const options = [chance(0.4) ? 'omitempty' : '', scalar && chance(0.2) ? 'string' : ''].filter(
    (option) => option !== '',
  );
  return ` \`json:"${[name, ...options].join(',')}"\``;
}

// ---------------------------------------------------------------------------
// The Go side: marshal, fill, and list pointers in document order.

const PROBE_GO = `// Package probe marshals values with encoding/json and lists the JSON
// pointers of the output in document order, for the wirepin oracle.
package probe

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unsafe"
)

// Entry is one value of the output: its JSON pointer and its JSON type.
type Entry struct {
	P string \`json:"p"\`
	T string \`json:"t"\`
}

// Result is the output for one struct type.
type Result struct {
	Type  string  \`json:"type"\`
	Zero  []Entry \`json:"zero"\`
	Full  []Entry \`json:"full"\`
	Error string  \`json:"error,omitempty"\`
}

var (
	timeType   = reflect.TypeOf(time.Time{})
	rawType    = reflect.TypeOf(json.RawMessage(nil))
	numberType = reflect.TypeOf(json.Number(""))
	escaper    = strings.NewReplacer("~", "~0", "/", "~1")
)

// Run marshals a zero value and a filled value of the type newValue returns a pointer to.
func Run(name string, newValue func() interface{}) (result Result) {
	result.Type = name
	defer func() {
		if p := recover(); p != nil {
			result.Error = fmt.Sprint(p)
		}
	}()
	zero, err := list(newValue())
	if err != nil {
		result.Error = "zero value: " + err.Error()
		return
	}
	value := newValue()
	fill(reflect.ValueOf(value).Elem(), map[reflect.Type]int{})
	full, err := list(value)
	if err != nil {
		result.Error = "filled value: " + err.Error()
		return
	}
	result.Zero, result.Full = zero, full
	return
}

func list(value interface{}) ([]Entry, error) {
	data, err := json.Marshal(value)
	if err != nil {
		return nil, err
	}
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.UseNumber()
	var entries []Entry
	err = walk(decoder, "", &entries)
	return entries, err
}

func walk(decoder *json.Decoder, pointer string, entries *[]Entry) error {
	token, err := decoder.Token()
	if err != nil {
		return err
	}
	switch value := token.(type) {
	case json.Delim:
		if value == '{' {
			*entries = append(*entries, Entry{pointer, "object"})
			for decoder.More() {
				key, err := decoder.Token()
				if err != nil {
					return err
				}
				if err := walk(decoder, pointer+"/"+escaper.Replace(key.(string)), entries); err != nil {
					return err
				}
			}
		} else {
			*entries = append(*entries, Entry{pointer, "array"})
			for i := 0; decoder.More(); i++ {
				if err := walk(decoder, pointer+"/"+strconv.Itoa(i), entries); err != nil {
					return err
				}
			}
		}
		_, err = decoder.Token()
		return err
	case string:
		*entries = append(*entries, Entry{pointer, "string"})
	case json.Number:
		kind := "integer"
		if strings.ContainsAny(value.String(), ".eE") {
			kind = "number"
		}
		*entries = append(*entries, Entry{pointer, kind})
	case bool:
		*entries = append(*entries, Entry{pointer, "boolean"})
	case nil:
		*entries = append(*entries, Entry{pointer, "null"})
	}
	return nil
}

// fill sets every field, element and pointer to a non-zero value, unexported
// ones included (through unsafe). A struct type is entered at most twice on
// one path, so recursive types stay finite.
func fill(v reflect.Value, onPath map[reflect.Type]int) {
	if !v.CanSet() {
		v = reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
	}
	switch v.Type() {
	case timeType:
		v.Set(reflect.ValueOf(time.Unix(1700000000, 0).UTC()))
		return
	case rawType:
		v.Set(reflect.ValueOf(json.RawMessage("1")))
		return
	case numberType:
		v.SetString("1")
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		v.SetUint(1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(1.5)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), onPath)
		v.Set(p)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(s.Index(0), onPath)
		v.Set(s)
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			fill(v.Index(i), onPath)
		}
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		key := reflect.New(v.Type().Key()).Elem()
		fill(key, onPath)
		value := reflect.New(v.Type().Elem()).Elem()
		fill(value, onPath)
		m.SetMapIndex(key, value)
		v.Set(m)
	case reflect.Struct:
		if onPath[v.Type()] >= 2 {
			return
		}
		onPath[v.Type()]++
		for i := 0; i < v.NumField(); i++ {
			fill(v.Field(i), onPath)
		}
		onPath[v.Type()]--
	case reflect.Interface:
		if v.NumMethod() == 0 {
			v.Set(reflect.ValueOf("x"))
		}
	}
}
`;

const DECODE_PROBE_GO = `package probe

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unsafe"
)

// DecodeProbe is one key sent alone into a fresh value.
type DecodeProbe struct {
	Sent  string   \`json:"sent"\`
	Key   string   \`json:"key"\`
	Set   []string \`json:"set"\`
	Error string   \`json:"error,omitempty"\`
}

// RangeProbe lists the boundary integers json.Unmarshal accepted for a key.
type RangeProbe struct {
	Key      string   \`json:"key"\`
	Accepted []string \`json:"accepted"\`
}

// DecodeResult is the decode output for one struct type.
type DecodeResult struct {
	Type   string        \`json:"type"\`
	Probes []DecodeProbe \`json:"probes"\`
	Ranges []RangeProbe  \`json:"ranges"\`
	Error  string        \`json:"error,omitempty"\`
}

var (
	integerLiteral = regexp.MustCompile(\`^-?[0-9]+$\`)
	boundaries     = []string{${BOUNDARIES.map((b) => `"${b}"`).join(', ')}}
)

// topLevel marshals the value and returns its top-level members.
func topLevel(value interface{}) (map[string]json.RawMessage, error) {
	data, err := json.Marshal(value)
	if err != nil {
		return nil, err
	}
	var members map[string]json.RawMessage
	err = json.Unmarshal(data, &members)
	return members, err
}

func swapCase(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsUpper(r) {
			return unicode.ToLower(r)
		}
		return unicode.ToUpper(r)
	}, s)
}

// allocateEmbedded sets every nil embedded pointer to a struct whose fields are promoted (no json tag name;
// unexported ones through unsafe) to a new zero value.
func allocateEmbedded(v reflect.Value, onPath map[reflect.Type]bool) {
	if v.Kind() != reflect.Struct || onPath[v.Type()] {
		return
	}
	onPath[v.Type()] = true
	defer delete(onPath, v.Type())
	for i := 0; i < v.NumField(); i++ {
		field := v.Type().Field(i)
		if name := strings.Split(field.Tag.Get("json"), ",")[0]; !field.Anonymous || name != "" {
			continue
		}
		f := v.Field(i)
		if !f.CanSet() {
			f = reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
		}
		if f.Kind() == reflect.Pointer && f.Type().Elem().Kind() == reflect.Struct {
			if f.IsNil() {
				f.Set(reflect.New(f.Type().Elem()))
			}
			allocateEmbedded(f.Elem(), onPath)
		} else if f.Kind() == reflect.Struct {
			allocateEmbedded(f, onPath)
		}
	}
}

// Decode sends every top-level key of a filled value, and its case variants, alone into a fresh value.
func Decode(name string, newValue func() interface{}) (result DecodeResult) {
	result.Type = name
	defer func() {
		if p := recover(); p != nil {
			result.Error = fmt.Sprint(p)
		}
	}()
	value := newValue()
	fill(reflect.ValueOf(value).Elem(), map[reflect.Type]int{})
	full, err := topLevel(value)
	if err != nil {
		result.Error = "filled value: " + err.Error()
		return
	}
	zero, err := topLevel(newValue())
	if err != nil {
		result.Error = "zero value: " + err.Error()
		return
	}
	// Decoding a promoted field allocates the embedded pointers on its way, which makes the other fields
	// promoted through them appear (with zero values): compare with a zero value that has them all allocated.
	allocated := newValue()
	allocateEmbedded(reflect.ValueOf(allocated).Elem(), map[reflect.Type]bool{})
	zeroAll, err := topLevel(allocated)
	if err != nil {
		result.Error = "zero value with embedded pointers: " + err.Error()
		return
	}
	keys := make([]string, 0, len(full))
	for key := range full {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	result.Probes, result.Ranges = []DecodeProbe{}, []RangeProbe{}
	for _, key := range keys {
		// A value equal to the zero value's shows nothing when it lands.
		if bytes.Equal(full[key], zero[key]) {
			continue
		}
		seen := map[string]bool{}
		for _, sent := range []string{key, strings.ToUpper(key), strings.ToLower(key), swapCase(key)} {
			if seen[sent] {
				continue
			}
			seen[sent] = true
			probe := DecodeProbe{Sent: sent, Key: key, Set: []string{}}
			payload, _ := json.Marshal(map[string]json.RawMessage{sent: full[key]})
			target := newValue()
			if err := json.Unmarshal(payload, target); err != nil {
				probe.Error = err.Error()
			} else if after, err := topLevel(target); err != nil {
				probe.Error = "re-marshal: " + err.Error()
			} else {
				for member, raw := range after {
					baseline, ok := zeroAll[member]
					if !ok {
						baseline = zero[member]
					}
					if !bytes.Equal(raw, baseline) {
						probe.Set = append(probe.Set, member)
					}
				}
				sort.Strings(probe.Set)
			}
			result.Probes = append(result.Probes, probe)
		}
		if integerLiteral.Match(full[key]) {
			probe := RangeProbe{Key: key, Accepted: []string{}}
			for _, b := range boundaries {
				payload, _ := json.Marshal(map[string]json.RawMessage{key: json.RawMessage(b)})
				if json.Unmarshal(payload, newValue()) == nil {
					probe.Accepted = append(probe.Accepted, b)
				}
			}
			result.Ranges = append(result.Ranges, probe)
		}
	}
	return
}
`;
