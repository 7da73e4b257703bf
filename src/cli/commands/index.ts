import type { Command } from '@commander-js/extra-typings';
import type { Format } from '../../render/index.js';
import type { CliIo } from '../io.js';
import { formatOption, type CommandOutcome } from '../main.js';
import { runGenerate, targetsFromContracts } from './generate.js';
import { runLint } from './lint.js';
import { runCheck } from './check.js';

export type Deliver = (outcome: CommandOutcome, format: Format) => void;

/** Declares every subcommand; each one's --help is generated from what is declared here. */
export function registerCommands(program: Command, io: CliIo, deliver: Deliver): void {
  program
    .command('lint')
    .description('Validate contracts against the dialect meta-schema and the lint rules (default: every contracts/*.contract.json).')
    .argument('[files...]', 'contract files')
    .addOption(formatOption())
    .action(async (files, options) => deliver({ report: await runLint(io, files) }, options.format));

  program
    .command('generate')
    .description('Write the wire schema (schemas/) and the producer and consumer TypeScript types for every contract.')
    .argument('[files...]', 'contract files (default: every contracts/*.contract.json)')
    .option('--check', 'write nothing; exit 1 naming each generated file that is stale or missing')
    .addOption(formatOption())
    .action(async (files, options) =>
      deliver({ report: await runGenerate(io, await targetsFromContracts(io, files), options.check === true) }, options.format),
    );

  program
    .command('check')
    .description('The CI job: lint, generate --check, and the producer pin and consumer completeness for every contract in wirepin.yaml.')
    .option('--config <file>', 'the wirepin config file', 'wirepin.yaml')
    .addOption(formatOption())
    .action(async (options) => deliver(await runCheck(io, options.config), options.format));
}
