import type { ContractField, ContractModel } from '../contract/field-table.js';
import { WirepinError } from '../errors.js';
import type { ExtractResult, OpaqueRef, SourceGraph, SourceTypeFields, WireField, WireType } from '../wire.js';
import { elementPath } from './context.js';

/**
 * Bounds on one graph comparison: (contract scope, source type) pairs, and
 * fields compared over all pairs. Past either the guard is refused (exit 2).
 */
export interface GraphLimits {
  readonly maxPairs: number;
  readonly maxFields: number;
}

export const DEFAULT_GRAPH_LIMITS: GraphLimits = { maxPairs: 50_000, maxFields: 1_000_000 };

/**
 * One comparison of a contract scope (the root, a definition, or an inline
 * object inside either) with a source type (or an anonymous struct inside
 * one), rebased at `at`: the first payload path, breadth first, that reaches
 * the pair. Its field table and source fields have payload pointers under
 * `at`, so the existing pairing and rules run on it unchanged; schema
 * pointers stay those of the contract file, so a finding inside a definition
 * is placed at the definition's field, once for the pair.
 */
export interface ScopePair {
  readonly at: string;
  /** The contract's model with this scope's fields (rebased) as its field table. */
  readonly model: ContractModel;
  readonly source: ExtractResult;
  /** The schema of the scope's object ("" for the contract root, "/$defs/Node", a field's schema pointer). */
  readonly schemaPointer: string;
  /** The contract root compared with the source's root type: the one pair whose pointers are the flat extraction's. */
  readonly isRoot: boolean;
}

/** A contract scope: a field table, and the object inside it the scope starts at ("" for the table's top). */
interface ContractScope {
  readonly key: string;
  readonly table: ReadonlyMap<string, ContractField>;
  readonly sub: string;
  readonly schemaPointer: string;
}

/** A source scope: a named type, and the object inside it (an anonymous struct) the scope starts at. */
interface SourceScope {
  readonly type: string;
  readonly sub: string;
}

/** Where a field's value is an object: the field itself, or its array items or map values at some depth ("/f", "/f/*"). */
function objectSite(field: {
  readonly pointer: string;
  readonly type: WireType;
}): { readonly site: string; readonly ref: string | undefined; readonly depth: number } | undefined {
  let type: WireType = field.type;
  let site = field.pointer;
  let depth = 0;
  for (;;) {
    if (type.kind === 'object') return { site, ref: type.ref, depth };
    if (type.kind === 'array') type = type.items;
    else if (type.kind === 'map') type = type.values;
    else return undefined;
    site += '/*';
    depth += 1;
  }
}

const under = (pointer: string, prefix: string): boolean => prefix === '' || pointer.startsWith(`${prefix}/`);
const outsideAll = (pointer: string, sites: readonly string[]): boolean =>
  !sites.some((site) => pointer.startsWith(`${site}/`));

/**
 * Walks the contract's scopes and the source graph's types pairwise,
 * breadth first from (contract root, root type), each pair once: a type
 * reached along a million paths is compared once per contract scope it meets.
 * A definition met by two source types (or a type by two scopes) is compared
 * for each pair.
 */
export function* graphPairs(
  model: ContractModel,
  graph: SourceGraph,
  limits: GraphLimits = DEFAULT_GRAPH_LIMITS,
): Generator<ScopePair> {
  const seen = new Set<string>();
  const queue: Array<{ contract: ContractScope; source: SourceScope; at: string }> = [];
  const rootScope: ContractScope = { key: '', table: model.fields, sub: '', schemaPointer: '' };
  const defScope = (name: string): ContractScope | undefined => {
    const def = model.defs.get(name);
    return def === undefined
      ? undefined
      : { key: `/$defs/${name}`, table: def.fields, sub: '', schemaPointer: def.schemaPointer };
  };
  const enqueue = (contract: ContractScope, source: SourceScope, at: string): void => {
    const key = `${contract.key}|${contract.sub}\u0000${source.type}|${source.sub}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (seen.size > limits.maxPairs) {
      throw new WirepinError(
        'E_UNSUPPORTED',
        `Comparing the contract's definitions with the source's types needs more than ${limits.maxPairs.toLocaleString('en-US')} (definition, type) pairs; the bound was crossed at "${at || '/'}".`,
        {
          location: graph.root.location,
          hint: 'Pin a smaller type, or give the contract one definition per shared source type.',
        },
      );
    }
    queue.push({ contract, source, at });
  };
  enqueue(rootScope, { type: graph.rootType, sub: '' }, '');
  let compared = 0;
  // An index, not queue.shift(): shifting a 50,000-entry array moves it each time.
  for (let next = 0; next < queue.length; next += 1) {
    const task = queue[next];
    if (task === undefined) break;
    const { contract, source, at } = task;
    const type: SourceTypeFields | undefined = graph.types.get(source.type);
    if (type === undefined) continue;
    const rel = (pointer: string, sub: string): string => pointer.slice(sub.length);
    const contractFields = [...contract.table.values()].filter(
      (f) => under(f.pointer, contract.sub) && f.pointer !== contract.sub,
    );
    const sourceFields = type.fields.filter((f) => under(f.pointer, source.sub) && f.pointer !== source.sub);
    const links = new Map<string, string>();
    for (const [site, identity] of type.links)
      if (under(site, source.sub) && site !== source.sub) links.set(rel(site, source.sub), identity);
    // Sites handled by a child pair: what lies below them is not compared in this one.
    const contractCut: string[] = [];
    const sourceCut: string[] = [];
    for (const field of contractFields) {
      const object = objectSite(field);
      if (object === undefined) continue;
      const site = rel(object.site, contract.sub);
      const link = links.get(site);
      const childAt = `${at}${site}`;
      if (object.ref !== undefined) {
        const child = defScope(object.ref);
        if (child === undefined) continue;
        // The source continues in a named type, or in an anonymous struct in place (its fields below the site).
        if (link !== undefined) enqueue(child, { type: link, sub: '' }, childAt);
        else if (
          sourceFields.some(
            (f) =>
              under(rel(f.pointer, source.sub), site) ||
              // An anonymous struct with no fields at all is still an object to compare with the definition.
              objectSite({ pointer: rel(f.pointer, source.sub), type: f.type })?.site === site,
          )
        ) {
          sourceCut.push(site);
          enqueue(child, { type: source.type, sub: `${source.sub}${site}` }, childAt);
        }
      } else if (link !== undefined) {
        // An inline object of the contract meets a named source type: compare the object's fields with the type's.
        contractCut.push(site);
        const schemaPointer = `${field.schemaPointer}${elementPath(field.type, object.depth)}`;
        enqueue(
          { key: contract.key, table: contract.table, sub: `${contract.sub}${site}`, schemaPointer },
          { type: link, sub: '' },
          childAt,
        );
      }
    }
    const scoped = contractFields
      .filter((f) => outsideAll(rel(f.pointer, contract.sub), contractCut))
      .map((f): ContractField => ({
        ...f,
        pointer: `${at}${rel(f.pointer, contract.sub)}`,
        parent:
          under(f.parent, contract.sub) && f.parent !== contract.sub && f.parent !== ''
            ? `${at}${rel(f.parent, contract.sub)}`
            : '',
      }));
    const rebaseSource = <T extends WireField | OpaqueRef>(f: T): T => ({
      ...f,
      pointer: `${at}${rel(f.pointer, source.sub)}`,
    });
    const fields = sourceFields.filter((f) => outsideAll(rel(f.pointer, source.sub), sourceCut)).map(rebaseSource);
    const opaque = type.opaque
      .filter((o) => under(o.pointer, source.sub) && outsideAll(rel(o.pointer, source.sub), sourceCut))
      .map(rebaseSource);
    compared += scoped.length + fields.length;
    if (compared > limits.maxFields) {
      throw new WirepinError(
        'E_UNSUPPORTED',
        `Comparing the contract's definitions with the source's types compares more than ${limits.maxFields.toLocaleString('en-US')} fields; the bound was crossed at "${at || '/'}".`,
        {
          location: graph.root.location,
          hint: 'Pin a smaller type, or give the contract one definition per shared source type.',
        },
      );
    }
    const isRoot = contract.key === '' && contract.sub === '' && source.type === graph.rootType && source.sub === '';
    yield {
      at,
      model: { ...model, fields: new Map(scoped.map((f) => [f.pointer, f])) },
      source: { root: isRoot ? graph.root : { name: type.name, location: type.location }, fields, opaque },
      schemaPointer: contract.schemaPointer,
      isRoot,
    };
  }
}
