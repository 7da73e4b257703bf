/**
 * Pins what each extractor reads from every fixture: every type declared in
 * the Go and TypeScript fixtures (found by a plain regex over the source), and
 * every JSON sample; each field with its type, required flag, location and
 * source spelling, each opaque place with its reason, or the error as data.
 * Tables: test/extract/tables/{go,ts,json}-fixtures.json.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goExtractor } from '../../src/extract/go/index.js';
import { jsonSampleExtractor } from '../../src/extract/json/index.js';
import { tsExtractor } from '../../src/extract/ts/index.js';
import type { ExtractRequest, Extractor } from '../../src/extract/types.js';
import type { ExtractResult } from '../../src/wire.js';
import { errorFacts, expectTable, listDir, REPO_ROOT } from '../support/facts.js';

const isDir = (relative: string): boolean => statSync(join(REPO_ROOT, relative)).isDirectory();

function describeResult(result: ExtractResult): string[] {
  const out = [
    `  root ${result.root.name} ${result.root.location.file}:${result.root.location.line}:${result.root.location.column}`,
  ];
  for (const f of result.fields) {
    out.push(
      `  ${f.pointer} ${JSON.stringify(f.type)} ${f.required ? 'required' : 'optional'} ${f.location.file}:${f.location.line}:${f.location.column} "${f.sourceType}" name=${f.jsonName}`,
    );
  }
  for (const o of result.opaque)
    out.push(
      `  opaque ${o.pointer} ${o.typeName} ${o.location.file}:${o.location.line}:${o.location.column}: ${o.reason}`,
    );
  return out;
}

async function run(extractor: Extractor, request: ExtractRequest, label: string): Promise<string[]> {
  try {
    return [label, ...describeResult(await extractor.extract(request))];
  } catch (error) {
    return [label, JSON.stringify(errorFacts(error))];
  }
}

/** Type names declared in the files of a directory (or one file), in file order. */
function declaredTypes(files: readonly string[], pattern: RegExp): string[] {
  const names: string[] = [];
  for (const file of files) {
    for (const match of readFileSync(join(REPO_ROOT, file), 'utf8').matchAll(pattern)) {
      if (match[1] && !names.includes(match[1])) names.push(match[1]);
    }
  }
  return names;
}

describe('every extraction from the fixtures', () => {
  it('Go: every declared type of every fixture package', async () => {
    const out: string[] = [];
    for (const name of listDir('test/fixtures/go')) {
      const dir = `test/fixtures/go/${name}`;
      const files = isDir(dir)
        ? listDir(dir)
            .filter((f) => f.endsWith('.go'))
            .map((f) => `${dir}/${f}`)
        : [];
      const types = declaredTypes(files, /^type\s+([A-Za-z_]\w*)/gmu);
      for (const typeName of [...types, 'NotDeclaredAnywhere']) {
        out.push(...(await run(goExtractor, { path: dir, typeName, cwd: REPO_ROOT }, `${dir} ${typeName}`)));
      }
    }
    out.push(
      ...(await run(
        goExtractor,
        { path: 'producer/go', typeName: 'cpProvisionRequest', cwd: REPO_ROOT },
        'producer/go cpProvisionRequest',
      )),
    );
    out.push(
      ...(await run(
        goExtractor,
        { path: 'consumer/go', typeName: 'wsProvisionRequest', cwd: REPO_ROOT },
        'consumer/go wsProvisionRequest',
      )),
    );
    expectTable(out, 'test/extract/tables/go-fixtures.json');
  }, 60_000);

  it('TypeScript: every exported interface and type alias of every fixture', async () => {
    const out: string[] = [];
    for (const name of listDir('test/fixtures/ts')) {
      const dir = `test/fixtures/ts/${name}`;
      for (const file of (isDir(dir) ? listDir(dir) : []).filter((f) => f.endsWith('.ts'))) {
        const path = `${dir}/${file}`;
        for (const typeName of declaredTypes([path], /^export\s+(?:interface|type)\s+([A-Za-z_]\w*)/gmu)) {
          out.push(...(await run(tsExtractor, { path, typeName, cwd: REPO_ROOT }, `${path} ${typeName}`)));
        }
      }
    }
    out.push(
      ...(await run(
        tsExtractor,
        { path: 'test/fixtures/ts/basic/types.ts', typeName: 'NotDeclaredAnywhere', cwd: REPO_ROOT },
        'missing type',
      )),
    );
    expectTable(out, 'test/extract/tables/ts-fixtures.json');
  }, 120_000);

  it('JSON samples: every fixture sample', async () => {
    const out: string[] = [];
    for (const name of listDir('test/fixtures/json').filter((n) => n.endsWith('.json'))) {
      const path = `test/fixtures/json/${name}`;
      out.push(...(await run(jsonSampleExtractor, { path, cwd: REPO_ROOT }, path)));
    }
    out.push(
      ...(await run(
        jsonSampleExtractor,
        { path: 'test/fixtures/json/does-not-exist.json', cwd: REPO_ROOT },
        'missing sample',
      )),
    );
    expectTable(out, 'test/extract/tables/json-fixtures.json');
  });
});
