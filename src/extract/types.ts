import type { ExtractResult, SourceKind } from '../wire.js';

export interface ExtractRequest {
  /** A file, or for Go also a package directory (every non-test .go file in it). */
  readonly path: string;
  /** The struct, interface or type alias to read. Not used for JSON samples. */
  readonly typeName?: string;
  /** Paths in locations are reported relative to this directory (default: process.cwd()). */
  readonly cwd?: string;
}

export interface Extractor {
  readonly kind: SourceKind;
  extract(request: ExtractRequest): Promise<ExtractResult>;
}
