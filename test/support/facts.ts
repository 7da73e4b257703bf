/**
 * Facts, not sentences. The tables under test/<subject>/tables/ hold what
 * wirepin reports as data: for a finding its rule, severity, place (file,
 * 1-based line and column, JSON pointer), wire field, related place and
 * `data`; for a report its counts, classes and verdict; for an extraction
 * every field; for an error its class, code and place and the names it quotes.
 * Never a message, a label or a hint: wording is pinned once per format by
 * the small goldens (test/fixtures/render, test/fixtures/diff/<case>/expected.*,
 * test/pact/golden), so a change of wording touches those files only.
 *
 * A table is a JSON array, one row per line. It is edited by hand when
 * behaviour changes on purpose: the failing `toEqual` shows the fact that moved.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { WirepinError } from '../../src/errors.js';
import type { ExtractResult } from '../../src/wire.js';
import type { Finding } from '../../src/finding.js';
import type { CliRun, JsonFinding } from './run-cli.js';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export { REPO_ROOT };

/** The sorted entries of a folder of the repository. */
export function listDir(relative: string): string[] {
  return readdirSync(join(REPO_ROOT, relative)).sort();
}

/** One finding as data. `at` is `file:line:column`; `related` the same for the other place. */
export interface FindingFacts {
  readonly rule: string;
  readonly severity: string;
  readonly at: string;
  readonly path: string;
  readonly field?: string;
  readonly related?: string;
  readonly data?: unknown;
}

export function findingFacts(f: Finding | JsonFinding): FindingFacts {
  expectMessageSpeaks(f);
  return {
    rule: f.rule,
    severity: f.severity,
    at: `${f.file}:${f.line}:${f.column}`,
    path: f.path,
    ...(f.field !== undefined ? { field: f.field } : {}),
    ...(f.related ? { related: `${f.related.file}:${f.related.line}:${f.related.column}` } : {}),
    ...(f.data !== undefined ? { data: f.data } : {}),
  };
}

/**
 * What every message must hold, whatever its wording: it is there, it leaks no
 * `undefined`, `NaN` or `[object Object]`, and it names the field it is about.
 * A broken or emptied message template fails here without a sentence pinned.
 */
export function expectMessageSpeaks(f: {
  readonly rule?: string;
  readonly message?: unknown;
  readonly field?: unknown;
  readonly path?: unknown;
}): void {
  const where = `${String(f.rule)} at ${String(f.path)}`;
  expect(typeof f.message, where).toBe('string');
  const message = String(f.message);
  expect(message.trim(), where).not.toBe('');
  expect(message, where).not.toMatch(/undefined|\[object Object\]|NaN/u);
  const last =
    typeof f.field === 'string'
      ? f.field
          .split('.')
          .filter((part) => part !== '*' && part !== '')
          .at(-1)
      : undefined;
  if (last !== undefined) expect(message, `${where} names ${last}`).toContain(last);
}

/** Every finding of a JSON report speaks (see expectMessageSpeaks). */
function expectReportSpeaks(report: unknown): void {
  const findings = (report as { findings?: unknown } | null)?.findings;
  if (Array.isArray(findings)) for (const f of findings) expectMessageSpeaks(f as Record<string, unknown>);
}

/** The names a sentence quotes ("x", `y`): data carried by the wording, kept when the wording is not. */
export function quotedNames(text: string): string[] {
  return [...text.matchAll(/"((?:[^"\\]|\\.)*)"|`([^`]*)`/gu)].map((m) => m[1] ?? m[2] ?? '');
}

/** An error as data: its class, code and place, the names its message quotes, and whether it says what to do. */
export function errorFacts(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { thrown: String(error) };
  const e = error as Error & {
    code?: string;
    location?: { file: string; line: number; column: number };
    hint?: string;
  };
  return {
    error: e.name,
    ...(e.code !== undefined ? { code: e.code } : {}),
    ...(e.location ? { at: `${e.location.file}:${e.location.line}:${e.location.column}` } : {}),
    quoted: quotedNames(e.message),
    hint: e.hint !== undefined && e.hint.trim() !== '',
  };
}

/** The WirepinError a promise rejects with; the test fails when it resolves or rejects with anything else. */
export async function rejectionOf(promise: Promise<unknown>): Promise<WirepinError> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WirepinError);
  return error as WirepinError;
}

const WORDING_KEYS = new Set(['message', 'label', 'hint', 'subject']);

/** A JSON report without its wording: every `message`, `label`, `hint` and `subject` (the report's title line) dropped, at any depth. */
export function withoutWording(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutWording);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !WORDING_KEYS.has(key))
      .map(([key, v]) => [key, withoutWording(v)]),
  );
}

/** Where each `file:line:col: error:` line of stderr points, and the names it quotes; no sentence. */
export function stderrFacts(stderr: string): Array<{ at: string; quoted: string[] }> {
  return stderr
    .split('\n')
    .filter((line) => /(?:^|: )error: /u.test(line))
    .map((line) => {
      const cut = line.indexOf('error: ');
      return { at: line.slice(0, cut).replace(/: $/u, ''), quoted: quotedNames(line.slice(cut)) };
    });
}

/** A CLI run with `--format json` as data: exit code, where stderr points, the report without wording. */
export function cliFacts(args: readonly string[], run: CliRun): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = run.stdout ? JSON.parse(run.stdout) : undefined;
  } catch {
    parsed = { notJson: true };
  }
  expectReportSpeaks(parsed);
  const report = parsed === undefined ? undefined : withoutWording(parsed);
  return {
    args: args.join(' '),
    exit: run.exit,
    ...(run.stderr ? { stderr: stderrFacts(run.stderr) } : {}),
    ...(report !== undefined ? { report } : {}),
  };
}

/** Compares rows with the checked-in table at `path` (relative to the repository root). */
export function expectTable(rows: unknown, path: string): void {
  const text = readFileSync(join(REPO_ROOT, path), 'utf8');
  expect(rows).toEqual(JSON.parse(text));
}

/**
 * Compares one entry of a table keyed by case name (a JSON object, one key per
 * line): for `it.each` suites, where each case checks its own row.
 */
export function expectTableEntry(key: string, value: unknown, path: string): void {
  const table = JSON.parse(readFileSync(join(REPO_ROOT, path), 'utf8')) as Record<string, unknown>;
  expect(Object.hasOwn(table, key), `${path} has no row for ${JSON.stringify(key)}`).toBe(true);
  expect(value).toEqual(table[key]);
}

/** A table's text: a JSON array with one row per line, so a diff shows rows. */
export function tableText(rows: readonly unknown[]): string {
  return rows.length === 0 ? '[]\n' : `[\n${rows.map((row) => JSON.stringify(row)).join(',\n')}\n]\n`;
}

/** An extractor's result, one row each: the root, every field (pointer, JSON name, type, required, place, source type), every opaque place. */
export function extractionRows(result: ExtractResult): string[] {
  const at = (l: { file: string; line: number; column: number }): string => `${l.file}:${l.line}:${l.column}`;
  return [
    `root ${result.root.name} ${at(result.root.location)}`,
    ...result.fields.map(
      (f) =>
        `${f.pointer} [${f.jsonName}] ${JSON.stringify(f.type)} ${f.required ? 'required' : 'optional'} ${at(f.location)} "${f.sourceType}"`,
    ),
    ...result.opaque.map((o) => `opaque ${o.pointer} "${o.typeName}" ${at(o.location)}: ${o.reason}`),
  ];
}
