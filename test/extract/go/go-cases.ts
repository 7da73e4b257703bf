/**
 * Helpers for the table-driven Go extractor tests in this folder: each case is
 * a small Go package written to its own temporary directory, and what the Go
 * extractor reads from it (every field with its type, requiredness, location
 * and source type; every opaque reference; or the error with its location
 * and hint) is rendered as plain text lines to compare with an expectation.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { goExtractor } from '../../../src/extract/go/index.js';
import { errorFacts } from '../../support/facts.js';

export interface GoCase {
  readonly name: string;
  /** File name → contents (text or bytes); a value `{ symlink: target }` makes a symbolic link; names ending in / make directories. */
  readonly files: Record<string, string | Uint8Array | { readonly symlink: string }>;
  readonly typeName: string | undefined;
  /** Path handed to the extractor, relative to the case directory (default "."). */
  readonly path?: string;
}

export class GoScratch {
  private readonly root = mkdtempSync(join(tmpdir(), 'wirepin-go-kill-'));
  private count = 0;

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  /** Writes the case's files and returns its directory. */
  write(files: GoCase['files']): string {
    const dir = join(this.root, `case-${this.count++}`);
    mkdirSync(dir);
    for (const [name, content] of Object.entries(files)) {
      const target = join(dir, name);
      if (name.endsWith('/')) {
        mkdirSync(target, { recursive: true });
        continue;
      }
      mkdirSync(dirname(target), { recursive: true });
      if (typeof content === 'string' || content instanceof Uint8Array) writeFileSync(target, content);
      else symlinkSync(content.symlink, target);
    }
    return dir;
  }

  /** The extraction result (or error) of one case, one line per field, opaque reference or error. */
  async describe(c: Omit<GoCase, 'name'>): Promise<string[]> {
    const dir = this.write(c.files);
    return extractionRows(dir, c.path ?? '.', c.typeName);
  }
}

export async function extractionRows(cwd: string, path: string, typeName: string | undefined): Promise<string[]> {
  const lines: string[] = [];
  try {
    const result = await goExtractor.extract(typeName === undefined ? { path, cwd } : { path, typeName, cwd });
    const r = result.root;
    lines.push(`root ${r.name} ${r.location.file}:${r.location.line}:${r.location.column}`);
    for (const f of result.fields) {
      const where = `${f.location.file}:${f.location.line}:${f.location.column}`;
      const name = f.jsonName === f.pointer.split('/').at(-1) ? '' : ` name=${JSON.stringify(f.jsonName)}`;
      lines.push(
        `${f.pointer}${name} ${typeText(f.type)} ${f.required ? 'required' : 'optional'} ${where} ${JSON.stringify(f.sourceType)}`,
      );
    }
    for (const o of result.opaque) {
      const where = `${o.location.file}:${o.location.line}:${o.location.column}`;
      lines.push(`opaque ${JSON.stringify(o.pointer)} ${o.typeName} ${where}: ${o.reason}`);
    }
  } catch (error) {
    lines.push(
      ...JSON.stringify(errorFacts(error))
        .trim()
        .split('\n')
        .map((line) => line.trim()),
    );
  }
  return lines;
}

interface TypeLike {
  readonly kind: string;
  readonly nullable: boolean;
  readonly items?: TypeLike;
  readonly values?: TypeLike;
  readonly reason?: string;
}

/** A wire type in short form: `string`, `integer?` (nullable), `array<object>`, `map<any?>?`, `opaque`. */
export function typeText(type: TypeLike): string {
  const inner = type.items ? `<${typeText(type.items)}>` : type.values ? `<${typeText(type.values)}>` : '';
  return `${type.kind}${inner}${type.nullable ? '?' : ''}`;
}
