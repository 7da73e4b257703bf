/**
 * wirepin's public API (`import ... from 'wirepin'`): a thin barrel of
 * re-exports. Every function returns plain findings (`Finding`, sorted) or
 * throws `WirepinError` with a code; none prints or exits. The CLI
 * (`bin/wirepin.js`) is built on the same functions.
 *
 *   const contract = await analyzeContractFile('contracts/x.contract.json');   // lint: contract.findings
 *   const source = await extractFields('go', { path: 'internal/client', typeName: 'ProvisionRequest' });
 *   const findings = runGuard('pin', contract, source, 'go');                  // or 'consumes'
 *   const changes = diffContracts(baseContract, headContract);                 // classified ContractChange[]
 */

// Contracts: load, validate against the meta-schema, lint.
export { analyzeContractFile, analyzeContractText } from './run/analyze.js';
export type { AnalyzedContract, ContractText } from './contract/usable.js';
export type { ContractField, ContractModel, ContractSide } from './contract/field-table.js';

// Sources: the producer's or consumer's struct or type (Go, TypeScript, a JSON sample).
export {
  extractFields,
  type ExtractRequest,
  type ExtractResult,
  type SourceKind,
  type WireField,
  type WireType,
  type OpaqueRef,
} from './extract/index.js';

// Guards: producer pin and consumer completeness.
export { runGuard, type GuardName } from './run/guard-engine.js';

// Diff: field-by-field, classified changes between two versions of a contract.
export { diffContracts } from './run/diff-engine.js';
export {
  CHANGE_CLASSES,
  FAIL_ON,
  failsOn,
  isContractChange,
  type ChangeClass,
  type ChangeData,
  type ContractChange,
  type FailOn,
} from './diff/change.js';

// Findings and errors.
export { compareFindings, sortFindings, type Finding, type RelatedLocation, type Severity } from './finding.js';
export { isWirepinError, WirepinError, type SourceLocation, type WirepinErrorCode } from './errors.js';

// At run time in a receiver: the consumption recorder (docs/tracing.md) and the body validator.
export {
  createConsumptionRecorder,
  traceShapeFromSchema,
  type ConsumptionRecorder,
  type RecorderOptions,
  type TraceShape,
} from './runtime/consumption-trace.js';
export {
  createBodyValidator,
  type BodyError,
  type BodyValidation,
  type BodyValidator,
} from './runtime/validate-body.js';

export { VERSION } from './version.js';

/** The contract dialect's meta-schema (JSON Schema 2020-12), as a file URL; also importable as `wirepin/contract.schema.json`. */
export const META_SCHEMA_URL: URL = new URL('../schemas/contract.schema.json', import.meta.url);
