import type { GuardRule } from '../../guards/context.js';
import { PRODUCER_FIELD_MISSING } from './PRODUCER_FIELD_MISSING.js';
import { PRODUCER_FIELD_UNDECLARED } from './PRODUCER_FIELD_UNDECLARED.js';
import { PRODUCER_REQUIRED_MISMATCH } from './PRODUCER_REQUIRED_MISMATCH.js';
import { PRODUCER_TYPE_MISMATCH } from './PRODUCER_TYPE_MISMATCH.js';
import { SOURCE_TYPE_UNRESOLVED } from './SOURCE_TYPE_UNRESOLVED.js';

/** The producer pin: the producer's fields equal the contract's, at every depth. Sorted by ID. */
export const PIN_RULES: readonly GuardRule[] = [
  PRODUCER_FIELD_MISSING,
  PRODUCER_FIELD_UNDECLARED,
  PRODUCER_REQUIRED_MISMATCH,
  PRODUCER_TYPE_MISMATCH,
  SOURCE_TYPE_UNRESOLVED,
];
