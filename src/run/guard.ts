import { analyzeContractFile } from './analyze.js';
import { displayPath } from '../paths.js';
import { judgeContract } from '../contract/usable.js';
import { WirepinError } from '../errors.js';
import { extractFields, extractGraph } from '../extract/index.js';
import type { ExtractResult, SourceKind, WireField } from '../wire.js';
import { runGuard, runGuardGraph } from './guard-engine.js';
import type { CleanContract } from '../contract/usable.js';
import { plural } from '../wording.js';
import { exitCodeFor } from './exit-code.js';
import { unusableOutcome, type Outcome, type RunEnv } from './outcome.js';
import { parentPointer, splitPointer } from '../json-pointer.js';
import { analyzeReads, readsModeFor } from './read-analysis.js';
import { sampleGraph } from '../guards/sample-graph.js';

/** The source flags shared by pin and consumes: exactly one of them. */
export interface SourceFlags {
  readonly go?: string;
  readonly ts?: string;
  readonly json?: string;
  readonly trace?: string;
  readonly type?: string;
}

export interface ResolvedSource {
  readonly kind: SourceKind | 'trace';
  readonly path: string;
  readonly typeName: string | undefined;
}

/** Checks the flag combination: one source, and --type exactly when the source is Go or TypeScript. */
export function resolveSourceFlags(flags: SourceFlags, allowed: readonly (SourceKind | 'trace')[]): ResolvedSource {
  const given = allowed.filter((k) => flags[k] !== undefined);
  const usage = allowed.map((k) => (k === 'go' || k === 'ts' ? `--${k} PATH --type NAME` : `--${k} FILE`)).join(' | ');
  if (given.length !== 1) {
    throw new WirepinError(
      'E_USAGE',
      given.length === 0 ? 'No source given.' : `Give one source, not ${given.map((k) => `--${k}`).join(' and ')}.`,
      {
        hint: `Use one of: ${usage}.`,
      },
    );
  }
  const kind = given[0] as SourceKind | 'trace';
  const needsType = kind === 'go' || kind === 'ts';
  if (needsType && !flags.type)
    throw new WirepinError('E_USAGE', `--${kind} needs --type NAME (the struct or type that holds the wire shape).`);
  if (!needsType && flags.type) throw new WirepinError('E_USAGE', `--type does not apply to --${kind}.`);
  return { kind, path: flags[kind] as string, typeName: needsType ? flags.type : undefined };
}

/** A consumption trace as a source: every pointer the handler read, located at the trace file. */
async function traceAsSource(
  io: RunEnv,
  path: string,
  endpoint: string,
  isMapLike: (pointer: string) => boolean,
): Promise<ExtractResult> {
  const { readTrace } = await import('../trace/read-trace.js');
  const trace = await readTrace(path, io.cwd);
  const file = displayPath(path, io.cwd);
  if (trace.endpoint !== endpoint) {
    throw new WirepinError(
      'E_USAGE',
      `The trace ${file} is for "${trace.endpoint}", but the contract is for "${endpoint}".`,
      {
        location: { file, line: 1, column: 1 },
        hint: "Pass the trace recorded for this contract's endpoint.",
      },
    );
  }
  if (trace.requests === 0) {
    throw new WirepinError(
      'E_USAGE',
      `The trace ${file} recorded no requests, so it shows nothing about what the handler reads.`,
      {
        location: { file, line: 1, column: 1 },
        hint: 'Run the provider verification (or the tests) with tracing on, then check the trace it wrote.',
      },
    );
  }
  const location = { file, line: 1, column: 1 };
  // The recorder notes an item or member read as "<container>/*" beside the container's own read: that is no wire
  // field (the contract names none at "/*"), so it is not compared as one.
  const fields: WireField[] = trace.read
    .filter((pointer) => !isMapLike(pointer) && splitPointer(pointer).at(-1) !== '*')
    .map((pointer) => ({
      pointer,
      jsonName: splitPointer(pointer).at(-1) ?? '',
      type: { kind: 'any', nullable: true },
      required: false,
      location,
      sourceType: 'read at run time',
    }));
  return { root: { name: `the traced handler (${plural(trace.requests, 'request')})`, location }, fields, opaque: [] };
}

export interface GuardArgs extends SourceFlags {
  readonly contract: string;
  readonly goos?: string;
  readonly goarch?: string;
  /** consumes: false for --no-reads (commander's negated option). */
  readonly reads?: boolean;
  /** consumes: an unprovable read is an error, not a warning. */
  readonly strictReads?: boolean;
}

/** The Go target from --goos/--goarch (each defaults to linux/amd64's half); they only make sense with --go. */
function goTargetOf(args: GuardArgs, kind: SourceKind | 'trace'): { goTarget?: { goos: string; goarch: string } } {
  if (args.goos === undefined && args.goarch === undefined) return {};
  if (kind !== 'go')
    throw new WirepinError('E_USAGE', `--goos and --goarch apply to --go, not --${kind}.`, {
      hint: 'Drop them, or read the Go source with --go.',
    });
  return { goTarget: { goos: args.goos ?? 'linux', goarch: args.goarch ?? 'amd64' } };
}

/** `wirepin pin` and `wirepin consumes`. */
export async function runGuardCommand(io: RunEnv, guard: 'pin' | 'consumes', args: GuardArgs): Promise<Outcome> {
  const allowed: readonly (SourceKind | 'trace')[] = guard === 'pin' ? ['go', 'ts', 'json'] : ['go', 'ts', 'trace'];
  const source = resolveSourceFlags(args, allowed);
  const target = goTargetOf(args, source.kind);
  const verdict = judgeContract(await analyzeContractFile(args.contract, io.cwd));
  // The contract itself is broken: show why, and say the guard could not run.
  if (!verdict.usable) return unusableOutcome(guard, 'guard', [verdict]);
  const contract = verdict.contract;
  if (contract.model.defs.size > 0) return runGraphGuard(io, guard, args, source, contract, target);
  let extracted: ExtractResult;
  let kind: SourceKind;
  if (source.kind === 'trace') {
    const fields = contract.model.fields;
    const isMapLike = (pointer: string): boolean => {
      for (let p = parentPointer(pointer); p !== ''; p = parentPointer(p)) {
        const kindAt = fields.get(p)?.type.kind;
        if (kindAt === 'map' || kindAt === 'any') return true;
      }
      return false;
    };
    extracted = await traceAsSource(io, source.path, contract.model.endpoint, isMapLike);
    kind = 'json';
  } else {
    kind = source.kind;
    // The consumer is read as its decoder sees it (Unmarshal), the producer as its encoder does (Marshal).
    extracted = await extractFields(kind, {
      path: source.path,
      ...(source.typeName ? { typeName: source.typeName } : {}),
      cwd: io.cwd,
      direction: guard === 'consumes' ? 'decode' : 'encode',
      ...target,
    });
  }
  const readsMode = readsModeFor(
    args.reads === false ? 'off' : args.strictReads === true ? 'strict' : 'on',
    contract.model.consumer,
  );
  const reads =
    guard === 'consumes' && source.kind !== 'trace'
      ? await analyzeReads(io, { kind, path: source.path, type: source.typeName, ...target }, extracted, readsMode)
      : { notes: [] };
  const findings = runGuard(
    guard,
    contract,
    extracted,
    kind,
    source.kind === 'trace' ? 'trace' : 'static',
    reads.evidence,
  );
  const side = guard === 'pin' ? 'producer' : 'consumer';
  const allNotes = [...(extracted.notes ?? []), ...reads.notes];
  const notes = allNotes.length > 0 ? { notes: allNotes } : {};
  const readsReport = reads.report !== undefined ? { reads: reads.report } : {};
  return {
    report: {
      command: guard,
      subject: `${side} ${extracted.root.name} against ${contract.file}`,
      findings,
      ...notes,
      ...readsReport,
    },
    exitCode: exitCodeFor(findings),
  };
}

/**
 * pin and consumes for a contract with `$defs`: the source is read as a
 * graph of named types (Go, TypeScript) and compared pair by pair
 * (runGuardGraph); a JSON sample or a trace is cut at the contract's
 * references along its own paths (sampleGraph) and compared the same way.
 */
async function runGraphGuard(
  io: RunEnv,
  guard: 'pin' | 'consumes',
  args: GuardArgs,
  source: ResolvedSource,
  contract: CleanContract,
  target: { goTarget?: { goos: string; goarch: string } },
): Promise<Outcome> {
  // A JSON sample or a trace is a finite tree: it is cut at the contract's references along its own paths.
  if (source.kind === 'trace' || source.kind === 'json') {
    const sample =
      source.kind === 'trace'
        ? await traceAsSource(io, source.path, contract.model.endpoint, () => false)
        : await extractFields('json', { path: source.path, cwd: io.cwd });
    const graph = sampleGraph(contract.model, sample, { trace: source.kind === 'trace' });
    const findings = runGuardGraph(
      guard,
      contract,
      graph,
      'json',
      undefined,
      undefined,
      source.kind === 'trace' ? 'trace' : 'static',
    );
    const side = guard === 'pin' ? 'producer' : 'consumer';
    const notes = graph.notes !== undefined && graph.notes.length > 0 ? { notes: graph.notes } : {};
    return {
      report: { command: guard, subject: `${side} ${graph.root.name} against ${contract.file}`, findings, ...notes },
      exitCode: exitCodeFor(findings),
    };
  }
  const kind = source.kind;
  const graph = await extractGraph(kind, {
    path: source.path,
    ...(source.typeName ? { typeName: source.typeName } : {}),
    cwd: io.cwd,
    direction: guard === 'consumes' ? 'decode' : 'encode',
    ...target,
  });
  const readsMode = readsModeFor(
    args.reads === false ? 'off' : args.strictReads === true ? 'strict' : 'on',
    contract.model.consumer,
  );
  // The read analysis judges the fields of every type of the graph, each declaration once.
  const reads =
    guard === 'consumes'
      ? await analyzeReads(io, { kind, path: source.path, type: source.typeName, ...target }, graph, readsMode)
      : { notes: [] };
  const findings = runGuardGraph(guard, contract, graph, kind, reads.evidence);
  const side = guard === 'pin' ? 'producer' : 'consumer';
  const allNotes = [...(graph.notes ?? []), ...reads.notes];
  const notes = allNotes.length > 0 ? { notes: allNotes } : {};
  const readsReport = reads.report !== undefined ? { reads: reads.report } : {};
  return {
    report: {
      command: guard,
      subject: `${side} ${graph.root.name} against ${contract.file}`,
      findings,
      ...notes,
      ...readsReport,
    },
    exitCode: exitCodeFor(findings),
  };
}
