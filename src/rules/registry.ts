import { CONSUMES_RULES } from './consumes/index.js';
import { DIFF_RULES } from './diff/index.js';
import { SYNC_DRIFT } from './diff/SYNC_DRIFT.js';
import { GENERATED_FILE_STALE } from './generate/GENERATED_FILE_STALE.js';
import { LINT_RULES } from './lint/index.js';
import { PIN_RULES } from './pin/index.js';
import type { RuleMeta } from '../rule.js';

/** Every rule wirepin has, once each, sorted by ID. Each has a doc at docs/rules/<ID>.md. */
export function allRules(): RuleMeta[] {
  const byId = new Map<string, RuleMeta>();
  for (const rule of [...LINT_RULES, GENERATED_FILE_STALE, ...PIN_RULES, ...CONSUMES_RULES, ...DIFF_RULES, SYNC_DRIFT])
    byId.set(rule.id, rule);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

let byId: ReadonlyMap<string, RuleMeta> | undefined;

/** The rule with this ID, with what it declares about itself (labels of its message kinds, ...). */
export function ruleById(id: string): RuleMeta | undefined {
  byId ??= new Map(allRules().map((r) => [r.id, r]));
  return byId.get(id);
}
