/**
 * Every rule's metadata as data: ID, stage, severity (a diff change's own
 * severity follows its class), whether a finding blocks the input (exit 2),
 * and retirement. The summary is held to the rule's doc page by
 * test/rules/rule-docs.test.ts; the `why` is prose and pinned nowhere.
 */
import { describe, expect, it } from 'vitest';
import { allRules } from '../../src/rules/registry.js';

const RULES: ReadonlyArray<readonly [id: string, stage: string, severity: string, blocksInput: boolean]> = [
  ['CONSUMED_UNDER_DEAD_PARENT', 'lint', 'error', false],
  ['CONSUMER_CASE_COLLISION', 'consumes', 'error', false],
  ['CONSUMER_FIELD_MISSING', 'consumes', 'error', false],
  ['CONSUMER_FIELD_UNKNOWN', 'consumes', 'error', false],
  ['CONSUMER_FIELD_UNREAD', 'consumes', 'error', false],
  ['CONSUMER_READS_DEAD_FIELD', 'consumes', 'error', false],
  ['CONSUMER_READ_UNPROVABLE', 'consumes', 'warning', false],
  ['CONSUMER_TYPE_MISMATCH', 'consumes', 'error', false],
  ['CONSUMES_FLAG_MISSING', 'lint', 'error', false],
  ['CONSUMES_FLIPPED', 'diff', 'error', false],
  ['CONTRACT_ADDED', 'diff', 'warning', false],
  ['CONTRACT_PARSE_ERROR', 'lint', 'error', true],
  ['CONTRACT_REMOVED', 'diff', 'error', false],
  ['DEAD_FIELD_NOTE_MISSING', 'lint', 'error', false],
  ['DEFINITION_NAME_COLLISION', 'lint', 'error', false],
  ['DESCRIPTION_CHANGED', 'diff', 'notice', false],
  ['DUPLICATE_KEY', 'lint', 'error', false],
  ['ENDPOINT_CHANGED', 'diff', 'error', false],
  ['FIELD_ADDED', 'diff', 'warning', false],
  ['FIELD_CONSTRAINT_CHANGED', 'diff', 'error', false],
  ['FIELD_REMOVED', 'diff', 'error', false],
  ['FIELD_REQUIRED_CHANGED', 'diff', 'error', false],
  ['FIELD_TYPE_CHANGED', 'diff', 'error', false],
  ['GENERATED_FILE_STALE', 'generate', 'error', false],
  ['NOTE_CHANGED', 'diff', 'notice', false],
  ['OBJECT_NOT_CLOSED', 'lint', 'error', false],
  ['PATTERN_UNSAFE', 'lint', 'error', false],
  ['PRODUCER_FIELD_MISSING', 'pin', 'error', false],
  ['PRODUCER_FIELD_UNDECLARED', 'pin', 'error', false],
  ['PRODUCER_REQUIRED_MISMATCH', 'pin', 'error', false],
  ['PRODUCER_TYPE_MISMATCH', 'pin', 'error', false],
  ['READS_MODE_CHANGED', 'diff', 'notice', false],
  ['REQUIRED_NOT_DECLARED', 'lint', 'error', false],
  ['SCHEMA_INVALID', 'lint', 'error', false],
  ['SIDE_TYPE_CHANGED', 'diff', 'notice', false],
  ['SOURCE_TYPE_UNRESOLVED', 'source', 'error', false],
  ['SYNC_DRIFT', 'diff', 'error', false],
  ['UNSUPPORTED_SCHEMA', 'lint', 'error', false],
];

describe('rule metadata', () => {
  it('of every rule in the registry', () => {
    expect(allRules().map((r) => [r.id, r.stage, r.severity, r.blocksInput === true])).toEqual(RULES);
  });

  it('retires no rule yet, and would name the replacement if it did', () => {
    expect(allRules().filter((r) => r.deprecated === true || r.replacedBy !== undefined)).toEqual([]);
  });
});
