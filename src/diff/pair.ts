import type { AnalyzedContract } from '../contract/usable.js';
import { WirepinError } from '../errors.js';
import {
  formatWireType,
  sameWireType,
  type ContractDef,
  type ContractField,
  type ContractModel,
} from '../contract/field-table.js';
import type { JsonValue, NodePosition } from '../contract/json-document.js';
import type { WireType } from '../wire.js';
import { escapeSegment } from '../json-pointer.js';

/** One side of a comparison: the contract's file name, field table and positions. */
export interface PairedSide {
  readonly file: string;
  readonly model: ContractModel;
  /** The parsed contract, for the few facts the field table does not carry (the order of `required`). */
  readonly root: JsonValue;
  readonly positions: ReadonlyMap<string, NodePosition>;
  /**
   * The root's fields as compared: the field table, plus, under each field whose
   * reference differs between the versions (an inline object that became a
   * `$ref`, a `$ref` retargeted), the fields of the definition it refers to,
   * at payload pointers. Equal to `model.fields` for a contract without `$defs`.
   */
  readonly fields: ReadonlyMap<string, ContractField>;
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
  /**
   * The field keeps its wire type but names its shape differently: an inline
   * object became a reference or the reverse, or a reference names another
   * definition ("object" for an inline object, "$defs.Name" for a reference).
   * The two shapes' fields are compared field by field under this one.
   */
  readonly shapeMoved: { readonly before: string; readonly after: string } | undefined;
}

/** The top of a removed subtree: its descendants are counted in `nested`, not reported. */
export interface RemovedField {
  readonly field: ContractField;
  readonly type: string;
  readonly nested: number;
  /** The first added field (document order) with the same parent and type, matched one to one. */
  readonly possibleRename: ContractField | undefined;
  /** Schema pointer, in the head, of the object the field was removed from (its parent, or the root's or definition's `properties`). */
  readonly removedFrom: string;
}

/** A definition of `$defs` that exists on one side only, reported once, however many fields it has. */
export interface DefinitionOnOneSide {
  readonly def: ContractDef;
}

/**
 * Where a definition is used: payload paths from the root through references
 * (a recursive reference ends its path), the first `USE_PATH_LIMIT` in document
 * order, how many more, and whether that count is complete or a lower bound
 * (the walk stops after `USE_WALK_BUDGET` steps on densely linked graphs).
 */
export interface DefinitionUses {
  readonly paths: readonly string[];
  readonly more: number;
  readonly complete: boolean;
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
  /** Definitions in the head only, in head document order. Their fields are not reported one by one. */
  readonly addedDefs: readonly DefinitionOnOneSide[];
  /** Definitions in the base only, in base document order. */
  readonly removedDefs: readonly DefinitionOnOneSide[];
  /** Where a definition is used in the head (the base when it exists only there). Computed once per definition. */
  usesOf(def: string): DefinitionUses;
}

/** A side needs the model and the parsed document; whether the contract is usable is judged before (`judgeContract`). */
function sideOf(contract: AnalyzedContract): PairedSide {
  if (!contract.model || !contract.document) {
    throw new WirepinError(
      'E_PARSE',
      `${contract.file} could not be read as a contract, so wirepin cannot compare it.`,
      {
        hint: `Run \`wirepin lint ${contract.file}\` and fix its findings first.`,
      },
    );
  }
  return {
    file: contract.file,
    model: contract.model,
    root: contract.document.value,
    positions: contract.document.positions,
    fields: contract.model.fields,
  };
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
    readonly shapeMoved: FieldPair['shapeMoved'] = undefined,
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
  from: ReadonlyMap<string, ContractField>,
  other: ReadonlyMap<string, ContractField> | undefined,
  typeChangedAt: (pointer: string) => Subtree | undefined,
): { top: ContractField; subtree: Subtree }[] {
  const tops: { top: ContractField; subtree: Subtree }[] = [];
  const subtreeOf = new Map<string, Subtree>();
  for (const field of from.values()) {
    if (other?.has(field.pointer)) continue;
    // A top-level field's parent is "", which is no field's pointer: it has no enclosing subtree.
    const enclosing = subtreeOf.get(field.parent) ?? typeChangedAt(field.parent);
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

/** The pairing of one field table (the root's, or one definition's) on both sides. */
interface ScopePairing {
  readonly kept: FieldPair[];
  readonly removed: RemovedField[];
  readonly added: AddedField[];
}

/**
 * Pairs one field table by wire pointer: the root's (`holder` "") or a
 * definition's (`holder` "/$defs/Name"). Pure; O(fields).
 */
function pairScope(
  baseFields: ReadonlyMap<string, ContractField> | undefined,
  headFields: ReadonlyMap<string, ContractField> | undefined,
  holder: string,
): ScopePairing {
  // Fields whose type changed absorb the one-sided fields below them.
  const typeChanges = new Map<string, Subtree>();
  const kept: FieldPair[] = [];
  if (baseFields && headFields) {
    for (const headField of headFields.values()) {
      const baseField = baseFields.get(headField.pointer);
      if (!baseField) continue;
      const changed = sameWireType(baseField.type, headField.type) ? undefined : { nested: 0 };
      if (changed) typeChanges.set(headField.pointer, changed);
      kept.push(
        new KeptField(baseField, headField, changed, changed ? undefined : shapeMove(baseField.type, headField.type)),
      );
    }
  }
  const typeChangedAt = (pointer: string): Subtree | undefined => typeChanges.get(pointer);

  const removedTops = baseFields ? onlyOnOneSide(baseFields, headFields, typeChangedAt) : [];
  const addedTops = headFields ? onlyOnOneSide(headFields, baseFields, typeChangedAt) : [];

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
    // A top-level field's parent is "", which no field has as its pointer.
    const parent = headFields?.get(top.parent);
    return {
      field: top,
      type,
      nested: subtree.nested,
      possibleRename: candidates.get(`${top.parent}\u0000${type}`)?.shift(),
      removedFrom: parent ? parent.schemaPointer : `${holder}/properties`,
    };
  });
  return { kept, removed, added };
}

/** Pairs the fields of two contract versions by wire pointer, and their definitions by name. Pure; linear in fields and definitions. */
export function pairContracts(base: AnalyzedContract | undefined, head: AnalyzedContract | undefined): ContractPairing {
  let baseSide = base ? sideOf(base) : undefined;
  let headSide = head ? sideOf(head) : undefined;
  if (baseSide && headSide) {
    const [baseFields, headFields] = followMovedShapes(
      baseSide.model,
      headSide.model,
      baseSide.model.fields,
      headSide.model.fields,
    );
    baseSide = { ...baseSide, fields: baseFields };
    headSide = { ...headSide, fields: headFields };
  }
  const root = pairScope(baseSide?.fields, headSide?.fields, '');
  const kept = [...root.kept];
  const removed = [...root.removed];
  const added = [...root.added];
  const addedDefs: DefinitionOnOneSide[] = [];
  const removedDefs: DefinitionOnOneSide[] = [];
  if (baseSide && headSide) {
    const baseDefs = baseSide.model.defs;
    const headDefs = headSide.model.defs;
    for (const headDef of headDefs.values()) {
      const baseDef = baseDefs.get(headDef.name);
      if (!baseDef) {
        addedDefs.push({ def: headDef });
        continue;
      }
      const [baseFields, headFields] = followMovedShapes(
        baseSide.model,
        headSide.model,
        baseDef.fields,
        headDef.fields,
      );
      const scope = pairScope(baseFields, headFields, headDef.schemaPointer);
      kept.push(...scope.kept);
      removed.push(...scope.removed);
      added.push(...scope.added);
    }
    for (const baseDef of baseDefs.values()) if (!headDefs.has(baseDef.name)) removedDefs.push({ def: baseDef });
  }
  const uses = new Map<string, DefinitionUses>();
  const finalBase = baseSide;
  const finalHead = headSide;
  return {
    base: finalBase,
    head: finalHead,
    kept,
    removed,
    added,
    addedDefs,
    removedDefs,
    usesOf(def: string): DefinitionUses {
      let known = uses.get(def);
      if (known === undefined) {
        const model = finalHead?.model.defs.has(def) ? finalHead.model : finalBase?.model;
        known = model ? definitionUses(model, def) : { paths: [], more: 0, complete: true };
        uses.set(def, known);
      }
      return known;
    },
  };
}

/** Where a field's own object sits and which definition (if any) holds its fields: through arrays and maps, "/*" per level. */
function shapeOf(type: WireType): { readonly ref: string | undefined; readonly suffix: string } | undefined {
  if (type.kind === 'object') return { ref: type.ref, suffix: '' };
  if (type.kind === 'array' || type.kind === 'map') {
    const inner = shapeOf(type.kind === 'array' ? type.items : type.values);
    return inner && { ref: inner.ref, suffix: `/*${inner.suffix}` };
  }
  return undefined;
}

const shapeName = (ref: string | undefined): string => (ref === undefined ? 'object' : `$defs.${ref}`);

function shapeMove(base: WireType, head: WireType): FieldPair['shapeMoved'] {
  const before = shapeOf(base);
  const after = shapeOf(head);
  if (!before || !after || before.ref === after.ref) return undefined;
  return { before: shapeName(before.ref), after: shapeName(after.ref) };
}

/** How many definition fields one comparison may lay out under moved shapes before it refuses (exit 2). */
export const MOVED_SHAPE_FIELD_LIMIT = 100_000;

/**
 * Lays a definition's fields out under each field whose shape moved (inline ↔
 * reference, or another definition), at payload pointers, so that the two
 * shapes are compared field by field like any kept object: an inline object
 * that became a `$ref` with the same fields has no change under it. A pair of
 * definitions already laid out against each other is not laid out again
 * (recursion), and fields under a reference that names the same definition on
 * both sides are compared once, in that definition.
 */
function followMovedShapes(
  baseModel: ContractModel,
  headModel: ContractModel,
  baseFields: ReadonlyMap<string, ContractField>,
  headFields: ReadonlyMap<string, ContractField>,
): [ReadonlyMap<string, ContractField>, ReadonlyMap<string, ContractField>] {
  let base: Map<string, ContractField> | undefined;
  let head: Map<string, ContractField> | undefined;
  const seen = new Set<string>();
  let laidOut = 0;
  /** Adds the definition's fields under `at`; returns those added, in the definition's document order. */
  const layOut = (
    into: Map<string, ContractField>,
    model: ContractModel,
    ref: string,
    field: ContractField,
    at: string,
  ): ContractField[] => {
    const added: ContractField[] = [];
    for (const inner of model.defs.get(ref)?.fields.values() ?? []) {
      if (++laidOut > MOVED_SHAPE_FIELD_LIMIT) {
        throw new WirepinError(
          'E_UNSUPPORTED',
          `Comparing the shapes under field "${field.pointer}" lays out more than ${MOVED_SHAPE_FIELD_LIMIT} fields; wirepin stops here.`,
          {
            hint: 'Change the shape in smaller steps, or keep the field pointing at the same definition and change the definition itself.',
          },
        );
      }
      const pointer = `${at}${inner.pointer}`;
      if (into.has(pointer)) continue;
      const { def: _def, ...rest } = inner;
      const copy: ContractField = {
        ...rest,
        pointer,
        parent: inner.parent === '' ? field.pointer : `${at}${inner.parent}`,
      };
      into.set(pointer, copy);
      added.push(copy);
    }
    return added;
  };
  const queue = [...headFields.values()];
  for (let i = 0; i < queue.length; i++) {
    const headField = queue[i] as ContractField;
    const baseField = (base ?? baseFields).get(headField.pointer);
    if (!baseField || !sameWireType(baseField.type, headField.type)) continue;
    const before = shapeOf(baseField.type);
    const after = shapeOf(headField.type);
    if (!before || !after || before.ref === after.ref) continue;
    const key = `${before.ref ?? `inline:${baseField.schemaPointer}`}\u0000${after.ref ?? `inline:${headField.schemaPointer}`}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const at = `${headField.pointer}${after.suffix}`;
    if (before.ref !== undefined) layOut((base ??= new Map(baseFields)), baseModel, before.ref, baseField, at);
    // The definition's fields may hold moved shapes of their own; an inline side's nested fields are already queued.
    if (after.ref !== undefined)
      queue.push(...layOut((head ??= new Map(headFields)), headModel, after.ref, headField, at));
  }
  return [base ?? baseFields, head ?? headFields];
}

/** How many use paths a report lists for a definition, and how many steps the walk that finds them may take. */
export const USE_PATH_LIMIT = 20;
export const USE_WALK_BUDGET = 10_000;

/**
 * The payload paths at which a definition is used, walking from the root's
 * fields through references; a definition already on the path is not entered
 * again, so a recursive use is listed once ("/category/parent") and the walk ends.
 */
export function definitionUses(model: ContractModel, target: string): DefinitionUses {
  const paths: string[] = [];
  let count = 0;
  let steps = 0;
  let complete = true;
  const onPath = new Set<string>();
  const visit = (def: string, at: string): void => {
    if (++steps > USE_WALK_BUDGET) {
      complete = false;
      return;
    }
    if (def === target) {
      count += 1;
      if (paths.length < USE_PATH_LIMIT) paths.push(at);
    }
    if (onPath.has(def)) return;
    onPath.add(def);
    for (const field of model.defs.get(def)?.fields.values() ?? []) {
      const shape = shapeOf(field.type);
      if (shape?.ref !== undefined && complete) visit(shape.ref, `${at}${field.pointer}${shape.suffix}`);
    }
    onPath.delete(def);
  };
  for (const field of model.fields.values()) {
    const shape = shapeOf(field.type);
    if (shape?.ref !== undefined && complete) visit(shape.ref, `${field.pointer}${shape.suffix}`);
  }
  return { paths, more: count - paths.length, complete };
}

/** The schema pointer of a definition: "/$defs/Name". */
export function definitionPointer(name: string): string {
  return `/$defs/${escapeSegment(name)}`;
}

/**
 * A field as a change names it: by `pointer` in the root's compared fields, or,
 * with `def`, in that definition's field table. Undefined when the side has none.
 */
export function fieldAt(
  side: PairedSide | undefined,
  pointer: string,
  def: string | undefined,
): ContractField | undefined {
  if (!side) return undefined;
  return def === undefined ? side.fields.get(pointer) : side.model.defs.get(def)?.fields.get(pointer);
}
