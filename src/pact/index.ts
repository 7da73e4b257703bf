/**
 * wirepin's Pact stage: the only module that loads @pact-foundation/pact
 * (lazily, through load.ts). Everything except pact-test.ts and load.ts is
 * plain data and works without Pact installed.
 */
export { pactContractOf, type PactContract } from './contract.js';
export {
  EXAMPLE_MAP_KEY,
  exampleBody,
  exampleNode,
  exampleTree,
  exampleValue,
  MAX_EXAMPLE_VALUES,
  type BodyMember,
  type BodyNode,
  type ExamplePlace,
} from './example-body.js';
export { DEFAULT_STATUSES, JSON_CONTENT_TYPE, pactEnvelopeOf, type HeaderSpec, type PactEnvelope } from './envelope.js';
export {
  bodyCases,
  CASE_STATE_PARAM,
  contractInteraction,
  contractInteractions,
  credentialHeaders,
  interactionExampleBody,
  minimalNode,
  nullablePointers,
  type ContractInteraction,
  type ProviderStateSpec,
} from './interaction.js';
export { loadPact, PACT_PACKAGE, type PactImporter, type PactModule } from './load.js';
export {
  bodyMatchingRules,
  FORMAT_REGEXES,
  integerRangeRegex,
  matchingRuleFor,
  matchingRulesFor,
  pactTemplate,
  type MatchingRule,
  type RuleList,
} from './matchers.js';
export { MAX_MADE_UP_LENGTH, patternExample, REPEAT_CAP, type PatternExample } from './pattern-example.js';
export {
  buildPactDocument,
  PACT_SPECIFICATION_VERSION,
  pactFileName,
  renderPactFile,
  stringifySorted,
} from './pact-file.js';
export {
  addContractInteraction,
  MOCK_SERVER_SETTLE_MS,
  type ContractPactInteraction,
  type PactMockServer,
} from './pact-test.js';
