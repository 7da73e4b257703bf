import { stat } from 'node:fs/promises';
import { readBounded } from '../fs/bounded-read.js';
import { resolve } from 'node:path';
import { displayPath } from '../paths.js';
import { joinPointer } from '../json-pointer.js';
import {
  decodeUtf8,
  isJsonObject,
  member,
  readJson,
  type JsonDocument,
  type JsonObject,
} from '../contract/json-document.js';
import { WirepinError, type SourceLocation } from '../errors.js';
import { canonicalPointers, TRACE_FORMAT_VERSION, TRACE_VERSION_KEY, type TraceData } from './trace-format.js';

/** A consumption trace as read from disk. `read` is sorted and deduplicated whatever the file's order. */
export interface ConsumptionTrace extends TraceData {
  /** The trace file, relative to the working directory, as reports name it. */
  readonly file: string;
}

/** Traces larger than this are refused before reading (one pointer per field; real traces are a few KiB). */
export const MAX_TRACE_BYTES = 16 * 1024 * 1024;

const KEYS = [TRACE_VERSION_KEY, 'endpoint', 'requests', 'read'] as const;
const ENDPOINT = /^[A-Z]+ \/\S*$/;
/** RFC 6901: "/" then segments; "~" only as "~0" or "~1". The root pointer "" names no field. */
const FIELD_POINTER = /^(?:\/(?:[^~/]|~[01])*)+$/;

const FORMAT_HINT = 'See docs/tracing.md for the trace format.';

function fail(message: string, location: SourceLocation, hint: string = FORMAT_HINT): never {
  throw new WirepinError('E_PARSE', message, { location, hint });
}

/**
 * Reads and strictly validates a consumption trace (format version 1; see
 * src/trace/trace-format.ts). Unreadable files are E_READ; malformed JSON,
 * duplicate keys, a wrong version, unknown keys or wrongly typed values are
 * E_PARSE naming file:line:col.
 */
export async function readTrace(path: string, cwd: string = process.cwd()): Promise<ConsumptionTrace> {
  const absolute = resolve(cwd, path);
  const file = displayPath(absolute, cwd);
  let bytes: Buffer;
  try {
    const info = await stat(absolute);
    if (info.isDirectory())
      throw new WirepinError('E_READ', `${file} is a directory, not a trace file.`, {
        hint: 'Pass the .json file a traced run wrote, e.g. .wirepin/traces/<consumer>.json.',
      });
    if (info.size > MAX_TRACE_BYTES) {
      throw new WirepinError(
        'E_READ',
        `${file} is ${info.size} bytes, over wirepin's ${MAX_TRACE_BYTES}-byte limit for a trace.`,
        {
          location: { file, line: 1, column: 1 },
          hint: 'A trace lists field pointers once each; check that this is the right file.',
        },
      );
    }
    bytes = await readBounded(absolute, { what: 'trace', shown: file, maxBytes: MAX_TRACE_BYTES });
  } catch (error) {
    if (error instanceof WirepinError) throw error;
    throw new WirepinError(
      'E_READ',
      `Cannot read trace ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}.`,
      {
        hint: 'Run the traced tests first; they write traces under .wirepin/traces/.',
      },
    );
  }
  const decoded = decodeUtf8(bytes);
  if ('problem' in decoded)
    fail(decoded.problem.message, {
      file,
      line: decoded.problem.position.line,
      column: decoded.problem.position.column,
    });
  const parsed = readJson(decoded.text);
  const problem = parsed.problems[0];
  if (problem) fail(`${problem.message}`, { file, line: problem.position.line, column: problem.position.column });
  if (!parsed.ok) fail('The trace is not valid JSON.', { file, line: 1, column: 1 });
  return validateTrace(parsed.document, file);
}

function validateTrace(document: JsonDocument, file: string): ConsumptionTrace {
  const at = (pointer: string, key = false): SourceLocation => {
    const position = document.positions.get(pointer);
    const place = key ? (position?.key ?? position?.value) : position?.value;
    return { file, line: place?.line ?? 1, column: place?.column ?? 1 };
  };
  const root = document.value;
  if (!isJsonObject(root))
    fail('A trace must be a JSON object with "wirepin_trace", "endpoint", "requests" and "read".', at(''));
  const version = member(root, TRACE_VERSION_KEY);
  if (version === undefined) fail(`The file has no "${TRACE_VERSION_KEY}" key, so it is not a wirepin trace.`, at(''));
  if (version !== TRACE_FORMAT_VERSION) {
    fail(
      `Trace format version ${JSON.stringify(version)} is not supported; this wirepin reads version ${TRACE_FORMAT_VERSION}.`,
      at(`/${TRACE_VERSION_KEY}`),
      'Emit version 1, or upgrade wirepin.',
    );
  }
  for (const key of Object.keys(root)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      fail(
        `Unknown key "${key}" in a version ${TRACE_FORMAT_VERSION} trace; it has only ${KEYS.map((k) => `"${k}"`).join(', ')}.`,
        at(joinPointer('', key), true),
      );
    }
  }
  const endpoint = required(root, 'endpoint', at);
  if (typeof endpoint !== 'string' || !ENDPOINT.test(endpoint)) {
    fail(
      `"endpoint" must be "METHOD /path" as in the contract (e.g. "POST /workspaces/provision"), not ${JSON.stringify(endpoint)}.`,
      at('/endpoint'),
    );
  }
  const requests = required(root, 'requests', at);
  if (typeof requests !== 'number' || !Number.isSafeInteger(requests) || requests < 0) {
    fail(
      `"requests" must be a whole number of traced requests, 0 or more, not ${JSON.stringify(requests)}.`,
      at('/requests'),
    );
  }
  const read = required(root, 'read', at);
  if (!Array.isArray(read)) fail('"read" must be an array of JSON pointers.', at('/read'));
  const pointers: string[] = [];
  read.forEach((pointer, index) => {
    if (typeof pointer !== 'string' || !FIELD_POINTER.test(pointer)) {
      fail(
        `"read" entry ${index} must be a JSON pointer to a field such as "/display/mode", not ${JSON.stringify(pointer)}.`,
        at(`/read/${index}`),
      );
    }
    pointers.push(pointer);
  });
  return { file, endpoint, requests, read: canonicalPointers(pointers) };
}

function required(root: JsonObject, key: string, at: (pointer: string) => SourceLocation): JsonObject[string] {
  const value = member(root, key);
  if (value === undefined) fail(`The trace has no "${key}".`, at(''));
  return value;
}
