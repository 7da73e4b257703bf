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

interface StandaloneValidator {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string; schemaPath: string; keyword: string; message?: string; params: Record<string, unknown> }> | null;
}

let cached: StandaloneValidator | undefined;

/**
 * The meta-schema validator precompiled at build time (scripts/build-meta-validator.js),
 * so no run pays for compiling the 2020-12 meta-schema.
 */
function metaValidator(): StandaloneValidator {
  if (!cached) {
    const load = createRequire(import.meta.url);
    const loaded = load('./meta-validator.generated.cjs') as { default: StandaloneValidator };
    cached = loaded.default;
  }
  return cached;
}

/**
 * Validates a contract against schemas/contract.schema.json. Errors are
 * de-duplicated (the dialect reaches a property both through 2020-12's own
 * `properties` and its own field rule) and the noise of `if` is dropped.
 */
export function validateAgainstMetaSchema(value: JsonValue): MetaSchemaError[] {
  const validate = metaValidator();
  if (validate(value)) return [];
  const seen = new Set<string>();
  const out: MetaSchemaError[] = [];
  for (const e of validate.errors ?? []) {
    if (e.keyword === 'if') continue;
    const key = `${e.instancePath}\u0000${e.keyword}\u0000${e.message ?? ''}\u0000${JSON.stringify(e.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ instancePath: e.instancePath, keyword: e.keyword, schemaPath: e.schemaPath, message: e.message ?? 'is invalid', params: e.params });
  }
  return out;
}
