import { createRequire } from 'node:module';
import type { JsonValue } from './json-document.js';

/** One error of the meta-schema validator, as ajv reports it. */
export interface MetaSchemaError {
  /** JSON pointer into the contract. */
  readonly instancePath: string;
  readonly keyword: string;
  /** Where in the meta-schema the failing keyword sits. */
  readonly schemaPath: string;
  readonly message: string;
  readonly params: Readonly<Record<string, unknown>>;
}

export interface StandaloneValidator {
  (data: unknown): boolean;
  errors?: Array<{
    instancePath: string;
    schemaPath: string;
    keyword: string;
    message?: string;
    params: Record<string, unknown>;
  }> | null;
}

export interface MetaValidators {
  /** schemas/contract.schema.json itself: its verdict and errors are the ones reported. */
  readonly full: StandaloneValidator;
  /** The fast path (scripts/fast-meta-schema.js): accepts only what `full` accepts, in one closed node per schema. */
  readonly fast: StandaloneValidator;
}

let cached: MetaValidators | undefined;

/**
 * The meta-schema validators precompiled at build time (scripts/build-meta-validator.js)
 * into generated/ at the package root, so no run pays for compiling the 2020-12
 * meta-schema. The same relative path works from src/contract/, dist/contract/
 * and dist/bundle/.
 */
export function metaValidators(): MetaValidators {
  cached ??= createRequire(import.meta.url)('../../generated/meta-validator.generated.cjs') as MetaValidators;
  return cached;
}

/**
 * Validates a contract against schemas/contract.schema.json (trying the fast
 * path first: a valid contract is valid at once). Errors are
 * de-duplicated (the dialect reaches a property both through 2020-12's own
 * `properties` and its own field rule) and the noise of `if` is dropped.
 */
export function validateAgainstMetaSchema(
  value: JsonValue,
  validators: MetaValidators = metaValidators(),
): MetaSchemaError[] {
  const { fast, full: validate } = validators;
  // What the fast path accepts, the meta-schema accepts; anything else gets the meta-schema's own errors.
  if (fast(value) || validate(value)) return [];
  const seen = new Set<string>();
  const out: MetaSchemaError[] = [];
  for (const e of validate.errors ?? []) {
    if (e.keyword === 'if') continue;
    const key = `${e.instancePath}\u0000${e.keyword}\u0000${e.message ?? ''}\u0000${JSON.stringify(e.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      instancePath: e.instancePath,
      keyword: e.keyword,
      schemaPath: e.schemaPath,
      message: e.message ?? 'is invalid',
      params: e.params,
    });
  }
  return out;
}
