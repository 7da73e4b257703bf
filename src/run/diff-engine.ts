import type { AnalyzedContract } from './analyze.js';
import { WirepinError } from '../errors.js';
import { requireUsable } from '../contract/usable.js';
import { bothSides, usesSentence, type ChangeDraft, type DiffRule } from '../rules/diff/context.js';
import { DIFF_RULES } from '../rules/diff/index.js';
import { placeDrafts } from '../rule.js';
import { compareChanges, SEVERITY_OF_CLASS, type ContractChange } from '../diff/change.js';
import { pairContracts, type ContractPairing, type PairedSide } from '../diff/pair.js';

/** Places one rule's drafts in the side they point into; each change's severity follows from its class. */
function placeChanges(rule: DiffRule, drafts: readonly ChangeDraft[], side: PairedSide): ContractChange[] {
  return placeDrafts(rule, drafts, side.file, side.positions).map((finding, i) => {
    const data = (drafts[i] as ChangeDraft).data;
    return { ...finding, severity: SEVERITY_OF_CLASS[data.class], data };
  });
}

/**
 * The classified changes from `base` to `head`. An undefined side means the
 * contract was added (no base) or deleted (no head). Both sides must lint
 * clean (`judgeContract`); otherwise this throws its E_PARSE naming the file. Key order and
 * whitespace never count: only the field tables and the header are compared.
 * Changes are placed in the head contract (the base, when the head is deleted)
 * and sorted most severe class first, then by position.
 */
export function diffContracts(
  base: AnalyzedContract | undefined,
  head: AnalyzedContract | undefined,
): ContractChange[] {
  if (!base && !head) throw new WirepinError('E_USAGE', 'A diff needs at least one contract.');
  return classifyChanges(pairContracts(base && requireUsable(base, 'base'), head && requireUsable(head)));
}

/**
 * Hands one rule the pairing the way it asked for it: the whole pairing once
 * (`onContract`), then, when both versions exist, the header once and every
 * kept, added and removed field one at a time. The only loop over pairs.
 */
export function checkDiffRule<Kind extends string>(
  rule: DiffRule<Kind>,
  pairing: ContractPairing,
): ChangeDraft<Kind>[] {
  const drafts: ChangeDraft<Kind>[] = [...(rule.onContract?.(pairing) ?? [])];
  const sides = bothSides(pairing);
  if (!sides) return drafts;
  drafts.push(...(rule.onHeader?.(sides) ?? []));
  const keep = (draft: ChangeDraft<Kind> | readonly ChangeDraft<Kind>[] | undefined): void => {
    if (Array.isArray(draft)) drafts.push(...(draft as readonly ChangeDraft<Kind>[]));
    else if (draft) drafts.push(draft as ChangeDraft<Kind>);
  };
  // A field of a definition is reported once, with where the payload uses the definition.
  const inDefinition =
    (def: string | undefined, past = false) =>
    (draft: ChangeDraft<Kind> | readonly ChangeDraft<Kind>[] | undefined): void => {
      if (def === undefined || draft === undefined) return keep(draft);
      const list: readonly ChangeDraft<Kind>[] = Array.isArray(draft)
        ? (draft as readonly ChangeDraft<Kind>[])
        : [draft as ChangeDraft<Kind>];
      keep(list.map((d) => withUses(d, def, pairing, past)));
    };
  if (rule.onKept) for (const pair of pairing.kept) inDefinition(pair.head.def)(rule.onKept(pair, sides));
  if (rule.onAdded) for (const added of pairing.added) inDefinition(added.field.def)(rule.onAdded(added, sides));
  if (rule.onRemoved)
    for (const removed of pairing.removed) inDefinition(removed.field.def)(rule.onRemoved(removed, sides));
  if (rule.onDefinitionAdded)
    for (const added of pairing.addedDefs) inDefinition(added.def.name)(rule.onDefinitionAdded(added, sides));
  if (rule.onDefinitionRemoved)
    for (const removed of pairing.removedDefs)
      inDefinition(removed.def.name, true)(rule.onDefinitionRemoved(removed, sides));
  return drafts;
}

/** A change inside a definition: its name and use paths in `data`, and the uses said at the end of the message. */
function withUses<Kind extends string>(
  draft: ChangeDraft<Kind>,
  def: string,
  pairing: ContractPairing,
  past: boolean,
): ChangeDraft<Kind> {
  const uses = pairing.usesOf(def);
  return {
    ...draft,
    message: `${draft.message} ${usesSentence(uses, past)}`,
    data: { ...draft.data, def, uses: uses.paths, moreUses: uses.more, usesComplete: uses.complete },
  };
}

/** Runs every diff rule over an existing pairing (no lint check): `diffContracts` without the guard, for `sync`. */
export function classifyChanges(pairing: ContractPairing): ContractChange[] {
  const side = pairing.head ?? pairing.base;
  if (!side) return [];
  const changes: ContractChange[] = [];
  for (const rule of DIFF_RULES) changes.push(...placeChanges(rule, checkDiffRule(rule, pairing), side));
  return changes.sort(compareChanges);
}
