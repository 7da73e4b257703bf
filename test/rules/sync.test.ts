/** SYNC_DRIFT (`wirepin sync`): what a mirror has wrong that no field-level change explains. */
import { SYNC_DRIFT } from '../../src/rules/diff/SYNC_DRIFT.js';
import { diffRuleTester } from './rule-tester.js';

diffRuleTester(
  SYNC_DRIFT,
  {
    valid: ['good-key-order.contract.json'],
    invalid: [
      {
        fixture: 'bad-description-added.contract.json',
        expect: [
          {
            path: '/description',
            line: 64,
            column: 3,
            data: {
              kind: 'extra',
              pointer: '/description',
              before: null,
              after: '"What orders sends billing to invoice an order."',
            },
          },
        ],
      },
      {
        fixture: 'bad-id-added.contract.json',
        expect: [
          {
            path: '/$id',
            line: 2,
            column: 3,
            data: { kind: 'extra', pointer: '/$id', before: null, after: '"https://contracts.example/invoice.json"' },
          },
        ],
      },
    ],
  },
  { sync: true },
);
