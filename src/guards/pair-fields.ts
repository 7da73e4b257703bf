import type { ContractField, ContractModel } from '../contract/field-table.js';
import { joinPointer, parentPointer, splitPointer } from '../json-pointer.js';
import type { ExtractResult, SourceKind, WireField } from '../wire.js';

/** A contract field and the source field at the same wire pointer; either may be missing. */
export interface SourcePair {
  readonly pointer: string;
  readonly contract: ContractField | undefined;
  readonly source: WireField | undefined;
}

/** `base` when `pointer` lies strictly under it, else "" (the whole pointer). */
const baseOf = (pointer: string, base: string): string => (base !== '' && pointer.startsWith(`${base}/`) ? base : '');

/**
 * The pointer's ancestors, through "*" segments (array items, map values), strictly below `base` (the pair's own
 * scope: nothing at or above `base` is a field of the pair).
 */
function ancestors(pointer: string, base: string): string[] {
  const out: string[] = [];
  const floor = baseOf(pointer, base).length;
  let p = parentPointer(pointer);
  while (p.length > floor) {
    out.push(p);
    p = parentPointer(p);
  }
  return out;
}

/**
 * Pairs contract fields with source fields by wire pointer, once, before any
 * rule runs. Children are dropped when an ancestor is unpaired (the ancestor is
 * the finding), when an ancestor is opaque in the source (nothing to compare),
 * or when the contract declares the ancestor a map and the source is a JSON
 * sample (a sample cannot tell a map's keys from a struct's fields).
 *
 * With `foldKey` (a Go consumer: encoding/json's Unmarshal folds case), a contract key
 * lands in the source field of the same name, else in the first sibling whose
 * name is equal under Unicode case folding, level by level; the pair keeps the
 * contract's pointer and the source field it lands in. Two contract fields may
 * then share one source field.
 *
 * `base` is a pointer every field of the pair lies under and none is at (a graph pair's payload path): the walk up
 * and the folding stop there, so a pair deep in a type graph costs what a pair at the root costs.
 */
export function pairFields(
  model: ContractModel,
  source: ExtractResult,
  kind: SourceKind,
  options: { readonly foldKey?: (key: string) => string; readonly base?: string } = {},
): SourcePair[] {
  const base = options.base ?? '';
  const sourceFields = new Map<string, WireField>();
  for (const f of source.fields) if (!sourceFields.has(f.pointer)) sourceFields.set(f.pointer, f);
  const land =
    options.foldKey !== undefined
      ? foldingLander(source.fields, sourceFields, options.foldKey, base)
      : (pointer: string) => pointer;
  /** Contract pointer → the source pointer its key lands in (the same pointer without folding). */
  const landed = new Map<string, string>();
  for (const pointer of model.fields.keys()) landed.set(pointer, land(pointer));
  const reached = new Set(landed.values());
  const pointers: string[] = [...model.fields.keys()];
  for (const p of sourceFields.keys()) if (!reached.has(p)) pointers.push(p);

  const pairs: SourcePair[] = [];
  for (const pointer of pointers) {
    const hidden = ancestors(pointer, base).some((a) => {
      const c = model.fields.get(a);
      const s = sourceFields.get(landed.get(a) ?? a);
      if (s?.type.kind === 'opaque') return true;
      if (kind === 'json' && c?.type.kind === 'map') return true;
      // An unpaired ancestor that exists somewhere is reported itself; its subtree is not.
      const sourceOnly = c === undefined && !reached.has(a) && s !== undefined;
      return (c !== undefined && s === undefined) || sourceOnly;
    });
    if (hidden) continue;
    const contract = model.fields.get(pointer);
    pairs.push({
      pointer,
      contract,
      source: sourceFields.get(contract === undefined ? pointer : (landed.get(pointer) ?? pointer)),
    });
  }
  return pairs;
}

/** encoding/json's field lookup per level: exact name first, then the first sibling equal under case folding. */
function foldingLander(
  fields: readonly WireField[],
  byPointer: ReadonlyMap<string, WireField>,
  foldKey: (key: string) => string,
  base: string,
): (pointer: string) => string {
  // Sibling fields per parent pointer, in field order (encoding/json tries them in that order).
  const children = new Map<string, WireField[]>();
  for (const field of fields) {
    const parent = parentPointer(field.pointer);
    let list = children.get(parent);
    if (list === undefined) children.set(parent, (list = []));
    list.push(field);
  }
  return (pointer) => {
    let at = baseOf(pointer, base);
    for (const segment of splitPointer(pointer.slice(at.length))) {
      const exact = joinPointer(at, segment);
      if (segment === '*' || byPointer.has(exact)) {
        at = exact;
        continue;
      }
      const key = foldKey(segment);
      const match = children.get(at)?.find((field) => foldKey(field.jsonName) === key);
      at = match === undefined ? exact : match.pointer;
    }
    return at;
  };
}
