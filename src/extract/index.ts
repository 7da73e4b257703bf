import { WirepinError } from '../errors.js';
import type { ExtractResult, SourceGraph, SourceKind } from '../wire.js';
import type { ExtractRequest, Extractor } from './types.js';

/**
 * The extractor registry. Each plugin is imported only when its kind is used,
 * so `wirepin lint` never loads tree-sitter and a Go pin never loads TypeScript.
 */
const LOADERS: Readonly<Record<SourceKind, () => Promise<Extractor>>> = {
  go: async () => (await import('./go/index.js')).goExtractor,
  ts: async () => (await import('./ts/index.js')).tsExtractor,
  json: async () => (await import('./json/index.js')).jsonSampleExtractor,
};

export async function extractFields(kind: SourceKind, request: ExtractRequest): Promise<ExtractResult> {
  const extractor = await LOADERS[kind]();
  return extractor.extract(request);
}

/** The source as a graph of named types; an extractor without graph mode refuses (exit 2) rather than flatten. */
export async function extractGraph(kind: SourceKind, request: ExtractRequest): Promise<SourceGraph> {
  const extractor = await LOADERS[kind]();
  if (extractor.extractGraph === undefined) {
    throw new WirepinError(
      'E_UNSUPPORTED',
      `The ${kind} extractor has no graph mode: only Go and TypeScript sources are read as a graph of named types.`,
      {
        hint: 'A JSON sample or a trace is compared with a contract with "$defs" by cutting it at the contract\'s references (wirepin pin --json, wirepin consumes --trace).',
      },
    );
  }
  return extractor.extractGraph(request);
}

export type { ExtractRequest, Extractor } from './types.js';
export type { ExtractResult, IntegerRange, SourceKind, WireField, WireType, OpaqueRef } from '../wire.js';
