import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { locateSource } from '../../src/run/sync-source.js';
import { syncContracts } from '../../src/run/sync-engine.js';
import { MAX_DRIFT_FINDINGS } from '../../src/rules/diff/SYNC_DRIFT.js';
import { runCli } from '../support/run-cli.js';
import { contractFromText, fixturePath, REPO_ROOT } from './fixtures.js';
import { tempDir, tempRepo, type TempRepo } from './git-repo.js';

type Json = Record<string, unknown>;

const SOURCE_TEXT = readFileSync(join(REPO_ROOT, fixturePath('realistic', 'base')), 'utf8');
const source = (): Json => JSON.parse(SOURCE_TEXT) as Json;
const props = (v: Json): Record<string, Json> => v['properties'] as Record<string, Json>;

/** Every object's keys in reverse order: the same contract under canonical JSON. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .reverse()
        .map((k) => [k, reversedKeys((value as Json)[k])]),
    );
  }
  return value;
}

interface SyncJson {
  readonly failed: boolean;
  readonly findings: {
    rule: string;
    class: string | null;
    kind: string;
    field: string | null;
    pointer: string;
    file: string;
    line: number;
    before: string | null;
    after: string | null;
    message: string;
  }[];
}

describe('wirepin sync MIRROR SOURCE', () => {
  let dir: string | undefined;
  let repo: TempRepo | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    repo?.cleanup();
    dir = undefined;
    repo = undefined;
  });

  /** A temp dir with source.contract.json (the realistic base) and a mirror made from it. */
  function files(mirror: unknown, text?: string): string {
    dir = tempDir('wirepin-sync-');
    writeFileSync(join(dir, 'source.contract.json'), SOURCE_TEXT);
    writeFileSync(join(dir, 'mirror.contract.json'), text ?? `${JSON.stringify(mirror, null, 2)}\n`);
    return dir;
  }

  async function sync(
    cwd: string,
    sourceSpec = 'source.contract.json',
  ): Promise<{ exit: number; stderr: string; report: SyncJson }> {
    const run = await runCli(['sync', 'mirror.contract.json', sourceSpec, '--format', 'json'], { cwd: cwd });
    return { exit: run.exit, stderr: run.stderr, report: (run.stdout ? JSON.parse(run.stdout) : {}) as SyncJson };
  }

  it('passes for a reformatted, re-ordered mirror', async () => {
    const cwd = files(undefined, `${JSON.stringify(reversedKeys(source()), null, '\t')}\n`);
    const { exit, report } = await sync(cwd);
    expect(exit).toBe(0);
    expect(report).toMatchObject({ failed: false, findings: [] });
    const text = await runCli(['sync', 'mirror.contract.json', 'source.contract.json'], { cwd: cwd });
    expect(text.stdout).toMatch(/mirror matches the source/u);
  });

  it('fails naming the field when one note differs, with no SYNC_DRIFT', async () => {
    const mirror = source();
    props(mirror)['template_assets'] = {
      ...props(mirror)['template_assets'],
      note: 'cp drops these on decode and falls back to config_files; keep sending until cp reads them.',
    };
    const { exit, report } = await sync(files(mirror));
    expect(exit).toBe(1);
    expect(report.findings.map((f) => [f.rule, f.kind, f.field, f.file])).toEqual([
      ['NOTE_CHANGED', 'changed', 'template_assets', 'mirror.contract.json'],
    ]);
    expect(report.findings[0]?.message).toContain('"template_assets"');
  });

  it("reports SYNC_DRIFT for differences no field change explains: a top-level description, $id, a field's $comment", async () => {
    const mirror = source();
    mirror['description'] = 'Provision a workspace.';
    delete mirror['$id'];
    props(mirror)['disk_gb'] = { ...props(mirror)['disk_gb'], $comment: 'int32 in core' };
    const { exit, report } = await sync(files(mirror));
    expect(exit).toBe(1);
    expect(report.findings.map((f) => [f.rule, f.class, f.kind, f.pointer])).toEqual([
      ['SYNC_DRIFT', null, 'missing', '/$id'],
      ['SYNC_DRIFT', null, 'changed', '/description'],
      ['SYNC_DRIFT', null, 'extra', '/properties/disk_gb/$comment'],
    ]);
    expect(report.findings[1]).toMatchObject({
      line: 4,
      before: '"The body core sends to the control plane to provision a workspace."',
      after: '"Provision a workspace."',
    });
  });

  it('names a changed value constraint as a field change, with no SYNC_DRIFT (diff and sync agree)', async () => {
    const mirror = source();
    props(mirror)['disk_gb'] = { ...props(mirror)['disk_gb'], maximum: 4096 };
    const { exit, report } = await sync(files(mirror));
    expect(exit).toBe(1);
    expect(report.findings.map((f) => [f.rule, f.class, f.kind, f.field])).toEqual([
      ['FIELD_CONSTRAINT_CHANGED', 'needs-both-sides', 'maximum-tightened', 'disk_gb'],
    ]);
  });

  it('a changed value constraint explains only its own keyword: a retitled mirror is still drift', async () => {
    const mirror = source();
    props(mirror)['disk_gb'] = { ...props(mirror)['disk_gb'], maximum: 4096 };
    mirror['title'] = 'ProvisionRequestMirror';
    const { exit, report } = await sync(files(mirror));
    expect(exit).toBe(1);
    expect(report.findings.map((f) => [f.rule, f.kind, f.field ?? f.pointer])).toEqual([
      ['FIELD_CONSTRAINT_CHANGED', 'maximum-tightened', 'disk_gb'],
      ['SYNC_DRIFT', 'changed', '/title'],
    ]);
  });

  it('reports field changes and the drift they leave unexplained together', async () => {
    const mirror = source();
    delete props(mirror)['kind'];
    mirror['title'] = 'ProvisionRequestMirror';
    const { report } = await sync(files(mirror));
    expect(report.findings.map((f) => [f.rule, f.field ?? f.pointer])).toEqual([
      ['FIELD_REMOVED', 'kind'],
      ['SYNC_DRIFT', '/title'],
    ]);
  });

  it("speaks from the mirror's side: a mirror behind its source is told to copy the source, not to stop reading a field", async () => {
    const behind = source();
    delete props(behind)['kind'];
    const lacks = await sync(files(behind));
    expect(lacks.exit).toBe(1);
    expect(lacks.report.findings.map((f) => [f.rule, f.field, f.file])).toEqual([
      ['FIELD_REMOVED', 'kind', 'mirror.contract.json'],
    ]);
    expect(lacks.report.findings[0]?.message).toMatch(
      /^The source of truth has field "kind" that this mirror lacks\. Copy the source over the mirror/u,
    );
    expect(lacks.report.findings[0]?.message).not.toMatch(/Stop reading|\bcp\b|\bcore\b/u);

    const ahead = source();
    props(ahead)['extra_field'] = {
      type: 'string',
      cp_consumes: false,
      note: 'Sent for auditing only; the consumer logs nothing from it.',
    };
    const has = await sync(files(ahead));
    expect(has.report.findings.map((f) => [f.rule, f.field])).toEqual([['FIELD_ADDED', 'extra_field']]);
    expect(has.report.findings[0]?.message).toMatch(
      /^This mirror has field "extra_field" that the source of truth does not\./u,
    );

    const retyped = source();
    props(retyped)['tier'] = { ...props(retyped)['tier'], type: 'string' };
    const differs = await sync(files(retyped));
    expect(differs.report.findings[0]?.message).toMatch(
      /^This mirror's field "tier" differs from the source of truth: the source has integer, the mirror string\./u,
    );
  });

  it('--write replaces a drifted mirror with the source, atomically, and leaves one in sync untouched', async () => {
    const behind = source();
    delete props(behind)['kind'];
    const cwd = files(behind);
    const run = await runCli(['sync', 'mirror.contract.json', 'source.contract.json', '--write', '--format', 'json'], {
      cwd,
    });
    expect(run.exit).toBe(0);
    expect(readFileSync(join(cwd, 'mirror.contract.json'), 'utf8')).toBe(SOURCE_TEXT);
    expect((await sync(cwd)).exit).toBe(0);
    const reordered = `${JSON.stringify(reversedKeys(source()), null, '\t')}\n`;
    writeFileSync(join(cwd, 'mirror.contract.json'), reordered);
    expect((await runCli(['sync', 'mirror.contract.json', 'source.contract.json', '--write'], { cwd })).exit).toBe(0);
    expect(readFileSync(join(cwd, 'mirror.contract.json'), 'utf8')).toBe(reordered);
  });

  it('--write also replaces a mirror that is not JSON, creates a missing one, and refuses a source that does not lint clean', async () => {
    const cwd = files(undefined, '{"broken": \n');
    const broken = await runCli(['sync', 'mirror.contract.json', 'source.contract.json', '--write'], { cwd });
    expect(broken.exit).toBe(0);
    expect(broken.stdout).toContain('copied source.contract.json over mirror.contract.json');
    expect(readFileSync(join(cwd, 'mirror.contract.json'), 'utf8')).toBe(SOURCE_TEXT);
    rmSync(join(cwd, 'mirror.contract.json'));
    expect((await runCli(['sync', 'mirror.contract.json', 'source.contract.json', '--write'], { cwd })).exit).toBe(0);
    expect(readFileSync(join(cwd, 'mirror.contract.json'), 'utf8')).toBe(SOURCE_TEXT);
    writeFileSync(join(cwd, 'bad.contract.json'), '{"title": 1}\n');
    const refused = await runCli(['sync', 'mirror.contract.json', 'bad.contract.json', '--write'], { cwd });
    expect(refused.exit).toBe(2);
    // Like every command handed a contract that does not lint clean: its lint findings, and exit 2.
    expect(refused.stdout).toContain('bad.contract.json (invalid contract; sync --write not run)');
    expect(readFileSync(join(cwd, 'mirror.contract.json'), 'utf8')).toBe(SOURCE_TEXT);
  });

  it('counts a re-ordered "required" as drift: canonical JSON keeps array order', async () => {
    const mirror = source();
    mirror['required'] = [...(mirror['required'] as string[])].reverse();
    const { exit, report } = await sync(files(mirror));
    expect(exit).toBe(1);
    expect(report.findings.map((f) => [f.rule, f.pointer])).toEqual([['SYNC_DRIFT', '/required']]);
  });

  it(`sums up drift beyond ${MAX_DRIFT_FINDINGS} places in one last finding`, () => {
    const mirror = source();
    // A definition's description is prose no field change explains: 30 of them differ.
    const defs = (side: string): Record<string, unknown> =>
      Object.fromEntries(
        Array.from({ length: 30 }, (_, i) => [
          `Extra${String(i).padStart(2, '0')}`,
          { type: 'object', additionalProperties: false, properties: {}, description: `${side} ${i}` },
        ]),
      );
    mirror['$defs'] = defs('mirror');
    const fromSource = source();
    fromSource['$defs'] = defs('source');
    const result = syncContracts(
      contractFromText('source.json', JSON.stringify(fromSource)),
      contractFromText('mirror.json', JSON.stringify(mirror)),
    );
    expect(result.drift).toHaveLength(MAX_DRIFT_FINDINGS + 1);
    expect(result.drift.at(-1)?.data).toMatchObject({ kind: 'more', more: 5 });
  });

  it('exits 2 when a side is missing or does not lint clean', async () => {
    const cwd = files(source());
    expect((await sync(cwd, 'nope.contract.json')).exit).toBe(2);
    const missingMirror = await runCli(['sync', 'gone.contract.json', 'source.contract.json'], { cwd: cwd });
    expect(missingMirror.exit).toBe(2);
    expect(missingMirror.stderr).toContain('gone.contract.json');
    const broken = source();
    props(broken)['template'] = { ...props(broken)['template'], cp_consumes: false };
    writeFileSync(join(cwd, 'mirror.contract.json'), JSON.stringify(broken));
    const invalid = await sync(cwd);
    expect(invalid.exit).toBe(2);
    expect(JSON.stringify(invalid.report)).toContain('DEAD_FIELD_NOTE_MISSING');
  });

  it('reads a git-ref:path source at the ref, not in the working tree', async () => {
    repo = tempRepo();
    repo.write('contracts/x.contract.json', SOURCE_TEXT);
    repo.commitAll('source');
    const changed = source();
    props(changed)['template_assets'] = {
      ...props(changed)['template_assets'],
      description: 'Template assets by path.',
    };
    repo.write('contracts/x.contract.json', JSON.stringify(changed));
    repo.write('mirror.contract.json', `${JSON.stringify(reversedKeys(source()))}\n`);
    expect((await sync(repo.dir, 'main:contracts/x.contract.json')).exit).toBe(0);
    const drifted = await sync(repo.dir, 'contracts/x.contract.json');
    expect(drifted.exit).toBe(1);
    expect(drifted.report.findings.map((f) => [f.rule, f.field])).toEqual([['DESCRIPTION_CHANGED', 'template_assets']]);
    repo.write('mirror.contract.json', JSON.stringify(changed));
    const markdown = await runCli(
      ['sync', 'mirror.contract.json', 'main:contracts/x.contract.json', '--format', 'markdown'],
      { cwd: repo.dir },
    );
    expect(markdown.exit).toBe(1);
    expect(markdown.stdout).toContain('Source: `main:contracts/x.contract.json` · mirror: `mirror.contract.json`');
    expect(markdown.stdout).toContain('#### What the mirror has wrong: `mirror.contract.json`');
  });

  it('exits 2 for a git-ref:path source whose ref or path does not exist, saying both readings failed', async () => {
    repo = tempRepo();
    repo.write('contracts/x.contract.json', SOURCE_TEXT);
    repo.write('mirror.contract.json', SOURCE_TEXT);
    repo.commitAll('source');
    for (const spec of ['main:contracts/missing.contract.json', 'nobranch:contracts/x.contract.json']) {
      const run = await sync(repo.dir, spec);
      expect(run.exit, spec).toBe(2);
      expect(run.stderr).toMatch(/Nor is it a git source/u);
    }
  });
});

describe('locateSource', () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.cleanup());

  it('splits at the first colon only for an existing ref holding the path, and reads everything else as a path', async () => {
    repo = tempRepo();
    repo.write('contracts/x.contract.json', SOURCE_TEXT);
    repo.commitAll('source');
    repo.git('branch', 'C');
    await expect(locateSource(repo.dir, 'main:contracts/x.contract.json')).resolves.toMatchObject({
      kind: 'git',
      path: 'contracts/x.contract.json',
      ref: { name: 'main' },
    });
    for (const spec of [
      'contracts/x.contract.json',
      'main:contracts/missing.json',
      'unknown:contracts/x.contract.json',
      './main:contracts/x.contract.json',
      'C:\\contracts\\x.contract.json',
      'main:',
      ':contracts/x.contract.json',
      '--output=x:contracts/x.contract.json',
    ]) {
      await expect(locateSource(repo.dir, spec), spec).resolves.toEqual({ kind: 'file', path: spec });
    }
  });

  it('reads REF:PATH as a path outside a git repository', async () => {
    const plain = tempDir();
    try {
      await expect(locateSource(plain, 'main:contracts/x.contract.json')).resolves.toEqual({
        kind: 'file',
        path: 'main:contracts/x.contract.json',
      });
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
