import type { ReadsMode } from '../config/load-config.js';
import type { ConsumerSide } from '../contract/field-table.js';
import type { FieldReadsReport } from '../report.js';
import { declarationKey } from '../wire.js';
import type { ExtractResult, FieldReads, ReadEvidence, SourceGraph, SourceKind, WireField } from '../wire.js';
import type { RunEnv } from './outcome.js';

export interface ReadAnalysis {
  /** Handed to the consumes rules; absent when the analysis did not run or found no decode site. */
  readonly evidence?: ReadEvidence;
  /** Per field, for the JSON report: why wirepin believes a field is read. */
  readonly report?: readonly FieldReadsReport[];
  readonly notes: readonly string[];
}

/**
 * The mode the analysis runs in: the local one (--no-reads/--strict-reads, or
 * `reads:` in wirepin.yaml), made strict when the contract's consumer says
 * `"reads": "strict"`. The contract cannot switch the analysis off, and a
 * local `off` stays off: the analysis reads the consumer's code, which only the
 * consumer's own repository has.
 */
export function readsModeFor(local: ReadsMode, consumer: ConsumerSide | undefined): ReadsMode {
  return local === 'on' && consumer?.strictReads === true ? 'strict' : local;
}

/**
 * The static read analysis of a consumer (`consumes --go` and `--ts`, on
 * unless `--no-reads` or `reads: off`). When it finds no place the request is
 * decoded it says so in a note rather than judge fields it cannot place.
 * `source` is the flat extraction, or in graph mode (a contract with `$defs`)
 * the graph of named types: then the fields of every type are analysed, and
 * the report lists each type's fields once, under the type's name.
 */
export async function analyzeReads(
  io: RunEnv,
  side: {
    readonly kind: SourceKind;
    readonly path: string;
    readonly type: string | undefined;
    readonly goTarget?: { readonly goos: string; readonly goarch: string };
    /** Go: other packages of the module that are part of the consumer (wirepin.yaml's `packages`). */
    readonly packages?: readonly string[];
  },
  source: ExtractResult | SourceGraph,
  mode: ReadsMode,
): Promise<ReadAnalysis> {
  if (mode === 'off') return { notes: [] };
  if ((side.kind !== 'go' && side.kind !== 'ts') || side.type === undefined) return { notes: [] };
  // Per type, the fields the report lists ("" for a flat extraction: its pointers are payload pointers).
  const listed: ReadonlyArray<readonly [string, readonly WireField[]]> =
    'types' in source ? [...source.types.values()].map((t) => [t.name, t.fields] as const) : [['', source.fields]];
  const request = {
    path: side.path,
    cwd: io.cwd,
    typeName: side.type,
    fields: listed.flatMap(([, fields]) => fields),
    strict: mode === 'strict',
  };
  const evidence =
    side.kind === 'go'
      ? await (
          await import('../reads/go-reads.js')
        ).analyzeGoReads({
          ...request,
          ...(side.goTarget ? { target: side.goTarget } : {}),
          ...(side.packages ? { packages: side.packages, env: io.env } : {}),
        })
      : await (await import('../reads/ts-reads.js')).analyzeTsReads(request);
  if (evidence.decodedAt === undefined) {
    const where =
      side.kind === 'go'
        ? `no json.Unmarshal or Decode into ${side.type} found in ${side.path}`
        : `no file beside ${side.path} gives a value the type ${side.type}`;
    return {
      notes: [
        `note: ${where}, so which of its fields are read was not analysed; decode the request there for the read analysis to run.`,
      ],
    };
  }
  const report: FieldReadsReport[] = listed.flatMap(([type, fields]) =>
    fields.flatMap((field) => {
      const reads = evidence.byDeclaration.get(declarationKey(field.location));
      return reads === undefined ? [] : [reportRow(type, field.pointer, reads)];
    }),
  );
  return { evidence, report, notes: [] };
}

function reportRow(type: string, pointer: string, reads: FieldReads): FieldReadsReport {
  return {
    ...(type !== '' ? { type } : {}),
    pointer,
    status: reads.status,
    ...(reads.status === 'read' ? { sites: reads.sites.map((s) => `${s.file}:${s.line}:${s.column}`) } : {}),
    ...(reads.status === 'unprovable'
      ? {
          escape: `${reads.escape.location.file}:${reads.escape.location.line}:${reads.escape.location.column}: ${reads.escape.what}`,
        }
      : {}),
  };
}
