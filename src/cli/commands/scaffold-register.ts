import type { Command } from '@commander-js/extra-typings';
import type { CliIo } from '../io.js';
import type { Deliver } from './index.js';

/**
 * Declares `wirepin contract from-go|from-ts` and `wirepin init`: the commands
 * that start a repository's use of wirepin. The work is in src/draft and
 * src/init; these are the shells that print.
 */
export function registerScaffoldCommands(program: Command, io: CliIo, deliver: Deliver): void {
  const contract = program
    .command('contract')
    .description('Work on contract files: draft one from an existing Go struct or TypeScript type.')
    .action(async () => {
      const { WirepinError } = await import('../../errors.js');
      throw new WirepinError('E_USAGE', 'wirepin contract needs a subcommand: from-go or from-ts.', { hint: 'Run `wirepin contract --help` for both.' });
    });
  for (const from of ['go', 'ts'] as const) {
    const language = from === 'go' ? 'Go struct' : 'TypeScript interface or type alias';
    contract
      .command(`from-${from}`)
      .description(
        `Draft a contract from an existing ${language}: every wire field with its type, required and nullability, doc comments as descriptions. ` +
          'cp_consumes is left out on every field, so the draft fails lint until each one is decided.',
      )
      .argument('<path>', from === 'go' ? 'a Go file or package directory' : 'a TypeScript file')
      .requiredOption('--type <name>', `the ${language} to draft from`)
      .option('--endpoint <endpoint>', 'the HTTP method and path, e.g. "POST /v1/provision" (default: a placeholder lint refuses)')
      .option('--title <title>', 'the contract title, PascalCase (default: the type name in PascalCase)')
      .option('--producer-name <name>', 'the sending service (default: producer)')
      .option('--producer-repo <repo>', "where the producer's code lives (default: its name)")
      .option('--consumer-name <name>', 'the receiving service (default: consumer)')
      .option('--consumer-repo <repo>', "where the consumer's code lives (default: its name)")
      .option('--consumer-type <name>', "the consumer's struct or type (default: the same name as --type)")
      .option('--out <file>', 'write the draft here instead of printing it')
      .option('--force', 'let --out replace an existing file')
      .action(async (path, options) => {
        const { draftFromSource } = await import('../../draft/from-source.js');
        const result = await draftFromSource({ cwd: io.cwd, env: io.env }, { from, path, ...options });
        if (result.written === undefined) {
          io.stdout(result.text);
          return;
        }
        const notes = [
          `wrote ${result.written}: ${result.undecided} field${result.undecided === 1 ? '' : 's'} from ${result.header.producer.type}, none with cp_consumes yet.`,
          `Decide each one (true when ${result.header.consumer.name} reads it; false plus a note when it does not), then run: npx wirepin lint ${result.written}`,
        ];
        deliver({ report: { command: `contract from-${from}`, subject: result.written, findings: [], notes } }, 'text');
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
    .requiredOption('--contract <file>', 'the contract file, e.g. contracts/provision.contract.json (it may not exist yet)')
    .option('--force', 'replace wirepin.yaml and the workflow when they exist')
    .action(async (options) => {
      const { initRepository } = await import('../../init/scaffold.js');
      const result = await initRepository({ cwd: io.cwd, env: io.env }, options);
      const notes = [...result.written.map((file) => `wrote ${file}`), 'Next:', ...result.nextSteps.map((step, i) => `  ${i + 1}. ${step}`)];
      deliver({ report: { command: 'init', subject: `${result.side.role} ${result.side.kind}:${result.side.path}`, findings: [], notes } }, 'text');
    });
}
