import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

/**
 * Runs the composite action (action.yml) and the reusable workflows the way
 * GitHub Actions would, minus the runner: the `with:` values a workflow passes
 * are resolved against the inputs it was called with, the action's run step
 * gets its INPUT_* variables from its `env:` block, and scripts/action-run.sh
 * runs with the GITHUB_* files in a temp directory and wirepin from this
 * checkout (bin/wirepin.js, so dist/ must be built: the action's locate step,
 * scripts/action-install.sh, runs for real and picks the built checkout). Only
 * `${{ inputs.X }}`, `${{ github.X }}` and `${{ steps.ID.outputs.X }}` are
 * understood; any other expression fails the test, so a workflow cannot grow
 * logic these tests silently skip.
 */

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const ACTION_SCRIPT = 'scripts/action-run.sh';
export const INSTALL_SCRIPT = 'scripts/action-install.sh';
/** Where the reusable workflows check wirepin out, and so what their steps `uses:`. */
export const ACTION_CHECKOUT = './.wirepin-action';

export type Yaml = Record<string, unknown>;

/** Parses a YAML file (YAML 1.2: `on` stays a string key); syntax errors and duplicate keys throw. */
export function loadYaml(path: string): Yaml {
  return parseYaml(readFileSync(resolve(REPO_ROOT, path), 'utf8'), path);
}

export function parseYaml(text: string, name: string): Yaml {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) throw new Error(`${name}: ${doc.errors.map((e) => e.message).join('; ')}`);
  const value: unknown = doc.toJS();
  if (!isRecord(value)) throw new Error(`${name}: not a mapping`);
  return value;
}

export function isRecord(value: unknown): value is Yaml {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function record(value: unknown, what: string): Yaml {
  if (!isRecord(value)) throw new Error(`${what} is not a mapping`);
  return value;
}

export function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${what} is not a list`);
  return value;
}

/** Contexts an expression may read: `inputs` and `github` values, and earlier steps' outputs, as strings. */
export interface Contexts {
  readonly inputs: Readonly<Record<string, string>>;
  readonly github?: Readonly<Record<string, string>>;
  readonly steps?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const EXPRESSION = /\$\{\{\s*(.*?)\s*\}\}/gu;

/** Substitutes `${{ inputs.X }}`, `${{ github.X }}` and `${{ steps.ID.outputs.X }}` in a string; anything else throws. */
export function interpolate(text: string, contexts: Contexts): string {
  return text.replace(EXPRESSION, (_whole, expression: string) => {
    const output = /^steps\.([A-Za-z_][\w-]*)\.outputs\.([A-Za-z_][\w-]*)$/u.exec(expression);
    if (output) {
      const value = contexts.steps?.[output[1] as string]?.[output[2] as string];
      if (value === undefined) throw new Error(`\${{ ${expression} }} has no value here`);
      return value;
    }
    const match = /^(inputs|github)\.([A-Za-z_][\w-]*)$/u.exec(expression);
    if (!match) throw new Error(`the test harness does not evaluate \${{ ${expression} }}`);
    const [, context, name] = match as unknown as [string, 'inputs' | 'github', string];
    const value = contexts[context]?.[name];
    if (value === undefined) throw new Error(`\${{ ${expression} }} has no value here`);
    return value;
  });
}

/** The values a workflow or action sees for its declared inputs: what was passed, else the declared default, else ''. */
export function resolveInputs(declared: Yaml, given: Readonly<Record<string, string>>): Record<string, string> {
  for (const name of Object.keys(given)) if (!(name in declared)) throw new Error(`input "${name}" is not declared`);
  const values: Record<string, string> = {};
  for (const [name, spec] of Object.entries(declared)) {
    const s = record(spec, `input ${name}`);
    const value = given[name] ?? (s['default'] === undefined ? undefined : String(s['default']));
    if (value === undefined && s['required'] === true) throw new Error(`required input "${name}" is missing`);
    values[name] = value ?? '';
  }
  return values;
}

export function stringMap(value: unknown, what: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record(value, what))) out[k] = String(v);
  return out;
}

/** One call of the composite action: its `with:` values, and env the caller's job or step adds. */
export interface ActionCall {
  readonly name: string;
  readonly with: Readonly<Record<string, string>>;
  readonly env: Readonly<Record<string, string>>;
  readonly if?: string;
}

/** What action.yml's run step would get: its working directory, its command line and its environment. */
export interface ActionRunStep {
  readonly workingDirectory: string;
  readonly run: string;
  readonly env: Record<string, string>;
}

/**
 * Runs action.yml's locate step (scripts/action-install.sh locate) with the
 * action checked out at this repository, and returns what it wrote to
 * $GITHUB_OUTPUT. This checkout is built, so it names bin/wirepin.js here.
 */
export function locateStep(withInputs: Readonly<Record<string, string>>): Record<string, string> {
  const action = loadYaml('action.yml');
  const inputs = resolveInputs(record(action['inputs'], 'action inputs'), withInputs);
  const steps = list(record(action['runs'], 'runs')['steps'], 'runs.steps').map((s, i) => record(s, `step ${i}`));
  const step = steps.find((s) => s['id'] === 'locate');
  if (!step) throw new Error('action.yml has no step with id "locate"');
  if (String(step['run']).trim() !== `bash "$GITHUB_ACTION_PATH/${INSTALL_SCRIPT}" locate`)
    throw new Error(`action.yml's locate step changed: ${String(step['run'])}`);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(stringMap(step['env'], 'locate step env'))) env[k] = interpolate(v, { inputs });
  const dir = mkdtempSync(join(tmpdir(), 'wirepin-locate-'));
  try {
    const output = join(dir, 'output');
    writeFileSync(output, '');
    const run = spawnSync('bash', [join(REPO_ROOT, INSTALL_SCRIPT), 'locate'], {
      env: {
        PATH: [dirname(process.execPath), process.env['PATH'] ?? ''].join(delimiter),
        GITHUB_ACTION_PATH: REPO_ROOT,
        GITHUB_OUTPUT: output,
        RUNNER_TEMP: dir,
        ...env,
      },
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`the locate step failed (exit ${run.status}): ${run.stdout}${run.stderr}`);
    return parseOutputs(readFileSync(output, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The `name=value` lines a step wrote to $GITHUB_OUTPUT. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) outputs[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return outputs;
}

export function actionRunStep(withInputs: Readonly<Record<string, string>>): ActionRunStep {
  const action = loadYaml('action.yml');
  const inputs = resolveInputs(record(action['inputs'], 'action inputs'), withInputs);
  const steps = list(record(action['runs'], 'runs')['steps'], 'runs.steps').map((s, i) => record(s, `step ${i}`));
  const step = steps.find((s) => s['id'] === 'run');
  if (!step) throw new Error('action.yml has no step with id "run"');
  const contexts: Contexts = { inputs, steps: { locate: locateStep(withInputs) } };
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(stringMap(step['env'], 'run step env'))) env[k] = interpolate(v, contexts);
  return {
    workingDirectory: interpolate(String(step['working-directory'] ?? '.'), contexts),
    run: String(step['run']).trim(),
    env,
  };
}

export interface ActionResult {
  readonly exit: number;
  readonly stdout: string;
  readonly stderr: string;
  /** What the step wrote to $GITHUB_OUTPUT. */
  readonly outputs: Readonly<Record<string, string>>;
  /** The job summary file after the step. */
  readonly summary: string;
  /** The text of the `report` output's file, or '' when there is none. */
  readonly report: string;
}

/** A scratch directory standing in for the runner: RUNNER_TEMP, the summary and the output files. */
export function runnerDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'wirepin-runner-'));
  mkdirSync(join(dir, 'temp'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

interface RunnerEnv extends Record<string, string> {
  GITHUB_STEP_SUMMARY: string;
  GITHUB_OUTPUT: string;
}

function baseEnv(runner: string): RunnerEnv {
  return {
    // The node running these tests comes first, so the script runs wirepin on the same one.
    PATH: [dirname(process.execPath), process.env['PATH'] ?? ''].join(delimiter),
    HOME: process.env['HOME'] ?? runner,
    NO_COLOR: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GITHUB_ACTION_PATH: REPO_ROOT,
    GITHUB_STEP_SUMMARY: join(runner, 'summary.md'),
    GITHUB_OUTPUT: join(runner, 'output'),
    RUNNER_TEMP: join(runner, 'temp'),
  };
}

function readIfPresent(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

/**
 * Runs scripts/action-run.sh as the action's run step does, in `workspace`
 * joined with the step's working-directory. `env` is what the caller's job or
 * step sets (WIREPIN_DOCS_URL); `runner` is a runnerDir(), shared by the steps
 * of one job as on a real runner (the summary accumulates).
 */
export function runAction(
  call: Pick<ActionCall, 'with' | 'env'>,
  workspace: string,
  runner: string,
  extraArgs: readonly string[] = [],
): ActionResult {
  const step = actionRunStep(call.with);
  if (step.run !== `bash "$GITHUB_ACTION_PATH/${ACTION_SCRIPT}"`)
    throw new Error(`action.yml's run step changed: ${step.run}`);
  const files = baseEnv(runner);
  const env = { ...files, ...call.env, ...step.env };
  writeFileSync(files.GITHUB_OUTPUT, '');
  const run = spawnSync('bash', [join(REPO_ROOT, ACTION_SCRIPT), ...extraArgs], {
    cwd: resolve(workspace, step.workingDirectory),
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.error) throw run.error;
  const outputs = parseOutputs(readIfPresent(files.GITHUB_OUTPUT));
  return {
    exit: run.status ?? -1,
    stdout: run.stdout,
    stderr: run.stderr,
    outputs,
    summary: readIfPresent(files.GITHUB_STEP_SUMMARY),
    report: outputs['report'] ? readIfPresent(outputs['report']) : '',
  };
}

/** The wirepin arguments the script builds for these `with:` values (its --print-args mode), or its error. */
export function actionArgs(withInputs: Readonly<Record<string, string>>): {
  exit: number;
  args: string[];
  stdout: string;
} {
  const step = actionRunStep(withInputs);
  const run = spawnSync('bash', [join(REPO_ROOT, ACTION_SCRIPT), '--print-args'], {
    env: { PATH: process.env['PATH'] ?? '', ...step.env },
    encoding: 'utf8',
  });
  const args = run.status === 0 ? run.stdout.split('\0').slice(0, -1) : [];
  return { exit: run.status ?? -1, args, stdout: run.stdout };
}

/** A reusable workflow in this repository, from a caller's `uses: wirepin/wirepin/.github/workflows/X.yml@sha`. */
export function reusableWorkflowPath(uses: string): string | undefined {
  const match = /^wirepin\/wirepin\/(\.github\/workflows\/[\w.-]+\.ya?ml)@[0-9a-f]{40}$/u.exec(uses);
  return match?.[1];
}

/**
 * The wirepin action calls a reusable workflow makes when called with `given`:
 * every step that `uses: ./.wirepin-action`, in order, with its `with:` and the
 * job's and step's `env:` resolved.
 */
export function actionCallsOf(
  workflowPath: string,
  given: Readonly<Record<string, string>>,
  github: Readonly<Record<string, string>> = {},
): ActionCall[] {
  const workflow = loadYaml(workflowPath);
  const call = record(record(workflow['on'], 'on')['workflow_call'], 'on.workflow_call');
  const inputs = resolveInputs(record(call['inputs'] ?? {}, 'workflow_call.inputs'), given);
  const contexts: Contexts = { inputs, github };
  const calls: ActionCall[] = [];
  for (const [jobId, job] of Object.entries(record(workflow['jobs'], 'jobs'))) {
    const j = record(job, `job ${jobId}`);
    const jobEnv = stringMap(j['env'], `job ${jobId} env`);
    for (const [index, s] of list(j['steps'], `job ${jobId} steps`).entries()) {
      const step = record(s, `step ${index}`);
      if (step['uses'] !== ACTION_CHECKOUT) continue;
      const env: Record<string, string> = {};
      for (const [k, v] of Object.entries({ ...jobEnv, ...stringMap(step['env'], 'step env') }))
        env[k] = interpolate(v, contexts);
      const withValues: Record<string, string> = {};
      for (const [k, v] of Object.entries(stringMap(step['with'], 'step with')))
        withValues[k] = interpolate(v, contexts);
      calls.push({
        name: String(step['name'] ?? `step ${index}`),
        with: withValues,
        env,
        ...(step['if'] === undefined ? {} : { if: String(step['if']) }),
      });
    }
  }
  return calls;
}

/** A caller's jobs that call one of this repository's reusable workflows: which one, and with what. */
export function reusableCallsOf(
  workflow: Yaml,
): Array<{ job: string; workflow: string; with: Record<string, string> }> {
  const calls = [];
  for (const [jobId, job] of Object.entries(record(workflow['jobs'], 'jobs'))) {
    const j = record(job, `job ${jobId}`);
    const path = typeof j['uses'] === 'string' ? reusableWorkflowPath(j['uses']) : undefined;
    if (path) calls.push({ job: jobId, workflow: path, with: stringMap(j['with'], `job ${jobId} with`) });
  }
  return calls;
}

/** Every fenced ```yaml block of a markdown file, with the line its text starts on. */
export function yamlBlocks(markdown: string): Array<{ line: number; text: string }> {
  const blocks: Array<{ line: number; text: string }> = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ya?ml\s*$/u.test(lines[i] ?? '')) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end] !== '```') end++;
    blocks.push({ line: start + 1, text: `${lines.slice(start, end).join('\n')}\n` });
    i = end;
  }
  return blocks;
}

/** Lines of YAML, not counting a final newline. */
export function lineCount(text: string): number {
  return text.replace(/\n$/u, '').split('\n').length;
}

/** True when the built CLI (dist/) has the command; diff and sync may not be registered yet. */
export function builtCliHas(command: string): boolean {
  const run = spawnSync(process.execPath, [join(REPO_ROOT, 'bin/wirepin.js'), command, '--help'], { encoding: 'utf8' });
  return run.status === 0 && run.stdout.startsWith(`Usage: wirepin ${command} `);
}
