import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { createConfinedHost } from '../../../src/extract/ts/confined-host.js';
import { tsExtractor } from '../../../src/extract/ts/index.js';
import { runCliJson } from '../../support/run-cli.js';

/**
 * The compiler host of the TypeScript extractor and read analysis: every file
 * the compiler pulls in is read bounded, and imports that resolve outside the
 * repository (after symlinks) are not read but reported where they pointed.
 * Each test puts a type outside that would make the field resolve if it were
 * read, so a host that read it would turn the opaque field into an object.
 */
const top = mkdtempSync(join(tmpdir(), 'wirepin-ts-host-'));
afterAll(() => rmSync(top, { recursive: true, force: true }));
const SECRET = 'export interface Secret { token: string }\n';
let n = 0;

function layout(files: Readonly<Record<string, string>>): { repo: string; outside: string } {
  const base = join(top, `case-${(n += 1)}`);
  const repo = join(base, 'repo');
  const outside = join(base, 'outside');
  mkdirSync(join(repo, '.git'), { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, 'secret.ts'), SECRET);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(base, name)), { recursive: true });
    writeFileSync(join(base, name), text);
  }
  return { repo, outside };
}

async function fieldTypes(repo: string, path: string, typeName = 'Req') {
  const result = await tsExtractor.extract({ path, typeName, cwd: repo });
  return {
    fields: result.fields.map((f) => [f.pointer, f.type.kind]),
    opaque: result.opaque.map((o) => [o.pointer, o.typeName, o.reason]),
  };
}

describe('the TypeScript compiler host', () => {
  it('reads an import inside the repository (the good case)', async () => {
    const { repo } = layout({
      'repo/src/secret.ts': SECRET,
      'repo/src/req.ts': "import type { Secret } from './secret';\nexport interface Req { secret: Secret }\n",
    });
    expect(await fieldTypes(repo, 'src/req.ts')).toEqual({
      fields: [
        ['/secret', 'object'],
        ['/secret/token', 'string'],
      ],
      opaque: [],
    });
  });

  it('does not read a relative import that climbs out of the repository, and says where it pointed', async () => {
    const { repo, outside } = layout({
      'repo/src/req.ts':
        "import type { Secret } from '../../outside/secret';\nexport interface Req { id: string; secret: Secret }\n",
    });
    const { fields, opaque } = await fieldTypes(repo, 'src/req.ts');
    expect(fields).toEqual([
      ['/id', 'string'],
      ['/secret', 'opaque'],
    ]);
    expect(opaque).toHaveLength(1);
    expect(opaque[0]?.slice(0, 2)).toEqual(['/secret', 'Secret']);
    expect(opaque[0]?.[2]).toContain('"../../outside/secret" points to ../outside/secret.ts');
    expect(opaque[0]?.[2]).toContain(`${join(outside, 'secret.ts')}, outside the repository`);
  });

  it('does not follow a symlink inside the repository that leads out of it', async () => {
    const { repo, outside } = layout({
      'repo/src/req.ts': "import type { Secret } from './link';\nexport interface Req { secret: Secret }\n",
    });
    symlinkSync(join(outside, 'secret.ts'), join(repo, 'src', 'link.ts'));
    const { fields, opaque } = await fieldTypes(repo, 'src/req.ts');
    expect(fields).toEqual([['/secret', 'opaque']]);
    expect(opaque[0]?.[2]).toContain('"./link" points to src/link.ts');
    expect(opaque[0]?.[2]).toContain('outside the repository');
  });

  it('does not read a package from a node_modules above the repository, but reads one inside it', async () => {
    const { repo } = layout({
      'node_modules/above/index.d.ts': SECRET,
      'repo/node_modules/inside/index.d.ts': SECRET,
      'repo/src/req.ts':
        "import type { Secret as A } from 'above';\nimport type { Secret as B } from 'inside';\nexport interface Req { a: A; b: B }\n",
    });
    const { fields, opaque } = await fieldTypes(repo, 'src/req.ts');
    expect(fields).toEqual([
      ['/a', 'opaque'],
      ['/b', 'object'],
      ['/b/token', 'string'],
    ]);
    expect(opaque[0]?.[2]).toContain('its import "above" points to ../node_modules/above/index.d.ts');
  });

  it('explains an unread import written next to a local type, past the local one', async () => {
    const { repo } = layout({
      'repo/src/req.ts':
        "import type { Secret } from '../../outside/secret';\ninterface Local { x: string }\nexport interface Req { both: Local | Secret }\n",
    });
    const { fields, opaque } = await fieldTypes(repo, 'src/req.ts');
    expect(fields).toEqual([['/both', 'opaque']]);
    expect(opaque[0]?.slice(0, 2)).toEqual(['/both', 'Local | Secret']);
    expect(opaque[0]?.[2]).toContain('its import "../../outside/secret" points to ../outside/secret.ts');
  });

  it('reports an unread base type as an opaque place instead of dropping the fields it adds', async () => {
    const { repo } = layout({
      'repo/src/req.ts':
        "import type { Secret } from '../../outside/secret';\nexport interface Req extends Secret { id: string }\n",
    });
    const { fields, opaque } = await fieldTypes(repo, 'src/req.ts');
    expect(fields).toEqual([['/id', 'string']]);
    expect(opaque.map((o) => o.slice(0, 2))).toEqual([['', 'Secret']]);
    expect(opaque[0]?.[2]).toContain(
      'its base type "Secret" does not resolve (its import "../../outside/secret" points to',
    );
  });

  it('reads a file named on the command line outside the repository, with its own relative imports', async () => {
    const { repo } = layout({
      'outside/req.ts': "import type { Secret } from './secret';\nexport interface Req { secret: Secret }\n",
    });
    expect(await fieldTypes(repo, '../outside/req.ts')).toEqual({
      fields: [
        ['/secret', 'object'],
        ['/secret/token', 'string'],
      ],
      opaque: [],
    });
  });

  it('pin names the unread import in SOURCE_TYPE_UNRESOLVED and exits 1', async () => {
    const { repo } = layout({
      'repo/src/req.ts':
        "import type { Secret } from '../../outside/secret';\nexport interface Req { secret: Secret }\n",
    });
    writeFileSync(
      join(repo, 'req.contract.json'),
      JSON.stringify({
        title: 'Req',
        endpoint: 'POST /r',
        producer: { name: 'shop', repo: 'shop', type: 'Req' },
        consumer: { name: 'billing', repo: 'billing', type: 'Req' },
        type: 'object',
        additionalProperties: false,
        required: ['secret'],
        properties: {
          secret: {
            type: 'object',
            cp_consumes: true,
            additionalProperties: false,
            required: ['token'],
            properties: { token: { type: 'string', cp_consumes: true } },
          },
        },
      }),
    );
    const run = await runCliJson(['pin', '--contract', 'req.contract.json', '--ts', 'src/req.ts', '--type', 'Req'], {
      cwd: repo,
    });
    expect(run.findings.map((f) => [f.rule, f.field, f.data?.pointer])).toEqual([
      ['SOURCE_TYPE_UNRESOLVED', 'secret', '/secret'],
    ]);
    expect(String(run.findings[0]?.data?.reason)).toContain('outside the repository');
    expect(run.exit).toBe(1);
  });

  describe('reads bounded', () => {
    const options: ts.CompilerOptions = { lib: ['lib.es5.d.ts'], types: [], noEmit: true };

    it('refuses a file over the size limit, counted while reading', () => {
      const { repo } = layout({ 'repo/node_modules/big/index.d.ts': `${SECRET}${' '.repeat(2000)}` });
      const file = join(repo, 'node_modules', 'big', 'index.d.ts');
      const small = createConfinedHost(ts, options, { cwd: repo, named: [], maxBytes: 1024 });
      expect(small.host.getSourceFile(file, ts.ScriptTarget.Latest)).toBeUndefined();
      expect(small.refused.get(file)).toContain('1024-byte limit');
      const large = createConfinedHost(ts, options, { cwd: repo, named: [], maxBytes: 4096 });
      expect(large.host.getSourceFile(file, ts.ScriptTarget.Latest)?.text).toContain('Secret');
    });

    it('refuses a symlink to /dev/zero and a FIFO on the opened descriptor, without hanging', () => {
      const { repo } = layout({});
      symlinkSync('/dev/zero', join(repo, 'zero.ts'));
      execFileSync('mkfifo', [join(repo, 'pipe.ts')]);
      // Named, so it is not refused for leading outside: the descriptor check refuses it.
      const confined = createConfinedHost(ts, options, { cwd: repo, named: [join(repo, 'zero.ts')] });
      expect(confined.host.getSourceFile(join(repo, 'zero.ts'), ts.ScriptTarget.Latest)).toBeUndefined();
      expect(confined.host.readFile(join(repo, 'pipe.ts'))).toBeUndefined();
      expect(confined.refused.get(join(repo, 'zero.ts'))).toContain('is a character device, not a regular file');
      expect(confined.host.getSourceFile(join(repo, 'pipe.ts'), ts.ScriptTarget.Latest)).toBeUndefined();
      expect(confined.refused.get(join(repo, 'pipe.ts'))).toContain('is a FIFO (named pipe), not a regular file');
    });

    it('refuses invalid UTF-8 instead of reading it lossily', () => {
      const { repo } = layout({});
      writeFileSync(join(repo, 'latin1.ts'), Buffer.from([0x2f, 0x2f, 0xe9, 0x0a]));
      const confined = createConfinedHost(ts, options, { cwd: repo, named: [] });
      expect(confined.host.getSourceFile(join(repo, 'latin1.ts'), ts.ScriptTarget.Latest)).toBeUndefined();
      expect(confined.refused.get(join(repo, 'latin1.ts'))).toContain('not valid UTF-8');
    });

    it("reads the compiler's own lib files, outside the repository", () => {
      const { repo } = layout({});
      const confined = createConfinedHost(ts, options, { cwd: repo, named: [] });
      expect(confined.host.getSourceFile(ts.getDefaultLibFilePath(options), ts.ScriptTarget.Latest)).toBeDefined();
      expect(confined.refused.size).toBe(0);
    });
  });
});
