import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

/**
 * Fuzzing the CLI entry (`main`, in-process) with a temporary repository as
 * the working directory: mutated contracts, wirepin.yaml, Go and TS sources,
 * and random bytes, through lint, generate, generate --check, check, pin,
 * consumes and diff. Whatever the input: the exit code is 0, 1 or 2; no stack
 * trace and no "internal error"; nothing outside the repository changes (a
 * sibling directory is snapshotted around every run); each run ends within a
 * bound. `npm test` runs a fixed seed and a small count; `npm run fuzz` sets
 * WIREPIN_FUZZ_RUNS (and WIREPIN_FUZZ_SEED) for a longer run.
 */
const RUNS = Number(process.env['WIREPIN_FUZZ_RUNS'] ?? '60');
const SEED = Number(process.env['WIREPIN_FUZZ_SEED'] ?? '1717');
const BOUND_MS = 10_000;

const SEEDS = {
  contract: readFileSync('contracts/provision_request.contract.json', 'utf8'),
  go: readFileSync('producer/go/cp_provision_request.go', 'utf8'),
  goDisplay: readFileSync('producer/go/workspace_display.go', 'utf8'),
  ts: readFileSync('consumer/provision_request.types.ts', 'utf8'),
  config: [
    'version: 1',
    'contracts:',
    '  - contract: contracts/provision_request.contract.json',
    '    producer:',
    '      go: producer/go',
    '      type: cpProvisionRequest',
    '    consumer:',
    '      ts: consumer/provision_request.types.ts',
    '      type: ProvisionRequest',
    '',
  ].join('\n'),
};

/** Text edits a hostile pull request might make: splice random text or bytes, delete a span, duplicate a span. */
const edit = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom(
        '"',
        '{',
        '}',
        '[',
        ']',
        ',',
        ':',
        '\\',
        '\u0000',
        '\n::error::x\n',
        '../../',
        '/etc/passwd',
        '\u202e',
        '`',
        '|',
        '@x',
        '<b>',
        'null',
        '1e400',
        '"__proto__"',
      ),
    ),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const e of edits) {
    const at = out.length === 0 ? 0 : e.at % (out.length + 1);
    if (e.kind === 'insert') out = out.slice(0, at) + e.text + out.slice(at);
    else if (e.kind === 'delete') out = out.slice(0, at) + out.slice(at + e.length);
    else out = out.slice(0, at) + out.slice(at, at + e.length) + out.slice(at);
  }
  return out;
}

/** One file's content: the seed mutated, or random bytes. */
const content = (seed: string): fc.Arbitrary<string | Uint8Array> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant(seed) },
    { weight: 4, arbitrary: fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => applyEdits(seed, edits)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
  );

const COMMANDS: ReadonlyArray<readonly string[]> = [
  ['lint'],
  ['generate'],
  ['generate', '--check'],
  ['check'],
  [
    'pin',
    '--contract',
    'contracts/provision_request.contract.json',
    '--go',
    'producer/go',
    '--type',
    'cpProvisionRequest',
  ],
  [
    'consumes',
    '--contract',
    'contracts/provision_request.contract.json',
    '--ts',
    'consumer/provision_request.types.ts',
    '--type',
    'ProvisionRequest',
  ],
  ['diff', 'base.contract.json', 'contracts/provision_request.contract.json'],
  ['lint', '--format', 'github'],
  ['check', '--format', 'markdown'],
];

const scenario = fc.record({
  contract: content(SEEDS.contract),
  config: content(SEEDS.config),
  go: content(SEEDS.go),
  ts: content(SEEDS.ts),
  command: fc.constantFrom(...COMMANDS),
});

const base = mkdtempSync(join(tmpdir(), 'wirepin-fuzz-'));
const sibling = join(base, 'outside');
mkdirSync(sibling);
writeFileSync(join(sibling, 'precious.txt'), 'must not change\n');
afterAll(() => rmSync(base, { recursive: true, force: true }));

function snapshot(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map(
      (e) =>
        `${join(e.parentPath, e.name)}:${e.isFile() ? readFileSync(join(e.parentPath, e.name), 'base64') : e.isDirectory() ? 'dir' : 'other'}`,
    )
    .sort()
    .join('\n');
}

let counter = 0;
function makeRepo(s: { readonly [K in 'contract' | 'config' | 'go' | 'ts']: string | Uint8Array }): string {
  const repo = join(base, `repo-${counter++}`);
  mkdirSync(join(repo, 'contracts'), { recursive: true });
  mkdirSync(join(repo, 'producer/go'), { recursive: true });
  mkdirSync(join(repo, 'consumer'), { recursive: true });
  writeFileSync(join(repo, 'contracts/provision_request.contract.json'), s.contract);
  writeFileSync(join(repo, 'base.contract.json'), SEEDS.contract);
  writeFileSync(join(repo, 'wirepin.yaml'), s.config);
  writeFileSync(join(repo, 'producer/go/cp_provision_request.go'), s.go);
  writeFileSync(join(repo, 'producer/go/workspace_display.go'), SEEDS.goDisplay);
  writeFileSync(join(repo, 'consumer/provision_request.types.ts'), s.ts);
  return repo;
}

describe('the CLI under fuzzed repositories', () => {
  it(`exits 0, 1 or 2, never with a stack trace, never writing outside the repository (${RUNS} runs, seed ${SEED})`, async () => {
    const before = snapshot(sibling);
    const exits = new Set<number>();
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const repo = makeRepo(s);
        try {
          const started = Date.now();
          const run = await runCli(s.command, { cwd: repo });
          const took = Date.now() - started;
          expect([0, 1, 2], `${s.command.join(' ')}: exit ${run.exit}\n${run.stderr}`).toContain(run.exit);
          expect(run.stderr).not.toMatch(/internal error|\n\s+at /u);
          expect(took, s.command.join(' ')).toBeLessThan(BOUND_MS);
          expect(snapshot(sibling)).toBe(before);
          exits.add(run.exit);
        } finally {
          rmSync(repo, { recursive: true, force: true });
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // Not vacuous: some runs are refused and some get as far as a verdict.
    expect(exits.has(2)).toBe(true);
    expect(exits.has(0) || exits.has(1)).toBe(true);
  }, 600_000);
});
