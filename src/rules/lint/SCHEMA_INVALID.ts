import { ledgerKeywordOf, type LintRule } from './context.js';

export const SCHEMA_INVALID: LintRule = {
  id: 'SCHEMA_INVALID',
  stage: 'lint',
  severity: 'error',
  summary: 'The contract must be a valid JSON Schema 2020-12 document in the wirepin dialect (schemas/contract.schema.json).',
  why: 'Generated schemas, types and every guard read the contract as a schema; an invalid one would make them disagree about the wire.',
  check(context) {
    return context.metaErrors
      .filter((e) => ledgerKeywordOf(e) === undefined)
      .map((e) => {
        const where = e.instancePath === '' ? 'The contract' : `"${e.instancePath}"`;
        const detail =
          e.keyword === 'additionalProperties' ? `${e.message} ("${String(e.params['additionalProperty'])}")` : e.keyword === 'required' ? e.message : e.message;
        return {
          path: e.instancePath,
          message: `${where} ${detail} (JSON Schema keyword "${e.keyword}"). See schemas/contract.schema.json for the dialect.`,
          data: { keyword: e.keyword, params: e.params },
        };
      });
  },
};
