/** GENERATED_FILE_STALE (`wirepin generate --check`) on small fixture repositories. */
import { GENERATED_FILE_STALE } from '../../src/rules/generate/GENERATED_FILE_STALE.js';
import { generateRuleTester } from './rule-tester.js';

generateRuleTester(GENERATED_FILE_STALE, {
  valid: ['good'],
  invalid: [
    {
      // The schema's first "type" of a field was hand-edited: reported at that line.
      fixture: 'bad-schema-edited',
      expect: [
        {
          path: '',
          line: 25,
          column: 1,
          data: {
            generated: 'schemas/invoice.schema.json',
            contract: 'contracts/invoice.contract.json',
            state: 'stale',
            line: 25,
          },
        },
      ],
    },
    {
      fixture: 'bad-consumer-types-missing',
      expect: [
        {
          path: '',
          line: 1,
          column: 1,
          data: {
            generated: 'consumer/invoice.types.ts',
            contract: 'contracts/invoice.contract.json',
            state: 'missing',
            line: 1,
          },
        },
      ],
    },
  ],
});
