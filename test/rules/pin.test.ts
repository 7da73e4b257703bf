/**
 * The producer pin's rules (`wirepin pin`), one table each, through the shared
 * guard tester: a contract between orders (producer) and billing (consumer),
 * and one Go package per case under test/fixtures/rules/<ID>/. Positions were
 * read off the fixture files: the contract member a finding points at, and the
 * Go declaration it relates to.
 */

import { PRODUCER_FIELD_MISSING } from '../../src/rules/pin/PRODUCER_FIELD_MISSING.js';
import { PRODUCER_FIELD_UNDECLARED } from '../../src/rules/pin/PRODUCER_FIELD_UNDECLARED.js';
import { PRODUCER_REQUIRED_MISMATCH } from '../../src/rules/pin/PRODUCER_REQUIRED_MISMATCH.js';
import { PRODUCER_TYPE_MISMATCH } from '../../src/rules/pin/PRODUCER_TYPE_MISMATCH.js';
import { SOURCE_TYPE_UNRESOLVED } from '../../src/rules/pin/SOURCE_TYPE_UNRESOLVED.js';
import { guardRuleTester } from './rule-tester.js';

// SOURCE_TYPE_UNRESOLVED is a `source` rule run by both guards: its table runs it under pin;
// test/guards/reports.test.ts runs `consumes` on a package whose types it cannot see into.
guardRuleTester(PRODUCER_FIELD_MISSING, 'pin', {
  valid: ['good'],
  invalid: [
    {
      fixture: 'bad-item-field-not-sent',
      expect: [
        {
          path: '/properties/lines/items/properties/sku',
          line: 23,
          column: 11,
          data: { pointer: '/lines/*/sku', consumed: true },
          field: 'lines.*.sku',
          related: {
            file: 'test/fixtures/rules/PRODUCER_FIELD_MISSING/bad-item-field-not-sent/request.go',
            line: 6,
            column: 6,
          },
        },
      ],
    },
    {
      fixture: 'bad-top-level-field-not-sent',
      expect: [
        {
          path: '/properties/amount',
          line: 12,
          column: 5,
          data: { pointer: '/amount', consumed: true },
          field: 'amount',
          related: {
            file: 'test/fixtures/rules/PRODUCER_FIELD_MISSING/bad-top-level-field-not-sent/request.go',
            line: 7,
            column: 6,
          },
        },
      ],
    },
  ],
});

guardRuleTester(PRODUCER_FIELD_UNDECLARED, 'pin', {
  valid: ['good'],
  invalid: [
    {
      fixture: 'bad-extra-item-field',
      expect: [
        {
          path: '/properties/lines/items/properties',
          line: 22,
          column: 9,
          data: { pointer: '/lines/*/qty', sourceType: 'int' },
          field: 'lines.*.qty',
          related: {
            file: 'test/fixtures/rules/PRODUCER_FIELD_UNDECLARED/bad-extra-item-field/request.go',
            line: 5,
            column: 2,
          },
        },
      ],
    },
    {
      fixture: 'bad-extra-top-level-field',
      expect: [
        {
          path: '/properties',
          line: 10,
          column: 3,
          data: { pointer: '/currency', sourceType: 'string' },
          field: 'currency',
          related: {
            file: 'test/fixtures/rules/PRODUCER_FIELD_UNDECLARED/bad-extra-top-level-field/request.go',
            line: 13,
            column: 2,
          },
        },
      ],
    },
  ],
});

guardRuleTester(PRODUCER_REQUIRED_MISMATCH, 'pin', {
  valid: ['good'],
  invalid: [
    {
      fixture: 'bad-always-sends-optional',
      expect: [
        {
          path: '/properties/memo',
          line: 13,
          column: 5,
          data: { pointer: '/memo', kind: 'producer-always-sends', contractRequired: false },
          field: 'memo',
          related: {
            file: 'test/fixtures/rules/PRODUCER_REQUIRED_MISMATCH/bad-always-sends-optional/request.go',
            line: 10,
            column: 2,
          },
        },
      ],
    },
    {
      fixture: 'bad-may-omit-required',
      expect: [
        {
          path: '/properties/amount',
          line: 12,
          column: 5,
          data: { pointer: '/amount', kind: 'producer-may-omit', contractRequired: true },
          field: 'amount',
          related: {
            file: 'test/fixtures/rules/PRODUCER_REQUIRED_MISMATCH/bad-may-omit-required/request.go',
            line: 9,
            column: 2,
          },
        },
      ],
    },
  ],
});

guardRuleTester(PRODUCER_TYPE_MISMATCH, 'pin', {
  valid: ['good'],
  invalid: [
    {
      fixture: 'bad-kind',
      expect: [
        {
          path: '/properties/amount/type',
          line: 12,
          column: 17,
          data: { pointer: '/amount', kind: 'kind', sent: 'string', declared: 'integer', sourceType: 'string' },
          field: 'amount',
          related: { file: 'test/fixtures/rules/PRODUCER_TYPE_MISMATCH/bad-kind/request.go', line: 9, column: 2 },
        },
      ],
    },
    {
      fixture: 'bad-nullable',
      expect: [
        {
          path: '/properties/order_id/type',
          line: 11,
          column: 19,
          data: {
            pointer: '/order_id',
            kind: 'nullable',
            sent: 'string|null',
            declared: 'string',
            sourceType: '*string',
          },
          field: 'order_id',
          related: { file: 'test/fixtures/rules/PRODUCER_TYPE_MISMATCH/bad-nullable/request.go', line: 8, column: 2 },
        },
      ],
    },
  ],
});

guardRuleTester(SOURCE_TYPE_UNRESOLVED, 'pin', {
  valid: ['good'],
  invalid: [
    {
      fixture: 'bad-custom-marshaler',
      expect: [
        {
          path: '/properties/amount',
          line: 12,
          column: 5,
          data: {
            pointer: '/amount',
            sourceType: 'Cents',
            reason: 'type "Cents" has a custom marshaller (MarshalJSON on its value receiver)',
          },
          field: 'amount',
          related: {
            file: 'test/fixtures/rules/SOURCE_TYPE_UNRESOLVED/bad-custom-marshaler/request.go',
            line: 9,
            column: 2,
          },
        },
      ],
    },
    {
      fixture: 'bad-other-package',
      expect: [
        {
          path: '/properties/amount',
          line: 12,
          column: 5,
          data: {
            pointer: '/amount',
            sourceType: 'money.Cents',
            reason: '"money.Cents" is declared in package "example.com/money", which wirepin does not read',
          },
          field: 'amount',
          related: {
            file: 'test/fixtures/rules/SOURCE_TYPE_UNRESOLVED/bad-other-package/request.go',
            line: 11,
            column: 2,
          },
        },
      ],
    },
  ],
});
