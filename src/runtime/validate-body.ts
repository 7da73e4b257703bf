import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { dottedName, joinPointer } from '../json-pointer.js';
import { OWN_KEYWORDS } from '../contract/dialect.js';

/**
 * Runtime validation of a received JSON body against a wire schema
 * (schemas/<name>.schema.json), for the consumer's HTTP handler. The schema is
 * compiled once; each call only runs the compiled function.
 */

/** One reason a body was refused. `field` is dotted ("display.width"); "(root)" for the body itself. */
export interface BodyError {
  readonly field: string;
  readonly message: string;
}

export type BodyValidation<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly BodyError[] };

export type BodyValidator<T> = (body: unknown) => BodyValidation<T>;

/** At most this many errors are returned, so a hostile body cannot make the answer huge. */
export const MAX_BODY_ERRORS = 50;

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

function describeTypes(types: unknown): string {
  const list = Array.isArray(types) ? types : String(types).split(',');
  return list.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ');
}

function toBodyError(error: ErrorObject): BodyError {
  const params = error.params as Readonly<Record<string, unknown>>;
  switch (error.keyword) {
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const key = String(params['additionalProperty'] ?? params['unevaluatedProperty'] ?? '');
      const field = dottedName(joinPointer(error.instancePath, key));
      return { field, message: `unknown field "${field}"; the contract does not list it` };
    }
    case 'required': {
      const field = dottedName(joinPointer(error.instancePath, String(params['missingProperty'] ?? '')));
      return { field, message: 'is required' };
    }
    case 'type':
      return { field: dottedName(error.instancePath), message: `must be ${describeTypes(params['type'])}` };
    default:
      return { field: dottedName(error.instancePath), message: error.message ?? `fails "${error.keyword}"` };
  }
}

function compareErrors(a: BodyError, b: BodyError): number {
  if (a.field !== b.field) return a.field < b.field ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/**
 * Compiles `schema` (JSON Schema 2020-12, with wirepin's ledger keywords as
 * annotations) once and returns a validator. `T` is the type the caller
 * vouches the schema describes (the generated consumer type); the validator
 * does not check that correspondence. Throws if ajv cannot compile the schema.
 */
export function createBodyValidator<T = unknown>(
  schema: object | boolean,
  options: { readonly firstErrorOnly?: boolean } = {},
): BodyValidator<T> {
  // firstErrorOnly stops at the first problem (a server facing hostile bodies: 90,000 unknown keys cost one error, not 90,000).
  const ajv = new Ajv2020({ allErrors: options.firstErrorOnly !== true, strict: true, allowUnionTypes: true });
  addFormatsModule.default(ajv);
  ajv.addVocabulary([...OWN_KEYWORDS]);
  const validate = ajv.compile(schema);
  return (body: unknown): BodyValidation<T> => {
    if (validate(body)) return { ok: true, value: body as T };
    const seen = new Set<string>();
    const errors: BodyError[] = [];
    for (const error of validate.errors ?? []) {
      const converted = toBodyError(error);
      const key = `${converted.field}\u0000${converted.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      errors.push(converted);
    }
    errors.sort(compareErrors);
    return { ok: false, errors: errors.slice(0, MAX_BODY_ERRORS) };
  };
}
