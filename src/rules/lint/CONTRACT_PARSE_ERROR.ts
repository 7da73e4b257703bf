import { isJsonObject, type JsonProblemKind } from '../../contract/json-document.js';
import type { FindingDraft } from '../../rule.js';
import type { LintRule } from './context.js';

export const CONTRACT_PARSE_ERROR: LintRule<Exclude<JsonProblemKind, 'duplicate-key'> | 'not-an-object'> = {
  id: 'CONTRACT_PARSE_ERROR',
  stage: 'lint',
  severity: 'error',
  blocksInput: true,
  summary: 'The contract file must be readable: UTF-8 JSON whose top level is an object.',
  why: 'A contract wirepin cannot read guards nothing; failing closed is the only safe answer.',
  messages: {
    syntax: 'invalid JSON',
    empty: 'empty file',
    'control-character': 'control character',
    'too-deep': 'nested too deep',
    encoding: 'not UTF-8',
    'not-an-object': 'not an object',
  },
  check(context) {
    const drafts: FindingDraft[] = context.problems
      .filter((p) => p.kind !== 'duplicate-key')
      .map((p) => ({ path: '', position: p.position, message: p.message, data: { kind: p.kind } }));
    if (context.value !== undefined && !isJsonObject(context.value)) {
      drafts.push({
        path: '',
        position: { line: 1, column: 1, offset: 0 },
        message: 'The top level of a contract must be a JSON object (a JSON Schema with "type": "object").',
        data: { kind: 'not-an-object' },
      });
    }
    return drafts;
  },
};
