import type { AnalyzedContract } from '../contract/analyze.js';
import { WirepinError } from '../errors.js';
import type { ExtractResult, SourceKind } from '../extract/types.js';
import { sortFindings, type Finding } from '../finding.js';
import { CONSUMES_RULES } from '../rules/consumes/index.js';
import { PIN_RULES } from '../rules/pin/index.js';
import { placeDrafts } from '../rules/rule.js';
import type { GuardContext, GuardRule } from './context.js';
import { pairFields } from './pair-fields.js';

export type GuardName = 'pin' | 'consumes';

const RULES: Readonly<Record<GuardName, readonly GuardRule[]>> = { pin: PIN_RULES, consumes: CONSUMES_RULES };

/** A guard only runs on a contract that lints clean: otherwise it would compare against a shape nobody agreed on. */
export function requireCleanContract(contract: AnalyzedContract): NonNullable<AnalyzedContract['model']> {
  if (!contract.model || contract.findings.some((f) => f.severity === 'error')) {
    throw new WirepinError('E_PARSE', `${contract.file} has lint errors, so it cannot be checked against code.`, {
      location: contract.findings[0] ? { file: contract.file, line: contract.findings[0].line, column: contract.findings[0].column } : { file: contract.file, line: 1, column: 1 },
      hint: `Run \`npx wirepin lint ${contract.file}\` and fix what it reports.`,
    });
  }
  return contract.model;
}

/**
 * Runs the producer pin or the consumer completeness rules: pairs the fields
 * once, hands the pairs to each rule, and places findings in the contract.
 */
export function runGuard(
  guard: GuardName,
  contract: AnalyzedContract,
  source: ExtractResult,
  sourceKind: SourceKind,
  mode: 'static' | 'trace' = 'static',
): Finding[] {
  const model = requireCleanContract(contract);
  const context: GuardContext = {
    guard,
    contractFile: contract.file,
    model,
    source,
    sourceKind,
    mode,
    // encoding/json's Unmarshal matches keys case-insensitively; its Marshal and every other reader are exact.
    pairs: pairFields(model, source, sourceKind, { foldCase: guard === 'consumes' && sourceKind === 'go' && mode === 'static' }),
  };
  const findings: Finding[] = [];
  for (const rule of RULES[guard]) findings.push(...placeDrafts(rule, rule.check(context), contract.file, contract.document?.positions));
  return sortFindings(findings);
}
