import type { ContractField } from '../../contract/field-table.js';
import { dottedName } from '../../contract/json-pointer.js';
import type { ChangeData } from '../../diff/change.js';
import type { ContractPairing, PairedSide } from '../../diff/pair.js';
import type { RelatedLocation } from '../../finding.js';
import { positionOfPointer, type FindingDraft, type RuleMeta } from '../rule.js';

/** A diff rule's draft: a pointer into the head contract (the base, when the head was deleted) and the change's facts. */
export interface ChangeDraft extends FindingDraft {
  readonly data: ChangeData;
}

/**
 * A diff rule receives the contracts already paired by wire pointer; it never
 * pairs fields itself. Its `severity` is that of the most severe class it can
 * report: each change's own severity follows from its class.
 */
export interface DiffRule extends RuleMeta {
  check(pairing: ContractPairing): readonly ChangeDraft[];
}

/** Both versions of a contract, for rules about fields (an added or deleted contract is reported as a whole). */
export function bothSides(pairing: ContractPairing): { base: PairedSide; head: PairedSide } | undefined {
  return pairing.base && pairing.head ? { base: pairing.base, head: pairing.head } : undefined;
}

/** "display.mode": how messages name a field. */
export function fieldName(field: ContractField): string {
  return dottedName(field.pointer);
}

/** The first pointer that exists in the side's file, else the last one given (placement then walks up to an ancestor). */
export function firstExisting(side: PairedSide, pointers: readonly string[]): string {
  for (const pointer of pointers) if (side.positions.has(pointer)) return pointer;
  return pointers[pointers.length - 1] ?? '';
}

/** Where the same thing sits in the base contract, for the finding's related location. */
export function inBase(base: PairedSide, pointer: string): RelatedLocation {
  const position = positionOfPointer(pointer, base.positions);
  return { label: 'base contract', file: base.file, line: position.line, column: position.column };
}

/** "core (cpProvisionRequest)" and "cp (wsProvisionRequest)", from the contract's header. */
export function sideNames(side: PairedSide): { producer: string; consumer: string } {
  const { producer, consumer } = side.model;
  return {
    producer: producer ? `${producer.name} (${producer.type})` : 'the producer',
    consumer: consumer ? `${consumer.name} (${consumer.type})` : 'the consumer',
  };
}

/** The schema pointer of the object schema whose `properties` holds this field: "/properties/a/properties/b" -> "/properties/a". */
export function holderOf(schemaPointer: string): string {
  const properties = schemaPointer.slice(0, schemaPointer.lastIndexOf('/'));
  return properties.slice(0, properties.lastIndexOf('/'));
}

/** The facts every field change carries, from the field as it is now (or was, when removed). */
export function fieldFacts(field: ContractField): Pick<ChangeData, 'pointer' | 'consumes' | 'note'> {
  return { pointer: field.pointer, consumes: field.consumes ?? null, note: field.note ?? null };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
