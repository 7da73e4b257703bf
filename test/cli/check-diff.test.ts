import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../diff/git-repo.js';
import { runCli, runCliJson } from '../support/run-cli.js';

/**
 * `wirepin check` classifies the branch's contract changes against the base
 * ref configured in wirepin.yaml, when it runs in CI (CI=true).
 */
const FILES = [
  'contracts/provision_request.contract.json',
  'producer/go/cp_provision_request.go',
  'producer/go/workspace_display.go',
  'consumer/go/ws_provision_request.go',
  'consumer/go/provision.go',
  'schemas/provision_request.schema.json',
  'producer/provision_request.types.ts',
  'consumer/provision_request.types.ts',
];

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

function repository(): TempRepo {
  const r = tempRepo();
  for (const file of FILES) r.copy(file, file);
  r.write('wirepin.yaml', `${readFileSync('wirepin.yaml', 'utf8')}diff:\n  against: main\n  failOn: breaking\n`);
  r.commitAll('base');
  r.git('checkout', '-q', '-b', 'feature');
  return r;
}

describe('wirepin check with diff.against', () => {
  it('passes in CI when the branch changes nothing', async () => {
    repo = repository();
    const run = await runCli(['check'], { cwd: repo.dir, env: { CI: 'true' } });
    expect(run.stdout).toContain('diff against main');
    expect(run.exit).toBe(0);
  });

  it('fails in CI on a breaking contract change, and only mentions the diff outside CI', async () => {
    repo = repository();
    const path = 'contracts/provision_request.contract.json';
    const contract = JSON.parse(readFileSync(`${repo.dir}/${path}`, 'utf8')) as {
      properties: Record<string, { description?: string }>;
    };
    // A description-only change is safe: the diff reports it as a notice.
    contract.properties['kind'] = { ...contract.properties['kind'], description: 'Changed.' };
    repo.write(path, `${JSON.stringify(contract, null, 2)}\n`);
    await runCli(['generate'], { cwd: repo.dir });
    const safe = await runCliJson(['check'], { cwd: repo.dir, env: { CI: 'true' } });
    expect(safe.findings.map((f) => f.rule)).toContain('DESCRIPTION_CHANGED');

    const breaking = JSON.parse(readFileSync(`${repo.dir}/${path}`, 'utf8')) as { required: string[] };
    breaking.required.push('kind');
    repo.write(path, `${JSON.stringify(breaking, null, 2)}\n`);
    await runCli(['generate'], { cwd: repo.dir });
    const inCi = await runCli(['check', '--format', 'json'], { cwd: repo.dir, env: { CI: 'true' } });
    const rules = (JSON.parse(inCi.stdout) as { findings: Array<{ rule: string }> }).findings.map((f) => f.rule);
    expect(rules).toContain('FIELD_REQUIRED_CHANGED');
    expect(inCi.exit).toBe(1);

    const local = await runCli(['check'], { cwd: repo.dir, env: {} });
    expect(local.stdout).toContain('runs in CI (CI=true)');
    expect(local.stdout).not.toContain('FIELD_REQUIRED_CHANGED');
  });

  it('with failOn: needs-both-sides, the summary line of a failing check counts the change that failed it', async () => {
    repo = tempRepo();
    for (const file of FILES) repo.copy(file, file);
    // The producer's side only: a dead field turning consumed is needs-both-sides, and the pin still holds.
    repo.write(
      'wirepin.yaml',
      'version: 1\ncontracts:\n  - contract: contracts/provision_request.contract.json\n    producer: { go: producer/go, type: cpProvisionRequest }\ndiff:\n  against: main\n  failOn: needs-both-sides\n',
    );
    repo.commitAll('base');
    repo.git('checkout', '-q', '-b', 'feature');
    const path = 'contracts/provision_request.contract.json';
    const contract = JSON.parse(readFileSync(`${repo.dir}/${path}`, 'utf8')) as {
      properties: Record<string, Record<string, unknown>>;
    };
    const assets: Record<string, unknown> = { ...contract.properties['template_assets'], cp_consumes: true };
    delete assets['note'];
    contract.properties['template_assets'] = assets;
    repo.write(path, `${JSON.stringify(contract, null, 2)}\n`);
    await runCli(['generate'], { cwd: repo.dir });
    const run = await runCliJson(['check'], { cwd: repo.dir, env: { CI: 'true' } });
    expect(run.exit).toBe(1);
    expect(run.findings.map((f) => [f.rule, f.severity, f.data?.['class']])).toEqual([
      ['CONSUMES_FLIPPED', 'error', 'needs-both-sides'],
    ]);
    const text = await runCli(['check'], { cwd: repo.dir, env: { CI: 'true' } });
    expect(text.stdout).toMatch(/✖ check: 1 error, 0 warnings \(.*fail on needs-both-sides\)/u);
    // Under the default failOn (breaking) the same change is a warning and the run passes.
    repo.write(
      'wirepin.yaml',
      readFileSync(`${repo.dir}/wirepin.yaml`, 'utf8').replace('failOn: needs-both-sides', 'failOn: breaking'),
    );
    const lenient = await runCliJson(['check'], { cwd: repo.dir, env: { CI: 'true' } });
    expect(lenient.exit).toBe(0);
    expect(lenient.findings.map((f) => [f.rule, f.severity])).toEqual([['CONSUMES_FLIPPED', 'warning']]);
  });
});
