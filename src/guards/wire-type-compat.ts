import type { WireType } from '../wire.js';

export type TypeMismatchKind = 'kind' | 'nullable' | 'values' | 'items';

export interface CompatOptions {
  /** The receiver turns JSON null into a zero value (Go's encoding/json does), so nullability cannot break it. */
  readonly receiverToleratesNull: boolean;
  /** A JSON sample cannot tell a map from an object. */
  readonly objectMayBeMap: boolean;
}

/**
 * Can every value of `sent` be received as `received`? The sender's type must
 * be a subset of the receiver's: an integer fits a number, not the reverse;
 * a value that may be null fits only a nullable receiver. Returns undefined
 * when it fits, else the first reason it does not.
 */
export function whyIncompatible(
  sent: WireType,
  received: WireType,
  options: CompatOptions,
): TypeMismatchKind | undefined {
  if (received.kind === 'any') return undefined;
  if (sent.kind === 'opaque' || received.kind === 'opaque') return undefined;
  if (sent.kind === 'null') return received.nullable || options.receiverToleratesNull ? undefined : 'nullable';
  if (sent.nullable && !received.nullable && !options.receiverToleratesNull) return 'nullable';
  switch (sent.kind) {
    case 'integer':
      return received.kind === 'integer' || received.kind === 'number' ? undefined : 'kind';
    case 'map':
      if (received.kind !== 'map') return 'kind';
      return whyIncompatible(sent.values, received.values, options) ? 'values' : undefined;
    case 'array':
      if (received.kind !== 'array') return 'kind';
      return whyIncompatible(sent.items, received.items, options) ? 'items' : undefined;
    case 'object':
      return received.kind === 'object' || (options.objectMayBeMap && received.kind === 'map') ? undefined : 'kind';
    default:
      return sent.kind === received.kind ? undefined : 'kind';
  }
}

/** True when the type, or a map value or array item inside it, could not be resolved. */
export function opaqueReasonOf(type: WireType): string | undefined {
  if (type.kind === 'opaque') return type.reason;
  if (type.kind === 'map') return opaqueReasonOf(type.values);
  if (type.kind === 'array') return opaqueReasonOf(type.items);
  return undefined;
}
