import type { ContractField, ContractModel } from '../contract/field-table.js';
import { parentPointer } from '../json-pointer.js';
import type { ExtractResult, OpaqueRef, SourceGraph, SourceTypeFields, WireField, WireType } from '../wire.js';

/**
 * A JSON sample or a consumption trace as a source graph, for a contract with
 * `$defs`. A sample is a finite tree, so there are no named types to find:
 * the tree is cut where the contract refers to a definition, following each
 * `$ref` along the sample's own paths, and each piece becomes one graph type
 * linked at its payload path ("/root/children/*"). `graphPairs` then compares
 * each piece with its definition, so findings are placed at the definition's
 * field and name the payload path they were seen at.
 *
 * How far a reference is followed:
 * - where the sample holds an object there (for a trace: where the handler read
 *   something inside the value), always: the sample is finite, so this ends with it, and a
 *   recursive definition is followed exactly as deep as the sample goes;
 * - where it holds no object (null, an empty array; for a trace, a value
 *   nothing inside of which was read), only for a definition the sample shows
 *   nowhere else, and then once, at its first such place: its required fields
 *   are then missing, as a flat contract's are under an object the sample
 *   leaves empty, while a definition the sample does show is not reported
 *   again for every null or empty list that ends a recursion;
 * - below a map, never: a sample cannot tell a map's keys from fields, and a
 *   trace records a map as the map itself (the flat comparison skips both).
 *
 * For a trace, fields under a map or an `any` of their scope are left out, as
 * in the flat comparison.
 */
export function sampleGraph(
  model: ContractModel,
  sample: ExtractResult,
  options: { readonly trace: boolean },
): SourceGraph {
  interface Piece {
    readonly at: string;
    readonly table: ReadonlyMap<string, ContractField>;
    /** The definition this piece is compared with; undefined for the root. */
    readonly def: string | undefined;
    readonly location: WireField['location'];
    readonly fields: WireField[];
    readonly opaque: OpaqueRef[];
    readonly links: Map<string, string>;
  }
  const root: Piece = {
    at: '',
    table: model.fields,
    def: undefined,
    location: sample.root.location,
    fields: [],
    opaque: [],
    links: new Map(),
  };
  const pieces = new Map<string, Piece>([['', root]]);
  /** Every pointer with something of the sample below it. */
  const above = new Set<string>();
  for (const field of sample.fields)
    for (let p = parentPointer(field.pointer); p !== '' && !above.has(p); p = parentPointer(p)) above.add(p);
  /** The piece a pointer lies in: the nearest piece starting strictly above it. */
  const ownerOf = (pointer: string): Piece => {
    for (let p = parentPointer(pointer); ; p = parentPointer(p)) {
      const piece = pieces.get(p);
      if (piece !== undefined) return piece;
      if (p === '') return root;
    }
  };
  const mapLikeAbove = (piece: Piece, rel: string): boolean => {
    for (let p = parentPointer(rel); p !== ''; p = parentPointer(p)) {
      const kind = piece.table.get(p)?.type.kind;
      if (kind === 'map' || kind === 'any') return true;
    }
    return false;
  };

  const addPiece = (parent: Piece, at: string, def: string, location: WireField['location']): void => {
    const table = model.defs.get(def)?.fields;
    if (table === undefined || pieces.has(at)) return;
    pieces.set(at, { at, table, def, location, fields: [], opaque: [], links: new Map() });
    parent.links.set(at.slice(parent.at.length), at);
  };
  /** References at places the sample leaves empty, in sample order: followed after the walk, for definitions shown nowhere. */
  const empty: Array<{
    readonly parent: Piece;
    readonly at: string;
    readonly def: string;
    readonly location: WireField['location'];
  }> = [];
  for (const field of sample.fields) {
    const piece = ownerOf(field.pointer);
    const rel = field.pointer.slice(piece.at.length);
    // A trace's item-read notes ("/children/*") never get here: reading the trace drops them (traceAsSource).
    if (options.trace && mapLikeAbove(piece, rel)) continue;
    piece.fields.push({ ...field, pointer: rel });
    const contract = piece.table.get(rel);
    const reference = contract === undefined ? undefined : referenceSite(contract);
    if (reference === undefined) continue;
    const at = `${field.pointer}${reference.below}`;
    // A trace types nothing: the handler read something inside the value, or it did not.
    const holds = options.trace
      ? above.has(at)
        ? 'object'
        : 'empty'
      : heldBelow(field.type, reference.below.length / 2);
    if (holds === 'object') addPiece(piece, at, reference.ref, field.location);
    // Below an opaque place nothing is compared, as in the flat comparison.
    else if (holds === 'empty') empty.push({ parent: piece, at, def: reference.ref, location: field.location });
  }
  const shownDefs = new Set([...pieces.values()].map((piece) => piece.def));
  for (const place of empty) {
    if (shownDefs.has(place.def)) continue;
    shownDefs.add(place.def);
    addPiece(place.parent, place.at, place.def, place.location);
  }
  for (const opaque of sample.opaque) {
    const piece = ownerOf(opaque.pointer);
    piece.opaque.push({ ...opaque, pointer: opaque.pointer.slice(piece.at.length) });
  }

  const types = new Map<string, SourceTypeFields>();
  for (const piece of pieces.values()) {
    types.set(piece.at, {
      name: piece.at === '' ? sample.root.name : `${sample.root.name} at ${piece.at}`,
      location: piece.location,
      fields: piece.fields,
      opaque: piece.opaque,
      links: piece.links,
    });
  }
  return { root: sample.root, rootType: '', types, ...(sample.notes !== undefined ? { notes: sample.notes } : {}) };
}

/**
 * Where a contract field refers to a definition: on the field itself (below ""), or on its array
 * items at some depth ("/*", "/*\/*"). Undefined when there is no reference, or one below a map.
 */
function referenceSite(field: ContractField): { readonly ref: string; readonly below: string } | undefined {
  let type: WireType = field.type;
  let below = '';
  for (;;) {
    if (type.kind === 'object') return type.ref === undefined ? undefined : { ref: type.ref, below };
    if (type.kind !== 'array') return undefined;
    type = type.items;
    below += '/*';
  }
}

/** What the sample holds `depth` levels of array items below the field: an object, an opaque place, or nothing. */
function heldBelow(type: WireType, depth: number): 'object' | 'opaque' | 'empty' {
  let current = type;
  for (let level = 0; level < depth && current.kind === 'array'; level++) current = current.items;
  if (current.kind === 'opaque') return 'opaque';
  return current.kind === 'object' ? 'object' : 'empty';
}
