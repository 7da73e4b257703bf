import type { ExtractResult, SourceKind } from '../wire.js';
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

export type { ExtractRequest, Extractor } from './types.js';
export type { ExtractResult, IntegerRange, SourceKind, WireField, WireType, OpaqueRef } from '../wire.js';
