import type { MetaSchemaError } from '../../contract/meta-validate.js';
import { ledgerKeywordOf, type LintRule } from './context.js';

/**
 * When a value fails an anyOf (2020-12's `type` is "a simple type, or an
 * array of them"), ajv reports every branch at the same path. Keep the most
 * telling one: the enum of allowed values when there is one, else the anyOf.
 */
function mostTelling(errors: readonly MetaSchemaError[]): MetaSchemaError[] {
  const branchy = new Set(
    errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath),
  );
  const out: MetaSchemaError[] = [];
  for (const e of errors) {
    if (!branchy.has(e.instancePath)) {
      out.push(e);
      continue;
    }
    const group = errors.filter((g) => g.instancePath === e.instancePath);
    const pick =
      group.find((g) => g.keyword === 'enum') ?? group.find((g) => g.keyword === 'anyOf' || g.keyword === 'oneOf');
    if (pick === e) out.push(e);
  }
  return out;
}

function describe(e: MetaSchemaError): string {
  if (e.keyword === 'additionalProperties') return `${e.message} ("${String(e.params['additionalProperty'])}")`;
  if (e.keyword === 'enum' && Array.isArray(e.params['allowedValues'])) {
    return `must be one of ${(e.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return e.message;
}

export const SCHEMA_INVALID: LintRule = {
  id: 'SCHEMA_INVALID',
  stage: 'lint',
  severity: 'error',
  summary:
    'The contract must be a valid JSON Schema 2020-12 document in the wirepin dialect (schemas/contract.schema.json).',
  why: 'Generated schemas, types and every guard read the contract as a schema; an invalid one would make them disagree about the wire.',
  check(context) {
    return mostTelling(context.metaErrors.filter((e) => ledgerKeywordOf(e) === undefined)).map((e) => {
      const where = e.instancePath === '' ? 'The contract' : `"${e.instancePath}"`;
      const detail = describe(e);
      return {
        path: e.instancePath,
        message: `${where} ${detail} (JSON Schema keyword "${e.keyword}"). See schemas/contract.schema.json for the dialect.`,
        data: { keyword: e.keyword, params: e.params },
      };
    });
  },
};
