import type ts from 'typescript';
import { WirepinError, type SourceLocation } from '../../errors.js';
import type { SourceGraph, SourceTypeFields, WireType } from '../../wire.js';
import { readShape, type ShapeContext } from './shape.js';

/**
 * Bounds on one TypeScript graph: named object types, and fields (plus opaque
 * places) over all of them, each type counted once. Generic types can build a
 * new instantiation at every level (`Chain<Box<T>>`), so the graph of a small
 * file is not always small; past either bound the extraction is refused
 * (E_UNSUPPORTED, exit 2). The same figures as the Go extractor's graph.
 */
export const MAX_TS_GRAPH_TYPES = 20_000;
export const MAX_TS_GRAPH_ENTRIES = 200_000;
/**
 * Instantiations of one generic declaration in one graph. A wire type uses a
 * generic with a handful of arguments; one that wraps its argument again at
 * every level (`next: Chain<Box<T>>`) never ends, and the checker's cost per
 * level grows with the nesting, so it is cut here rather than at the type bound.
 */
export const MAX_TS_INSTANTIATIONS = 64;

export interface GraphRoot {
  readonly name: string;
  readonly type: ts.Type;
  readonly node: ts.TypeNode | undefined;
  readonly location: SourceLocation;
  /** Refuses a root that is not an object with named fields, as flat mode does. */
  readonly checkRoot: (type: WireType) => void;
}

/**
 * The wire shape as a graph of named types (graph mode, for contracts with
 * `$defs`): every interface, class and type alias of an object with fields
 * that the root reaches is read once, with pointers relative to itself;
 * anonymous object types are read in place, and where a named type continues
 * below a field (`/owner`, `/children/*`) the type's `links` say which one.
 * Recursive types cost their declarations, however many paths reach them.
 *
 * A type's identity is how the checker prints it (`Node`, `Page<Item>`); the
 * root keeps the name it was asked for. Two different types that print alike
 * (two files each declaring `Node`) are told apart by where the second is declared.
 */
export function readGraph(
  context: ShapeContext,
  root: GraphRoot,
  limits: { readonly maxTypes: number; readonly maxEntries: number; readonly maxInstantiations: number } = {
    maxTypes: MAX_TS_GRAPH_TYPES,
    maxEntries: MAX_TS_GRAPH_ENTRIES,
    maxInstantiations: MAX_TS_INSTANTIATIONS,
  },
): SourceGraph {
  const identities = new Map<ts.Type, string>([[root.type, root.name]]);
  const names = new FreeNames(root.name);
  const instantiations = new Map<ts.Declaration, number>();
  const queue: Array<{ type: ts.Type; identity: string; node: ts.TypeNode | undefined; location: SourceLocation }> = [
    { type: root.type, identity: root.name, node: root.node, location: root.location },
  ];
  const linker = {
    identityOf(type: ts.Type, site: SourceLocation): string | undefined {
      const known = identities.get(type);
      if (known !== undefined) return known;
      const symbol = type.aliasSymbol ?? type.getSymbol();
      const named =
        type.aliasSymbol !== undefined ||
        (symbol !== undefined &&
          (symbol.flags & (context.ts.SymbolFlags.Interface | context.ts.SymbolFlags.Class)) !== 0);
      if (!named) return undefined;
      const declaration = symbol?.declarations?.[0];
      const nameNode = declaration === undefined ? undefined : (declaration as { readonly name?: ts.Node }).name;
      const location = declaration === undefined ? site : context.locate(nameNode ?? declaration);
      const printed = context.checker.typeToString(type);
      if (declaration !== undefined) {
        const count = (instantiations.get(declaration) ?? 0) + 1;
        instantiations.set(declaration, count);
        if (count > limits.maxInstantiations) {
          throw new WirepinError(
            'E_UNSUPPORTED',
            `The generic type "${symbol?.getName() ?? printed}" is used with more than ${limits.maxInstantiations} different type arguments under "${root.name}"; the bound was crossed at "${printed}".`,
            {
              location,
              hint: 'A generic that wraps its argument again at every level never ends; give the recursive field a fixed type.',
            },
          );
        }
      }
      const identity = names.claim(printed, location);
      identities.set(type, identity);
      queue.push({ type, identity, node: undefined, location });
      return identity;
    },
  };
  const types = new Map<string, SourceTypeFields>();
  let entries = 0;
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const shape = readShape({ ...context, linker }, next.type, next.node, next.location);
    if (types.size === 0) root.checkRoot(shape.type);
    entries += shape.fields.length + shape.opaque.length;
    if (entries > limits.maxEntries || types.size >= limits.maxTypes) {
      const what =
        entries > limits.maxEntries
          ? `${limits.maxEntries.toLocaleString('en-US')} fields`
          : `${limits.maxTypes.toLocaleString('en-US')} named types`;
      throw new WirepinError(
        'E_UNSUPPORTED',
        `The type graph under "${root.name}" holds more than ${what}, each counted once; the bound was crossed at "${next.identity}".`,
        {
          location: root.location,
          hint: 'Pin a smaller type, or give generic types that build a new type at every level a fixed shape.',
        },
      );
    }
    types.set(next.identity, {
      name: next.identity,
      location: next.location,
      fields: shape.fields,
      opaque: shape.opaque,
      links: shape.links,
    });
  }
  return { root: { name: root.name, location: root.location }, rootType: root.name, types };
}

/**
 * Identities handed out so far: the printed name, or, when another type
 * already holds it, the name with where this one is declared, and a counter
 * past that (the checker truncates long names, so two types may print alike).
 */
class FreeNames {
  private readonly taken = new Set<string>();
  /** Per name already taken: the last counter given to it. */
  private readonly counters = new Map<string, number>();

  constructor(first: string) {
    this.taken.add(first);
  }

  claim(printed: string, location: SourceLocation): string {
    let name = printed;
    if (this.taken.has(name)) name = `${printed} (${location.file}:${location.line}:${location.column})`;
    if (this.taken.has(name)) {
      const base = name;
      let counter = this.counters.get(base) ?? 1;
      do name = `${base} #${++counter}`;
      while (this.taken.has(name));
      this.counters.set(base, counter);
    }
    this.taken.add(name);
    return name;
  }
}
