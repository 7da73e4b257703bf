import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, mkdtempSync, mkdirSync, cpSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ACTION_CHECKOUT,
  REPO_ROOT,
  actionArgs,
  isRecord,
  lineCount,
  list,
  loadYaml,
  locateStep,
  parseOutputs,
  parseYaml,
  record,
  reusableWorkflowPath,
  runAction,
  runnerDir,
  yamlBlocks,
  type Yaml,
} from './action-harness.js';

/**
 * The composite action, the reusable workflows, this repository's CI and the
 * adoption examples: their structure, their references to inputs, secrets and
 * steps, how they pin what they use, and the script the action runs.
 */

const ACTION = 'action.yml';
const REUSABLE = [
  '.github/workflows/producer-pin.yml',
  '.github/workflows/consumer-completeness.yml',
  '.github/workflows/contract-review.yml',
];
const EXAMPLES = ['examples/core/.github/workflows/wirepin.yml', 'examples/cp/.github/workflows/wirepin.yml'];
const README_FILES = ['README.md', 'examples/README.md'];

function workflowFiles(): string[] {
  const own = readdirSync(join(REPO_ROOT, '.github/workflows'))
    .filter((f) => /\.ya?ml$/u.test(f))
    .map((f) => `.github/workflows/${f}`);
  return [...own, ...EXAMPLES].sort();
}

/** Workflows written as README snippets: each ```yaml block that calls wirepin. */
function readmeWorkflows(): Array<{ name: string; text: string; doc: Yaml }> {
  return README_FILES.filter((f) => existsSync(join(REPO_ROOT, f))).flatMap((file) =>
    yamlBlocks(readFileSync(join(REPO_ROOT, file), 'utf8'))
      .filter((b) => b.text.includes('wirepin/wirepin'))
      .map((b) => ({ name: `${file}:${b.line}`, text: b.text, doc: parseYaml(b.text, `${file}:${b.line}`) })),
  );
}

/** Every workflow this repository ships or documents, parsed. */
function allWorkflows(): Array<{ name: string; doc: Yaml }> {
  return [...workflowFiles().map((f) => ({ name: f, doc: loadYaml(f) })), ...readmeWorkflows()];
}

/** Every string in a parsed YAML value, with where it is. */
function strings(value: unknown, at = ''): Array<{ at: string; text: string }> {
  if (typeof value === 'string') return [{ at, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${at}[${i}]`));
  if (isRecord(value)) return Object.entries(value).flatMap(([k, v]) => strings(v, at ? `${at}.${k}` : k));
  return [];
}

/** The names `context.NAME` refers to in expressions (`${{ }}`, and `if:` values, which may omit the braces). */
function references(value: unknown, context: string): Array<{ at: string; name: string }> {
  const pattern = new RegExp(`(?<![\\w.-])${context}\\.([A-Za-z_][\\w-]*)`, 'gu');
  return strings(value).flatMap(({ at, text }) => {
    const expressions = /(^|\.)if$/u.test(at)
      ? [text]
      : [...text.matchAll(/\$\{\{(.*?)\}\}/gsu)].map((m) => m[1] ?? '');
    return expressions.flatMap((e) => [...e.matchAll(pattern)].map((m) => ({ at, name: m[1] as string })));
  });
}

function steps(job: Yaml, where: string): Yaml[] {
  return list(job['steps'], `${where}.steps`).map((s, i) => record(s, `${where}.steps[${i}]`));
}

function jobs(doc: Yaml): Array<[string, Yaml]> {
  return Object.entries(record(doc['jobs'], 'jobs')).map(([id, job]) => [id, record(job, `jobs.${id}`)]);
}

/** Every `uses:` value in a workflow or action, with where it is. */
function usesOf(doc: Yaml): Array<{ at: string; uses: string }> {
  return strings(doc)
    .filter((s) => /(^|\.)uses$/u.test(s.at))
    .map((s) => ({ at: s.at, uses: s.text }));
}

const actionInputs = (): Yaml => record(loadYaml(ACTION)['inputs'], 'action inputs');

describe('action.yml', () => {
  const action = loadYaml(ACTION);

  it('is a composite action with a name, a description, documented inputs and outputs', () => {
    expect(typeof action['name']).toBe('string');
    expect(typeof action['description']).toBe('string');
    expect(record(action['runs'], 'runs')['using']).toBe('composite');
    const inputs = actionInputs();
    expect(Object.keys(inputs).sort()).toEqual(
      [
        'command',
        'contract',
        'mirror',
        'source',
        'go',
        'ts',
        'json',
        'type',
        'base-ref',
        'format',
        'fail-on',
        'config',
        'working-directory',
        'node-version',
        'wirepin-version',
        'package',
        'wirepin-repository',
      ].sort(),
    );
    for (const [name, spec] of Object.entries(inputs)) {
      const s = record(spec, name);
      expect(String(s['description'] ?? '').length, name).toBeGreaterThan(20);
      expect('default' in s, `${name} has a default`).toBe(true);
    }
    expect(record(inputs['format'], 'format')['default']).toBe('github');
    expect(record(inputs['node-version'], 'node-version')['default']).toBe('20');
    const outputs = record(action['outputs'], 'outputs');
    expect(Object.keys(outputs).sort()).toEqual(['exit-code', 'report']);
    for (const [name, spec] of Object.entries(outputs))
      expect(record(spec, name)['value']).toBe(`\${{ steps.run.outputs.${name} }}`);
  });

  it('sets up Node, locates wirepin, restores its install from the cache, installs it, then runs ONE bash step: the script', () => {
    const all = steps(record(action['runs'], 'runs'), 'runs');
    expect(all.map((s) => s['uses'] ?? s['name'])).toEqual([
      'actions/setup-node@v4',
      'Locate wirepin',
      'actions/cache@v4',
      'Install wirepin',
      'Run wirepin',
    ]);
    for (const step of all.filter((s) => 'run' in s)) expect(step['shell'], String(step['name'])).toBe('bash');
    expect(all[1]?.['run']).toBe('bash "$GITHUB_ACTION_PATH/scripts/action-install.sh" locate');
    expect(all[2]?.['with']).toEqual({
      path: '${{ steps.locate.outputs.dir }}',
      key: '${{ steps.locate.outputs.key }}',
    });
    expect(all[3]?.['run']).toBe('bash "$GITHUB_ACTION_PATH/scripts/action-install.sh" install');
    expect(JSON.stringify(all)).not.toContain('npm ci');
    expect(all[4]?.['run']).toBe('bash "$GITHUB_ACTION_PATH/scripts/action-run.sh"');
  });

  it('hands every input but the install ones to the script through env, each under its INPUT_ name, and the located CLI', () => {
    const all = steps(record(action['runs'], 'runs'), 'runs');
    const env = record(all[4]?.['env'], 'env');
    const install = ['node-version', 'working-directory', 'package', 'wirepin-repository'];
    const expected = Object.keys(actionInputs())
      .filter((n) => !install.includes(n))
      .map((n) => [`INPUT_${n.toUpperCase().replaceAll('-', '_')}`, `\${{ inputs.${n} }}`]);
    expect(Object.entries(env).sort()).toEqual(
      [...expected, ['WIREPIN_CLI', '${{ steps.locate.outputs.cli }}']].sort(),
    );
    for (const step of [all[1], all[3]]) {
      expect(record(step?.['env'], 'install env')).toEqual({
        INPUT_PACKAGE: '${{ inputs.package }}',
        INPUT_WIREPIN_REPOSITORY: '${{ inputs.wirepin-repository }}',
      });
    }
  });
});

describe('the reusable workflows', () => {
  it.each(REUSABLE)('%s declares on.workflow_call with typed, described inputs, and uses every one', (file) => {
    const doc = loadYaml(file);
    expect(Object.keys(record(doc['on'], 'on'))).toEqual(['workflow_call']);
    const inputs = record(record(record(doc['on'], 'on')['workflow_call'], 'workflow_call')['inputs'], 'inputs');
    const used = new Set(references(doc['jobs'], 'inputs').map((r) => r.name));
    for (const [name, spec] of Object.entries(inputs)) {
      const s = record(spec, name);
      expect(['string', 'boolean', 'number'], `${name}.type`).toContain(s['type']);
      expect(String(s['description'] ?? '').length, `${name}.description`).toBeGreaterThan(10);
      expect(s['required'] === true || 'default' in s, `${name} is required or has a default`).toBe(true);
      expect(used.has(name), `${name} is used`).toBe(true);
    }
    expect(inputs['wirepin-ref']).toMatchObject({ required: true });
  });

  it.each(REUSABLE)('%s checks wirepin out at wirepin-ref and runs the action from there', (file) => {
    const [[, job]] = jobs(loadYaml(file)) as [[string, Yaml]];
    const all = steps(job, file);
    const checkout = all.find((s) => record(s['with'] ?? {}, 'with')['path'] === ACTION_CHECKOUT.slice(2));
    expect(checkout?.['uses']).toMatch(/^actions\/checkout@/u);
    expect(checkout?.['with']).toMatchObject({
      repository: '${{ inputs.wirepin-repository }}',
      ref: '${{ inputs.wirepin-ref }}',
    });
    expect(all.filter((s) => s['uses'] === ACTION_CHECKOUT).length).toBeGreaterThan(0);
    expect(job['env']).toMatchObject({
      WIREPIN_DOCS_URL: 'https://github.com/${{ inputs.wirepin-repository }}/blob/${{ inputs.wirepin-ref }}/docs/rules',
    });
  });

  it('contract-review asks for exactly contents: read and pull-requests: write, and updates one marked comment', () => {
    const doc = loadYaml('.github/workflows/contract-review.yml');
    const [[, job]] = jobs(doc) as [[string, Yaml]];
    expect(job['permissions']).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(doc['permissions']).toBeUndefined();
    const all = steps(job, 'contract-review');
    const diff = all.find((s) => s['id'] === 'diff');
    expect(diff?.['with']).toMatchObject({ command: 'diff', 'base-ref': 'origin/${{ github.base_ref }}' });
    const comment = all.find((s) => String(s['uses']).startsWith('actions/github-script@'));
    expect(comment?.['if']).toContain('!cancelled()');
    expect(comment?.['env']).toEqual({ REPORT: '${{ steps.diff.outputs.report }}' });
    const script = String(record(comment?.['with'], 'with')['script']);
    expect(script).toContain('<!-- wirepin-contract-review -->');
    expect(script).toContain('updateComment');
    expect(script).toContain('createComment');
    expect(script).toContain('process.env.REPORT');
  });

  it('producer-pin and consumer-completeness check the source of truth out where contract-source says', () => {
    for (const file of REUSABLE.slice(0, 2)) {
      const [[, job]] = jobs(loadYaml(file)) as [[string, Yaml]];
      const checkout = steps(job, file).find(
        (s) => record(s['with'] ?? {}, 'with')['repository'] === '${{ inputs.contracts-repository }}',
      );
      expect(checkout?.['with']).toMatchObject({ path: '.wirepin-contracts', ref: '${{ inputs.contracts-ref }}' });
      expect(job['permissions']).toEqual({ contents: 'read' });
    }
  });
});

describe('every workflow and action', () => {
  it('workflows have a name, on and jobs; each job runs steps or calls a workflow; each step uses or runs', () => {
    for (const { name, doc } of allWorkflows()) {
      expect(typeof doc['name'], name).toBe('string');
      expect(doc['on'], name).toBeDefined();
      for (const [id, job] of jobs(doc)) {
        if ('uses' in job) {
          expect('steps' in job, `${name} ${id}`).toBe(false);
          continue;
        }
        expect(job['runs-on'], `${name} ${id}`).toBeDefined();
        for (const step of steps(job, `${name} ${id}`))
          expect('uses' in step !== 'run' in step, `${name} ${id} ${JSON.stringify(step)}`).toBe(true);
      }
    }
  });

  it('reference only inputs they declare', () => {
    const declared = (doc: Yaml): Set<string> => {
      const on = isRecord(doc['on']) ? doc['on'] : {};
      const call = isRecord(on['workflow_call']) ? on['workflow_call'] : {};
      return new Set(Object.keys(isRecord(call['inputs']) ? call['inputs'] : {}));
    };
    const problems: string[] = [];
    for (const { name, doc } of allWorkflows()) {
      for (const ref of references(doc['jobs'], 'inputs'))
        if (!declared(doc).has(ref.name)) problems.push(`${name} ${ref.at}: inputs.${ref.name}`);
    }
    const inputs = new Set(Object.keys(actionInputs()));
    for (const ref of references(loadYaml(ACTION), 'inputs'))
      if (!inputs.has(ref.name)) problems.push(`${ACTION} ${ref.at}: inputs.${ref.name}`);
    expect(problems).toEqual([]);
  });

  it('reference only secrets they declare, and steps that exist before them', () => {
    const problems: string[] = [];
    for (const { name, doc } of allWorkflows()) {
      const on = isRecord(doc['on']) ? doc['on'] : {};
      const secrets = new Set(
        Object.keys(
          isRecord(on['workflow_call']) && isRecord(on['workflow_call']['secrets'])
            ? on['workflow_call']['secrets']
            : {},
        ),
      );
      for (const ref of references(doc['jobs'], 'secrets'))
        if (!secrets.has(ref.name) && !reusableCallerSecret(ref.at))
          problems.push(`${name} ${ref.at}: secrets.${ref.name}`);
      for (const [id, job] of jobs(doc)) {
        if (!('steps' in job)) continue;
        const seen: string[] = [];
        for (const step of steps(job, id)) {
          for (const ref of references(step, 'steps'))
            if (!seen.includes(ref.name)) problems.push(`${name} ${id}: steps.${ref.name} before it runs`);
          if (typeof step['id'] === 'string') seen.push(step['id']);
        }
      }
    }
    const runs = steps(record(loadYaml(ACTION)['runs'], 'runs'), 'runs');
    for (const ref of references(loadYaml(ACTION)['outputs'], 'steps'))
      if (!runs.some((s) => s['id'] === ref.name)) problems.push(`${ACTION} outputs: steps.${ref.name}`);
    expect(problems).toEqual([]);
  });

  it('pin every uses: to ./ (local), an actions/* tag, or a 40-hex commit', () => {
    const problems: string[] = [];
    const docs = [...allWorkflows(), { name: ACTION, doc: loadYaml(ACTION) }];
    for (const { name, doc } of docs) {
      for (const { at, uses } of usesOf(doc)) {
        const pinned =
          uses.startsWith('./') ||
          /^actions\/[\w.-]+@[\w.-]+$/u.test(uses) ||
          /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/u.test(uses);
        if (!pinned) problems.push(`${name} ${at}: ${uses}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('never expand an expression inside a run: script (inputs reach scripts through env)', () => {
    const docs = [...allWorkflows(), { name: ACTION, doc: loadYaml(ACTION) }];
    const problems = docs.flatMap(({ name, doc }) =>
      strings(doc)
        .filter((s) => /(^|\.)run$/u.test(s.at) && s.text.includes('${{'))
        .map((s) => `${name} ${s.at}`),
    );
    expect(problems).toEqual([]);
  });

  it('pass the action and the reusable workflows only inputs they declare, and every required one', () => {
    const problems: string[] = [];
    const check = (where: string, given: unknown, declared: Yaml): void => {
      const names = Object.keys(isRecord(given) ? given : {});
      for (const n of names) if (!(n in declared)) problems.push(`${where}: unknown input "${n}"`);
      for (const [n, spec] of Object.entries(declared))
        if (record(spec, n)['required'] === true && !names.includes(n)) problems.push(`${where}: missing "${n}"`);
    };
    for (const { name, doc } of allWorkflows()) {
      for (const [id, job] of jobs(doc)) {
        const workflow = typeof job['uses'] === 'string' ? reusableWorkflowPath(job['uses']) : undefined;
        if (typeof job['uses'] === 'string') {
          expect(workflow, `${name} ${id} calls one of this repository's workflows`).toBeDefined();
          const call = record(record(loadYaml(workflow as string)['on'], 'on')['workflow_call'], 'workflow_call');
          check(`${name} ${id}`, job['with'], record(call['inputs'], 'inputs'));
          continue;
        }
        for (const step of steps(job, id)) {
          const uses = String(step['uses'] ?? '');
          if (uses === './' || uses === ACTION_CHECKOUT || /^wirepin\/wirepin@/u.test(uses))
            check(`${name} ${id} ${String(step['name'] ?? uses)}`, step['with'], actionInputs());
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

/** `secrets: { contracts-token: ${{ secrets.CONTRACTS_TOKEN }} }` in a caller passes the caller's own secret. */
function reusableCallerSecret(at: string): boolean {
  return /\.secrets\./u.test(at);
}

describe("this repository's CI", () => {
  const ci = loadYaml('.github/workflows/ci.yml');
  const [[, job]] = jobs(ci) as [[string, Yaml]];
  const all = steps(job, 'ci');
  const wirepin = all.filter((s) => s['uses'] === './').map((s) => record(s['with'], 'with'));

  it('runs npm ci, npm test and the Go oracle after actions/setup-go', () => {
    const runs = all.map((s) => s['run']).filter(Boolean);
    expect(runs).toEqual(expect.arrayContaining(['npm ci', 'npm test', 'npm run test:go-oracle']));
    const goAt = all.findIndex((s) => String(s['uses']).startsWith('actions/setup-go@'));
    expect(goAt).toBeGreaterThan(-1);
    expect(goAt).toBeLessThan(all.findIndex((s) => s['run'] === 'npm run test:go-oracle'));
  });

  it('runs wirepin on itself through its own action: lint, generate --check, check, and the diff on pull requests', () => {
    expect(wirepin.map((w) => w['command'])).toEqual(['lint', 'generate-check', 'check', 'diff']);
    const diff = all.find((s) => s['uses'] === './' && record(s['with'], 'with')['command'] === 'diff');
    expect(diff?.['if']).toContain("github.event_name == 'pull_request'");
    expect(diff?.['with']).toMatchObject({ 'base-ref': 'origin/${{ github.base_ref }}' });
    expect(record(all[0]?.['with'], 'checkout with')['fetch-depth']).toBe(0);
  });
});

describe('the README snippets', () => {
  it('are each under 20 lines of YAML', () => {
    const snippets = readmeWorkflows();
    expect(snippets.length).toBeGreaterThanOrEqual(3);
    for (const s of snippets) expect(lineCount(s.text), s.name).toBeLessThan(20);
  });

  it('in examples/README.md are the example workflow files, byte for byte', () => {
    const blocks = yamlBlocks(readFileSync(join(REPO_ROOT, 'examples/README.md'), 'utf8')).map((b) => b.text);
    for (const file of EXAMPLES) expect(blocks, file).toContain(readFileSync(join(REPO_ROOT, file), 'utf8'));
  });

  it('all pin wirepin to the one placeholder commit examples/README.md tells readers to replace', () => {
    const readme = readFileSync(join(REPO_ROOT, 'examples/README.md'), 'utf8');
    const commits = new Set(
      readmeWorkflows().flatMap((s) =>
        [...s.text.matchAll(/wirepin\/wirepin[\w./-]*@([0-9a-f]{40})/gu)].map((m) => m[1]),
      ),
    );
    expect([...commits]).toHaveLength(1);
    expect(readme).toContain(`**Replace \`${[...commits][0]}\`**`);
  });
});

describe('scripts/action-run.sh: the arguments it builds', () => {
  it.each([
    [{ command: 'check' }, ['check', '--format', 'github']],
    [
      { command: 'check', config: 'ci/wirepin.yaml', format: 'text' },
      ['check', '--config=ci/wirepin.yaml', '--format', 'text'],
    ],
    [{ command: 'lint' }, ['lint', '--format', 'github']],
    [
      { command: 'lint', contract: 'contracts/a.contract.json' },
      ['lint', '--format', 'github', '--', 'contracts/a.contract.json'],
    ],
    [{ command: 'generate-check' }, ['generate', '--check', '--format', 'github']],
    [
      { command: 'pin', contract: 'c.json', go: 'internal/cpclient', type: 'cpProvisionRequest' },
      ['pin', '--contract=c.json', '--go=internal/cpclient', '--type=cpProvisionRequest', '--format', 'github'],
    ],
    [
      { command: 'pin', contract: 'c.json', json: 'sample.json' },
      ['pin', '--contract=c.json', '--json=sample.json', '--format', 'github'],
    ],
    [
      { command: 'consumes', contract: 'c.json', ts: 'src/req.ts', type: 'Req' },
      ['consumes', '--contract=c.json', '--ts=src/req.ts', '--type=Req', '--format', 'github'],
    ],
    [{ command: 'diff', 'base-ref': 'origin/main' }, ['diff', '--against=origin/main', '--format', 'github']],
    [
      { command: 'diff', 'base-ref': 'origin/main', 'fail-on': 'any', contract: 'c.json', format: 'markdown' },
      ['diff', '--against=origin/main', '--fail-on=any', '--format', 'markdown', '--', 'c.json'],
    ],
    [
      { command: 'sync', contract: 'contracts/x.json', source: 'origin/main:contracts/x.json' },
      ['sync', '--format', 'github', '--', 'contracts/x.json', 'origin/main:contracts/x.json'],
    ],
    [
      { command: 'sync', mirror: 'm.json', contract: 'ignored-when-mirror-is-given.json', source: 's.json' },
      ['sync', '--format', 'github', '--', 'm.json', 's.json'],
    ],
  ] as const)('%j → wirepin %j', (inputs, expected) => {
    expect(actionArgs(inputs)).toMatchObject({ exit: 0, args: expected });
  });

  it('keeps each input one argument, whatever it contains', () => {
    const hostile = [
      '-x',
      '$(touch pwned)',
      '`id`',
      'a b',
      "it's",
      '"; rm -rf ~ #',
      '--format=json',
      'line\nbreak',
      '*',
    ];
    for (const value of hostile) {
      expect(actionArgs({ command: 'lint', contract: value }).args, value).toEqual([
        'lint',
        '--format',
        'github',
        '--',
        value,
      ]);
      expect(actionArgs({ command: 'diff', 'base-ref': value }).args, value).toEqual([
        'diff',
        `--against=${value}`,
        '--format',
        'github',
      ]);
    }
  });

  it.each([
    [{ command: 'deploy' }, 'Unknown command "deploy"'],
    [{ command: 'check', contract: 'c.json' }, 'Input "contract" does not apply to command "check"'],
    [{ command: 'lint', go: 'internal' }, 'Input "go" does not apply to command "lint"'],
    [{ command: 'consumes', contract: 'c.json', json: 'x.json' }, 'Input "json" does not apply to command "consumes"'],
    [{ command: 'pin', go: 'internal', type: 'T' }, 'needs the input contract'],
    [{ command: 'pin', contract: 'c.json' }, 'needs exactly one of the inputs go, ts, json'],
    [
      { command: 'pin', contract: 'c.json', go: 'a', ts: 'b.ts', type: 'T' },
      'needs exactly one of the inputs go, ts, json',
    ],
    [{ command: 'diff' }, 'needs the input base-ref'],
    [{ command: 'sync', source: 's.json' }, 'needs the input mirror (or contract)'],
    [{ command: 'sync', contract: 'c.json' }, 'needs the input source'],
  ] as const)('%j is refused with exit 2: %s', (inputs, message) => {
    const result = actionArgs(inputs);
    expect(result.exit).toBe(2);
    expect(result.stdout).toMatch(/^::error title=wirepin action::/u);
    expect(result.stdout).toContain(message);
  });
});

describe('scripts/action-run.sh, run locally with GITHUB_STEP_SUMMARY and the github format', () => {
  const temps: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of temps.splice(0)) cleanup();
  });

  /** A consumer repository whose struct lost the consumed field "tier". */
  function driftedConsumer(): string {
    const dir = mkdtempSync(join(tmpdir(), 'wirepin-drift-'));
    temps.push(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'contracts'));
    cpSync(
      join(REPO_ROOT, 'contracts/provision_request.contract.json'),
      join(dir, 'contracts/provision_request.contract.json'),
    );
    mkdirSync(join(dir, 'cp'));
    const go = readFileSync(join(REPO_ROOT, 'consumer/go/ws_provision_request.go'), 'utf8');
    writeFileSync(join(dir, 'cp/request.go'), go.replace(/^\s*Tier\s+int\s+`json:"tier"`\n/mu, ''));
    return dir;
  }

  const consumes = {
    command: 'consumes',
    contract: 'contracts/provision_request.contract.json',
    go: 'cp',
    type: 'wsProvisionRequest',
  };

  function run(inputs: Record<string, string>, dir: string, env: Record<string, string> = {}) {
    const runner = runnerDir();
    temps.push(runner.cleanup);
    return runAction({ with: inputs, env }, dir, runner.dir);
  }

  it('annotates the drift on stdout, appends the markdown report to the summary, and exits 1', () => {
    const result = run(consumes, driftedConsumer());
    expect(result.exit).toBe(1);
    expect(result.stdout).toMatch(
      /^::error file=contracts\/provision_request\.contract\.json,line=\d+,col=\d+,title=CONSUMER_FIELD_MISSING::Field "tier" /mu,
    );
    expect(result.summary).toContain('### wirepin consumes');
    expect(result.summary).toMatch(
      /\| ❌ \| \[`CONSUMER_FIELD_MISSING`\]\(docs\/rules\/CONSUMER_FIELD_MISSING\.md\) \|/u,
    );
    expect(result.outputs).toMatchObject({ 'exit-code': '1' });
  });

  it('writes the same markdown to the report output, under RUNNER_TEMP, and nothing of it twice to the summary', () => {
    const result = run(consumes, driftedConsumer());
    expect(result.outputs['report']).toMatch(/\/temp\/wirepin\.[^/]+\/consumes\.md$/u);
    expect(`${result.report}\n`).toBe(result.summary);
  });

  it('links rules to the docs of the running wirepin when Actions names the action and its ref', () => {
    const result = run(consumes, driftedConsumer(), {
      GITHUB_ACTION_REPOSITORY: 'wirepin/wirepin',
      GITHUB_ACTION_REF: 'v0.1.0',
    });
    expect(result.summary).toContain(
      '(https://github.com/wirepin/wirepin/blob/v0.1.0/docs/rules/CONSUMER_FIELD_MISSING.md)',
    );
  });

  it('passes with exit 0 and no annotation on the fixture', () => {
    const result = run({ ...consumes, go: 'consumer/go' }, REPO_ROOT);
    expect(result.exit).toBe(0);
    expect(result.stdout).not.toContain('::error');
    expect(result.summary).toContain('### wirepin consumes');
    expect(result.outputs).toMatchObject({ 'exit-code': '0' });
  });

  it('with exit 2, says in the report and the summary why wirepin could not run', () => {
    const result = run({ ...consumes, contract: 'contracts/missing.contract.json' }, driftedConsumer());
    expect(result.exit).toBe(2);
    expect(result.report).toContain('wirepin could not run (exit 2)');
    expect(result.report).toContain('contracts/missing.contract.json');
    expect(result.summary).toBe(result.report);
  });

  it('refuses a wirepin-version other than the checkout, and accepts its own', () => {
    const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const wrong = run({ command: 'lint', 'wirepin-version': '9.9.9' }, REPO_ROOT);
    expect(wrong.exit).toBe(2);
    expect(wrong.stdout).toContain(`This wirepin checkout is version ${version}, not 9.9.9`);
    expect(run({ command: 'lint', 'wirepin-version': `v${version}` }, REPO_ROOT).exit).toBe(0);
  });

  it('runs in working-directory', () => {
    const dir = driftedConsumer();
    const parent = mkdtempSync(join(tmpdir(), 'wirepin-wd-'));
    temps.push(() => rmSync(parent, { recursive: true, force: true }));
    cpSync(dir, join(parent, 'services/cp'), { recursive: true });
    expect(run({ ...consumes, 'working-directory': 'services/cp' }, parent).exit).toBe(1);
  });
});

describe('scripts/action-install.sh locate: where the CLI comes from', () => {
  const temps: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of temps.splice(0)) cleanup();
  });
  const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

  /** The action's checkout as GitHub gives it (no dist/, no node_modules), and the locate step run in it. */
  function locate(env: Record<string, string>): {
    exit: number | null;
    stdout: string;
    outputs: Record<string, string>;
  } {
    const dir = mkdtempSync(join(tmpdir(), 'wirepin-locate-'));
    temps.push(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'action', 'scripts'), { recursive: true });
    for (const file of ['package.json', 'scripts/action-install.sh', 'scripts/action-die.sh'])
      cpSync(join(REPO_ROOT, file), join(dir, 'action', file));
    writeFileSync(join(dir, 'output'), '');
    const run = spawnSync('bash', [join(dir, 'action', 'scripts', 'action-install.sh'), 'locate'], {
      env: {
        PATH: process.env['PATH'] ?? '',
        GITHUB_ACTION_PATH: join(dir, 'action'),
        GITHUB_OUTPUT: join(dir, 'output'),
        RUNNER_TEMP: join(dir, 'temp'),
        RUNNER_OS: 'Linux',
        ...env,
      },
      encoding: 'utf8',
    });
    return { exit: run.status, stdout: run.stdout, outputs: parseOutputs(readFileSync(join(dir, 'output'), 'utf8')) };
  }

  it("installs the checkout's version from the release of the repository the action came from, under RUNNER_TEMP, keyed on it", () => {
    const located = locate({ GITHUB_ACTION_REPOSITORY: 'acme/wirepin-fork' });
    expect(located.exit).toBe(0);
    expect(located.outputs).toMatchObject({
      version,
      package: `https://github.com/acme/wirepin-fork/releases/download/v${version}/wirepin-${version}.tgz`,
      dir: expect.stringMatching(new RegExp(`/temp/wirepin-cli/${version.replaceAll('.', '\\.')}$`, 'u')),
      cli: expect.stringMatching(/\/node_modules\/wirepin\/bin\/wirepin\.js$/u),
      key: expect.stringMatching(/^wirepin-cli-Linux-/u),
    });
    expect(locate({}).outputs['package']).toBe(
      `https://github.com/wirepin/wirepin/releases/download/v${version}/wirepin-${version}.tgz`,
    );
    expect(locate({ INPUT_WIREPIN_REPOSITORY: 'acme/mirror' }).outputs['package']).toContain('/acme/mirror/releases/');
  });

  it('keys the cache on what is installed: another package, another key', () => {
    const a = locate({}).outputs['key'];
    const b = locate({ INPUT_PACKAGE: './vendor/wirepin.tgz' }).outputs['key'];
    expect(a).not.toBe(b);
    expect(locate({ INPUT_PACKAGE: './vendor/wirepin.tgz' }).outputs['key']).toBe(b);
  });

  it('runs a built development checkout as it is (no install, no cache)', () => {
    const located = locateStep({});
    expect(located).toMatchObject({ dir: '', key: '', cli: join(REPO_ROOT, 'bin/wirepin.js') });
  });

  it.each([
    [{ INPUT_WIREPIN_REPOSITORY: 'not a repository' }, 'is not owner/name'],
    [{ INPUT_WIREPIN_REPOSITORY: 'acme/x/../../evil' }, 'is not owner/name'],
    [{ INPUT_PACKAGE: '--registry=https://evil.example' }, 'starts with "-"'],
  ])('refuses %j with exit 2', (env, message) => {
    const located = locate(env);
    expect(located.exit).toBe(2);
    expect(located.stdout).toContain(message);
    expect(located.outputs).toEqual({});
  });
});

describe('the release workflow', () => {
  const release = loadYaml('.github/workflows/release.yml');
  const all = steps(record(record(release['jobs'], 'jobs')['tarball'], 'tarball'), 'release');
  const runs = all.map((s) => String(s['run'] ?? ''));

  it('runs on a v* tag, checks the tag against package.json, runs the packaging test, then packs and attaches the tarball', () => {
    expect(record(release['on'], 'on')).toEqual({ push: { tags: ['v*'] } });
    const at = (fragment: string): number => runs.findIndex((r) => r.includes(fragment));
    expect(at('npm ci')).toBeGreaterThan(-1);
    expect(at('"v$(node -p \'require("./package.json").version\')"')).toBeGreaterThan(at('npm ci'));
    expect(at('npm run test:package')).toBeGreaterThan(at('package.json'));
    expect(at('npm pack')).toBeGreaterThan(at('npm run test:package'));
    expect(runs[at('npm pack')]).toContain('"wirepin-$version.tgz"');
  });
});
