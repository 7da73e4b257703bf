import { isJsonObject, member, type JsonObject, type JsonValue } from '../contract/json-document.js';

/**
 * Rewrites the ledger into doc comments before type generation, because
 * json-schema-to-typescript drops unknown keywords: consumed fields keep their
 * description, dead fields gain "@cpConsumes false" and their note.
 */
export function ledgerToDocComments(schema: JsonValue): JsonValue {
  if (Array.isArray(schema)) return schema.map(ledgerToDocComments);
  if (!isJsonObject(schema)) return schema;
  const out: JsonObject = {};
  for (const key of Object.keys(schema)) {
    if (key === 'cp_consumes' || key === 'note' || key === 'endpoint' || key === 'producer' || key === 'consumer' || key === '$comment') continue;
    Object.defineProperty(out, key, { value: ledgerToDocComments(schema[key] as JsonValue), enumerable: true, writable: true, configurable: true });
  }
  if (member(schema, 'cp_consumes') === false) {
    const description = member(schema, 'description');
    const note = member(schema, 'note');
    const parts = [typeof description === 'string' ? description : '', '@cpConsumes false', typeof note === 'string' ? `@cpNote ${note}` : ''];
    out['description'] = parts.filter(Boolean).join('\n\n');
  }
  return out;
}

type CompilerInput = Parameters<typeof import('json-schema-to-typescript').compile>[0];

export interface TypesOptions {
  /** The exported type name (the contract's title). */
  readonly typeName: string;
  /** First lines of the file. */
  readonly banner: string;
}

/**
 * TypeScript declarations for a wire schema, via json-schema-to-typescript
 * (imported lazily: only `generate` pays for it). Objects stay closed, unknown
 * is preferred to any, and $refs are never fetched over the network.
 */
export async function generateTypes(wireSchema: JsonObject, options: TypesOptions): Promise<string> {
  const { compile } = await import('json-schema-to-typescript');
  const input = ledgerToDocComments(wireSchema) as JsonObject;
  input['title'] = options.typeName;
  const code = await compile(input as unknown as CompilerInput, options.typeName, {
    bannerComment: options.banner,
    additionalProperties: false,
    unknownAny: true,
    strictIndexSignatures: true,
    format: true,
    style: { printWidth: 120, singleQuote: true, semi: true, trailingComma: 'all', endOfLine: 'lf' },
    $refOptions: { resolve: { http: false } },
    declareExternallyReferenced: true,
    unreachableDefinitions: false,
  });
  return code.endsWith('\n') ? code : `${code}\n`;
}
