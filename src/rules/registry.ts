import { GENERATED_FILE_STALE } from './generate/GENERATED_FILE_STALE.js';
import { LINT_RULES } from './lint/index.js';
import type { RuleMeta } from './rule.js';

/** Every rule wirepin has, sorted by ID. Each has a doc at docs/rules/<ID>.md. */
export function allRules(): RuleMeta[] {
  const rules: RuleMeta[] = [...LINT_RULES, GENERATED_FILE_STALE];
  return rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
