import type { Command } from '@commander-js/extra-typings';
import type { CliIo } from '../io.js';
import { formatOption } from '../main.js';
import type { Deliver } from './index.js';

/** Declares `wirepin pact`; call it from registerCommands next to the others. */
export function registerPactCommand(program: Command, io: CliIo, deliver: Deliver): void {
  program
    .command('pact')
    .description(
      'Write a Pact V4 file for a contract: one interaction with every field, matched by type. ' +
        'The producer is the Pact consumer and the consumer the Pact provider. Needs @pact-foundation/pact, an optional peer: npm install --save-dev @pact-foundation/pact@16.',
    )
    .requiredOption('--contract <file>', 'the contract file')
    .option('--out <dir>', 'directory for <producer>-<consumer>.json', '.wirepin/pacts')
    .addOption(formatOption())
    .action(async (options) => deliver({ report: await (await import('./pact.js')).runPact(io, { contract: options.contract, out: options.out }) }, options.format));
}
