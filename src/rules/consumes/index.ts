import type { GuardRule } from '../../guards/context.js';
import { SOURCE_TYPE_UNRESOLVED } from '../pin/SOURCE_TYPE_UNRESOLVED.js';
import { CONSUMER_CASE_COLLISION } from './CONSUMER_CASE_COLLISION.js';
import { CONSUMER_FIELD_MISSING } from './CONSUMER_FIELD_MISSING.js';
import { CONSUMER_FIELD_UNKNOWN } from './CONSUMER_FIELD_UNKNOWN.js';
import { CONSUMER_FIELD_UNREAD } from './CONSUMER_FIELD_UNREAD.js';
import { CONSUMER_READS_DEAD_FIELD } from './CONSUMER_READS_DEAD_FIELD.js';
import { CONSUMER_TYPE_MISMATCH } from './CONSUMER_TYPE_MISMATCH.js';

/** Consumer completeness: the consumer reads what the ledger says it reads, and nothing it calls dead. Sorted by ID. */
export const CONSUMES_RULES: readonly GuardRule[] = [
  CONSUMER_CASE_COLLISION,
  CONSUMER_FIELD_MISSING,
  CONSUMER_FIELD_UNKNOWN,
  CONSUMER_FIELD_UNREAD,
  CONSUMER_READS_DEAD_FIELD,
  CONSUMER_TYPE_MISMATCH,
  SOURCE_TYPE_UNRESOLVED,
];
