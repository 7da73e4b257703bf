import { createConsumptionRecorder, type ConsumptionRecorder } from '../src/runtime/consumption-trace.js';
import { PROVISION_REQUEST_SCHEMA } from './validate-body.js';

/**
 * cp's consumption tracing: the Proxy recorder from wirepin's runtime
 * (src/runtime/consumption-trace.ts), bound to the provision endpoint and its
 * wire schema. Pass `createProvisionRecorder()` to startServer as `trace`;
 * after the run, `recorder.write(traceFile('name'))`.
 */
export {
  createConsumptionRecorder,
  traceShapeFromSchema,
  type ConsumptionRecorder,
  type RecorderOptions,
  type TraceShape,
} from '../src/runtime/consumption-trace.js';

export const PROVISION_ENDPOINT = 'POST /cp/workspaces/provision';

/** Traces go here; the directory is git-ignored. */
export const TRACE_DIR = '.wirepin/traces';

export function createProvisionRecorder(): ConsumptionRecorder {
  return createConsumptionRecorder({ endpoint: PROVISION_ENDPOINT, schema: PROVISION_REQUEST_SCHEMA });
}

/** `.wirepin/traces/<name>.json`, relative to the working directory. */
export function traceFile(name: string): string {
  return `${TRACE_DIR}/${name}.json`;
}
