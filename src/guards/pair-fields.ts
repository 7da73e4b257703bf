import type { ContractField, ContractModel } from '../contract/field-table.js';
import { joinPointer, parentPointer, splitPointer } from '../json-pointer.js';
import type { ExtractResult, SourceKind, WireField } from '../wire.js';

/** A contract field and the source field at the same wire pointer; either may be missing. */
export interface SourcePair {
  readonly pointer: string;
  readonly contract: ContractField | undefined;
  readonly source: WireField | undefined;
}

/** Walks up through "*" segments (array items, map values) to the nearest ancestor field pointer. */
function ancestors(pointer: string): string[] {
  const out: string[] = [];
  let p = parentPointer(pointer);
  while (p !== '') {
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
 */
export function pairFields(
  model: ContractModel,
  source: ExtractResult,
  kind: SourceKind,
  options: { readonly foldKey?: (key: string) => string } = {},
): SourcePair[] {
  const sourceFields = new Map<string, WireField>();
  for (const f of source.fields) if (!sourceFields.has(f.pointer)) sourceFields.set(f.pointer, f);
  const land =
    options.foldKey !== undefined
      ? foldingLander(source.fields, sourceFields, options.foldKey)
      : (pointer: string) => pointer;
  /** Contract pointer → the source pointer its key lands in (the same pointer without folding). */
  const landed = new Map<string, string>();
  for (const pointer of model.fields.keys()) landed.set(pointer, land(pointer));
  const reached = new Set(landed.values());
  const pointers: string[] = [...model.fields.keys()];
  for (const p of sourceFields.keys()) if (!reached.has(p)) pointers.push(p);

  const pairs: SourcePair[] = [];
  for (const pointer of pointers) {
    const hidden = ancestors(pointer).some((a) => {
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
    let at = '';
    for (const segment of splitPointer(pointer)) {
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
