import schema from '../schemas/provision_request.schema.json' with { type: 'json' };
import { createBodyValidator, type BodyValidator } from '../src/runtime/validate-body.js';
import type { ProvisionRequest } from './provision_request.types.js';

/**
 * cp's runtime check of a provision request body: the generated wire schema
 * (schemas/provision_request.schema.json, never hand-edited), compiled once
 * by wirepin's runtime helper. The helper lives in src/runtime/ so library
 * users get it from the package; this module binds it to cp's schema and type.
 */
export {
  createBodyValidator,
  MAX_BODY_ERRORS,
  type BodyError,
  type BodyValidation,
  type BodyValidator,
} from '../src/runtime/validate-body.js';

/** The wire schema the validator was compiled from (also the source of the trace shape). */
export const PROVISION_REQUEST_SCHEMA: object = schema;

/**
 * Validates a parsed body against the whole wire schema (dead fields are
 * declared there, so a producer may send them) and, when it passes, types it
 * as cp's view of the request: the consumer type without dead fields.
 */
export const validateProvisionRequest: BodyValidator<ProvisionRequest> = createBodyValidator<ProvisionRequest>(schema);

/**
 * The same check stopping at the first problem, for the reference server:
 * a hostile body of many unknown keys costs one error, not one per key.
 */
export const validateProvisionRequestFirstError: BodyValidator<ProvisionRequest> =
  createBodyValidator<ProvisionRequest>(schema, { firstErrorOnly: true });
