import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { judgeContract } from '../../src/contract/usable.js';
import { analyzeContractText } from '../../src/run/analyze.js';
import { runCli, runCliJson } from '../support/run-cli.js';
import { tempRepo, type TempRepo } from './git-repo.js';

const GOOD = readFileSync('contracts/provision_request.contract.json', 'utf8');
const NOTE = /"note": "The deployed cp has no template_assets[^"]*"/u;
/** The shipped contract with its dead field's note replaced by a placeholder: DEAD_FIELD_NOTE_MISSING, an error. */
const BROKEN = GOOD.replace(NOTE, '"note": "TODO"');
const FILE = 'contracts/provision_request.contract.json';

let repo: TempRepo;
beforeEach(() => {
  repo = tempRepo();
});
afterEach(() => repo.cleanup());

describe('diff --against a base that does not lint', () => {
  it('judgeContract: a base with lint errors is usable, its errors handed back as context; a head is not', () => {
    const analyzed = analyzeContractText({ file: FILE, text: BROKEN });
    expect(judgeContract(analyzed).usable).toBe(false);
    const base = judgeContract(analyzed, 'base');
    expect(base.usable).toBe(true);
    expect(base.usable && base.context.map((f) => [f.rule, f.path])).toEqual([
      ['DEAD_FIELD_NOTE_MISSING', '/properties/template_assets/note'],
    ]);
    expect(judgeContract(analyzeContractText({ file: FILE, text: GOOD }), 'base')).toMatchObject({
      usable: true,
      context: [],
    });
  });

  it('the pull request that fixes the base is diffed and passes; the base problem is shown as context', async () => {
    repo.write(FILE, BROKEN);
    repo.commitAll('base with a placeholder note');
    repo.write(FILE, GOOD);
    const run = await runCliJson(['diff', '--against', 'main'], { cwd: repo.dir });
    expect(run.exit).toBe(0);
    const text = await runCli(['diff', '--against', 'main'], { cwd: repo.dir });
    expect(text.exit).toBe(0);
    expect(text.stdout).toMatch(
      /base already had: main:contracts\/provision_request\.contract\.json:\d+:\d+: DEAD_FIELD_NOTE_MISSING/u,
    );
  });

  it('a later pull request with a breaking change still fails on the change (exit 1), not on the base (exit 2)', async () => {
    repo.write(FILE, BROKEN);
    repo.commitAll('base with a placeholder note');
    repo.write(FILE, BROKEN.replace('"runtime", "tier"', '"runtime"'));
    expect(BROKEN).toContain('"runtime", "tier"');
    // The head still has the base's placeholder note, so it does not lint: exit 2 is about the head.
    expect((await runCli(['diff', '--against', 'main'], { cwd: repo.dir })).exit).toBe(2);
    repo.write(FILE, GOOD.replace('"runtime", "tier"', '"runtime"'));
    const run = await runCliJson(['diff', '--against', 'main', '--fail-on', 'any'], { cwd: repo.dir });
    expect(run.exit).toBe(1);
    expect(run.findings.map((f) => f.rule)).toContain('FIELD_REQUIRED_CHANGED');
    expect(run.findings.map((f) => f.rule)).not.toContain('DEAD_FIELD_NOTE_MISSING');
  });

  it('a head that does not lint still exits 2 with its findings', async () => {
    repo.write(FILE, GOOD);
    repo.commitAll('good base');
    repo.write(FILE, BROKEN);
    const run = await runCliJson(['diff', '--against', 'main'], { cwd: repo.dir });
    expect(run.exit).toBe(2);
    expect(run.findings.map((f) => f.rule)).toEqual(['DEAD_FIELD_NOTE_MISSING']);
  });
});
