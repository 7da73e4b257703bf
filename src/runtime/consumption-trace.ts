import { writeFileAtomic } from '../fs/atomic-write.js';
import { resolve } from 'node:path';
import { joinPointer } from '../json-pointer.js';
import { canonicalPointers, formatTrace, type TraceData } from '../trace/trace-format.js';

/**
 * Runtime consumption tracing: wraps a received request body in Proxies that
 * record every wire field the handler reads, at every depth, as JSON pointers.
 * The trace (see src/trace/trace-format.ts) is then compared with the
 * contract's `cp_consumes` flags.
 *
 * What counts as reading a field:
 * - property access, including destructuring and spreading (both are [[Get]]);
 * - `"field" in body` (a presence check is a read of the field);
 * - on a map: any member access, `in`, `Object.keys`/`entries` (ownKeys):
 *   all record the map's pointer; reading a member's value adds "<map>/*";
 * - on an array: `length`, an index, iteration: record the array's pointer;
 *   reading an item adds "<array>/*".
 * Reading a declared optional field that the request did not carry still
 * counts: the code looked for it. `Object.keys(body)` on an object with named
 * fields reads no field. `Object.hasOwn(body, "x")` is not seen (it is
 * indistinguishable from the enumerability checks `Object.keys` makes).
 * Serializing the whole body (JSON.stringify, a spread copy) reads every
 * field it contains: trace the code that decides, not a logger.
 */

type ContainerKind = 'object' | 'map' | 'array';

interface Container {
  readonly kind: ContainerKind;
  /** Declared property names, for objects. */
  readonly properties: ReadonlySet<string>;
}

/** Where the body has objects, maps and arrays, by wire pointer ("*" for members). */
export interface TraceShape {
  readonly containers: ReadonlyMap<string, Container>;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function declaredTypes(schema: Readonly<Record<string, unknown>>): readonly string[] {
  const type = schema['type'];
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
}

/**
 * Reads the container layout from a wire schema: `properties` makes an object
 * with named fields, `additionalProperties` without `properties` (or a bare
 * `"type": "object"`) a map, `items` an array.
 */
export function traceShapeFromSchema(schema: unknown): TraceShape {
  const containers = new Map<string, Container>();
  const visit = (node: unknown, pointer: string): void => {
    if (!isRecord(node)) return;
    const types = declaredTypes(node);
    const properties = node['properties'];
    if (isRecord(properties)) {
      containers.set(pointer, { kind: 'object', properties: new Set(Object.keys(properties)) });
      for (const name of Object.keys(properties)) visit(properties[name], joinPointer(pointer, name));
    } else if (node['additionalProperties'] !== undefined || types.includes('object')) {
      containers.set(pointer, { kind: 'map', properties: new Set() });
      visit(node['additionalProperties'], joinPointer(pointer, '*'));
    }
    if (node['items'] !== undefined || types.includes('array')) {
      if (!containers.has(pointer)) containers.set(pointer, { kind: 'array', properties: new Set() });
      visit(node['items'], joinPointer(pointer, '*'));
    }
  };
  visit(schema, '');
  return { containers };
}

export interface ConsumptionRecorder {
  /** "METHOD /path" the traced handler serves. */
  readonly endpoint: string;
  /** How many bodies `track` has wrapped. */
  readonly requests: number;
  /**
   * Returns `body` wrapped so reads are recorded; counts one request. Hand
   * the result to the handler instead of the body. Non-objects pass through.
   */
  track<T>(body: T): T;
  /** The pointers read so far, sorted and deduplicated. */
  read(): string[];
  /** The trace as data. */
  snapshot(): TraceData;
  /** Writes the trace file (creating directories); traces belong under .wirepin/traces/. */
  write(file: string): Promise<void>;
}

export interface RecorderOptions {
  readonly endpoint: string;
  /** The wire schema (schemas/<name>.schema.json) the bodies were validated against. */
  readonly schema: unknown;
}

function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9]\d*)$/.test(key);
}

/** A key the runtime itself probes (`then` by await, `toJSON` by JSON.stringify, Object.prototype members). */
function isRuntimeProbe(key: string): boolean {
  return key === 'then' || key === 'toJSON' || key in Object.prototype;
}

export function createConsumptionRecorder(options: RecorderOptions): ConsumptionRecorder {
  const shape = traceShapeFromSchema(options.schema);
  const reads = new Set<string>();
  let requests = 0;

  const wrapValue = (value: unknown, pointer: string, proxies: WeakMap<object, unknown>): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    const cached = proxies.get(value);
    if (cached !== undefined) return cached;
    const container = shape.containers.get(pointer);
    const kind: ContainerKind = Array.isArray(value)
      ? 'array'
      : container?.kind === 'array'
        ? 'map'
        : (container?.kind ?? 'object');
    const declared = container?.properties ?? new Set<string>();
    const member = joinPointer(pointer, '*');
    /** The wrapped value at `key`, unless the proxy invariants demand the original (frozen data). */
    const child = (target: object, key: string, childPointer: string): unknown => {
      const value = Reflect.get(target, key);
      const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
      if (descriptor && descriptor.configurable === false && descriptor.writable === false) return value;
      return wrapValue(value, childPointer, proxies);
    };
    let handler: ProxyHandler<object>;
    if (kind === 'object') {
      handler = {
        get(target, key, receiver) {
          if (typeof key !== 'string' || !(declared.has(key) || Object.hasOwn(target, key)))
            return Reflect.get(target, key, receiver);
          const childPointer = joinPointer(pointer, key);
          reads.add(childPointer);
          return child(target, key, childPointer);
        },
        has(target, key) {
          if (typeof key === 'string' && (declared.has(key) || Object.hasOwn(target, key)))
            reads.add(joinPointer(pointer, key));
          return Reflect.has(target, key);
        },
      };
    } else if (kind === 'map') {
      handler = {
        get(target, key, receiver) {
          if (typeof key !== 'string') return Reflect.get(target, key, receiver);
          if (Object.hasOwn(target, key)) {
            reads.add(pointer);
            reads.add(member);
            return child(target, key, member);
          }
          if (!isRuntimeProbe(key)) reads.add(pointer);
          return Reflect.get(target, key, receiver);
        },
        has(target, key) {
          reads.add(pointer);
          return Reflect.has(target, key);
        },
        ownKeys(target) {
          reads.add(pointer);
          return Reflect.ownKeys(target);
        },
        getOwnPropertyDescriptor(target, key) {
          reads.add(pointer);
          return Reflect.getOwnPropertyDescriptor(target, key);
        },
      };
    } else {
      handler = {
        get(target, key, receiver) {
          if (typeof key !== 'string') return Reflect.get(target, key, receiver);
          if (key === 'length') reads.add(pointer);
          else if (isArrayIndex(key)) {
            reads.add(pointer);
            reads.add(member);
            return child(target, key, member);
          }
          return Reflect.get(target, key, receiver);
        },
        has(target, key) {
          reads.add(pointer);
          return Reflect.has(target, key);
        },
        ownKeys(target) {
          reads.add(pointer);
          return Reflect.ownKeys(target);
        },
      };
    }
    const proxy = new Proxy(value, handler);
    proxies.set(value, proxy);
    return proxy;
  };

  const recorder: ConsumptionRecorder = {
    endpoint: options.endpoint,
    get requests() {
      return requests;
    },
    track<T>(body: T): T {
      requests += 1;
      return wrapValue(body, '', new WeakMap()) as T;
    },
    read: () => canonicalPointers(reads),
    snapshot: () => ({ endpoint: options.endpoint, requests, read: canonicalPointers(reads) }),
    async write(file: string): Promise<void> {
      await writeFileAtomic(resolve(file), formatTrace(recorder.snapshot()), { shown: file });
    },
  };
  return recorder;
}
