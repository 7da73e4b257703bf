import { Option, type Command } from '@commander-js/extra-typings';
import { FAIL_ON } from '../../diff/change.js';
import type { CliIo } from '../io.js';
import { formatOption } from '../main.js';
import type { Deliver } from './index.js';

/**
 * Declares `wirepin diff` and `wirepin sync`; called from registerCommands.
 * Like the other commands, each imports its module only when it runs.
 */
export function registerDiffCommands(program: Command, io: CliIo, deliver: Deliver): void {
  program
    .command('diff')
    .description(
      'Classify the changes between two versions of a contract as breaking, needs-both-sides, dead-channel or safe. ' +
        'Either BASE HEAD (two files), or --against REF to compare the working-tree contracts with the same paths at a git ref.',
    )
    .argument('[files...]', 'BASE HEAD; with --against, the contract files to compare (default: every contracts/*.contract.json on either side)')
    .option('--against <ref>', 'a git ref (branch, tag or commit, e.g. origin/main) to compare the working tree against')
    .addOption(
      new Option('--fail-on <class>', 'exit 1 on changes of this class or a more severe one; "any" fails on every change')
        .choices(FAIL_ON)
        .default('breaking' as const),
    )
    .addOption(formatOption())
    .action(async (files, options) => deliver(await (await import('./diff.js')).runDiff(io, { files, against: options.against, failOn: options.failOn }), options.format));

  program
    .command('sync')
    .description(
      'Check that a mirrored contract is the same contract as its source of truth under canonical JSON (RFC 8785): ' +
        'key order and whitespace may differ, nothing else. Exit 1 with what the mirror has wrong.',
    )
    .argument('<mirror>', 'the mirrored contract file')
    .argument('<source>', 'the source of truth: a path, or REF:PATH at a git ref (e.g. origin/main:contracts/x.contract.json)')
    .option('--write', 'when the mirror differs, replace it with the source (atomically) instead of failing')
    .addOption(formatOption())
    .action(async (mirror, source, options) => {
      const { runSync, runSyncWrite } = await import('./sync.js');
      deliver(options.write === true ? await runSyncWrite(io, { mirror, source }) : await runSync(io, { mirror, source }), options.format);
    });
}
