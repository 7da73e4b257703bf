import type { AnalyzedContract } from './analyze.js';
import { WirepinError } from '../errors.js';
import { sortFindings, type Finding } from '../finding.js';
import type { ContractChange } from '../diff/change.js';
import { classifyChanges } from './diff-engine.js';
import { requireUsable } from '../contract/usable.js';
import { definitionPointer, fieldAt, pairContracts, type ContractPairing } from '../diff/pair.js';
import { DIFF_RULES } from '../rules/diff/index.js';
import { SYNC_DRIFT } from '../rules/diff/SYNC_DRIFT.js';
import { placeDrafts } from '../rule.js';
import { canonicalJson, differingValues } from '../sync/value-diff.js';
import { parentPointer } from '../json-pointer.js';
import { mirrorMessage } from './mirror-wording.js';

/** A mirror compared with its source of truth. */
export interface SyncResult {
  /** The two are the same contract under canonical JSON. */
  readonly inSync: boolean;
  /**
   * What the mirror has wrong: field-level changes from source (base) to mirror (head), most severe first,
   * each worded from the mirror's side (mirrorMessage): the fix is always to copy the source.
   */
  readonly changes: readonly ContractChange[];
  /** SYNC_DRIFT findings: differences no field-level change explains, in document order. */
  readonly drift: readonly Finding[];
}

/** The RFC 8785 form of a contract: what "the same contract" means for sync. */
export function canonicalContract(contract: AnalyzedContract): string {
  if (!contract.document) throw new WirepinError('E_PARSE', `${contract.file} could not be read as JSON.`);
  try {
    return canonicalJson(contract.document.value);
  } catch (error) {
    throw new WirepinError('E_PARSE', `${contract.file} has no canonical JSON form: ${(error as Error).message}.`, {
      hint: 'Canonical JSON (RFC 8785) refuses lone surrogates such as "\\ud800"; remove them.',
    });
  }
}

/**
 * The JSON pointers (in either file) whose differences a change accounts for,
 * as the change's own rule declares (`explains`). Anything that differs
 * outside them is SYNC_DRIFT.
 */
function explainedPointers(changes: readonly ContractChange[], pairing: ContractPairing): string[] {
  const out: string[] = [];
  for (const change of changes) {
    const rule = DIFF_RULES.find((r) => r.id === change.rule);
    if (!rule) continue;
    const { pointer, def } = change.data;
    const schemaPointers =
      change.data.kind === 'definition' && def !== undefined
        ? [definitionPointer(def)]
        : [
            fieldAt(pairing.base, pointer, def)?.schemaPointer,
            fieldAt(pairing.head, pointer, def)?.schemaPointer,
          ].filter((p): p is string => p !== undefined);
    out.push(...rule.explains(change.data, schemaPointers));
  }
  return out;
}

function isUnder(pointer: string, prefixes: ReadonlySet<string>): boolean {
  for (let p = pointer; ; p = parentPointer(p)) {
    if (prefixes.has(p)) return true;
    if (p === '') return false;
  }
}

/**
 * Compares a mirror with its source of truth. Both must lint clean (E_PARSE
 * otherwise). They are in sync when their canonical JSON (RFC 8785) is equal,
 * so key order and whitespace never count. Otherwise the field-level diff from
 * source to mirror says what the mirror has wrong, and SYNC_DRIFT covers the
 * rest (a top-level "description", "$id", "title", a constraint...).
 */
export function syncContracts(source: AnalyzedContract, mirror: AnalyzedContract): SyncResult {
  requireUsable(source);
  requireUsable(mirror);
  if (canonicalContract(source) === canonicalContract(mirror)) return { inSync: true, changes: [], drift: [] };
  const pairing = pairContracts(source, mirror);
  const changes = classifyChanges(pairing).map((change): ContractChange => ({
    ...change,
    message: mirrorMessage(change, pairing),
  }));
  const explained = new Set(explainedPointers(changes, pairing));
  const sourceValue = source.document?.value ?? null;
  const mirrorValue = mirror.document?.value ?? null;
  const unexplained = differingValues(sourceValue, mirrorValue).filter((d) => !isUnder(d.pointer, explained));
  const placed = placeDrafts(SYNC_DRIFT, SYNC_DRIFT.check({ unexplained }), mirror.file, mirror.document?.positions);
  // In document order; the "and N more" finding, when there is one, stays last.
  const isMore = (f: Finding): boolean => f.data?.['kind'] === 'more';
  const drift = [...sortFindings(placed.filter((f) => !isMore(f))), ...placed.filter(isMore)];
  return { inSync: false, changes, drift };
}
