import { CONSUMES_FLIPPED } from './CONSUMES_FLIPPED.js';
import type { DiffRule } from './context.js';
import { CONTRACT_ADDED } from './CONTRACT_ADDED.js';
import { CONTRACT_REMOVED } from './CONTRACT_REMOVED.js';
import { DESCRIPTION_CHANGED } from './DESCRIPTION_CHANGED.js';
import { ENDPOINT_CHANGED } from './ENDPOINT_CHANGED.js';
import { FIELD_ADDED } from './FIELD_ADDED.js';
import { FIELD_CONSTRAINT_CHANGED } from './FIELD_CONSTRAINT_CHANGED.js';
import { FIELD_REMOVED } from './FIELD_REMOVED.js';
import { FIELD_REQUIRED_CHANGED } from './FIELD_REQUIRED_CHANGED.js';
import { FIELD_TYPE_CHANGED } from './FIELD_TYPE_CHANGED.js';
import { NOTE_CHANGED } from './NOTE_CHANGED.js';
import { READS_MODE_CHANGED } from './READS_MODE_CHANGED.js';
import { SIDE_TYPE_CHANGED } from './SIDE_TYPE_CHANGED.js';

/** The rules `wirepin diff` runs over a contract pairing, sorted by ID. SYNC_DRIFT belongs to `wirepin sync` and is not here. */
export const DIFF_RULES: readonly DiffRule[] = [
  CONSUMES_FLIPPED,
  CONTRACT_ADDED,
  CONTRACT_REMOVED,
  DESCRIPTION_CHANGED,
  ENDPOINT_CHANGED,
  FIELD_ADDED,
  FIELD_CONSTRAINT_CHANGED,
  FIELD_REMOVED,
  FIELD_REQUIRED_CHANGED,
  FIELD_TYPE_CHANGED,
  NOTE_CHANGED,
  READS_MODE_CHANGED,
  SIDE_TYPE_CHANGED,
];
