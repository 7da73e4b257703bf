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
    if (
      key === 'cp_consumes' ||
      key === 'note' ||
      key === 'endpoint' ||
      key === 'producer' ||
      key === 'consumer' ||
      key === '$comment'
    )
      continue;
    setOwn(out, key, ledgerToDocComments(schema[key] as JsonValue));
  }
  if (member(schema, 'cp_consumes') === false) {
    const description = member(schema, 'description');
    const note = member(schema, 'note');
    const parts = [
      typeof description === 'string' ? description : '',
      '@cpConsumes false',
      typeof note === 'string' ? `@cpNote ${note}` : '',
    ];
    out['description'] = parts.filter(Boolean).join('\n\n');
  }
  return out;
}

type CompilerInput = Parameters<typeof import('json-schema-to-typescript').compile>[0];

/**
 * json-schema-to-typescript walks schemas as ordinary objects: a field named
 * "hasOwnProperty" or "__proto__" breaks it. So every property name goes in as
 * a placeholder, and the real names are written back into the output.
 */
const PLACEHOLDER = /\bwirepinField(\d+)_(\??):/gu;

/** Sets a key as an own property even when it is "__proto__" (plain assignment would replace the prototype). */
function setOwn(target: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** What json-schema-to-typescript's normalizer treats as an object schema (it gives those a `required` array). */
function isObjectSchema(schema: JsonObject): boolean {
  const type = member(schema, 'type');
  const has = (name: string): boolean => type === name || (Array.isArray(type) && type.includes(name));
  return member(schema, 'properties') !== undefined || has('object') || has('any');
}

interface InputState {
  /** Real property names, by placeholder index. */
  readonly names: string[];
  /** Take property descriptions out of the compiler's input (see movableComment). */
  readonly moveComments: boolean;
  /** Placeholder → the description taken out, to be written back as a doc comment. */
  readonly comments: Map<string, string>;
}

/**
 * Keywords that leave a property's doc comment to its description alone. Not
 * here, among others: title (a named type takes the comment), deprecated (adds
 * a tag), minItems and maxItems (the generator appends them to the comment),
 * nullable (it rewrites the schema).
 */
const COMMENT_NEUTRAL_KEYWORDS = new Set([
  'description',
  'type',
  'enum',
  'const',
  'format',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'default',
  'examples',
  'readOnly',
  'writeOnly',
  'minProperties',
  'maxProperties',
  'uniqueItems',
  '$comment',
]);

/**
 * A property's description, when wirepin can write its doc comment itself,
 * exactly as json-schema-to-typescript and prettier would: prettier spends
 * most of its time attaching comments to nodes (a 10,000-field contract has
 * 10,000 of them), so property comments skip it and are inserted after
 * formatting. Left to the generator (undefined): descriptions on named
 * (titled) or deprecated schemas, arrays whose items carry a description
 * (the generator merges the two), and text whose whitespace prettier treats
 * specially (trailing spaces, carriage returns, Unicode line separators).
 */
function movableComment(property: JsonObject): string | undefined {
  const description = member(property, 'description');
  if (typeof description !== 'string' || description === '') return undefined;
  if (!Object.keys(property).every((key) => COMMENT_NEUTRAL_KEYWORDS.has(key))) return undefined;
  const items = member(property, 'items');
  if (items !== undefined && (!isJsonObject(items) || member(items, 'description') !== undefined)) return undefined;
  if (/[\r\u0085\u2028\u2029]|[^\S\n]\n|[^\S\n]$/u.test(description)) return undefined;
  return description;
}

/**
 * The doc comment json-schema-to-typescript writes for a description
 * ("*\/" made harmless, one " * " line per line) as prettier prints it
 * (each line re-indented, blank lines as " *").
 */
function docComment(description: string, indent: string): string {
  const lines = description.replace(/\*\//gu, '* /').split('\n');
  return [`${indent}/**`, ...lines.map((line) => `${indent} ${`* ${line}`.trim()}`), `${indent} */`, ''].join('\n');
}

/** A placeholder key at the start of a line, where a property begins. */
const PROPERTY_LINE = /^( *)(wirepinField\d+_)(?=\??:)/gmu;

/** Writes the moved comments back above their properties; false when one of them had no line of its own. */
function insertDocComments(code: string, comments: ReadonlyMap<string, string>): string | undefined {
  if (comments.size === 0) return code;
  let inserted = 0;
  const out = code.replace(PROPERTY_LINE, (match, indent: string, placeholder: string) => {
    const description = comments.get(placeholder);
    if (description === undefined) return match;
    inserted++;
    return `${docComment(description, indent)}${indent}${placeholder}`;
  });
  return inserted === comments.size ? out : undefined;
}

/**
 * The schema json-schema-to-typescript compiles, in one pass over the wire schema:
 * - placeholder property names (see PLACEHOLDER);
 * - each required leaf property carries `required: true` (the draft-3 flag that
 *   json-schema-to-typescript also reads) instead of being listed in its parent's
 *   `required` array, whose membership test is a linear scan per property;
 *   object-typed properties stay in the array, because their own `required` is theirs.
 */
function compilerInput(schema: JsonValue, state: InputState, requiredHere = false): JsonValue {
  if (Array.isArray(schema)) return schema.map((item) => compilerInput(item, state));
  if (!isJsonObject(schema)) return schema;
  const out: JsonObject = {};
  const renamed = new Map<string, string>();
  const properties = member(schema, 'properties');
  if (isJsonObject(properties)) {
    for (const name of Object.keys(properties)) renamed.set(name, `wirepinField${state.names.push(name) - 1}_`);
  }
  const requiredList = member(schema, 'required');
  const required = new Set(
    Array.isArray(requiredList) ? requiredList.filter((n): n is string => typeof n === 'string') : [],
  );
  const flagged = new Set<string>();
  for (const key of Object.keys(schema)) {
    const value = schema[key] as JsonValue;
    if (key === 'properties' && isJsonObject(value)) {
      const props: JsonObject = {};
      for (const name of Object.keys(value)) {
        const property = value[name] as JsonValue;
        const placeholder = renamed.get(name) ?? name;
        const reference = isJsonObject(property) ? referenceUse(property) : undefined;
        if (reference !== undefined) {
          // A reference goes in bare: a keyword beside it makes the generator copy the definition into a new type ("Display1").
          const description = member(property as JsonObject, 'description');
          if (typeof description === 'string' && description !== '') state.comments.set(placeholder, description);
          props[placeholder] = reference;
          continue;
        }
        const flag =
          required.has(name) &&
          isJsonObject(property) &&
          !isObjectSchema(property) &&
          member(property, 'required') === undefined &&
          member(property, '$ref') === undefined;
        if (flag) flagged.add(name);
        const comment = state.moveComments && isJsonObject(property) ? movableComment(property) : undefined;
        if (comment !== undefined) state.comments.set(placeholder, comment);
        const input = compilerInput(property, state, flag);
        if (comment !== undefined && isJsonObject(input)) delete input['description'];
        props[placeholder] = input;
      }
      out[key] = props;
    } else if (key !== 'required' || !Array.isArray(value)) {
      setOwn(out, key, compilerInput(value, state));
    }
  }
  if (Array.isArray(requiredList)) {
    out['required'] = requiredList
      .filter((name) => typeof name !== 'string' || !flagged.has(name))
      .map((name) => (typeof name === 'string' ? (renamed.get(name) ?? name) : name));
  }
  if (requiredHere) out['required'] = true;
  return out;
}

/**
 * A wire field that names a definition of the contract, as the compiler should
 * see it: `{"$ref": ...}`, or the nullable form `{"anyOf": [{"$ref": ...},
 * {"type": "null"}]}`, with the ledger and prose beside it left out (its
 * description becomes the property's doc comment). Undefined for any other schema.
 */
function referenceUse(property: JsonObject): JsonObject | undefined {
  const ref = member(property, '$ref');
  if (typeof ref === 'string') return { $ref: ref };
  const anyOf = member(property, 'anyOf');
  if (!Array.isArray(anyOf) || anyOf.length !== 2) return undefined;
  const [first, second] = anyOf;
  if (!isJsonObject(first ?? null) || !isJsonObject(second ?? null)) return undefined;
  const target = member(first as JsonObject, '$ref');
  if (typeof target !== 'string' || member(second as JsonObject, 'type') !== 'null') return undefined;
  return { anyOf: [{ $ref: target }, { type: 'null' }] };
}

/** A property name as TypeScript needs it: bare when it is an identifier, else quoted. */
function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/u.test(name) ? name : `'${name.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

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
  const fast = await compileTypes(wireSchema, options, true);
  return fast ?? ((await compileTypes(wireSchema, options, false)) as string);
}

/**
 * One run of json-schema-to-typescript (with prettier). With moveComments,
 * property descriptions bypass prettier and are inserted afterwards; undefined
 * if that could not be done exactly (then the caller runs it without).
 * Exported for the test that holds both ways to byte-identical output.
 */
export async function compileTypes(
  wireSchema: JsonObject,
  options: TypesOptions,
  moveComments: boolean,
): Promise<string | undefined> {
  const { compile } = await import('json-schema-to-typescript');
  const state: InputState = { names: [], moveComments, comments: new Map() };
  const input = compilerInput(ledgerToDocComments(wireSchema), state) as JsonObject;
  input['title'] = options.typeName;
  const code = await compile(input as unknown as CompilerInput, options.typeName, {
    bannerComment: options.banner,
    additionalProperties: false,
    unknownAny: true,
    strictIndexSignatures: true,
    format: true,
    // babel-ts prints the same text as prettier's default typescript parser for these declarations, about 40% faster.
    style: {
      parser: 'babel-ts',
      printWidth: 120,
      singleQuote: true,
      semi: true,
      trailingComma: 'all',
      endOfLine: 'lf',
    },
    $refOptions: { resolve: { http: false } },
    declareExternallyReferenced: true,
    unreachableDefinitions: false,
  });
  const commented = insertDocComments(code, state.comments);
  if (commented === undefined) return undefined;
  const named = commented.replace(
    PLACEHOLDER,
    (_match, index: string, optional: string) => `${propertyKey(state.names[Number(index)] ?? '')}${optional}:`,
  );
  return named.endsWith('\n') ? named : `${named}\n`;
}
