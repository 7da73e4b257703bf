import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeContractFile, analyzeContractText, type AnalyzedContract } from '../../src/run/analyze.js';
import { REPO_ROOT } from '../rules/rule-tester.js';

export { REPO_ROOT };
export const DIFF_FIXTURES = 'test/fixtures/diff';

/** The fixture path of one side of a case, relative to the repository root. */
export function fixturePath(name: string, side: 'base' | 'head'): string {
  return `${DIFF_FIXTURES}/${name}/${side}.contract.json`;
}

/** Reads one side of a case with the real pipeline; undefined when the case has no such side (a contract added or deleted). */
export async function loadSide(name: string, side: 'base' | 'head'): Promise<AnalyzedContract | undefined> {
  const path = fixturePath(name, side);
  return existsSync(join(REPO_ROOT, path)) ? analyzeContractFile(path, REPO_ROOT) : undefined;
}

/** A contract from text, named like a file. */
export function contractFromText(file: string, text: string): AnalyzedContract {
  return analyzeContractText({ file, text });
}
