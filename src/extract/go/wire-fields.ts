import type { OpaqueRef, SourceTypeFields, WireField } from '../../wire.js';
import { jsonFieldsOf } from './json-fields.js';
import type { StructFields } from './json-fields.js';
import type { ResolvedStruct, TypeResolver } from './resolve-type.js';
import { wireShapeOf } from './wire-type.js';
import { escapeSegment } from '../../json-pointer.js';
import { WirepinError } from '../../errors.js';
import type { SourceLocation } from '../../errors.js';

export interface CollectedFields {
  readonly fields: readonly WireField[];
  readonly opaque: readonly OpaqueRef[];
}

/** Nesting deeper than this is reported as opaque (it only happens with recursive generic instantiations). */
const MAX_NESTING = 32;

/**
 * How far the flat field list may grow. Every type is resolved once, but the
 * list names a field once per path that reaches it, so a densely linked graph
 * (each type pointing at the next two) grows like Fibonacci in its depth.
 * Past `maxEntries` fields and opaque places the extraction is refused (exit
 * 2) instead of exhausting memory. Callers may only lower the bounds.
 */
export interface ExpansionLimits {
  /** Fields plus opaque places listed under the root; 200,000 by default. */
  readonly maxEntries: number;
  /** Struct levels unrolled below the root before the rest is opaque; 32 by default. */
  readonly maxDepth: number;
}

export const DEFAULT_EXPANSION_LIMITS: ExpansionLimits = { maxEntries: 200_000, maxDepth: MAX_NESTING };

/** The default bounds, lowered (never raised) by `requested`. */
export function expansionLimits(requested: Partial<ExpansionLimits> | undefined): ExpansionLimits {
  const lower = (value: number | undefined, ceiling: number): number =>
    value === undefined || !Number.isFinite(value) || value < 1 ? ceiling : Math.min(Math.floor(value), ceiling);
  return {
    maxEntries: lower(requested?.maxEntries, DEFAULT_EXPANSION_LIMITS.maxEntries),
    maxDepth: lower(requested?.maxDepth, DEFAULT_EXPANSION_LIMITS.maxDepth),
  };
}

/**
 * The wire fields of a struct and, below each field, of the structs its value
 * holds: pre-order, so parents precede their children and siblings keep
 * encoding/json's field order. A struct type that contains itself is listed
 * once; the repeat is reported as opaque instead of unrolled forever.
 */
export function collectWireFields(
  root: ResolvedStruct,
  resolver: TypeResolver,
  rootInfo: { readonly name: string; readonly location: SourceLocation },
  limits: ExpansionLimits = DEFAULT_EXPANSION_LIMITS,
): CollectedFields {
  return walkWireFields(root, resolver, rootInfo, limits, undefined);
}

/**
 * Where the walk meets a named struct below a field: in graph mode it stops
 * there and says which type continues at that pointer, instead of unrolling it.
 */
type NamedStructStop = (sitePointer: string, struct: ResolvedStruct, identity: string) => void;

function walkWireFields(
  root: ResolvedStruct,
  resolver: TypeResolver,
  rootInfo: { readonly name: string; readonly location: SourceLocation },
  limits: ExpansionLimits,
  stopAtNamed: NamedStructStop | undefined,
): CollectedFields {
  const fields: WireField[] = [];
  const opaque: OpaqueRef[] = [];
  const memo = structFieldsOf(resolver);
  /** How often each named struct was unrolled: the most repeated one is the type to describe once. */
  const unrolled = new Map<string, number>();
  const checkBound = (pointer: string, enclosing: ReadonlySet<string>): void => {
    if (fields.length + opaque.length <= limits.maxEntries) return;
    throw expansionRefused(rootInfo, limits.maxEntries, pointer, [...enclosing], unrolled);
  };

  const fieldsOf = (struct: ResolvedStruct): StructFields => {
    // Anonymous structs have no identity worth caching under; named ones are computed once.
    const key = struct.defined?.identity;
    const cached = key === undefined ? undefined : memo.get(key);
    if (cached !== undefined) return cached;
    const computed = jsonFieldsOf(struct, resolver);
    if (key !== undefined) memo.set(key, computed);
    return computed;
  };

  const visit = (struct: ResolvedStruct, prefix: string, enclosing: ReadonlySet<string>): void => {
    const { fields: jsonFields, unresolvedEmbeds } = fieldsOf(struct);
    for (const embed of unresolvedEmbeds) {
      opaque.push({ pointer: prefix, typeName: embed.typeName, reason: embed.reason, location: embed.field.location });
    }
    for (const jsonField of jsonFields) {
      const pointer = `${prefix}/${escapeSegment(jsonField.name)}`;
      const { encoding, field } = jsonField;
      const blocked = resolver.direction === 'decode' ? jsonField.behindUnexportedEmbeddedPointer : undefined;
      if (blocked !== undefined) {
        // decode.go's object: a nil embedded pointer that cannot be set (unexported) fails the whole decode.
        const reason = `it is promoted through the embedded pointer ${blocked} to an unexported struct type, so json.Unmarshal fails ("json: cannot set embedded pointer to unexported struct") whenever the body carries it`;
        fields.push({
          pointer,
          jsonName: jsonField.name,
          type: { kind: 'opaque', nullable: false, reason },
          required: false,
          location: field.location,
          sourceType: field.type.text,
        });
        checkBound(pointer, enclosing);
        continue;
      }
      const shape = wireShapeOf({ expr: field.type, env: jsonField.env }, encoding, resolver);
      // omitzero drops any zero value; omitempty drops empty values, which a struct never is.
      const omittable =
        encoding.omitZero || (encoding.omitEmpty && shape.canBeEmpty === true) || jsonField.behindEmbeddedPointer;
      // omitempty on a type wirepin cannot see: it may be a struct, which encoding/json never omits, so neither answer is known.
      const unknown = !omittable && encoding.omitEmpty && shape.canBeEmpty === 'unknown';
      const requiredUnknown = unknown
        ? 'omitempty on a type wirepin cannot see says nothing: encoding/json never omits a struct'
        : undefined;
      const type =
        requiredUnknown !== undefined && shape.type.kind === 'opaque'
          ? { ...shape.type, reason: `${shape.type.reason}; ${requiredUnknown}` }
          : shape.type;
      fields.push({
        pointer,
        jsonName: jsonField.name,
        type,
        required: !omittable && !unknown,
        ...(requiredUnknown !== undefined ? { requiredUnknown } : {}),
        location: field.location,
        sourceType: field.type.text,
      });
      checkBound(pointer, enclosing);
      for (const site of shape.nested) {
        const sitePointer = `${pointer}${site.suffix}`;
        if (site.kind === 'opaque') {
          opaque.push({ pointer: sitePointer, typeName: site.typeName, reason: site.reason, location: field.location });
          checkBound(sitePointer, enclosing);
          continue;
        }
        const identity = site.struct.defined?.identity;
        if (identity !== undefined && stopAtNamed !== undefined) {
          stopAtNamed(sitePointer, site.struct, identity);
          continue;
        }
        if (identity !== undefined && enclosing.has(identity)) {
          opaque.push({
            pointer: sitePointer,
            typeName: site.typeName,
            reason: `"${identity}" contains itself; its fields are listed once, at the outer occurrence`,
            location: field.location,
          });
          checkBound(sitePointer, enclosing);
          continue;
        }
        if (enclosing.size >= limits.maxDepth) {
          opaque.push({
            pointer: sitePointer,
            typeName: site.typeName,
            reason: `struct nesting deeper than ${limits.maxDepth} levels is not unrolled`,
            location: field.location,
          });
          checkBound(sitePointer, enclosing);
          continue;
        }
        const inner = new Set(enclosing);
        inner.add(identity ?? `${sitePointer} (anonymous)`);
        if (identity !== undefined) unrolled.set(identity, (unrolled.get(identity) ?? 0) + 1);
        visit(site.struct, sitePointer, inner);
      }
    }
  };

  // An alias of an anonymous struct (`type Root = struct{...}`) has no defined type: its name, not its multi-line text, heads the chain.
  const rootIdentity = root.defined?.identity ?? rootInfo.name;
  visit(root, '', new Set([rootIdentity]));
  return { fields, opaque };
}

/** How many named struct types one graph may hold before it is refused. */
export const MAX_GRAPH_TYPES = 20_000;

/**
 * The wire fields of every named struct type reachable from `root`, each
 * listed once (graph mode): a type's fields have pointers relative to the
 * type, anonymous structs are unrolled in place, and where a named struct
 * continues below a field (`/owner`, `/children/*`) the type says which one
 * in `links`. Linear in the number of types, however many paths reach them.
 * Past `limits.maxEntries` fields in all, or MAX_GRAPH_TYPES types, refused.
 */
export function collectWireGraph(
  root: ResolvedStruct,
  resolver: TypeResolver,
  rootInfo: { readonly name: string; readonly location: SourceLocation },
  limits: ExpansionLimits = DEFAULT_EXPANSION_LIMITS,
): { readonly rootType: string; readonly types: ReadonlyMap<string, SourceTypeFields> } {
  const rootType = root.defined?.identity ?? rootInfo.name;
  const types = new Map<string, SourceTypeFields>();
  const queue: Array<{ struct: ResolvedStruct; identity: string; info: { name: string; location: SourceLocation } }> = [
    { struct: root, identity: rootType, info: rootInfo },
  ];
  const queued = new Set([rootType]);
  let total = 0;
  // An index, not queue.shift(): shifting a 20,000-entry array moves it each time.
  for (let at = 0; at < queue.length; at += 1) {
    const next = queue[at];
    if (next === undefined) break;
    const links = new Map<string, string>();
    const { fields, opaque } = walkWireFields(
      next.struct,
      resolver,
      next.info,
      limits,
      (sitePointer, struct, identity) => {
        links.set(sitePointer, identity);
        if (queued.has(identity)) return;
        queued.add(identity);
        const decl = struct.defined?.decl;
        queue.push({ struct, identity, info: { name: identity, location: decl?.location ?? next.info.location } });
      },
    );
    total += fields.length + opaque.length;
    if (total > limits.maxEntries || types.size >= MAX_GRAPH_TYPES) {
      throw new WirepinError(
        'E_UNSUPPORTED',
        `The type graph under "${rootInfo.name}" holds more than ${total > limits.maxEntries ? `${limits.maxEntries.toLocaleString('en-US')} fields` : `${MAX_GRAPH_TYPES.toLocaleString('en-US')} struct types`}, each counted once; the bound was crossed at "${next.identity}".`,
        { location: rootInfo.location, hint: 'Pin a smaller type, or split the wire shape into several contracts.' },
      );
    }
    types.set(next.identity, { name: next.identity, location: next.info.location, fields, opaque, links });
  }
  return { rootType, types };
}

/**
 * Struct fields per named struct identity, kept for as long as the resolver
 * (one per parsed package, direction and word size): a type reached by many
 * extractions of one process is analysed once.
 */
const sharedStructFields = new WeakMap<TypeResolver, Map<string, StructFields>>();

function structFieldsOf(resolver: TypeResolver): Map<string, StructFields> {
  let memo = sharedStructFields.get(resolver);
  if (memo === undefined) sharedStructFields.set(resolver, (memo = new Map()));
  return memo;
}

/**
 * The refusal when the field list outgrows its bound: it names the root, the
 * path being listed when the bound was crossed (the chain of types along it)
 * and the named type unrolled most often, which is the one to describe once.
 */
function expansionRefused(
  root: { readonly name: string; readonly location: SourceLocation },
  maxEntries: number,
  pointer: string,
  chain: readonly string[],
  unrolled: ReadonlyMap<string, number>,
): WirepinError {
  let repeated: [string, number] | undefined;
  for (const entry of [...unrolled].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (repeated === undefined || entry[1] > repeated[1]) repeated = entry;
  }
  const shownChain = chain.length > 12 ? [...chain.slice(0, 6), '…', ...chain.slice(-5)] : chain;
  const most =
    repeated === undefined ? '' : ` "${repeated[0]}" alone was unrolled ${repeated[1].toLocaleString('en-US')} times.`;
  return new WirepinError(
    'E_UNSUPPORTED',
    `The type graph under "${root.name}" expands to more than ${maxEntries.toLocaleString('en-US')} fields along its paths; ` +
      `the bound was crossed at "${pointer}" (${shownChain.join(' → ')}).${most}`,
    {
      location: root.location,
      hint: 'Describe shared types once under "$defs" in the contract (pin and consumes then compare each type once), or pin a smaller type whose fields reach fewer paths.',
    },
  );
}
