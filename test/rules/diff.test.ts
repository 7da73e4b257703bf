/**
 * The diff rules (`wirepin diff`), one table each, through the shared diff
 * tester: test/fixtures/rules/<ID>/base.contract.json against one head per
 * change. `data.class` decides the severity; `related` is where the field
 * was in the base. The scenario folders under test/fixtures/diff/ (and their
 * goldens) are tested in test/diff/.
 */

import { CONSUMES_FLIPPED } from '../../src/rules/diff/CONSUMES_FLIPPED.js';
import { CONTRACT_ADDED } from '../../src/rules/diff/CONTRACT_ADDED.js';
import { CONTRACT_REMOVED } from '../../src/rules/diff/CONTRACT_REMOVED.js';
import { DESCRIPTION_CHANGED } from '../../src/rules/diff/DESCRIPTION_CHANGED.js';
import { ENDPOINT_CHANGED } from '../../src/rules/diff/ENDPOINT_CHANGED.js';
import { FIELD_ADDED } from '../../src/rules/diff/FIELD_ADDED.js';
import { FIELD_CONSTRAINT_CHANGED } from '../../src/rules/diff/FIELD_CONSTRAINT_CHANGED.js';
import { FIELD_REMOVED } from '../../src/rules/diff/FIELD_REMOVED.js';
import { FIELD_REQUIRED_CHANGED } from '../../src/rules/diff/FIELD_REQUIRED_CHANGED.js';
import { FIELD_TYPE_CHANGED } from '../../src/rules/diff/FIELD_TYPE_CHANGED.js';
import { NOTE_CHANGED } from '../../src/rules/diff/NOTE_CHANGED.js';
import { READS_MODE_CHANGED } from '../../src/rules/diff/READS_MODE_CHANGED.js';
import { SIDE_TYPE_CHANGED } from '../../src/rules/diff/SIDE_TYPE_CHANGED.js';
import { describe, expect, it } from 'vitest';
import { diffContracts } from '../../src/run/diff-engine.js';
import { analyzeContractFile } from '../../src/run/analyze.js';
import { syncContracts } from '../../src/run/sync-engine.js';
import { contractFromText } from '../diff/fixtures.js';
import { REPO_ROOT } from '../support/facts.js';
import { diffRuleTester } from './rule-tester.js';

diffRuleTester(CONSUMES_FLIPPED, {
  valid: ['good-key-order.contract.json'],
  invalid: [
    {
      fixture: 'bad-became-alive.contract.json',
      expect: [
        {
          path: '/properties/legacy_code/cp_consumes',
          line: 40,
          column: 7,
          data: {
            class: 'needs-both-sides',
            kind: 'became-alive',
            pointer: '/legacy_code',
            consumes: true,
            note: null,
            before: 'dead',
            after: 'consumed',
          },
          field: 'legacy_code',
          related: { file: 'test/fixtures/rules/CONSUMES_FLIPPED/base.contract.json', line: 40, column: 7 },
        },
      ],
    },
    {
      fixture: 'bad-became-dead.contract.json',
      expect: [
        {
          path: '/properties/memo/cp_consumes',
          line: 36,
          column: 7,
          data: {
            class: 'breaking',
            kind: 'became-dead',
            pointer: '/memo',
            consumes: false,
            note: 'Billing prints no memo any more.',
            before: 'consumed',
            after: 'dead',
          },
          field: 'memo',
          related: { file: 'test/fixtures/rules/CONSUMES_FLIPPED/base.contract.json', line: 36, column: 7 },
        },
      ],
    },
  ],
});

diffRuleTester(CONTRACT_ADDED, {
  valid: ['good-key-order.contract.json'],
  invalid: [
    {
      fixture: 'bad-contract-added.contract.json',
      without: 'base',
      expect: [
        {
          path: '',
          line: 1,
          column: 1,
          data: {
            class: 'needs-both-sides',
            kind: 'added',
            pointer: '',
            before: null,
            after: 'InvoiceRequest (POST /billing/invoices)',
            consumes: null,
            note: null,
            nested: 6,
          },
        },
      ],
    },
  ],
});

diffRuleTester(CONTRACT_REMOVED, {
  valid: ['good-key-order.contract.json'],
  invalid: [
    {
      fixture: 'bad-contract-removed.contract.json',
      without: 'head',
      expect: [
        {
          path: '',
          line: 1,
          column: 1,
          data: {
            class: 'breaking',
            kind: 'removed',
            pointer: '',
            before: 'InvoiceRequest (POST /billing/invoices)',
            after: null,
            consumes: null,
            note: null,
            nested: 6,
          },
        },
      ],
    },
  ],
});

diffRuleTester(DESCRIPTION_CHANGED, {
  valid: ['good-key-order.contract.json'],
  invalid: [
    {
      fixture: 'bad-description-added.contract.json',
      expect: [
        {
          path: '/properties/order_id/description',
          line: 26,
          column: 7,
          data: {
            class: 'safe',
            kind: 'added',
            pointer: '/order_id',
            consumes: true,
            note: null,
            before: null,
            after: 'The order being invoiced.',
          },
          field: 'order_id',
          related: { file: 'test/fixtures/rules/DESCRIPTION_CHANGED/base.contract.json', line: 23, column: 5 },
        },
      ],
    },
  ],
});

diffRuleTester(ENDPOINT_CHANGED, {
  valid: ['good-key-order.contract.json'],
  invalid: [
    {
      fixture: 'bad-endpoint-changed.contract.json',
      expect: [
        {
          path: '/endpoint',
          line: 4,
          column: 3,
          data: {
            class: 'breaking',
            kind: 'changed',
            pointer: '',
            before: 'POST /billing/invoices',
            after: 'PUT /billing/v2/invoices',
            consumes: null,
            note: null,
          },
          related: { file: 'test/fixtures/rules/ENDPOINT_CHANGED/base.contract.json', line: 4, column: 3 },
        },
      ],
    },
  ],
});

diffRuleTester(FIELD_ADDED, {
  valid: ['good-key-order.contract.json'],
  invalid: [
    {
      fixture: 'bad-consumed-field-added.contract.json',
      expect: [
        {
          path: '/properties/currency',
          line: 63,
          column: 5,
          data: {
            class: 'needs-both-sides',
            kind: 'consumed',
            pointer: '/currency',
            consumes: true,
            note: null,
            before: null,
            after: 'string',
            nested: 0,
            required: false,
          },
          field: 'currency',
        },
      ],
    },
    {
      fixture: 'bad-dead-field-added.contract.json',
      expect: [
        {
          path: '/properties/trace_id',
          line: 63,
          column: 5,
          data: {
            class: 'dead-channel',
            kind: 'dead',
            pointer: '/trace_id',
            consumes: false,
            note: 'Only the orders logs read it.',
            before: null,
            after: 'string',
            nested: 0,
            required: false,
          },
          field: 'trace_id',
        },
      ],
    },
  ],
});

diffRuleTester(FIELD_CONSTRAINT_CHANGED, {
  valid: ['good-key-order.contract.json'],
  invalid: [
    {
      fixture: 'bad-const-changed.contract.json',
      expect: [
        {
          path: '/properties/kind/const',
          line: 48,
          column: 7,
          data: {
            class: 'breaking',
            kind: 'const-changed',
            pointer: '/kind',
            consumes: true,
            note: null,
            before: '"invoice"',
            after: '"credit_note"',
            keyword: 'const',
          },
          field: 'kind',
          related: { file: 'test/fixtures/rules/FIELD_CONSTRAINT_CHANGED/base.contract.json', line: 48, column: 7 },
        },
      ],
    },
    {
      fixture: 'bad-enum-member-replaced.contract.json',
      expect: [
        {
          path: '/properties/currency/enum',
          line: 39,
          column: 7,
          data: {
            class: 'breaking',
            kind: 'enum-changed',
            pointer: '/currency',
            consumes: true,
            note: null,
            before: '["EUR","USD","GBP"]',
            after: '["EUR","USD","CHF"]',
            keyword: 'enum',
          },
          field: 'currency',
          related: { file: 'test/fixtures/rules/FIELD_CONSTRAINT_CHANGED/base.contract.json', line: 39, column: 7 },
        },
      ],
    },
    {
      fixture: 'bad-enum-narrowed.contract.json',
      expect: [
        {
          path: '/properties/currency/enum',
          line: 39,
          column: 7,
          data: {
            class: 'needs-both-sides',
            kind: 'enum-tightened',
            pointer: '/currency',
            consumes: true,
            note: null,
            before: '["EUR","USD","GBP"]',
            after: '["EUR","USD"]',
            keyword: 'enum',
          },
          field: 'currency',
          related: { file: 'test/fixtures/rules/FIELD_CONSTRAINT_CHANGED/base.contract.json', line: 39, column: 7 },
        },
      ],
    },
    {
      fixture: 'bad-enum-reordered.contract.json',
      expect: [
        {
          path: '/properties/currency/enum',
          line: 39,
          column: 7,
          data: {
            class: 'safe',
            kind: 'enum-reordered',
            pointer: '/currency',
            consumes: true,
            note: null,
            before: '["EUR","USD","GBP"]',
            after: '["USD","EUR","GBP"]',
            keyword: 'enum',
          },
          field: 'currency',
          related: { file: 'test/fixtures/rules/FIELD_CONSTRAINT_CHANGED/base.contract.json', line: 39, column: 7 },
        },
      ],
    },
    {
      fixture: 'bad-enum-widened.contract.json',
      expect: [
        {
          path: '/properties/currency/enum',
          line: 39,
          column: 7,
          data: {
            class: 'needs-both-sides',
            kind: 'enum-loosened',
            pointer: '/currency',
            consumes: true,
            note: null,
            before: '["EUR","USD","GBP"]',
            after: '["EUR","USD","GBP","CHF"]',
            keyword: 'enum',
          },
          field: 'currency',
          related: { file: 'test/fixtures/rules/FIELD_CONSTRAINT_CHANGED/base.contract.json', line: 39, column: 7 },
        },
      ],
    },
    {
      fixture: 'bad-items-maxlength-added.contract.json',
      expect: [
        {
          path: '/properties/tags/items/maxLength',
          line: 64,
          column: 9,
          data: {
            class: 'needs-both-sides',
            kind: 'maxLength-tightened',
            pointer: '/tags',
            consumes: false,
            note: 'Billing keeps no tags; orders sends them for its own audit log.',
            before: null,
            after: '32',
            keyword: 'items/maxLength',
          },
          field: 'tags',
          related: { file: 'test/fixtures/rules/FIELD_CONSTRAINT_CHANGED/base.contract.json', line: 62, column: 7 },
        },
      ],
    },
    {
      fixture: 'bad-map-values-format-added.contract.json',
      expect: [
        {
          path: '/properties/labels/additionalProperties/format',
          line: 71,
          column: 9,
          data: {
            class: 'needs-both-sides',
            kind: 'format-tightened',
            pointer: '/labels',
            consumes: true,
            note: null,
            before: null,
            after: '"email"',
            keyword: 'additionalProperties/format',
          },
          field: 'labels',
          related: { file: 'test/fixtures/rules/FIELD_CONSTRAINT_CHANGED/base.contract.json', line: 69, column: 7 },
        },
      ],
    },
    {
      fixture: 'bad-maximum-raised.contract.json',
      expect: [
        {
          path: '/properties/amount/maximum',
          line: 33,
          column: 7,
          data: {
            class: 'needs-both-sides',
            kind: 'maximum-loosened',
            pointer: '/amount',
            consumes: true,
            note: null,
            before: '1000000',
            after: '5000000',
            keyword: 'maximum',
          },
          field: 'amount',
          related: { file: 'test/fixtures/rules/FIELD_CONSTRAINT_CHANGED/base.contract.json', line: 33, column: 7 },
        },
      ],
    },
    {
      fixture: 'bad-maxlength-lowered.contract.json',
      expect: [
        {
          path: '/properties/memo/maxLength',
          line: 56,
          column: 7,
          data: {
            class: 'needs-both-sides',
            kind: 'maxLength-tightened',
            pointer: '/memo',
            consumes: true,
            note: null,
            before: '140',
            after: '80',
            keyword: 'maxLength',
          },
          field: 'memo',
          related: { file: 'test/fixtures/rules/FIELD_CONSTRAINT_CHANGED/base.contract.json', line: 56, column: 7 },
        },
      ],
    },
    {
      fixture: 'bad-minimum-raised.contract.json',
      expect: [
        {
          path: '/properties/amount/minimum',
          line: 32,
          column: 7,
          data: {
            class: 'needs-both-sides',
            kind: 'minimum-tightened',
            pointer: '/amount',
            consumes: true,
            note: null,
            before: '0',
            after: '1',
            keyword: 'minimum',
          },
          field: 'amount',
          related: { file: 'test/fixtures/rules/FIELD_CONSTRAINT_CHANGED/base.contract.json', line: 32, column: 7 },
        },
      ],
    },
    {
      fixture: 'bad-minimum-removed.contract.json',
      expect: [
        {
          path: '/properties/amount',
          line: 29,
          column: 5,
          data: {
            class: 'needs-both-sides',
            kind: 'minimum-loosened',
            pointer: '/amount',
            consumes: true,
            note: null,
            before: '0',
            after: null,
            keyword: 'minimum',
          },
          field: 'amount',
          related: { file: 'test/fixtures/rules/FIELD_CONSTRAINT_CHANGED/base.contract.json', line: 32, column: 7 },
        },
      ],
    },
    {
      fixture: 'bad-minitems-removed.contract.json',
      expect: [
        {
          path: '/properties/lines',
          line: 73,
          column: 5,
          data: {
            class: 'needs-both-sides',
            kind: 'minItems-loosened',
            pointer: '/lines',
            consumes: true,
            note: null,
            before: '1',
            after: null,
            keyword: 'minItems',
          },
          field: 'lines',
          related: { file: 'test/fixtures/rules/FIELD_CONSTRAINT_CHANGED/base.contract.json', line: 79, column: 7 },
        },
      ],
    },
    {
      fixture: 'bad-multipleof-tightened.contract.json',
      expect: [
        {
          path: '/properties/amount/multipleOf',
          line: 34,
          column: 7,
          data: {
            class: 'needs-both-sides',
            kind: 'multipleOf-tightened',
            pointer: '/amount',
            consumes: true,
            note: null,
            before: '5',
            after: '10',
            keyword: 'multipleOf',
          },
          field: 'amount',
          related: { file: 'test/fixtures/rules/FIELD_CONSTRAINT_CHANGED/base.contract.json', line: 34, column: 7 },
        },
      ],
    },
    {
      fixture: 'bad-pattern-changed.contract.json',
      expect: [
        {
          path: '/properties/order_id/pattern',
          line: 27,
          column: 7,
          data: {
            class: 'breaking',
            kind: 'pattern-changed',
            pointer: '/order_id',
            consumes: true,
            note: null,
            before: '"^ord_[0-9a-z]+$"',
            after: '"^ord_[0-9]+$"',
            keyword: 'pattern',
          },
          field: 'order_id',
          related: { file: 'test/fixtures/rules/FIELD_CONSTRAINT_CHANGED/base.contract.json', line: 27, column: 7 },
        },
      ],
    },
  ],
});

diffRuleTester(FIELD_REMOVED, {
  valid: ['good-key-order.contract.json'],
  invalid: [
    {
      fixture: 'bad-consumed-field-removed.contract.json',
      expect: [
        {
          path: '/properties',
          line: 22,
          column: 3,
          data: {
            class: 'breaking',
            kind: 'consumed',
            pointer: '/memo',
            consumes: true,
            note: null,
            before: 'string|null',
            after: null,
            nested: 0,
            required: false,
          },
          field: 'memo',
          related: { file: 'test/fixtures/rules/FIELD_REMOVED/base.contract.json', line: 31, column: 5 },
        },
      ],
    },
    {
      fixture: 'bad-dead-field-removed.contract.json',
      expect: [
        {
          path: '/properties',
          line: 22,
          column: 3,
          data: {
            class: 'safe',
            kind: 'dead',
            pointer: '/legacy_code',
            consumes: false,
            note: 'Billing stopped reading it in release 4.',
            before: 'string',
            after: null,
            nested: 0,
            required: false,
          },
          field: 'legacy_code',
          related: { file: 'test/fixtures/rules/FIELD_REMOVED/base.contract.json', line: 38, column: 5 },
        },
      ],
    },
  ],
});

diffRuleTester(FIELD_REQUIRED_CHANGED, {
  valid: ['good-key-order.contract.json'],
  invalid: [
    {
      fixture: 'bad-became-optional.contract.json',
      expect: [
        {
          path: '/required',
          line: 17,
          column: 3,
          data: {
            class: 'safe',
            kind: 'became-optional',
            pointer: '/amount',
            consumes: true,
            note: null,
            before: 'required',
            after: 'optional',
          },
          field: 'amount',
          related: { file: 'test/fixtures/rules/FIELD_REQUIRED_CHANGED/base.contract.json', line: 19, column: 5 },
        },
      ],
    },
    {
      fixture: 'bad-became-required.contract.json',
      expect: [
        {
          path: '/required/3',
          line: 21,
          column: 5,
          data: {
            class: 'breaking',
            kind: 'became-required',
            pointer: '/memo',
            consumes: true,
            note: null,
            before: 'optional',
            after: 'required',
          },
          field: 'memo',
          related: { file: 'test/fixtures/rules/FIELD_REQUIRED_CHANGED/base.contract.json', line: 17, column: 3 },
        },
      ],
    },
  ],
});

diffRuleTester(FIELD_TYPE_CHANGED, {
  valid: ['good-key-order.contract.json'],
  invalid: [
    {
      fixture: 'bad-became-nullable.contract.json',
      expect: [
        {
          path: '/properties/order_id/type',
          line: 24,
          column: 7,
          data: {
            class: 'breaking',
            kind: 'became-nullable',
            pointer: '/order_id',
            consumes: true,
            note: null,
            before: 'string',
            after: 'string|null',
            nested: 0,
          },
          field: 'order_id',
          related: { file: 'test/fixtures/rules/FIELD_TYPE_CHANGED/base.contract.json', line: 24, column: 7 },
        },
      ],
    },
    {
      fixture: 'bad-became-non-nullable.contract.json',
      expect: [
        {
          path: '/properties/memo/type',
          line: 32,
          column: 7,
          data: {
            class: 'breaking',
            kind: 'became-non-nullable',
            pointer: '/memo',
            consumes: true,
            note: null,
            before: 'string|null',
            after: 'string',
            nested: 0,
          },
          field: 'memo',
          related: { file: 'test/fixtures/rules/FIELD_TYPE_CHANGED/base.contract.json', line: 32, column: 7 },
        },
      ],
    },
    {
      fixture: 'bad-kind-changed.contract.json',
      expect: [
        {
          path: '/properties/amount/type',
          line: 28,
          column: 7,
          data: {
            class: 'breaking',
            kind: 'changed',
            pointer: '/amount',
            consumes: true,
            note: null,
            before: 'integer',
            after: 'string',
            nested: 0,
          },
          field: 'amount',
          related: { file: 'test/fixtures/rules/FIELD_TYPE_CHANGED/base.contract.json', line: 28, column: 7 },
        },
      ],
    },
    {
      // The array of objects became a string: its one nested field goes with it, counted here, not removed on its own.
      fixture: 'bad-nested-dropped.contract.json',
      expect: [
        {
          path: '/properties/lines/type',
          line: 44,
          column: 7,
          data: {
            class: 'breaking',
            kind: 'changed',
            pointer: '/lines',
            consumes: true,
            note: null,
            before: 'array<object>|null',
            after: 'string',
            nested: 1,
          },
          field: 'lines',
          related: { file: 'test/fixtures/rules/FIELD_TYPE_CHANGED/base.contract.json', line: 44, column: 7 },
        },
      ],
    },
  ],
});

diffRuleTester(NOTE_CHANGED, {
  valid: ['good-key-order.contract.json'],
  invalid: [
    {
      fixture: 'bad-note-added.contract.json',
      expect: [
        {
          path: '/properties/amount/note',
          line: 30,
          column: 7,
          data: {
            class: 'safe',
            kind: 'added',
            pointer: '/amount',
            consumes: true,
            note: 'In cents, never negative.',
            before: null,
            after: 'In cents, never negative.',
          },
          field: 'amount',
          related: { file: 'test/fixtures/rules/NOTE_CHANGED/base.contract.json', line: 27, column: 5 },
        },
      ],
    },
    {
      fixture: 'bad-note-changed.contract.json',
      expect: [
        {
          path: '/properties/legacy_code/note',
          line: 41,
          column: 7,
          data: {
            class: 'safe',
            kind: 'changed',
            pointer: '/legacy_code',
            consumes: false,
            note: 'Billing stopped reading it in release 5.',
            before: 'Billing stopped reading it in release 4.',
            after: 'Billing stopped reading it in release 5.',
          },
          field: 'legacy_code',
          related: { file: 'test/fixtures/rules/NOTE_CHANGED/base.contract.json', line: 41, column: 7 },
        },
      ],
    },
  ],
});

diffRuleTester(SIDE_TYPE_CHANGED, {
  valid: ['good-key-order.contract.json'],
  invalid: [
    {
      fixture: 'bad-consumer-type-renamed.contract.json',
      expect: [
        {
          path: '/consumer/type',
          line: 13,
          column: 5,
          data: {
            class: 'safe',
            kind: 'consumer',
            pointer: '',
            before: 'Request',
            after: 'IncomingInvoice',
            consumes: null,
            note: null,
          },
          related: { file: 'test/fixtures/rules/SIDE_TYPE_CHANGED/base.contract.json', line: 13, column: 5 },
        },
      ],
    },
    {
      fixture: 'bad-producer-type-renamed.contract.json',
      expect: [
        {
          path: '/producer/type',
          line: 8,
          column: 5,
          data: {
            class: 'safe',
            kind: 'producer',
            pointer: '',
            before: 'Request',
            after: 'InvoiceRequest',
            consumes: null,
            note: null,
          },
          related: { file: 'test/fixtures/rules/SIDE_TYPE_CHANGED/base.contract.json', line: 8, column: 5 },
        },
      ],
    },
  ],
});

diffRuleTester(READS_MODE_CHANGED, {
  valid: ['good.contract.json'],
  invalid: [
    {
      fixture: 'bad-became-strict.contract.json',
      expect: [
        {
          path: '/consumer/reads',
          line: 14,
          column: 5,
          data: {
            class: 'safe',
            kind: 'became-strict',
            pointer: '',
            before: null,
            after: 'strict',
            consumes: null,
            note: null,
          },
          related: { file: 'test/fixtures/rules/READS_MODE_CHANGED/base.contract.json', line: 10, column: 3 },
        },
      ],
    },
  ],
});

// The count of consumed fields is said only in the message (data.nested counts all fields), so it is checked there.
describe('a contract added or deleted: the consumed fields counted apart from the dead', () => {
  it.each([
    ['CONTRACT_ADDED', 'bad-contract-added.contract.json', 'base'],
    ['CONTRACT_REMOVED', 'base.contract.json', 'head'],
  ] as const)('%s counts 5 of 6 fields as consumed', async (rule, fixture, without) => {
    const contract = await analyzeContractFile(`test/fixtures/rules/${rule}/${fixture}`, REPO_ROOT);
    const changes = without === 'base' ? diffContracts(undefined, contract) : diffContracts(contract, undefined);
    expect(changes.map((c) => [c.rule, c.data.nested])).toEqual([[rule, 6]]);
    expect(changes[0]?.message).toContain(', with 6 fields, 5 consumed.');
  });
});

// explains: sync reports as SYNC_DRIFT any difference no change accounts for.
describe('what FIELD_TYPE_CHANGED explains to sync', () => {
  const contract = (amount: Record<string, unknown>): string =>
    JSON.stringify({
      title: 'T',
      endpoint: 'POST /t',
      producer: { name: 'orders', repo: 'orders', type: 'T' },
      consumer: { name: 'billing', repo: 'billing', type: 'T' },
      type: 'object',
      additionalProperties: false,
      properties: { amount: { cp_consumes: true, ...amount } },
    });

  it('a type change explains the type keywords with it: an integer that became a string enum leaves no drift', () => {
    const result = syncContracts(
      contractFromText('source.contract.json', contract({ type: 'integer' })),
      contractFromText('mirror.contract.json', contract({ type: 'string', enum: ['a', 'b'] })),
    );
    expect(result.changes.map((c) => [c.rule, c.data.kind])).toEqual([['FIELD_TYPE_CHANGED', 'changed']]);
    expect(result.drift).toEqual([]);
  });
});
