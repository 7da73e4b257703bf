import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { WirepinError } from '../errors.js';
import { compareText } from '../finding.js';

export const CONTRACTS_DIR = 'contracts';

/** Every *.contract.json directly under contracts/ in the working tree, sorted; none (or no directory) is an empty list. */
export async function workingTreeContracts(cwd: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(join(cwd, CONTRACTS_DIR));
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith('.contract.json'))
    .sort(compareText)
    .map((n) => `${CONTRACTS_DIR}/${n}`);
}

/** Every contracts/*.contract.json, sorted. No contracts at all is a usage error, not a pass. */
export async function defaultContractFiles(cwd: string): Promise<string[]> {
  try {
    await readdir(join(cwd, CONTRACTS_DIR));
  } catch {
    throw new WirepinError('E_USAGE', `No ${CONTRACTS_DIR}/ directory in ${cwd}.`, {
      hint: 'Run wirepin from the repository root, or name the contract files.',
    });
  }
  const files = await workingTreeContracts(cwd);
  if (files.length === 0) {
    throw new WirepinError('E_USAGE', `${CONTRACTS_DIR}/ holds no *.contract.json files.`, {
      hint: 'Add a contract, or name the files to check.',
    });
  }
  return files;
}
