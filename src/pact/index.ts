/**
 * wirepin's Pact stage: the only module that loads @pact-foundation/pact
 * (lazily, through load.ts). Everything except pact-test.ts and load.ts is
 * plain data and works without Pact installed.
 */
export { pactContractOf, type PactContract } from './contract.js';
export { EXAMPLE_MAP_KEY, exampleBody, exampleNode, exampleTree, exampleValue, type BodyMember, type BodyNode, type ExamplePlace } from './example-body.js';
export {
  contractInteraction,
  EXAMPLE_BEARER_TOKEN,
  EXAMPLE_TENANT_ADMIN_TOKEN,
  interactionExampleBody,
  PROVIDER_STATE,
  TENANT_ADMIN_TOKEN_HEADER,
  type ContractInteraction,
  type HeaderSpec,
  type ProviderStateSpec,
} from './interaction.js';
export { loadPact, PACT_PACKAGE, type PactImporter, type PactModule } from './load.js';
export { bodyMatchingRules, matchingRuleFor, pactTemplate, type MatchingRule, type RuleList } from './matchers.js';
export { buildPactDocument, PACT_SPECIFICATION_VERSION, pactFileName, renderPactFile, stringifySorted } from './pact-file.js';
export { addContractInteraction, MOCK_SERVER_SETTLE_MS, type ContractPactInteraction, type PactMockServer } from './pact-test.js';
