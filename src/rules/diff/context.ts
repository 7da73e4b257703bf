import { fieldLabel, type ContractDef, type ContractField } from '../../contract/field-table.js';
import type { ChangeData } from '../../diff/change.js';
import type {
  AddedField,
  ContractPairing,
  DefinitionOnOneSide,
  DefinitionUses,
  FieldPair,
  PairedSide,
  RemovedField,
} from '../../diff/pair.js';
import { serviceNamesOf, type ServiceNames } from '../../contract/service-names.js';
import type { RelatedLocation } from '../../finding.js';
import { positionOfPointer, type FindingDraft, type RuleMeta } from '../../rule.js';
import { parentPointer } from '../../json-pointer.js';

/** A diff rule's draft: a pointer into the head contract (the base, when the head was deleted) and the change's facts. */
export interface ChangeDraft<Kind extends string = string> extends FindingDraft {
  readonly data: ChangeData & { readonly kind: Kind };
}

/** Both versions of a contract. */
export interface BothSides {
  readonly base: PairedSide;
  readonly head: PairedSide;
}

/**
 * A diff rule receives the contracts already paired by wire pointer, one pair
 * at a time (buf's pair handlers); it never pairs fields or loops itself. The
 * engine (src/run/diff-engine.ts) calls `onContract` once with the whole
 * pairing (a contract added or deleted), and, when both versions exist,
 * `onHeader` once and `onKept`, `onAdded`, `onRemoved` per field. Its
 * `severity` is that of the most severe class it can report: each change's own
 * severity follows from its class.
 */
export interface DiffRule<Kind extends string = string> extends RuleMeta<Kind> {
  readonly messages: Readonly<Record<Kind, string>>;
  onContract?(pairing: ContractPairing): readonly ChangeDraft<Kind>[];
  onHeader?(sides: BothSides): readonly ChangeDraft<Kind>[];
  /** One change, several (one per constraint that moved), or none. */
  onKept?(pair: FieldPair, sides: BothSides): ChangeDraft<Kind> | readonly ChangeDraft<Kind>[] | undefined;
  onAdded?(added: AddedField, sides: BothSides): ChangeDraft<Kind> | undefined;
  onRemoved?(removed: RemovedField, sides: BothSides): ChangeDraft<Kind> | undefined;
  /** A definition of `$defs` in the head only, or in the base only: once per definition, never per field. */
  onDefinitionAdded?(added: DefinitionOnOneSide, sides: BothSides): ChangeDraft<Kind> | undefined;
  onDefinitionRemoved?(removed: DefinitionOnOneSide, sides: BothSides): ChangeDraft<Kind> | undefined;
  /**
   * The JSON pointers (in either contract) whose differences one of its changes
   * accounts for, given the schema pointers of the field on each side; `sync`
   * reports any other difference as SYNC_DRIFT.
   */
  explains(change: ChangeData, schemaPointers: readonly string[]): readonly string[];
}

/** Both versions of a contract, for rules about fields (an added or deleted contract is reported as a whole). */
export function bothSides(pairing: ContractPairing): BothSides | undefined {
  return pairing.base && pairing.head ? { base: pairing.base, head: pairing.head } : undefined;
}

/** "display.mode": how messages name a field; "$defs.Address.city" for a field of a definition. */
export function fieldName(field: ContractField): string {
  return fieldLabel(field);
}

/** "$defs.Address": how messages name a definition. */
export function definitionName(def: ContractDef): string {
  return `$defs.${def.name}`;
}

/**
 * The sentence a change inside a definition ends with: where the payload uses
 * it, so that one change stands for every path ("Used at ship_to, bill_to and
 * 3 more."). Paths are dotted, "[]" for an array item or map value.
 */
export function usesSentence(uses: DefinitionUses, past = false): string {
  if (uses.paths.length === 0) {
    if (!uses.complete) return 'wirepin stopped looking for the fields that use it.';
    return past ? 'No field used this definition.' : 'No field uses this definition.';
  }
  const named = uses.paths.map((p) => `"${usePathName(p)}"`);
  const more = uses.more > 0 || !uses.complete ? ` and ${uses.complete ? '' : 'at least '}${uses.more} more` : '';
  const list =
    more === '' && named.length > 1
      ? `${named.slice(0, -1).join(', ')} and ${named[named.length - 1] ?? ''}`
      : `${named.join(', ')}${more}`;
  return `${past ? 'Was used' : 'Used'} at ${list}.`;
}

/** "/category/children/*" -> "category.children[]". */
export function usePathName(pointer: string): string {
  return fieldLabel({ pointer }).replaceAll('.*', '[]');
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

/** The bare service names from the contract's header ("orders", "billing"), or "the producer" and "the consumer". */
export function services(side: PairedSide): ServiceNames {
  return serviceNamesOf([side.model]);
}

/** A name at the start of a sentence: "the consumer" becomes "The consumer"; a service's own name is left as it is spelled. */
export function atStart(name: string): string {
  return name.startsWith('the ') ? `T${name.slice(1)}` : name;
}

/** "orders (OrderPlaced)" and "billing (OrderEvent)": the header's service names with their types. */
export function sideNames(side: PairedSide): { producer: string; consumer: string } {
  const { producer, consumer } = side.model;
  return {
    producer: producer ? `${producer.name} (${producer.type})` : 'the producer',
    consumer: consumer ? `${consumer.name} (${consumer.type})` : 'the consumer',
  };
}

/** The schema pointer of the object schema whose `properties` holds this field: "/properties/a/properties/b" -> "/properties/a". */
export function holderOf(schemaPointer: string): string {
  return parentPointer(parentPointer(schemaPointer));
}

/** The facts every field change carries, from the field as it is now (or was, when removed). */
export function fieldFacts(field: ContractField): Pick<ChangeData, 'pointer' | 'consumes' | 'note'> {
  return { pointer: field.pointer, consumes: field.consumes ?? null, note: field.note ?? null };
}
