import { WirepinError } from '../errors.js';
import type { Finding } from '../finding.js';
import type { ContractModel } from './field-table.js';
import type { JsonDocument } from './json-document.js';
import type { MetaSchemaError } from './meta-validate.js';

/** A contract file as read from disk or from git. `file` is how reports name it. */
export interface ContractText {
  readonly file: string;
  readonly text: string;
}

/** The contract after load → validate → normalize → lint. Nothing here is mutated later. */
export interface AnalyzedContract {
  readonly file: string;
  readonly text: string;
  readonly document: JsonDocument | undefined;
  readonly metaErrors: readonly MetaSchemaError[];
  readonly model: ContractModel | undefined;
  /** Lint findings, sorted. */
  readonly findings: readonly Finding[];
}

/**
 * A contract that lints clean (no `error` finding; warnings and notices may
 * remain): the only kind generate, the guards, diff, sync and pact work on.
 */
export interface CleanContract extends AnalyzedContract {
  readonly document: JsonDocument;
  readonly model: ContractModel;
}

/**
 * What a contract is to the command: the version under review (`head`, the
 * default), or the `base` a diff compares it with. A base is history: it
 * may fail a rule the head is held to (a wirepin upgrade tightened one), and
 * refusing it would block every later pull request, the fixing one included.
 */
export type ContractRole = 'head' | 'base';

/** The one verdict on whether a contract can be used; every command acts on it the same way. */
export type ContractVerdict =
  | {
      readonly usable: true;
      readonly contract: CleanContract;
      /** A base only: the lint errors it already had, shown as context; they do not decide the exit code. */
      readonly context: readonly Finding[];
    }
  | {
      readonly usable: false;
      readonly file: string;
      /** The contract's lint findings (at least one error): what the command reports. */
      readonly findings: readonly Finding[];
      /** The same verdict as an error, for library callers that were handed an unusable contract. */
      readonly error: WirepinError;
    };

/**
 * Judges a contract usable exactly when it was read as a JSON object and its
 * lint findings hold no error. Commands report an unusable contract's findings
 * and exit 2 (the check could not run; README, "Exit codes"). A `base` is
 * usable whenever it was read as a JSON object with a field table: its lint
 * errors come back as `context`.
 */
export function judgeContract(contract: AnalyzedContract, role: ContractRole = 'head'): ContractVerdict {
  const errors = contract.findings.filter((f) => f.severity === 'error');
  const { document, model } = contract;
  if (document !== undefined && model !== undefined) {
    if (errors.length === 0) return { usable: true, contract: { ...contract, document, model }, context: [] };
    if (role === 'base') return { usable: true, contract: { ...contract, document, model }, context: errors };
  }
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  const error = new WirepinError(
    'E_PARSE',
    first
      ? `${contract.file} does not lint clean, so wirepin will not use it: ${first.rule}: ${first.message}${more}`
      : `${contract.file} could not be read as a contract.`,
    {
      location: { file: contract.file, line: first?.line ?? 1, column: first?.column ?? 1 },
      hint: `Run \`npx wirepin lint ${contract.file}\` and fix what it reports.`,
    },
  );
  return { usable: false, file: contract.file, findings: contract.findings, error };
}

/** For library entry points: the clean contract, or the verdict's error thrown (exit 2 in the CLI). */
export function requireUsable(contract: AnalyzedContract, role: ContractRole = 'head'): CleanContract {
  const verdict = judgeContract(contract, role);
  if (!verdict.usable) throw verdict.error;
  return verdict.contract;
}
