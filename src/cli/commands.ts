import { Option, type Command } from '@commander-js/extra-typings';
import { FAIL_ON } from '../diff/change.js';
import { FORMATS, type Format } from '../render/index.js';
import type { Outcome, RunEnv } from '../run/outcome.js';
import { addHelpExamples } from './help-examples.js';
import type { CliIo } from './io.js';

/** Hands a command's outcome and the chosen --format back to the entry point, which prints it and exits. */
export type Deliver = (outcome: Outcome, format: Format) => void;

export function formatOption(): Option<'--format <format>', undefined, 'text', Format, false> {
  return new Option(
    '--format <format>',
    'output format: text, json, markdown or github (workflow annotations, errors included; the markdown report also goes to $GITHUB_STEP_SUMMARY)',
  )
    .choices(FORMATS)
    .default('text' as const);
}

/**
 * Declares every subcommand: its arguments, its --help and the use-case it
 * runs (src/run/). Each use-case module is imported only when its command
 * runs, so `lint` never pays for YAML, code generation or tree-sitter. Adding
 * a command is one block here and one module in src/run/.
 */
export function registerCommands(program: Command, io: CliIo, deliver: Deliver): void {
  // A use-case sees only where it runs and the environment, never the CLI's output streams.
  const env: RunEnv = { cwd: io.cwd, env: io.env };
  program
    .command('lint')
    .description(
      'Validate contracts against the dialect meta-schema and the lint rules (default: every contracts/*.contract.json).',
    )
    .argument('[files...]', 'contract files')
    .addOption(formatOption())
    .action(async (files, options) =>
      deliver(await (await import('../run/lint.js')).runLint(env, files), options.format),
    );

  program
    .command('generate')
    .description(
      'Write the wire schema (schemas/) and the producer and consumer TypeScript types for every contract. ' +
        'Every output must resolve inside the repository and may not be a contract, a source or another output (exit 2 before writing); files are replaced atomically.',
    )
    .argument('[files...]', 'contract files (default: every contracts/*.contract.json)')
    .option('--check', 'write nothing; exit 1 naming each generated file that is stale or missing')
    .addOption(formatOption())
    .action(async (files, options) => {
      const { runGenerate, targetsFromContracts } = await import('../run/generate.js');
      deliver(await runGenerate(env, await targetsFromContracts(env, files), options.check === true), options.format);
    });

  program
    .command('pin')
    .description("Producer pin: the producer's wire fields equal the contract's, exactly, at every depth.")
    .requiredOption('--contract <file>', 'the contract file')
    .option('--go <path>', 'a Go file or package directory holding the producer struct')
    .option(
      '--ts <file>',
      'a TypeScript file holding the producer interface or type alias (needs the typescript package installed)',
    )
    .option('--json <file>', 'a JSON payload the producer really sent (any language)')
    .option('--type <name>', 'the struct or type name (with --go or --ts)')
    .option('--goos <goos>', 'with --go: the GOOS whose build constraints select the files (default linux)')
    .option('--goarch <goarch>', 'with --go: the GOARCH whose build constraints select the files (default amd64)')
    .addOption(formatOption())
    .action(async (options) =>
      deliver(await (await import('../run/guard.js')).runGuardCommand(env, 'pin', options), options.format),
    );

  program
    .command('consumes')
    .description('Consumer completeness: the consumer reads every consumed field, and no dead or unknown one.')
    .requiredOption('--contract <file>', 'the contract file')
    .option('--go <path>', 'a Go file or package directory holding the consumer struct')
    .option(
      '--ts <file>',
      'a TypeScript file holding the consumer interface or type alias (needs the typescript package installed)',
    )
    .option('--trace <file>', 'a consumption trace: the fields a running handler actually read')
    .option('--type <name>', 'the struct or type name (with --go or --ts)')
    .option('--goos <goos>', 'with --go: the GOOS whose build constraints select the files (default linux)')
    .option('--goarch <goarch>', 'with --go: the GOARCH whose build constraints select the files (default amd64)')
    .option(
      '--no-reads',
      'with --go or --ts: skip the static read analysis (which consumed fields the code never reads)',
    )
    .option(
      '--strict-reads',
      'with --go or --ts: a field whose read cannot be proven (its value escapes) is an error, not a warning (as when the contract\'s consumer says "reads": "strict")',
    )
    .addOption(formatOption())
    .action(async (options) =>
      deliver(await (await import('../run/guard.js')).runGuardCommand(env, 'consumes', options), options.format),
    );

  program
    .command('diff')
    .description(
      'Classify the changes between two versions of a contract as breaking, needs-both-sides, dead-channel or safe. ' +
        'Either BASE HEAD (two files), or --against REF to compare the working-tree contracts with the same paths at a git ref. ' +
        'A base that no longer lints is still diffed; its lint errors are shown as context and do not decide the exit code.',
    )
    .argument(
      '[files...]',
      'BASE HEAD; with --against, the contract files to compare (default: every contracts/*.contract.json on either side)',
    )
    .option(
      '--against <ref>',
      'a git ref (branch, tag or commit, e.g. origin/main) to compare the working tree against',
    )
    .addOption(
      new Option(
        '--fail-on <class>',
        'exit 1 on changes of this class or a more severe one; "any" fails on every change',
      )
        .choices(FAIL_ON)
        .default('breaking' as const),
    )
    .addOption(formatOption())
    .action(async (files, options) =>
      deliver(
        await (
          await import('../run/diff.js')
        ).runDiff(env, { files, against: options.against, failOn: options.failOn }),
        options.format,
      ),
    );

  program
    .command('sync')
    .description(
      'Check that a mirrored contract is the same contract as its source of truth under canonical JSON (RFC 8785): ' +
        'key order and whitespace may differ, nothing else. Exit 1 with what the mirror has wrong.',
    )
    .argument('<mirror>', 'the mirrored contract file')
    .argument(
      '<source>',
      'the source of truth: a path, or REF:PATH at a git ref (e.g. origin/main:contracts/x.contract.json)',
    )
    .option('--write', 'when the mirror differs, replace it with the source (atomically) instead of failing')
    .addOption(formatOption())
    .action(async (mirror, source, options) => {
      const { runSync, runSyncWrite } = await import('../run/sync.js');
      deliver(
        options.write === true ? await runSyncWrite(env, { mirror, source }) : await runSync(env, { mirror, source }),
        options.format,
      );
    });

  program
    .command('pact')
    .description(
      'Write a Pact V4 file for a contract: a covering set of interactions (every field; only the required ones; each ' +
        'nullable field null; every enum member and example), with matchers as precise as the contract (ranges, enums, ' +
        'formats, patterns, lengths) and the headers, provider state and response its "pact" block declares. ' +
        'The producer is the Pact consumer and the consumer the Pact provider. Needs @pact-foundation/pact, an optional peer: npm install --save-dev @pact-foundation/pact@16.',
    )
    .requiredOption('--contract <file>', 'the contract file')
    .option('--out <dir>', 'directory for <producer>-<consumer>.json', '.wirepin/pacts')
    .addOption(formatOption())
    .action(async (options) =>
      deliver(
        await (await import('../run/pact.js')).runPact(env, { contract: options.contract, out: options.out }),
        options.format,
      ),
    );

  program
    .command('check')
    .description(
      'The CI job, for every contract in wirepin.yaml (and any other contracts/*.contract.json): lint, sync against its source when one is configured, ' +
        'generate --check, the producer pin and consumer completeness for the sides named; in CI (CI=true), also diff --against the configured base ref.',
    )
    .option(
      '--config <file>',
      'the wirepin config file (default: wirepin.yaml in this directory or the nearest one above it, up to the repository root)',
    )
    .addOption(formatOption())
    .action(async (options) =>
      deliver(await (await import('../run/check.js')).runCheck(env, options.config), options.format),
    );

  const contract = program
    .command('contract')
    .description('Work on contract files: draft one from an existing Go struct or TypeScript type.')
    .action(async () => {
      const { WirepinError } = await import('../errors.js');
      throw new WirepinError('E_USAGE', 'wirepin contract needs a subcommand: from-go or from-ts.', {
        hint: 'Run `wirepin contract --help` for both.',
      });
    });
  for (const from of ['go', 'ts'] as const) {
    const language = from === 'go' ? 'Go struct' : 'TypeScript interface or type alias';
    contract
      .command(`from-${from}`)
      .description(
        `Draft a contract from an existing ${language}: every wire field with its type, required and nullability, doc comments as descriptions. ` +
          'cp_consumes is left out on every field, so the draft fails lint until each one is decided.' +
          (from === 'go'
            ? ' A struct type used in more than one place, or recursively, is drafted once under $defs and used with $ref.'
            : ''),
      )
      .argument(
        '<path>',
        from === 'go' ? 'a Go file or package directory' : 'a TypeScript file (needs the typescript package installed)',
      )
      .requiredOption('--type <name>', `the ${language} to draft from`)
      .option(
        '--endpoint <endpoint>',
        'the HTTP method and path, e.g. "POST /v1/provision" (default: a placeholder lint refuses)',
      )
      .option('--title <title>', 'the contract title, PascalCase (default: the type name in PascalCase)')
      .option('--producer-name <name>', 'the sending service (default: producer)')
      .option('--producer-repo <repo>', "where the producer's code lives (default: its name)")
      .option('--consumer-name <name>', 'the receiving service (default: consumer)')
      .option('--consumer-repo <repo>', "where the consumer's code lives (default: its name)")
      .option('--consumer-type <name>', "the consumer's struct or type (default: the same name as --type)")
      .option('--out <file>', 'write the draft here instead of printing it')
      .option('--force', 'let --out replace an existing file')
      .action(async (path, options) => {
        const drafted = await (await import('../run/draft.js')).runDraft(env, { from, path, ...options });
        // Without --out the draft itself is the output, printed as it is.
        if ('text' in drafted) io.stdout(drafted.text);
        else deliver(drafted, 'text');
      });
  }

  program
    .command('init')
    .description(
      'Set up wirepin in a repository that has none: writes wirepin.yaml and .github/workflows/wirepin.yml for the one side this repository holds. ' +
        'Never prompts; never replaces a file without --force.',
    )
    .option('--producer <side>', 'this repository sends the body: go:PATH (package dir or file) or ts:FILE')
    .option('--consumer <side>', 'this repository receives the body: go:PATH or ts:FILE')
    .requiredOption('--type <name>', 'the struct or type holding the wire shape')
    .requiredOption(
      '--contract <file>',
      'the contract file, e.g. contracts/provision.contract.json (it may not exist yet)',
    )
    .option('--force', 'replace wirepin.yaml and the workflow when they exist')
    .action(async (options) => deliver(await (await import('../run/init.js')).runInit(env, options), 'text'));

  addHelpExamples(program);
}
