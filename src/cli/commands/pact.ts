import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyzeContractFile, displayPath } from '../../contract/analyze.js';
import { WirepinError } from '../../errors.js';
import { sortFindings } from '../../finding.js';
import { pactContractOf } from '../../pact/contract.js';
import { contractInteraction, interactionExampleBody, type ContractInteraction } from '../../pact/interaction.js';
import { loadPact, type PactImporter } from '../../pact/load.js';
import { renderPactFile } from '../../pact/pact-file.js';
import { addContractInteraction } from '../../pact/pact-test.js';
import type { Report } from '../../render/index.js';
import type { CliIo } from '../io.js';

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
 * Replays the interaction's example request through Pact's own mock server,
 * so a pact Pact would refuse is never written. It checks that the example
 * satisfies the derived matchers; it does not exercise the producer's client.
 */
async function checkWithPact(interaction: ContractInteraction, contractFile: string, importPact: PactImporter | undefined): Promise<void> {
  const { PactV4 } = await loadPact(importPact);
  const scratch = await mkdtemp(join(tmpdir(), 'wirepin-pact-'));
  try {
    const pact = new PactV4({ consumer: interaction.pactConsumer, provider: interaction.pactProvider, dir: scratch, logLevel: 'error' });
    const headers: Record<string, string> = {};
    for (const h of interaction.request.headers) headers[h.name] = h.example;
    await addContractInteraction(pact, interaction).executeTest(async (mock) => {
      await fetch(`${mock.url}${interaction.request.path}`, {
        method: interaction.request.method,
        headers,
        body: JSON.stringify(interactionExampleBody(interaction)),
      });
    });
  } catch (error) {
    if (error instanceof WirepinError) throw error;
    const reason = error instanceof Error ? error.message.trim() : String(error);
    throw new WirepinError('E_UNSUPPORTED', `Pact refused the example request wirepin derived from ${contractFile}: ${reason}`, {
      hint: 'This is a bug in wirepin or a schema construct it does not model; please report it with the contract.',
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * `wirepin pact --contract C --out DIR`: writes `<DIR>/<producer>-<consumer>.json`,
 * a Pact V4 file whose one interaction has every contract field matched by
 * type (our producer is the Pact consumer; our consumer is the Pact provider).
 * A contract with lint errors gets its findings and no file.
 */
export async function runPact(io: CliIo, options: PactCommandOptions): Promise<Report> {
  const analyzed = await analyzeContractFile(options.contract, io.cwd);
  const outDir = resolve(io.cwd, options.out);
  if (analyzed.findings.some((f) => f.severity === 'error')) {
    return { command: 'pact', subject: `${analyzed.file}: not written, the contract has lint errors`, findings: sortFindings(analyzed.findings) };
  }
  const contract = pactContractOf(analyzed);
  const interaction = contractInteraction(contract);
  const { fileName, text } = renderPactFile(contract);
  await checkWithPact(interaction, analyzed.file, options.importPact);
  const target = join(outDir, fileName);
  const shown = displayPath(target, io.cwd);
  let before: string | undefined;
  try {
    before = await readFile(target, 'utf8');
  } catch {
    before = undefined;
  }
  if (before !== text) {
    await mkdir(outDir, { recursive: true });
    await writeFile(target, text);
  }
  return {
    command: 'pact',
    subject: `${analyzed.file}: ${interaction.pactConsumer} (Pact consumer) → ${interaction.pactProvider} (Pact provider)`,
    findings: analyzed.findings,
    notes: [`${before === text ? 'unchanged' : 'wrote'} ${shown}`],
  };
}

