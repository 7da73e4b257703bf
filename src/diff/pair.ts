import type { AnalyzedContract } from '../contract/usable.js';
import { WirepinError } from '../errors.js';
import { formatWireType, sameWireType, type ContractField, type ContractModel } from '../contract/field-table.js';
import type { JsonValue, NodePosition } from '../contract/json-document.js';

/** One side of a comparison: the contract's file name, field table and positions. */
export interface PairedSide {
  readonly file: string;
  readonly model: ContractModel;
  /** The parsed contract, for the few facts the field table does not carry (the order of `required`). */
  readonly root: JsonValue;
  readonly positions: ReadonlyMap<string, NodePosition>;
}

/** A field present in both versions (same wire pointer). */
export interface FieldPair {
  readonly pointer: string;
  readonly base: ContractField;
  readonly head: ContractField;
  /** The types as reports spell them ("map<string>|null"). */
  readonly baseType: string;
  readonly headType: string;
  /** Whether those spellings differ. */
  readonly typeChanged: boolean;
  /**
   * Fields under this one that exist on one side only and are not reported on
   * their own, because this field's type changed (an object became a string...).
   */
  readonly nested: number;
}

/** The top of a removed subtree: its descendants are counted in `nested`, not reported. */
export interface RemovedField {
  readonly field: ContractField;
  readonly type: string;
  readonly nested: number;
  /** The first added field (document order) with the same parent and type, matched one to one. */
  readonly possibleRename: ContractField | undefined;
}

/** The top of an added subtree. */
export interface AddedField {
  readonly field: ContractField;
  readonly type: string;
  readonly nested: number;
}

/**
 * Base and head fields paired by wire pointer, once, for every diff rule. A side
 * is undefined when the contract was added (no base) or deleted (no head).
 */
export interface ContractPairing {
  readonly base: PairedSide | undefined;
  readonly head: PairedSide | undefined;
  /** In head document order. */
  readonly kept: readonly FieldPair[];
  /** In base document order. */
  readonly removed: readonly RemovedField[];
  /** In head document order. */
  readonly added: readonly AddedField[];
}

/** A side needs the model and the parsed document; whether the contract is usable is judged before (`judgeContract`). */
function sideOf(contract: AnalyzedContract): PairedSide {
  if (!contract.model || !contract.document) {
    throw new WirepinError('E_PARSE', `${contract.file} could not be read as a contract, so wirepin cannot compare it.`, {
      hint: `Run \`wirepin lint ${contract.file}\` and fix its findings first.`,
    });
  }
  return { file: contract.file, model: contract.model, root: contract.document.value, positions: contract.document.positions };
}

/**
 * A kept field. Its types are spelled ("map<string>|null") only when a rule
 * reads them; when its type changed, `changed` is the subtree that counts the
 * one-sided fields under it.
 */
class KeptField implements FieldPair {
  constructor(
    readonly base: ContractField,
    readonly head: ContractField,
    private readonly changed: Subtree | undefined,
  ) {}

  get pointer(): string {
    return this.head.pointer;
  }

  get typeChanged(): boolean {
    return this.changed !== undefined;
  }

  get nested(): number {
    return this.changed?.nested ?? 0;
  }

  get baseType(): string {
    return formatWireType(this.base.type);
  }

  get headType(): string {
    return formatWireType(this.head.type);
  }
}

interface Subtree {
  nested: number;
}

/**
 * Walks one side's fields in document order (parents come before their
 * children) and keeps only the top of each subtree that is missing on the other
 * side; deeper fields are counted against their top, or against the field whose
 * type changed, instead of being reported again. Linear in the number of fields.
 */
function onlyOnOneSide(
  from: PairedSide,
  other: PairedSide | undefined,
  typeChangedAt: (pointer: string) => Subtree | undefined,
): { top: ContractField; subtree: Subtree }[] {
  const tops: { top: ContractField; subtree: Subtree }[] = [];
  const subtreeOf = new Map<string, Subtree>();
  for (const field of from.model.fields.values()) {
    if (other?.model.fields.has(field.pointer)) continue;
    const enclosing = field.parent === '' ? undefined : (subtreeOf.get(field.parent) ?? typeChangedAt(field.parent));
    if (enclosing) {
      enclosing.nested += 1;
      subtreeOf.set(field.pointer, enclosing);
      continue;
    }
    const subtree: Subtree = { nested: 0 };
    subtreeOf.set(field.pointer, subtree);
    tops.push({ top: field, subtree });
  }
  return tops;
}

/** Pairs the fields of two contract versions by wire pointer. Pure; O(fields). */
export function pairContracts(base: AnalyzedContract | undefined, head: AnalyzedContract | undefined): ContractPairing {
  const baseSide = base ? sideOf(base) : undefined;
  const headSide = head ? sideOf(head) : undefined;

  // Fields whose type changed absorb the one-sided fields below them.
  const typeChanges = new Map<string, Subtree>();
  const kept: FieldPair[] = [];
  if (baseSide && headSide) {
    for (const headField of headSide.model.fields.values()) {
      const baseField = baseSide.model.fields.get(headField.pointer);
      if (!baseField) continue;
      const changed = sameWireType(baseField.type, headField.type) ? undefined : { nested: 0 };
      if (changed) typeChanges.set(headField.pointer, changed);
      kept.push(new KeptField(baseField, headField, changed));
    }
  }
  const typeChangedAt = (pointer: string): Subtree | undefined => typeChanges.get(pointer);

  const removedTops = baseSide ? onlyOnOneSide(baseSide, headSide, typeChangedAt) : [];
  const addedTops = headSide ? onlyOnOneSide(headSide, baseSide, typeChangedAt) : [];

  const added: AddedField[] = addedTops.map(({ top, subtree }) => ({
    field: top,
    type: formatWireType(top.type),
    nested: subtree.nested,
  }));

  // One-to-one rename candidates: same parent, same wire type, first come first served.
  const candidates = new Map<string, ContractField[]>();
  for (const a of added) {
    const key = `${a.field.parent}\u0000${a.type}`;
    const queue = candidates.get(key);
    if (queue) queue.push(a.field);
    else candidates.set(key, [a.field]);
  }
  const removed: RemovedField[] = removedTops.map(({ top, subtree }) => {
    const type = formatWireType(top.type);
    return { field: top, type, nested: subtree.nested, possibleRename: candidates.get(`${top.parent}\u0000${type}`)?.shift() };
  });

  return { base: baseSide, head: headSide, kept, removed, added };
}
