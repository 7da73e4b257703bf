import type { ContractModel } from '../contract/field-table.js';
import { dottedName } from '../contract/json-pointer.js';
import type { ExtractResult, SourceKind, WireType } from '../wire.js';
import type { RelatedLocation } from '../finding.js';
import type { Rule } from '../rule.js';
import type { FieldPair } from './pair-fields.js';

/** What pin and consumes rules see: the contract, the source, and the fields paired once. */
export interface GuardContext {
  /** Which guard is running: the producer pin or consumer completeness. */
  readonly guard: 'pin' | 'consumes';
  readonly contractFile: string;
  readonly model: ContractModel;
  readonly source: ExtractResult;
  readonly sourceKind: SourceKind;
  /** "static": declarations read from code; "trace": fields a running consumer actually read. */
  readonly mode: 'static' | 'trace';
  readonly pairs: readonly FieldPair[];
}

export type GuardRule = Rule<GuardContext>;

/** `producer cpProvisionRequest`, for related locations. */
export function sourceLabel(context: GuardContext, side: 'producer' | 'consumer'): string {
  return `${side} ${context.source.root.name}`;
}

export function sourceAt(context: GuardContext, side: 'producer' | 'consumer', pair: FieldPair): RelatedLocation {
  const location = pair.source?.location ?? context.source.root.location;
  return { label: sourceLabel(context, side), file: location.file, line: location.line, column: location.column };
}

/**
 * Where a field that is not in the contract would go: the `properties` of its
 * parent's schema (through `items` and `additionalProperties` for a field of
 * array items or map values), or the root's.
 */
export function contractPathFor(context: GuardContext, pair: FieldPair): string {
  if (pair.contract) return pair.contract.schemaPointer;
  let parent = pair.pointer.slice(0, pair.pointer.lastIndexOf('/'));
  // How many "*" segments (array items, map values) lie between the nearest field and the parent.
  let stars = 0;
  while (parent !== '') {
    const field = context.model.fields.get(parent);
    if (field) return `${field.schemaPointer}${elementPath(field.type, stars)}/properties`;
    stars = parent.endsWith('/*') ? stars + 1 : 0;
    parent = parent.slice(0, parent.lastIndexOf('/'));
  }
  return '/properties';
}

/** The schema path from a container's schema down `depth` levels of array items or map values. */
function elementPath(type: WireType, depth: number): string {
  let path = '';
  let current = type;
  for (let level = 0; level < depth; level++) {
    if (current.kind === 'array') {
      path += '/items';
      current = current.items;
    } else if (current.kind === 'map') {
      path += '/additionalProperties';
      current = current.values;
    } else {
      break;
    }
  }
  return path;
}

export function name(pair: FieldPair): string {
  return dottedName(pair.pointer);
}

/** The service names the contract gives each side, for messages ("core", "cp"). */
export function serviceName(context: GuardContext, side: 'producer' | 'consumer'): string {
  return (side === 'producer' ? context.model.producer?.name : context.model.consumer?.name) ?? side;
}
