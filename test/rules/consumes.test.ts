/**
 * The consumer completeness rules (`wirepin consumes`), one table each, through
 * the shared guard tester: Go packages and, for CONSUMER_FIELD_UNREAD,
 * consumption traces under test/fixtures/rules/<ID>/.
 */

import { CONSUMER_CASE_COLLISION } from '../../src/rules/consumes/CONSUMER_CASE_COLLISION.js';
import { CONSUMER_FIELD_MISSING } from '../../src/rules/consumes/CONSUMER_FIELD_MISSING.js';
import { CONSUMER_FIELD_UNKNOWN } from '../../src/rules/consumes/CONSUMER_FIELD_UNKNOWN.js';
import { CONSUMER_FIELD_UNREAD } from '../../src/rules/consumes/CONSUMER_FIELD_UNREAD.js';
import { CONSUMER_READ_UNPROVABLE } from '../../src/rules/consumes/CONSUMER_READ_UNPROVABLE.js';
import { CONSUMER_READS_DEAD_FIELD } from '../../src/rules/consumes/CONSUMER_READS_DEAD_FIELD.js';
import { CONSUMER_TYPE_MISMATCH } from '../../src/rules/consumes/CONSUMER_TYPE_MISMATCH.js';
import { guardRuleTester } from './rule-tester.js';

guardRuleTester(CONSUMER_CASE_COLLISION, 'consumes', {
  // Every key has a field tagged exactly, so Go's case-insensitive match never has to pick one.
  valid: ['good'],
  invalid: [
    {
      fixture: 'bad-item-keys-differ-in-case',
      expect: [
        {
          path: '/properties/lines/items/properties/SKU',
          line: 23,
          column: 11,
          data: { pointer: '/lines/*/SKU', collidesWith: '/lines/*/sku', sourcePointer: '/lines/*/sku' },
          field: 'lines.*.SKU',
          related: {
            file: 'test/fixtures/rules/CONSUMER_CASE_COLLISION/bad-item-keys-differ-in-case/request.go',
            line: 5,
            column: 2,
          },
        },
      ],
    },
    {
      fixture: 'bad-keys-differ-in-case',
      expect: [
        {
          path: '/properties/Amount',
          line: 13,
          column: 5,
          data: { pointer: '/Amount', collidesWith: '/amount', sourcePointer: '/amount' },
          field: 'Amount',
          related: {
            file: 'test/fixtures/rules/CONSUMER_CASE_COLLISION/bad-keys-differ-in-case/request.go',
            line: 11,
            column: 2,
          },
        },
      ],
    },
  ],
});

guardRuleTester(CONSUMER_FIELD_MISSING, 'consumes', {
  valid: ['good'],
  invalid: [
    {
      fixture: 'bad-consumed-field-not-decoded',
      expect: [
        {
          path: '/properties/amount/cp_consumes',
          line: 12,
          column: 36,
          data: { pointer: '/amount' },
          field: 'amount',
          related: {
            file: 'test/fixtures/rules/CONSUMER_FIELD_MISSING/bad-consumed-field-not-decoded/request.go',
            line: 7,
            column: 6,
          },
        },
      ],
    },
    {
      fixture: 'bad-consumed-item-field-not-decoded',
      expect: [
        {
          path: '/properties/lines/items/properties/sku/cp_consumes',
          line: 23,
          column: 38,
          data: { pointer: '/lines/*/sku' },
          field: 'lines.*.sku',
          related: {
            file: 'test/fixtures/rules/CONSUMER_FIELD_MISSING/bad-consumed-item-field-not-decoded/request.go',
            line: 7,
            column: 6,
          },
        },
      ],
    },
  ],
});

guardRuleTester(CONSUMER_FIELD_UNKNOWN, 'consumes', {
  valid: ['good', 'good-item-reads.trace.json'],
  invalid: [
    {
      fixture: 'bad-expects-unsent-field',
      expect: [
        {
          path: '/properties',
          line: 10,
          column: 3,
          data: { pointer: '/currency', sourceType: 'string' },
          field: 'currency',
          related: {
            file: 'test/fixtures/rules/CONSUMER_FIELD_UNKNOWN/bad-expects-unsent-field/request.go',
            line: 12,
            column: 2,
          },
        },
      ],
    },
  ],
});

guardRuleTester(CONSUMER_FIELD_UNREAD, 'consumes', {
  valid: ['good.trace.json'],
  invalid: [
    {
      fixture: 'bad-item-field-unread.trace.json',
      expect: [
        {
          path: '/properties/lines/items/properties/sku/cp_consumes',
          line: 23,
          column: 38,
          data: { pointer: '/lines/*/sku' },
          field: 'lines.*.sku',
          related: {
            file: 'test/fixtures/rules/CONSUMER_FIELD_UNREAD/bad-item-field-unread.trace.json',
            line: 1,
            column: 1,
          },
        },
      ],
    },
    {
      fixture: 'bad-top-level-field-unread.trace.json',
      expect: [
        {
          path: '/properties/amount/cp_consumes',
          line: 12,
          column: 36,
          data: { pointer: '/amount' },
          field: 'amount',
          related: {
            file: 'test/fixtures/rules/CONSUMER_FIELD_UNREAD/bad-top-level-field-unread.trace.json',
            line: 1,
            column: 1,
          },
        },
      ],
    },
  ],
});

guardRuleTester(CONSUMER_READS_DEAD_FIELD, 'consumes', {
  valid: ['good'],
  invalid: [
    {
      fixture: 'bad-decodes-dead-field',
      expect: [
        {
          path: '/properties/legacy_code/cp_consumes',
          line: 14,
          column: 40,
          data: { pointer: '/legacy_code' },
          field: 'legacy_code',
          related: {
            file: 'test/fixtures/rules/CONSUMER_READS_DEAD_FIELD/bad-decodes-dead-field/request.go',
            line: 11,
            column: 2,
          },
        },
      ],
    },
  ],
});

guardRuleTester(CONSUMER_TYPE_MISMATCH, 'consumes', {
  valid: ['good'],
  invalid: [
    {
      fixture: 'bad-item-kind',
      expect: [
        {
          path: '/properties/lines/items/properties/sku/type',
          line: 23,
          column: 20,
          data: { pointer: '/lines/*/sku', kind: 'kind', declared: 'string', received: 'integer', sourceType: 'int' },
          field: 'lines.*.sku',
          related: { file: 'test/fixtures/rules/CONSUMER_TYPE_MISMATCH/bad-item-kind/request.go', line: 4, column: 2 },
        },
      ],
    },
    {
      // A Go integer narrower than the contract's range (no bounds: int64).
      fixture: 'bad-range',
      expect: [
        {
          path: '/properties/amount',
          line: 12,
          column: 5,
          data: {
            pointer: '/amount',
            kind: 'range',
            declared: '-9223372036854775808..9223372036854775807',
            received: 'int32 (-2147483648..2147483647)',
            sourceType: 'int32',
          },
          field: 'amount',
          related: { file: 'test/fixtures/rules/CONSUMER_TYPE_MISMATCH/bad-range/request.go', line: 9, column: 2 },
        },
      ],
    },
    {
      // A Go array [N]T against a contract array of any length.
      fixture: 'bad-length',
      expect: [
        {
          path: '/properties/lines',
          line: 15,
          column: 5,
          data: {
            pointer: '/lines',
            kind: 'length',
            declared: '0.. items',
            received: '[2] (exactly 2 items)',
            sourceType: '[2]Line',
          },
          field: 'lines',
          related: { file: 'test/fixtures/rules/CONSUMER_TYPE_MISMATCH/bad-length/request.go', line: 11, column: 2 },
        },
      ],
    },
    {
      fixture: 'bad-kind',
      expect: [
        {
          path: '/properties/amount/type',
          line: 12,
          column: 17,
          data: { pointer: '/amount', kind: 'kind', declared: 'integer', received: 'string', sourceType: 'string' },
          field: 'amount',
          related: { file: 'test/fixtures/rules/CONSUMER_TYPE_MISMATCH/bad-kind/request.go', line: 9, column: 2 },
        },
      ],
    },
  ],
});

guardRuleTester(CONSUMER_READ_UNPROVABLE, 'consumes', {
  // The handler decodes Request and reads every consumed field in its own code.
  valid: ['good'],
  invalid: [
    {
      // memo is read nowhere; the whole request is handed to log.Printf, which the analysis cannot follow.
      fixture: 'bad-request-escapes-to-logger',
      expect: [
        {
          path: '/properties/memo/cp_consumes',
          line: 13,
          column: 43,
          data: {
            pointer: '/memo',
            kind: 'escape',
            escapedAt: 'test/fixtures/rules/CONSUMER_READ_UNPROVABLE/bad-request-escapes-to-logger/request.go:30:28',
            escape: 'r passed to log.Printf',
          },
          field: 'memo',
          related: {
            file: 'test/fixtures/rules/CONSUMER_READ_UNPROVABLE/bad-request-escapes-to-logger/request.go',
            line: 30,
            column: 28,
          },
        },
      ],
    },
  ],
});
