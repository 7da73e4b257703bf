import { resolve } from 'node:path';
import type { JsonObject } from '../contract/json-document.js';
import { WirepinError, type SourceLocation } from '../errors.js';
import { extractFields, extractGraph } from '../extract/index.js';
import type { ExtractResult } from '../wire.js';
import { displayPath } from '../paths.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { plural } from '../wording.js';
import { draftContract, graphFields, sharedTypes, type DraftHeader } from '../draft/draft-contract.js';
import { pascalTitle } from '../draft/title.js';
import type { Outcome, RunEnv } from './outcome.js';

/**
 * The endpoint a draft carries when none is given. It does not match the
 * meta-schema's `METHOD /path` pattern, so lint (SCHEMA_INVALID) refuses the
 * draft until someone writes the real one.
 */
export const ENDPOINT_PLACEHOLDER = 'TODO: METHOD /path';
export const DEFAULT_PRODUCER_NAME = 'producer';
export const DEFAULT_CONSUMER_NAME = 'consumer';

export interface DraftOptions {
  readonly from: 'go' | 'ts';
  /** A Go file or package directory, or a TypeScript file. */
  readonly path: string;
  /** The struct, interface or type alias to draft from. */
  readonly type: string;
  /** Default: the type name in PascalCase. */
  readonly title?: string | undefined;
  /** Default: ENDPOINT_PLACEHOLDER, which lint refuses. */
  readonly endpoint?: string | undefined;
  readonly producerName?: string | undefined;
  /** Default: the producer's name. */
  readonly producerRepo?: string | undefined;
  readonly consumerName?: string | undefined;
  /** Default: the consumer's name. */
  readonly consumerRepo?: string | undefined;
  /** Default: the same type name as the producer's. */
  readonly consumerType?: string | undefined;
  /** Where to write the draft; undefined prints it. */
  readonly out?: string | undefined;
  /** Replace an existing `out`. */
  readonly force?: boolean | undefined;
}

export interface DraftResult {
  /** The draft, 2-space JSON with a final newline. */
  readonly text: string;
  readonly contract: JsonObject;
  /** The file written, as a display path; undefined when nothing was written. */
  readonly written: string | undefined;
  /** How many fields (at every depth) wait for a `cp_consumes` decision. */
  readonly undecided: number;
  readonly header: DraftHeader;
}

async function descriptionsFor(
  from: 'go' | 'ts',
  source: ExtractResult,
  cwd: string,
  more: readonly SourceLocation[] = [],
): Promise<Map<SourceLocation, string>> {
  const locations = [source.root.location, ...more, ...source.fields.map((f) => f.location)];
  if (from === 'go') return (await import('../extract/go/doc-comments.js')).goDocComments(locations, cwd);
  return (await import('../extract/ts/doc-comments.js')).tsDocComments(locations, cwd);
}

function nonEmpty(value: string | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '')
    throw new WirepinError('E_USAGE', `${option} is empty.`, {
      hint: `Give ${option} a value, or leave it out for the default.`,
    });
  return value;
}

/**
 * `wirepin contract from-go|from-ts`: drafts a contract from an existing
 * struct or type (see draftContract), with `cp_consumes` left for the author
 * to decide, and prints it or writes it to `out` (never over an existing file
 * without `force`).
 */
export async function draftFromSource(context: RunEnv, options: DraftOptions): Promise<DraftResult> {
  const typeName = nonEmpty(options.type, '--type') as string;
  const title = nonEmpty(options.title, '--title') ?? pascalTitle(typeName);
  if (title === undefined) {
    throw new WirepinError('E_USAGE', `"${typeName}" gives no PascalCase title.`, {
      hint: 'Pass --title, e.g. --title ProvisionRequest.',
    });
  }
  const producerName = nonEmpty(options.producerName, '--producer-name') ?? DEFAULT_PRODUCER_NAME;
  const consumerName = nonEmpty(options.consumerName, '--consumer-name') ?? DEFAULT_CONSUMER_NAME;
  const header: DraftHeader = {
    title,
    endpoint: nonEmpty(options.endpoint, '--endpoint') ?? ENDPOINT_PLACEHOLDER,
    producer: {
      name: producerName,
      repo: nonEmpty(options.producerRepo, '--producer-repo') ?? producerName,
      type: typeName,
    },
    consumer: {
      name: consumerName,
      repo: nonEmpty(options.consumerRepo, '--consumer-repo') ?? consumerName,
      type: nonEmpty(options.consumerType, '--consumer-type') ?? typeName,
    },
  };
  const request = { path: options.path, typeName, cwd: context.cwd };
  // Go: a named struct used more than once or recursively is drafted once, under $defs; without one, the flat draft as before.
  const graph = options.from === 'go' ? await extractGraph('go', request) : undefined;
  const defs = graph === undefined ? new Map<string, string>() : sharedTypes(graph);
  let contract: JsonObject;
  let undecided: number;
  if (graph !== undefined && defs.size > 0) {
    const rootType = graph.types.get(graph.rootType);
    const source: ExtractResult = { root: graph.root, fields: rootType?.fields ?? [], opaque: rootType?.opaque ?? [] };
    const all = graphFields(graph);
    const descriptions = await descriptionsFor(
      options.from,
      all,
      context.cwd,
      [...graph.types.values()].map((t) => t.location),
    );
    contract = draftContract({ header, source, descriptions, graph: { source: graph, defs } });
    undecided = all.fields.length;
  } else {
    const source = await extractFields(options.from, request);
    contract = draftContract({
      header,
      source,
      descriptions: await descriptionsFor(options.from, source, context.cwd),
    });
    undecided = source.fields.length;
  }
  const text = `${JSON.stringify(contract, null, 2)}\n`;
  let written: string | undefined;
  if (options.out !== undefined) {
    written = displayPath(options.out, context.cwd);
    await writeFileAtomic(resolve(context.cwd, options.out), text, {
      shown: written,
      overwrite: options.force === true,
    });
  }
  return { text, contract, written, undecided, header };
}

/**
 * The outcome of `wirepin contract from-go|from-ts`: the draft's text to print
 * as it is, or, with --out, a report of what was written and what to decide next.
 */
export async function runDraft(env: RunEnv, options: DraftOptions): Promise<{ readonly text: string } | Outcome> {
  const result = await draftFromSource(env, options);
  if (result.written === undefined) return { text: result.text };
  const notes = [
    `wrote ${result.written}: ${plural(result.undecided, 'field')} from ${result.header.producer.type}, none with cp_consumes yet.`,
    `Decide each one (true when ${result.header.consumer.name} reads it; false plus a note when it does not), then run: npx wirepin lint ${result.written}`,
  ];
  return {
    report: { command: `contract from-${options.from}`, subject: result.written, findings: [], notes },
    exitCode: 0,
  };
}
