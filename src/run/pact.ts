import { dirname, join, resolve } from 'node:path';
import { readRegularFileSync } from '../fs/bounded-read.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { judgeContract, type ContractVerdict } from '../contract/usable.js';
import { isJsonObject } from '../contract/json-document.js';
import { pactEnvelopeOf } from '../pact/envelope.js';
import { pactContractOf, type PactContract } from '../pact/contract.js';
import { contractInteractions } from '../pact/interaction.js';
import type { PactImporter } from '../pact/load.js';
import { renderPactFile } from '../pact/pact-file.js';
import { checkWithPact } from '../pact/verify-example.js';
import { analyzeContractFile } from './analyze.js';
import { displayPath } from '../paths.js';
import { exitCodeFor } from './exit-code.js';
import { unusable, unusableOutcome, type Outcome, type RunEnv } from './outcome.js';

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
 * a Pact V4 file with the contract's covering set of interactions (src/pact/interaction.ts)
 * and the envelope its `pact` block declares (our producer is the Pact consumer; our
 * consumer is the Pact provider), after Pact's own mock server accepted each example.
 * A contract (or its response contract) with lint errors gets its findings, no file, and exit 2.
 */
export async function runPact(io: RunEnv, options: PactCommandOptions): Promise<Outcome> {
  const loaded = await judgePactContract(options.contract, io.cwd);
  const refused = unusable(loaded.verdicts);
  if (refused.length > 0 || !loaded.contract) return unusableOutcome('pact', 'pact', refused);
  const contract = loaded.contract;
  const findings = loaded.verdicts.flatMap((v) => (v.usable ? v.contract.findings : []));
  const outDir = resolve(io.cwd, options.out);
  const interactions = contractInteractions(contract);
  const { fileName, text } = renderPactFile(contract);
  await checkWithPact(interactions, contract.file, options.importPact);
  const target = join(outDir, fileName);
  const shown = displayPath(target, io.cwd);
  // --out is named on the command line, so it is not confined to the repository; the write is atomic all the same.
  const before = readRegularFileSync(target)?.toString('utf8');
  // writeFileAtomic creates the directory too, so a failure there (--out /dev/full: EEXIST) is an E_WRITE with the reason.
  if (before !== text) await writeFileAtomic(target, text, { shown });
  const [first] = interactions;
  return {
    report: {
      command: 'pact',
      subject: `${contract.file}: ${first?.pactConsumer ?? ''} (Pact consumer) → ${first?.pactProvider ?? ''} (Pact provider)`,
      findings,
      notes: [
        `${interactions.length} interactions: ${interactions.map((i) => i.case).join('; ')}`,
        `${before === text ? 'unchanged' : 'wrote'} ${shown}`,
      ],
    },
    exitCode: exitCodeFor(findings),
  };
}

/** The request contract and, when its `pact` block names one, the response contract: each judged once. */
async function judgePactContract(
  file: string,
  cwd: string,
): Promise<{ verdicts: ContractVerdict[]; contract: PactContract | undefined }> {
  const verdict = judgeContract(await analyzeContractFile(file, cwd));
  if (!verdict.usable) return { verdicts: [verdict], contract: undefined };
  const document = verdict.contract.document.value;
  const responseFile = isJsonObject(document) ? pactEnvelopeOf(document).response.contract : undefined;
  if (responseFile === undefined) return { verdicts: [verdict], contract: pactContractOf(verdict.contract) };
  const responseVerdict = judgeContract(
    await analyzeContractFile(join(dirname(resolve(cwd, file)), responseFile), cwd),
  );
  if (!responseVerdict.usable) return { verdicts: [verdict, responseVerdict], contract: undefined };
  return { verdicts: [verdict, responseVerdict], contract: pactContractOf(verdict.contract, responseVerdict.contract) };
}

/**
 * Reads a contract for the Pact stage, with its response contract when the
 * `pact` block names one; throws the verdict's E_PARSE for a contract with lint
 * errors. For tests, benchmarks and library callers.
 */
export async function loadPactContract(file: string, cwd: string = process.cwd()): Promise<PactContract> {
  const loaded = await judgePactContract(file, cwd);
  const refused = loaded.verdicts.find((v) => !v.usable);
  if (refused && !refused.usable) throw refused.error;
  if (!loaded.contract) throw new Error('unreachable: usable verdicts give a contract');
  return loaded.contract;
}
