import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { stringify } from 'yaml';
import { DEFAULT_CONFIG_FILE, parseConfigText } from '../config/load-config.js';
import { WirepinError } from '../errors.js';
import { extractFields } from '../extract/index.js';
import { contractStem } from '../generate/plan.js';
import { displayPath } from '../paths.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { Outcome, RunEnv } from './outcome.js';

export const WORKFLOW_FILE = '.github/workflows/wirepin.yml';
/** Stands for the wirepin commit the user reviewed; the README and examples/ use the same placeholder. */
export const PINNED_PLACEHOLDER = '0000000000000000000000000000000000000000';

export type SideRole = 'producer' | 'consumer';

/** `go:PATH` or `ts:FILE`, as given to --producer or --consumer. */
export interface SideSpec {
  readonly role: SideRole;
  readonly kind: 'go' | 'ts';
  /** Relative to the repository root (the directory init runs in), forward slashes. */
  readonly path: string;
}

export interface InitOptions {
  readonly producer?: string | undefined;
  readonly consumer?: string | undefined;
  readonly type: string;
  readonly contract: string;
  /** Replace existing files. */
  readonly force?: boolean | undefined;
}

export interface InitResult {
  readonly side: SideSpec;
  /** Files written, as display paths, in the order written. */
  readonly written: readonly string[];
  /** What to do next, one step a line. */
  readonly nextSteps: readonly string[];
}

/** Reads `go:PATH` / `ts:FILE`; the path must exist, so a typo fails here rather than in the first CI run. */
export function parseSideSpec(role: SideRole, spec: string, cwd: string): SideSpec {
  const match = /^(go|ts):(.+)$/u.exec(spec);
  if (match === null) {
    throw new WirepinError('E_USAGE', `--${role} "${spec}" is not go:PATH or ts:FILE.`, {
      hint: `Name the language and the path, e.g. --${role} go:./internal/client or --${role} ts:src/request.ts.`,
    });
  }
  const kind = match[1] as 'go' | 'ts';
  const given = match[2] as string;
  const path = displayPath(given, cwd);
  if (isAbsolute(given) || path.startsWith('../') || path === '..') {
    throw new WirepinError('E_USAGE', `--${role} path "${given}" is outside this repository.`, {
      hint: 'Run wirepin init at the repository root and give a path inside it.',
    });
  }
  if (!existsSync(resolve(cwd, path))) {
    throw new WirepinError('E_USAGE', `--${role} path "${given}" does not exist.`, {
      hint:
        kind === 'go'
          ? 'Give the Go package directory (or .go file) that declares the type.'
          : 'Give the TypeScript file that declares the type.',
    });
  }
  return { role, kind, path };
}

/** A YAML scalar, quoted when YAML would otherwise read it as something else. */
function scalar(value: string): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

/**
 * The generated outputs a side uses. A Go side uses none (switched off, so the
 * repository commits no TypeScript); a TypeScript side gets its own types.
 */
function generateBlock(side: SideSpec, stem: string): string[] {
  if (side.kind === 'go') {
    return [
      '    generate: # a Go repository uses no generated file; give a path instead of false to have one written',
      '      schema: false',
      '      producerTypes: false',
      '      consumerTypes: false',
    ];
  }
  const own = side.role === 'producer' ? 'producerTypes' : 'consumerTypes';
  const other = side.role === 'producer' ? 'consumerTypes' : 'producerTypes';
  return [
    `    generate: # the ${side.role}'s TypeScript type, from the contract; run \`npx wirepin generate\` after each contract update`,
    '      schema: false',
    `      ${own}: ${scalar(`contracts/generated/${stem}.types.ts`)}`,
    `      ${other}: false`,
  ];
}

export function configText(side: SideSpec, type: string, contract: string): string {
  return [
    `# wirepin.yaml, written by \`wirepin init\`: where this repository keeps its side of each`,
    '# contract. `npx wirepin check` finds it from any directory below, and reads paths relative to it.',
    'version: 1',
    'contracts:',
    `  - contract: ${scalar(contract)}`,
    '    # source: PATH # if this file mirrors a source of truth (a checkout of your contracts repository, or REF:PATH there), name it: check then runs wirepin sync',
    `    ${side.role}:`,
    `      ${side.kind}: ${scalar(side.path)}`,
    `      type: ${scalar(type)}`,
    ...generateBlock(side, contractStem(contract)),
    '',
  ].join('\n');
}

export function workflowText(side: SideSpec, type: string): string {
  const guard = side.role === 'producer' ? 'the producer pin' : 'the consumer completeness';
  return [
    '# Written by `wirepin init`: runs `wirepin check` (lint, generate --check, and',
    `# ${guard} of ${type}) on every pull request and push to main.`,
    `# Pin wirepin to the commit you reviewed: replace ${PINNED_PLACEHOLDER}.`,
    'name: wirepin',
    'on:',
    '  pull_request:',
    '  push:',
    '    branches: [main]',
    'permissions: { contents: read }',
    'jobs:',
    '  wirepin:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    `      - uses: wirepin/wirepin@${PINNED_PLACEHOLDER}`,
    '        with: { command: check }',
    '',
  ].join('\n');
}

/**
 * `wirepin init`: for a repository without wirepin, writes wirepin.yaml and a
 * GitHub Actions workflow for the one side it names. Never reads stdin; never
 * replaces an existing file without `force` (E_USAGE naming it); the type is
 * read from the side's source and the config parsed by the real loader
 * before anything is written.
 */
export async function initRepository(context: RunEnv, options: InitOptions): Promise<InitResult> {
  const given = (['producer', 'consumer'] as const).filter((role) => options[role] !== undefined);
  if (given.length !== 1) {
    throw new WirepinError(
      'E_USAGE',
      given.length === 0
        ? 'wirepin init needs the side this repository holds.'
        : 'wirepin init sets up one side per repository, not both.',
      {
        hint: 'Pass either --producer go:PATH|ts:FILE or --consumer go:PATH|ts:FILE.',
      },
    );
  }
  const role = given[0] as SideRole;
  const side = parseSideSpec(role, options[role] as string, context.cwd);
  if (options.type.trim() === '')
    throw new WirepinError('E_USAGE', '--type is empty.', {
      hint: 'Name the struct or type that holds the wire shape.',
    });
  // The type must be readable where the config will say it is: a typo fails here, not in the first CI run.
  await extractFields(side.kind, { path: side.path, typeName: options.type, cwd: context.cwd });
  const contract = displayPath(options.contract, context.cwd);
  if (isAbsolute(options.contract) || contract.startsWith('../')) {
    throw new WirepinError('E_USAGE', `--contract "${options.contract}" is outside this repository.`, {
      hint: 'Give a path inside the repository, e.g. contracts/provision.contract.json.',
    });
  }
  const files: Array<{ path: string; text: string }> = [
    { path: DEFAULT_CONFIG_FILE, text: configText(side, options.type, contract) },
    { path: WORKFLOW_FILE, text: workflowText(side, options.type) },
  ];
  // Fail before writing anything: the config must load, and no file may be replaced without --force.
  parseConfigText(files[0]?.text ?? '', DEFAULT_CONFIG_FILE);
  if (options.force !== true) {
    for (const file of files) {
      if (existsSync(resolve(context.cwd, file.path))) {
        throw new WirepinError('E_USAGE', `${file.path} already exists; wirepin init does not overwrite it.`, {
          hint: 'Pass --force to replace it, or edit it by hand.',
        });
      }
    }
  }
  const written: string[] = [];
  for (const file of files) {
    await writeFileAtomic(resolve(context.cwd, file.path), file.text, {
      shown: file.path,
      overwrite: options.force === true,
    });
    written.push(file.path);
  }
  const nextSteps: string[] = [];
  if (!existsSync(resolve(context.cwd, contract))) {
    nextSteps.push(
      `draft the contract: npx wirepin contract from-${side.kind} ${side.path} --type ${options.type} --out ${contract}, then set cp_consumes on every field`,
    );
  }
  if (side.kind === 'ts') nextSteps.push('write the generated type: npx wirepin generate');
  nextSteps.push(`replace ${PINNED_PLACEHOLDER} in ${WORKFLOW_FILE} with the wirepin commit you reviewed`);
  nextSteps.push('run npx wirepin check');
  return { side, written, nextSteps };
}

/** `wirepin init`: the files written and the next steps, as a report. */
export async function runInit(env: RunEnv, options: InitOptions): Promise<Outcome> {
  const result = await initRepository(env, options);
  const notes = [
    ...result.written.map((file) => `wrote ${file}`),
    'Next:',
    ...result.nextSteps.map((step, i) => `  ${i + 1}. ${step}`),
  ];
  return {
    report: {
      command: 'init',
      subject: `${result.side.role} ${result.side.kind}:${result.side.path}`,
      findings: [],
      notes,
    },
    exitCode: 0,
  };
}
