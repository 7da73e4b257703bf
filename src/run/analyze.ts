import { stat } from 'node:fs/promises';
import { readBounded } from '../fs/bounded-read.js';
import { resolve } from 'node:path';
import { displayPath } from '../paths.js';
import { WirepinError } from '../errors.js';
import { sortFindings, type Finding } from '../finding.js';
import { placeDrafts } from '../rule.js';
import type { LintContext } from '../rules/lint/context.js';
import { LINT_RULES } from '../rules/lint/index.js';
import { buildContractModel, type ContractModel } from '../contract/field-table.js';
import { decodeUtf8, isJsonObject, readJson, type JsonDocument, type JsonProblem } from '../contract/json-document.js';
import { validateAgainstMetaSchema, type MetaSchemaError } from '../contract/meta-validate.js';
import type { AnalyzedContract, ContractText } from '../contract/usable.js';

export type { AnalyzedContract, ContractText };

/** Contracts larger than this are refused before reading (a real contract is a few KiB). */
export const MAX_CONTRACT_BYTES = 8 * 1024 * 1024;

/** Reads a contract file; unreadable, oversized or non-UTF-8 files are WirepinErrors (exit 2). */
export async function readContractFile(
  path: string,
  cwd: string = process.cwd(),
): Promise<ContractText | { file: string; problem: JsonProblem }> {
  const absolute = resolve(cwd, path);
  const file = displayPath(absolute, cwd);
  let size: number;
  try {
    const info = await stat(absolute);
    if (info.isDirectory())
      throw new WirepinError('E_READ', `${file} is a directory, not a contract file.`, {
        hint: 'Pass a .contract.json file.',
      });
    size = info.size;
  } catch (error) {
    if (error instanceof WirepinError) throw error;
    throw new WirepinError(
      'E_READ',
      `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}.`,
      {
        hint: 'Check the path; contract files live under contracts/ and end in .contract.json.',
      },
    );
  }
  if (size > MAX_CONTRACT_BYTES) {
    throw new WirepinError(
      'E_READ',
      `${file} is ${size} bytes, over wirepin's ${MAX_CONTRACT_BYTES}-byte limit for a contract.`,
      {
        location: { file, line: 1, column: 1 },
        hint: 'A contract describes one wire shape; split it, or check that this is the right file.',
      },
    );
  }
  const bytes = await readBounded(absolute, {
    what: 'contract',
    shown: file,
    maxBytes: MAX_CONTRACT_BYTES,
    hint: 'A contract describes one wire shape; split it, or check that this is the right file.',
  });
  const decoded = decodeUtf8(bytes);
  return 'problem' in decoded ? { file, problem: decoded.problem } : { file, text: decoded.text };
}

/** Runs the pure pipeline on contract text. Deterministic: the same text gives the same result. */
export function analyzeContractText(input: ContractText): AnalyzedContract {
  const read = readJson(input.text);
  const document = read.ok ? read.document : undefined;
  const value = document?.value;
  const metaErrors = value !== undefined && isJsonObject(value) ? validateAgainstMetaSchema(value) : [];
  const model = value !== undefined && isJsonObject(value) ? buildContractModel(value) : undefined;
  const context: LintContext = { problems: read.problems, value, metaErrors, model };
  return lintWith(input, context, document, metaErrors, model);
}

/** An unreadable encoding becomes a CONTRACT_PARSE_ERROR finding like any other parse problem. */
export function analyzeUnreadable(file: string, problem: JsonProblem): AnalyzedContract {
  const context: LintContext = { problems: [problem], value: undefined, metaErrors: [], model: undefined };
  return lintWith({ file, text: '' }, context, undefined, [], undefined);
}

function lintWith(
  input: ContractText,
  context: LintContext,
  document: JsonDocument | undefined,
  metaErrors: readonly MetaSchemaError[],
  model: ContractModel | undefined,
): AnalyzedContract {
  const findings: Finding[] = [];
  for (const rule of LINT_RULES) {
    findings.push(...placeDrafts(rule, rule.check(context), input.file, document?.positions));
  }
  return { file: input.file, text: input.text, document, metaErrors, model, findings: sortFindings(findings) };
}

export async function analyzeContractFile(path: string, cwd: string = process.cwd()): Promise<AnalyzedContract> {
  const read = await readContractFile(path, cwd);
  return 'problem' in read ? analyzeUnreadable(read.file, read.problem) : analyzeContractText(read);
}
