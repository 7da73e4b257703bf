import type { AnalyzedContract } from './analyze.js';
import { requireUsable } from '../contract/usable.js';
import type { ExtractResult, ReadEvidence, SourceGraph, SourceKind } from '../wire.js';
import { sortFindings, type Finding } from '../finding.js';
import { CONSUMES_RULES } from '../rules/consumes/index.js';
import { PIN_RULES } from '../rules/pin/index.js';
import { placeDrafts, type FindingDraft } from '../rule.js';
import type { GuardContext, GuardRule } from '../guards/context.js';
import { foldGoName } from '../extract/go/fold-name.js';
import { pairFields } from '../guards/pair-fields.js';
import { graphPairs, type GraphLimits } from '../guards/pair-graph.js';

export type GuardName = 'pin' | 'consumes';

const RULES: Readonly<Record<GuardName, readonly GuardRule[]>> = { pin: PIN_RULES, consumes: CONSUMES_RULES };

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
  reads?: ReadEvidence,
): Finding[] {
  // A guard only runs on a contract that lints clean: otherwise it would compare against a shape nobody agreed on.
  const { model } = requireUsable(contract);
  const context: GuardContext = {
    guard,
    contractFile: contract.file,
    model,
    source,
    sourceKind,
    mode,
    ...(reads !== undefined && guard === 'consumes' && mode === 'static' ? { reads } : {}),
    // encoding/json's Unmarshal matches keys case-insensitively; its Marshal and every other reader are exact.
    pairs: pairFields(
      model,
      source,
      sourceKind,
      guard === 'consumes' && sourceKind === 'go' && mode === 'static' ? { foldKey: foldGoName } : {},
    ),
  };
  const findings: Finding[] = [];
  for (const rule of RULES[guard])
    findings.push(...placeDrafts(rule, checkGuardRule(rule, context), contract.file, contract.document?.positions));
  return sortFindings(findings);
}

/** Hands one rule every field pair, one at a time, then the source as a whole: the only loop over pairs. */
export function checkGuardRule(rule: GuardRule, context: GuardContext): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  if (rule.onPair) {
    for (const pair of context.pairs) {
      const draft = rule.onPair(pair, context);
      if (draft) drafts.push(draft);
    }
  }
  drafts.push(...(rule.onSource?.(context) ?? []));
  return drafts;
}

/**
 * Graph mode, for a contract with `$defs` and a source read as a graph of
 * named types: compares each (contract scope, source type) pair once (see
 * `graphPairs`), running the same rules on each pair's fields. A finding
 * inside a definition is placed at the definition's field and names the
 * first payload path that reaches it. The read analysis' verdicts (`reads`)
 * are per declared field, so each pair looks its fields up in the same
 * evidence: a field of a shared type is judged once, whatever path reaches it.
 */
export function runGuardGraph(
  guard: GuardName,
  contract: AnalyzedContract,
  graph: SourceGraph,
  sourceKind: SourceKind,
  reads?: ReadEvidence,
  limits?: GraphLimits,
  mode: 'static' | 'trace' = 'static',
): Finding[] {
  const { model } = requireUsable(contract);
  const findings: Finding[] = [];
  for (const scope of graphPairs(model, graph, limits)) {
    const context: GuardContext = {
      guard,
      contractFile: contract.file,
      model: scope.model,
      source: scope.source,
      sourceKind,
      mode,
      // A trace is its own evidence of reads; the static analysis' verdicts go with static sources only.
      ...(reads !== undefined && guard === 'consumes' && mode === 'static' ? { reads } : {}),
      ...(scope.isRoot ? {} : { scopeSchemaPointer: scope.schemaPointer }),
      pairs: pairFields(
        scope.model,
        scope.source,
        sourceKind,
        guard === 'consumes' && sourceKind === 'go' && mode === 'static'
          ? { foldKey: foldGoName, base: scope.at }
          : { base: scope.at },
      ),
    };
    for (const rule of RULES[guard])
      findings.push(...placeDrafts(rule, checkGuardRule(rule, context), contract.file, contract.document?.positions));
  }
  return sortFindings(findings);
}
