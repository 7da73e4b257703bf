import type { ReadsMode } from '../config/load-config.js';
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
 * The static read analysis of a consumer (`consumes --go`, on unless
 * `--no-reads` or `reads: off`). Go only so far; for another source kind it
 * says it did not run rather than pass in silence.
 */
export async function analyzeReads(
  io: RunEnv,
  side: { readonly kind: SourceKind; readonly path: string; readonly type: string | undefined; readonly goTarget?: { readonly goos: string; readonly goarch: string } },
  source: ExtractResult,
  mode: ReadsMode,
): Promise<ReadAnalysis> {
  if (mode === 'off') return { notes: [] };
  if (side.kind !== 'go' || side.type === undefined) {
    return { notes: side.kind === 'ts' ? [`note: the static read analysis of TypeScript consumers is not implemented yet; only declarations of ${source.root.name} were checked.`] : [] };
  }
  const { analyzeGoReads } = await import('../reads/go-reads.js');
  const evidence = await analyzeGoReads({
    path: side.path,
    cwd: io.cwd,
    typeName: side.type,
    ...(side.goTarget ? { target: side.goTarget } : {}),
    fields: source.fields,
    strict: mode === 'strict',
  });
  if (evidence.decodedAt === undefined) {
    return {
      notes: [`note: no json.Unmarshal or Decode into ${side.type} found in ${side.path}, so which of its fields are read was not analysed; decode the request in this package for the read analysis to run.`],
    };
  }
  const report: FieldReadsReport[] = [...evidence.fields].map(([pointer, reads]) => ({
    pointer,
    status: reads.status,
    ...(reads.status === 'read' ? { sites: reads.sites.map((s) => `${s.file}:${s.line}:${s.column}`) } : {}),
    ...(reads.status === 'unprovable' ? { escape: `${reads.escape.location.file}:${reads.escape.location.line}:${reads.escape.location.column}: ${reads.escape.what}` } : {}),
  }));
  return { evidence, report, notes: [] };
}
