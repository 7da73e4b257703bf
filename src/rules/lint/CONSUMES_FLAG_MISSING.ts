import { serviceNamesOf } from '../../contract/service-names.js';
import {
  fieldNameOfSchemaPointer,
  isFieldNotObject,
  ledgerFieldPointer,
  ledgerKeywordOf,
  type LintRule,
} from './context.js';

export const CONSUMES_FLAG_MISSING: LintRule<'missing' | 'not-boolean'> = {
  id: 'CONSUMES_FLAG_MISSING',
  stage: 'lint',
  severity: 'error',
  summary:
    'Every property, at every depth, says whether the consumer reads it: "cp_consumes": true or false (a JSON boolean).',
  why: 'The ledger is the point of the contract: a field with no decision is exactly how a sent-but-ignored field goes unnoticed.',
  messages: { missing: 'flag missing', 'not-boolean': 'flag not a boolean' },
  check(context) {
    const { consumer } = serviceNamesOf([context.model]);
    return context.metaErrors
      .filter((e) => ledgerKeywordOf(e) === 'cp_consumes')
      .map((e) => {
        const pointer = ledgerFieldPointer(e);
        const field = fieldNameOfSchemaPointer(pointer);
        const missing = e.keyword === 'required' || isFieldNotObject(e);
        return {
          path: missing ? pointer : e.instancePath,
          field,
          message: missing
            ? `Field "${field}" has no "cp_consumes"${isFieldNotObject(e) ? ' (its schema is a bare boolean)' : ''}. Add "cp_consumes": true if ${consumer} reads it, or false with a "note" saying why it is sent anyway.`
            : `Field "${field}" has "cp_consumes" that is not a JSON boolean. Write true or false without quotes.`,
          data: { kind: missing ? 'missing' : 'not-boolean' },
        };
      });
  },
};
