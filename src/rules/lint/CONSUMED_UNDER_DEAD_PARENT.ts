import { fieldLabel, type ContractField } from '../../contract/field-table.js';
import type { FindingDraft } from '../../rule.js';
import type { LintRule } from './context.js';

export const CONSUMED_UNDER_DEAD_PARENT: LintRule = {
  id: 'CONSUMED_UNDER_DEAD_PARENT',
  stage: 'lint',
  severity: 'error',
  summary: 'A field inside a dead object ("cp_consumes": false) cannot itself be consumed.',
  why: 'The consumer cannot read a child of an object it never decodes; the ledger contradicts itself and one of the two flags is wrong.',
  check(context) {
    const drafts: FindingDraft[] = [];
    const model = context.model;
    if (!model) return drafts;
    // Each field table on its own: a definition's fields have their parents in the definition.
    const tables: ReadonlyArray<ReadonlyMap<string, ContractField>> = [
      model.fields,
      ...[...model.defs.values()].map((d) => d.fields),
    ];
    for (const fields of tables) {
      for (const field of fields.values()) {
        if (field.consumes !== true) continue;
        let parent = fields.get(field.parent);
        while (parent && parent.consumes !== false) parent = fields.get(parent.parent);
        if (!parent) continue;
        drafts.push({
          path: `${field.schemaPointer}/cp_consumes`,
          field: fieldLabel(field),
          message: `Field "${fieldLabel(field)}" is marked consumed, but its parent "${fieldLabel(parent)}" is marked dead. Mark the parent consumed, or the child dead.`,
          data: { parent: parent.pointer },
        });
      }
    }
    return drafts;
  },
};
