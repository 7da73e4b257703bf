import type { ContractModel } from '../contract/field-table.js';
import { dottedName } from '../json-pointer.js';
import { declarationKey } from '../wire.js';
import type { ExtractResult, FieldReads, ReadEvidence, SourceKind, WireType } from '../wire.js';
import type { RelatedLocation } from '../finding.js';
import { serviceNamesOf } from '../contract/service-names.js';
import { parentPointer } from '../json-pointer.js';
import type { FindingDraft, RuleMeta } from '../rule.js';
import type { SourcePair } from './pair-fields.js';

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
  readonly pairs: readonly SourcePair[];
  /** What the static read analysis of the consumer's code found; absent when it did not run (--no-reads, a trace, no decode site). */
  readonly reads?: ReadEvidence;
  /**
   * Graph mode (a contract with `$defs`): the schema of the object this comparison is inside, "/$defs/Node"
   * or a field's; absent for the contract's root. A field not in the contract goes under its "properties".
   */
  readonly scopeSchemaPointer?: string;
}

/**
 * A pin or consumes rule. It receives the contract and source fields paired
 * once, one pair at a time (`onPair`), and the source as a whole once
 * (`onSource`, for what is not a pair: the types the extractor could not
 * resolve). The engine (src/run/guard-engine.ts) does the looping.
 */
export interface GuardRule<Kind extends string = string> extends RuleMeta<Kind> {
  onPair?(pair: SourcePair, context: GuardContext): FindingDraft | undefined;
  onSource?(context: GuardContext): readonly FindingDraft[];
}

/** `producer cpProvisionRequest`, for related locations. */
export function sourceLabel(context: GuardContext, side: 'producer' | 'consumer'): string {
  return `${side} ${context.source.root.name}`;
}

export function sourceAt(context: GuardContext, side: 'producer' | 'consumer', pair: SourcePair): RelatedLocation {
  const location = pair.source?.location ?? context.source.root.location;
  return { label: sourceLabel(context, side), file: location.file, line: location.line, column: location.column };
}

/**
 * Where a field that is not in the contract would go: the `properties` of its
 * parent's schema (through `items` and `additionalProperties` for a field of
 * array items or map values), or the root's.
 */
export function contractPathFor(context: GuardContext, pair: SourcePair): string {
  if (pair.contract) return pair.contract.schemaPointer;
  let parent = parentPointer(pair.pointer);
  // How many "*" segments (array items, map values) lie between the nearest field and the parent.
  let stars = 0;
  while (parent !== '') {
    const field = context.model.fields.get(parent);
    if (field) return `${field.schemaPointer}${elementPath(field.type, stars)}/properties`;
    stars = parent.endsWith('/*') ? stars + 1 : 0;
    parent = parentPointer(parent);
  }
  return `${context.scopeSchemaPointer ?? ''}/properties`;
}

/** The schema path from a container's schema down `depth` levels of array items or map values. */
export function elementPath(type: WireType, depth: number): string {
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

export function name(pair: SourcePair): string {
  return dottedName(pair.pointer);
}

/** The service name the contract's header gives a side, for messages; "the producer" or "the consumer" when it gives none. */
export function serviceName(context: GuardContext, side: 'producer' | 'consumer'): string {
  return serviceNamesOf([context.model])[side];
}

/** A wire type with the source's own spelling when that says more: "integer (int32)", but "string", not "string (string)". */
export function typeWithSource(wire: string, sourceType: string): string {
  return wire === sourceType ? wire : `${wire} (${sourceType})`;
}

/**
 * The read analysis' verdict on a pair's source field, when the analysis ran
 * and the consumer declares the field: the verdict of its declaration, the
 * same for every path (and every graph pair) that reaches it.
 */
export function readsOf(context: GuardContext, pair: SourcePair): FieldReads | undefined {
  if (context.reads === undefined || pair.source === undefined) return undefined;
  return context.reads.byDeclaration.get(declarationKey(pair.source.location));
}

/** "decoded at consumer/go/provision.go:12:5", or where the type is declared when no decode was found. */
export function decodedAtText(context: GuardContext): string {
  return locationText(context.reads?.decodedAt ?? context.source.root.location);
}

export function locationText(location: {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}): string {
  return `${location.file}:${location.line}:${location.column}`;
}
