import type { ContractField, ContractModel } from '../contract/field-table.js';
import { parentPointer } from '../json-pointer.js';
import type { ExtractResult, SourceKind, WireField } from '../wire.js';

/** A contract field and the producer's or consumer's source field at the same wire pointer; either may be missing. */
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
 */
export function pairFields(model: ContractModel, source: ExtractResult, kind: SourceKind): SourcePair[] {
  const sourceFields = new Map<string, WireField>();
  for (const f of source.fields) if (!sourceFields.has(f.pointer)) sourceFields.set(f.pointer, f);
  const pointers: string[] = [...model.fields.keys()];
  for (const p of sourceFields.keys()) if (!model.fields.has(p)) pointers.push(p);

  const pairs: SourcePair[] = [];
  for (const pointer of pointers) {
    const hidden = ancestors(pointer).some((a) => {
      const c = model.fields.get(a);
      const s = sourceFields.get(a);
      if (s?.type.kind === 'opaque') return true;
      if (kind === 'json' && c?.type.kind === 'map') return true;
      // An unpaired ancestor that exists somewhere is reported itself; its subtree is not.
      return (c === undefined) !== (s === undefined);
    });
    if (hidden) continue;
    pairs.push({ pointer, contract: model.fields.get(pointer), source: sourceFields.get(pointer) });
  }
  return pairs;
}
