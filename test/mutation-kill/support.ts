/**
 * Helpers for the mutation-kill suite: these tests pin, in human-readable
 * snapshot files under __snapshots__/, everything wirepin says about the
 * repository's own fixtures (every finding with its message, data and related
 * place; every extracted field; every error). They exist so that a mutant
 * that changes any of it is noticed. After an intended change of wording or
 * behaviour, review and rewrite them with `npx vitest run test/mutation-kill -u`.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExtractResult } from '../../src/wire.js';
import type { Finding } from '../../src/finding.js';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export function listDir(relative: string): string[] {
  return readdirSync(join(REPO_ROOT, relative)).sort();
}

export function isDir(relative: string): boolean {
  return statSync(join(REPO_ROOT, relative)).isDirectory();
}

/** One finding per line block, every field spelled out (JSON for data, so nothing is lost). */
export function describeFinding(f: Finding): string {
  const related = f.related ? `\n    related: ${f.related.label} ${f.related.file}:${f.related.line}:${f.related.column}` : '';
  const data = f.data === undefined ? '' : `\n    data: ${JSON.stringify(f.data)}`;
  return `  ${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule} path=${JSON.stringify(f.path)} field=${JSON.stringify(f.field ?? null)}\n    ${f.message}${related}${data}`;
}

/** An error as the CLI would show it: class, code, location, message and hint. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const e = error as Error & { code?: string; location?: { file: string; line: number; column: number }; hint?: string };
    const where = e.location ? ` at ${e.location.file}:${e.location.line}:${e.location.column}` : '';
    return `  ! ${e.name} ${e.code ?? ''}${where}: ${e.message}${e.hint ? `\n    hint: ${e.hint}` : ''}`;
  }
  return `  ! ${String(error)}`;
}

/** An extractor's result, one line each: the root, every field (pointer, JSON name, type, required, place, source type), every opaque place. */
export function describeExtraction(result: ExtractResult): string[] {
  const at = (l: { file: string; line: number; column: number }): string => `${l.file}:${l.line}:${l.column}`;
  return [
    `root ${result.root.name} ${at(result.root.location)}`,
    ...result.fields.map((f) => `${f.pointer} [${f.jsonName}] ${JSON.stringify(f.type)} ${f.required ? 'required' : 'optional'} ${at(f.location)} "${f.sourceType}"`),
    ...result.opaque.map((o) => `opaque ${o.pointer} "${o.typeName}" ${at(o.location)}: ${o.reason}`),
  ];
}
