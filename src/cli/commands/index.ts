import type { Command } from '@commander-js/extra-typings';
import type { Format } from '../../render/index.js';
import type { CliIo } from '../io.js';
import { formatOption, type CommandOutcome } from '../main.js';
import { registerDiffCommands } from './diff-register.js';
import { registerPactCommand } from './pact-register.js';

export type Deliver = (outcome: CommandOutcome, format: Format) => void;

/**
 * Declares every subcommand; each one's --help is generated from what is
 * declared here. A command's module is imported only when it runs, so `lint`
 * never pays for YAML, code generation or tree-sitter.
 */
export function registerCommands(program: Command, io: CliIo, deliver: Deliver): void {
  program
    .command('lint')
    .description('Validate contracts against the dialect meta-schema and the lint rules (default: every contracts/*.contract.json).')
    .argument('[files...]', 'contract files')
    .addOption(formatOption())
    .action(async (files, options) => deliver({ report: await (await import('./lint.js')).runLint(io, files) }, options.format));

  program
    .command('generate')
    .description('Write the wire schema (schemas/) and the producer and consumer TypeScript types for every contract.')
    .argument('[files...]', 'contract files (default: every contracts/*.contract.json)')
    .option('--check', 'write nothing; exit 1 naming each generated file that is stale or missing')
    .addOption(formatOption())
    .action(async (files, options) => {
      const { runGenerate, targetsFromContracts } = await import('./generate.js');
      deliver({ report: await runGenerate(io, await targetsFromContracts(io, files), options.check === true) }, options.format);
    });

  program
    .command('pin')
    .description("Producer pin: the producer's wire fields equal the contract's, exactly, at every depth.")
    .requiredOption('--contract <file>', 'the contract file')
    .option('--go <path>', 'a Go file or package directory holding the producer struct')
    .option('--ts <file>', 'a TypeScript file holding the producer interface or type alias (needs the typescript package installed)')
    .option('--json <file>', 'a JSON payload the producer really sent (any language)')
    .option('--type <name>', 'the struct or type name (with --go or --ts)')
    .addOption(formatOption())
    .action(async (options) => deliver(await (await import('./guards.js')).runGuardCommand(io, 'pin', options), options.format));

  program
    .command('consumes')
    .description('Consumer completeness: the consumer reads every consumed field, and no dead or unknown one.')
    .requiredOption('--contract <file>', 'the contract file')
    .option('--go <path>', 'a Go file or package directory holding the consumer struct')
    .option('--ts <file>', 'a TypeScript file holding the consumer interface or type alias (needs the typescript package installed)')
    .option('--trace <file>', 'a consumption trace: the fields a running handler actually read')
    .option('--type <name>', 'the struct or type name (with --go or --ts)')
    .addOption(formatOption())
    .action(async (options) => deliver(await (await import('./guards.js')).runGuardCommand(io, 'consumes', options), options.format));

  registerDiffCommands(program, io, deliver);
  registerPactCommand(program, io, deliver);

  program
    .command('check')
    .description('The CI job: lint, generate --check, and the producer pin and consumer completeness for every contract in wirepin.yaml.')
    .option('--config <file>', 'the wirepin config file', 'wirepin.yaml')
    .addOption(formatOption())
    .action(async (options) => deliver(await (await import('./check.js')).runCheck(io, options.config), options.format));
}
