import { compareText } from '../finding.js';

/**
 * The consumption trace file (version 1): which wire fields a consumer's code
 * read while it handled real or replayed requests. Any language can emit it:
 *
 *   {
 *     "wirepin_trace": 1,
 *     "endpoint": "POST /workspaces/provision",
 *     "requests": 3,
 *     "read": ["/display", "/display/mode", "/env", "/org_id"]
 *   }
 *
 * `read` holds RFC 6901 JSON pointers into the request body, sorted by code
 * unit and without duplicates. A member of a map or array is recorded as the
 * map or array itself; reading a member's value also adds "<pointer>/*", and
 * fields of objects inside maps and arrays use "*" as that segment
 * ("/items/*\/name"), as the contract's field table does. The file ends with a
 * newline and is byte-stable for the same reads.
 */
export const TRACE_FORMAT_VERSION = 1;

/** The version key; its presence marks a file as a wirepin trace. */
export const TRACE_VERSION_KEY = 'wirepin_trace';

export interface TraceData {
  /** "METHOD /path", as the contract's `endpoint` spells it. */
  readonly endpoint: string;
  /** How many request bodies were traced. */
  readonly requests: number;
  /** Sorted, deduplicated JSON pointers. */
  readonly read: readonly string[];
}

/** Sorted by code unit, duplicates dropped: the canonical order of `read`. */
export function canonicalPointers(pointers: Iterable<string>): string[] {
  return [...new Set(pointers)].sort(compareText);
}

/** The trace file's text: 2-space indent, keys in the documented order, trailing newline. */
export function formatTrace(trace: TraceData): string {
  const document = {
    [TRACE_VERSION_KEY]: TRACE_FORMAT_VERSION,
    endpoint: trace.endpoint,
    requests: trace.requests,
    read: canonicalPointers(trace.read),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
