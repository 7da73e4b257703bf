import type { ReadsMode } from '../config/load-config.js';
import type { ConsumerSide } from '../contract/field-table.js';
import type { FieldReadsReport } from '../report.js';
import type { ExtractResult, ReadEvidence, SourceKind } from '../wire.js';
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
  source: ExtractResult,
  mode: ReadsMode,
): Promise<ReadAnalysis> {
  if (mode === 'off') return { notes: [] };
  if ((side.kind !== 'go' && side.kind !== 'ts') || side.type === undefined) return { notes: [] };
  const request = {
    path: side.path,
    cwd: io.cwd,
    typeName: side.type,
    fields: source.fields,
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
  const report: FieldReadsReport[] = [...evidence.fields].map(([pointer, reads]) => ({
    pointer,
    status: reads.status,
    ...(reads.status === 'read' ? { sites: reads.sites.map((s) => `${s.file}:${s.line}:${s.column}`) } : {}),
    ...(reads.status === 'unprovable'
      ? {
          escape: `${reads.escape.location.file}:${reads.escape.location.line}:${reads.escape.location.column}: ${reads.escape.what}`,
        }
      : {}),
  }));
  return { evidence, report, notes: [] };
}
