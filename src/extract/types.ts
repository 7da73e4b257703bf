import type { ExtractResult, SourceKind } from '../wire.js';

export interface ExtractRequest {
  /** A file, or for Go also a package directory (the .go files go build compiles for the target). */
  readonly path: string;
  /** The struct, interface or type alias to read. Not used for JSON samples. */
  readonly typeName?: string;
  /** Paths in locations are reported relative to this directory (default: process.cwd()). */
  readonly cwd?: string;
  /**
   * Which way the value crosses the wire: "encode" (the producer marshals it;
   * the default) or "decode" (the consumer unmarshals into it). Go models
   * encoding/json's Unmarshal for "decode": Unmarshaler methods, and integer
   * ranges and array lengths on the receiving side.
   */
  readonly direction?: 'encode' | 'decode';
  /** Go only: the platform whose build constraints select the package's files (default linux/amd64). */
  readonly goTarget?: { readonly goos: string; readonly goarch: string };
  /**
   * Go only: lower bounds on how far the flat field list may grow (fields plus
   * opaque places; struct levels unrolled). Past them the extraction is refused
   * (E_UNSUPPORTED, exit 2). Values above the defaults (200,000 and 32) are ignored.
   */
  readonly expansion?: { readonly maxEntries?: number; readonly maxDepth?: number };
  /** Go only: the environment the module cache is found by (GOMODCACHE, GOPATH, HOME); process.env by default. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface Extractor {
  readonly kind: SourceKind;
  extract(request: ExtractRequest): Promise<ExtractResult>;
}
