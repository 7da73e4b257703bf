import { readRegularFileSync } from '../fs/bounded-read.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { join, resolve } from 'node:path';
import { judgeContract } from '../contract/usable.js';
import { pactContractOf } from '../pact/contract.js';
import { contractInteraction } from '../pact/interaction.js';
import type { PactImporter } from '../pact/load.js';
import { renderPactFile } from '../pact/pact-file.js';
import { checkWithPact } from '../pact/verify-example.js';
import { analyzeContractFile, displayPath } from './analyze.js';
import { exitCodeFor } from './exit-code.js';
import { unusableOutcome, type Outcome, type RunEnv } from './outcome.js';

export const DEFAULT_PACT_DIR = '.wirepin/pacts';

export interface PactCommandOptions {
  /** The contract file. */
  readonly contract: string;
  /** Directory the pact file goes to (created if missing). */
  readonly out: string;
  /** How Pact JS is imported; tests substitute a failing one. */
  readonly importPact?: PactImporter;
}

/**
 * `wirepin pact --contract C --out DIR`: writes `<DIR>/<producer>-<consumer>.json`,
 * a Pact V4 file whose one interaction has every contract field matched by
 * type (our producer is the Pact consumer; our consumer is the Pact provider).
 * A contract with lint errors gets its findings, no file, and exit 2.
 */
export async function runPact(io: RunEnv, options: PactCommandOptions): Promise<Outcome> {
  const verdict = judgeContract(await analyzeContractFile(options.contract, io.cwd));
  if (!verdict.usable) return unusableOutcome('pact', 'pact', [verdict]);
  const analyzed = verdict.contract;
  const outDir = resolve(io.cwd, options.out);
  const contract = pactContractOf(analyzed);
  const interaction = contractInteraction(contract);
  const { fileName, text } = renderPactFile(contract);
  await checkWithPact(interaction, analyzed.file, options.importPact);
  const target = join(outDir, fileName);
  const shown = displayPath(target, io.cwd);
  // --out is named on the command line, so it is not confined to the repository; the write is atomic all the same.
  const before = readRegularFileSync(target)?.toString('utf8');
  if (before !== text) await writeFileAtomic(target, text, { shown });
  return {
    report: {
      command: 'pact',
      subject: `${analyzed.file}: ${interaction.pactConsumer} (Pact consumer) → ${interaction.pactProvider} (Pact provider)`,
      findings: analyzed.findings,
      notes: [`${before === text ? 'unchanged' : 'wrote'} ${shown}`],
    },
    exitCode: exitCodeFor(analyzed.findings),
  };
}

