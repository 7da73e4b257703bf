import type ts from 'typescript';
import type { SourceLocation } from '../../errors.js';
import type { OpaqueRef, WireField, WireType } from '../../wire.js';
import { createTypeNodeReader, hasIntegerTag, type TypeNodeReader } from './type-nodes.js';
import { escapeSegment } from '../../json-pointer.js';

/**
 * Turns a checker type into wire fields, the way JSON.stringify would send a
 * value of that type:
 * - `?` and `| undefined` on a property: the key may be left out (required false);
 *   `undefined` inside an array travels as null, so there it means nullable.
 * - `| null`: nullable. Unions of one JSON kind (string literals, enums, booleans)
 *   collapse to that kind; unions of different kinds or of object types are opaque.
 * - `Date` is sent as an ISO string (Date.prototype.toJSON); any other type with
 *   `toJSON` is opaque, since what it sends is up to that method.
 * - Class instances lose their methods, accessors and `accessor` fields (they live on the prototype);
 *   an interface getter is sent, since the object literal that implements it owns the getter.
 * - Methods and function-valued properties are left out; symbol keys too.
 * - `number` is integer only by the convention in type-nodes.ts.
 */

export interface ShapeContext {
  readonly ts: typeof ts;
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
  readonly locate: (node: ts.Node) => SourceLocation;
  /** Why the type written at this node does not resolve, when the compiler host knows (an import it did not read). */
  readonly unresolvedWhy?: ((node: ts.Node | undefined) => string | undefined) | undefined;
  /** Graph mode: named object types below the walk's root are linked by identity instead of expanded. */
  readonly linker?: GraphLinker | undefined;
}

/** Graph mode's hand-off: which object types are named, and their identity in the graph. */
export interface GraphLinker {
  /** The identity of a named object type (queued for a walk of its own), or undefined for an anonymous one (expanded in place). */
  identityOf(type: ts.Type, site: SourceLocation): string | undefined;
}

export interface Shape {
  readonly type: WireType;
  readonly fields: readonly WireField[];
  readonly opaque: readonly OpaqueRef[];
  /** Graph mode: pointer of a linked object ("/owner", "/children/*") → the identity of its named type. */
  readonly links: ReadonlyMap<string, string>;
}

/** What JSON.stringify makes of an object type. */
type ObjectForm =
  | { readonly kind: 'array'; readonly element: ts.Type | undefined }
  | { readonly kind: 'opaque'; readonly reason: string }
  | { readonly kind: 'date' }
  | { readonly kind: 'map'; readonly values: ts.Type }
  | { readonly kind: 'fields'; readonly properties: readonly ts.Symbol[]; readonly stringIndex: ts.Type | undefined };

/** Object nesting deeper than this is cut (generic types can build new types at every level). */
const MAX_DEPTH = 48;

/** Where a type sits: its pointer, how it is written, and what it inherits from the property. */
interface Site {
  readonly pointer: string;
  readonly node: ts.TypeNode | undefined;
  readonly text: string;
  readonly location: SourceLocation;
  /** The property carries `@asType integer`: every number under it (not under nested properties) is an integer. */
  readonly integerTag: boolean;
  /** What `undefined` in a union means here: the key is left out (properties, map values), or null (array items). */
  readonly undefinedMeans: 'omitted' | 'null';
}

/** Fields and opaque places found below one site, in the order they must be reported. */
interface Sink {
  readonly fields: WireField[];
  readonly opaque: OpaqueRef[];
}

export function readShape(
  context: ShapeContext,
  type: ts.Type,
  node: ts.TypeNode | undefined,
  location: SourceLocation,
): Shape {
  const walker = new ShapeWalker(context);
  const sink: Sink = { fields: [], opaque: [] };
  const text = node !== undefined ? spelledType(node) : context.checker.typeToString(type);
  const wireType = walker.convert(
    type,
    { pointer: '', node, text, location, integerTag: false, undefinedMeans: 'omitted' },
    sink,
  );
  return { type: wireType, fields: sink.fields, opaque: sink.opaque, links: walker.links };
}

class ShapeWalker {
  private readonly ts: typeof ts;
  private readonly checker: ts.TypeChecker;
  private readonly nodes: TypeNodeReader;
  /** Object types being expanded, outermost first: meeting one again is a cycle. */
  private readonly expanding: ts.Type[] = [];
  /** Graph mode: where a named type was linked instead of expanded. */
  readonly links = new Map<string, string>();

  constructor(private readonly context: ShapeContext) {
    this.ts = context.ts;
    this.checker = context.checker;
    this.nodes = createTypeNodeReader(context.ts, context.checker);
  }

  convert(type: ts.Type, site: Site, sink: Sink): WireType {
    const flags = this.ts.TypeFlags;
    if (isErrorType(type)) {
      return this.opaque(site, sink, this.unresolved(site));
    }
    if ((type.flags & (flags.Any | flags.Unknown)) !== 0) return { kind: 'any', nullable: false };
    if (!type.isUnion()) return this.convertSingle(type, site, sink, false);

    const members = type.types;
    const nullable =
      members.some((member) => (member.flags & flags.Null) !== 0) ||
      (site.undefinedMeans === 'null' &&
        members.some((member) => (member.flags & (flags.Undefined | flags.Void)) !== 0));
    const rest = members.filter((member) => (member.flags & (flags.Null | flags.Undefined | flags.Void)) === 0);
    const first = rest[0];
    if (first === undefined) {
      return nullable
        ? { kind: 'null', nullable: true }
        : this.opaque(site, sink, 'the type only admits undefined, which is never sent');
    }
    if (rest.length === 1) return this.convertSingle(first, site, sink, nullable);
    if (rest.every((member) => (member.flags & flags.StringLike) !== 0)) return { kind: 'string', nullable };
    if (rest.every((member) => (member.flags & flags.BooleanLike) !== 0)) return { kind: 'boolean', nullable };
    if (rest.every((member) => (member.flags & flags.NumberLike) !== 0)) return this.numberType(site, nullable);
    const spelled = rest.map((member) => this.checker.typeToString(member)).join(' | ');
    const objectsOnly = rest.every((member) => (member.flags & (flags.Object | flags.Intersection)) !== 0);
    const reason = objectsOnly
      ? `the union ${spelled} has a different set of fields per member; wirepin does not guess which one is sent`
      : `the union ${spelled} mixes JSON types, so no single wire type fits`;
    return this.opaque(site, sink, reason, nullable);
  }

  private convertSingle(type: ts.Type, site: Site, sink: Sink, nullable: boolean): WireType {
    const flags = this.ts.TypeFlags;
    if (isErrorType(type)) {
      return this.opaque(site, sink, this.unresolved(site), nullable);
    }
    if ((type.flags & (flags.Any | flags.Unknown)) !== 0) return { kind: 'any', nullable: false };
    if ((type.flags & flags.StringLike) !== 0) return { kind: 'string', nullable };
    if ((type.flags & flags.NumberLike) !== 0) return this.numberType(site, nullable);
    if ((type.flags & flags.BooleanLike) !== 0) return { kind: 'boolean', nullable };
    if ((type.flags & flags.Null) !== 0) return { kind: 'null', nullable: true };
    if ((type.flags & flags.BigIntLike) !== 0)
      return this.opaque(site, sink, 'JSON.stringify throws on bigint values', nullable);
    if ((type.flags & flags.ESSymbolLike) !== 0)
      return this.opaque(site, sink, 'JSON.stringify drops symbol values', nullable);
    if ((type.flags & flags.TypeParameter) !== 0) {
      return this.opaque(
        site,
        sink,
        `the type parameter ${this.checker.typeToString(type)} is not instantiated here`,
        nullable,
      );
    }
    if (type.isIntersection()) {
      // A branded primitive (`string & { __brand: 'Id' }`) is sent as the primitive.
      const primitive = type.types.find(
        (member) => (member.flags & (flags.StringLike | flags.NumberLike | flags.BooleanLike)) !== 0,
      );
      if (primitive !== undefined) return this.convertSingle(primitive, site, sink, nullable);
      return this.convertObject(type, site, sink, nullable);
    }
    if ((type.flags & flags.Object) !== 0) return this.convertObject(type, site, sink, nullable);
    return this.opaque(site, sink, `wirepin does not know how "${this.checker.typeToString(type)}" is sent`, nullable);
  }

  private numberType(site: Site, nullable: boolean): WireType {
    const integer = site.integerTag || this.nodes.isIntegerNode(site.node);
    return { kind: integer ? 'integer' : 'number', nullable };
  }

  private convertObject(type: ts.Type, site: Site, sink: Sink, nullable: boolean): WireType {
    const checker = this.checker;
    const form = this.objectForm(type);
    // Graph mode: a named object type below the walk's own root is linked, and read once in a walk of its own.
    if (form.kind === 'fields' && site.pointer !== '' && this.context.linker !== undefined) {
      const identity = this.context.linker.identityOf(type, site.location);
      if (identity !== undefined) {
        this.links.set(site.pointer, identity);
        return { kind: 'object', nullable };
      }
    }
    if (this.expanding.includes(type)) {
      return this.opaque(
        site,
        sink,
        `the type "${checker.typeToString(type)}" refers to itself; wirepin stops at the cycle`,
        nullable,
      );
    }
    if (this.expanding.length >= MAX_DEPTH) {
      return this.opaque(site, sink, `objects nest deeper than ${MAX_DEPTH} levels here; wirepin stops`, nullable);
    }
    this.expanding.push(type);
    try {
      return this.expandObject(type, form, site, sink, nullable);
    } finally {
      this.expanding.pop();
    }
  }

  /** What JSON.stringify makes of an object type, decided before anything below it is read. */
  private objectForm(type: ts.Type): ObjectForm {
    const checker = this.checker;
    if (checker.isArrayType(type))
      return { kind: 'array', element: checker.getTypeArguments(type as ts.TypeReference)[0] };
    if (checker.isTupleType(type)) {
      return { kind: 'opaque', reason: 'a tuple has a type per position, which a wire array type cannot express' };
    }
    if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) {
      return { kind: 'opaque', reason: 'functions are not sent by JSON.stringify' };
    }

    // Library types are not read: `Date` is known, other lib interfaces (RegExp, Error, boxed
    // String) and classes from node_modules send whatever their instances hold at run time.
    // Plain interfaces from node_modules are data declarations and are read like local ones.
    const symbol = type.getSymbol();
    if (symbol !== undefined) {
      const origin = this.declaredIn(symbol);
      if (origin === 'lib' && symbol.getName() === 'Date') return { kind: 'date' };
      const isClass = (symbol.flags & this.ts.SymbolFlags.Class) !== 0;
      const isInterface = (symbol.flags & this.ts.SymbolFlags.Interface) !== 0;
      if ((origin === 'lib' && (isClass || isInterface)) || (origin === 'node_modules' && isClass)) {
        const where = origin === 'lib' ? 'the standard library' : 'node_modules';
        return {
          kind: 'opaque',
          reason: `"${symbol.getName()}" is declared in ${where}; wirepin does not guess how its instances are sent`,
        };
      }
    }

    if (checker.getPropertyOfType(type, 'toJSON') !== undefined) {
      return { kind: 'opaque', reason: 'the type has toJSON(), so JSON.stringify sends whatever that returns' };
    }
    const properties = this.sentProperties(type);
    const indexInfos = checker.getIndexInfosOfType(type);
    const stringIndex = indexInfos.find((info) => (info.keyType.flags & this.ts.TypeFlags.StringLike) !== 0);
    if (properties.length === 0 && stringIndex !== undefined) return { kind: 'map', values: stringIndex.type };
    if (properties.length === 0 && indexInfos.length > 0) {
      return { kind: 'opaque', reason: 'only number or symbol keys are declared, which JSON objects do not have' };
    }
    return { kind: 'fields', properties, stringIndex: stringIndex?.type };
  }

  private expandObject(type: ts.Type, form: ObjectForm, site: Site, sink: Sink, nullable: boolean): WireType {
    const checker = this.checker;
    switch (form.kind) {
      case 'array': {
        const element = form.element;
        const itemSite: Site = {
          ...site,
          pointer: `${site.pointer}/*`,
          node: this.nodes.elementNode(site.node),
          text: element === undefined ? 'unknown' : checker.typeToString(element),
          undefinedMeans: 'null',
        };
        const items: WireType =
          element === undefined ? { kind: 'any', nullable: false } : this.convert(element, itemSite, sink);
        return { kind: 'array', items, nullable };
      }
      case 'opaque':
        return this.opaque(site, sink, form.reason, nullable);
      case 'date':
        return { kind: 'string', nullable };
      case 'map': {
        const valueSite: Site = {
          ...site,
          pointer: `${site.pointer}/*`,
          node: this.nodes.mapValueNode(site.node),
          text: checker.typeToString(form.values),
          undefinedMeans: 'omitted',
        };
        return { kind: 'map', values: this.convert(form.values, valueSite, sink), nullable };
      }
      case 'fields':
        break;
    }

    this.unresolvedBases(type, site, sink);
    for (const property of form.properties) this.readProperty(property, site, sink);
    if (form.stringIndex !== undefined) {
      sink.opaque.push({
        pointer: `${site.pointer}/*`,
        typeName: checker.typeToString(form.stringIndex),
        reason: 'an index signature next to named properties admits more keys than wirepin can list',
        location: site.location,
      });
    }
    return { kind: 'object', nullable };
  }

  /**
   * An `extends` or `implements` clause whose type does not resolve (a missing or unread import) would
   * silently drop the fields it adds; it is reported as an opaque place at the object itself instead.
   */
  private unresolvedBases(type: ts.Type, site: Site, sink: Sink): void {
    for (const declaration of type.getSymbol()?.declarations ?? []) {
      if (!this.ts.isInterfaceDeclaration(declaration) && !this.ts.isClassLike(declaration)) continue;
      for (const clause of declaration.heritageClauses ?? []) {
        for (const base of clause.types) {
          if (!isErrorType(this.checker.getTypeAtLocation(base))) continue;
          const text = base.getText();
          const why = this.context.unresolvedWhy?.(base) ?? 'a missing name or import';
          sink.opaque.push({
            pointer: site.pointer,
            typeName: text,
            reason: `its base type "${text}" does not resolve (${why}), so the fields it adds are unknown`,
            location: this.context.locate(base),
          });
        }
      }
    }
  }

  private readProperty(property: ts.Symbol, parent: Site, sink: Sink): void {
    const checker = this.checker;
    const declaration = declarationOf(property);
    const propertyType = checker.getTypeOfSymbol(property);
    const node = declaration === undefined ? undefined : this.writtenTypeNode(declaration, propertyType);
    const name = property.getName();
    const text = node !== undefined ? spelledType(node) : checker.typeToString(propertyType);
    const nameNode = declaration !== undefined && hasNameNode(declaration) ? declaration.name : declaration;
    const location = nameNode === undefined ? parent.location : this.context.locate(nameNode);
    const site: Site = {
      pointer: `${parent.pointer}/${escapeSegment(name)}`,
      node,
      text,
      location,
      integerTag: declaration !== undefined && hasIntegerTag(this.ts, declaration),
      undefinedMeans: 'omitted',
    };

    const undefinedFlags = this.ts.TypeFlags.Undefined | this.ts.TypeFlags.Void;
    const mayBeUndefined = propertyType.isUnion()
      ? propertyType.types.some((member) => (member.flags & undefinedFlags) !== 0)
      : (propertyType.flags & undefinedFlags) !== 0;
    const optional = (property.flags & this.ts.SymbolFlags.Optional) !== 0 || mayBeUndefined;

    const below: Sink = { fields: [], opaque: [] };
    const type = this.convert(propertyType, site, below);
    sink.fields.push({ pointer: site.pointer, jsonName: name, type, required: !optional, location, sourceType: text });
    sink.fields.push(...below.fields);
    sink.opaque.push(...below.opaque);
  }

  /**
   * The type node of a property as written, if it still describes the property's type.
   * Mapped types (Pick, Partial) keep the original declaration; a mapped type that
   * changes the value type (`{ [K in keyof T]: string }`) does not, and its node is dropped.
   */
  private writtenTypeNode(declaration: ts.Declaration, propertyType: ts.Type): ts.TypeNode | undefined {
    const tsApi = this.ts;
    if (!(tsApi.isPropertySignature(declaration) || tsApi.isPropertyDeclaration(declaration))) return undefined;
    const node = declaration.type;
    if (node === undefined) return undefined;
    const written = this.checker.getTypeFromTypeNode(node);
    return this.checker.getNonNullableType(written) === this.checker.getNonNullableType(propertyType)
      ? node
      : undefined;
  }

  /**
   * The properties JSON.stringify would send, in declaration order: files in the
   * order the checker lists them, positions ascending within a file. Methods and
   * accessors of classes are skipped (prototype members are not own properties),
   * and so are `#private` fields and symbol keys.
   */
  private sentProperties(type: ts.Type): ts.Symbol[] {
    const tsApi = this.ts;
    const kept = this.checker.getPropertiesOfType(type).filter((property) => {
      // Symbol keys: JSON.stringify skips them.
      if (property.getName().startsWith('__@')) return false;
      const declaration = declarationOf(property);
      if (declaration === undefined) return true;
      if (hasNameNode(declaration) && tsApi.isPrivateIdentifier(declaration.name)) return false;
      // Methods (in a class or an interface) and function-valued properties: JSON.stringify drops function values.
      if (tsApi.isMethodDeclaration(declaration) || tsApi.isMethodSignature(declaration)) return false;
      if (this.isFunctionOnly(this.checker.getTypeOfSymbol(property))) return false;
      if (tsApi.isGetAccessorDeclaration(declaration) || tsApi.isSetAccessorDeclaration(declaration)) {
        // A class accessor lives on the prototype: not an own property, not sent. An interface or
        // type-literal getter is met by an object literal's own `get x()`, which JSON.stringify does
        // send (own, enumerable), so it counts as sent; a setter alone reads back undefined.
        if (isInClass(tsApi, declaration)) return false;
        return (property.flags & tsApi.SymbolFlags.GetAccessor) !== 0;
      }
      // `accessor x` (a class auto-accessor) is a getter/setter pair on the prototype: not sent.
      if (tsApi.isPropertyDeclaration(declaration) && hasAccessorKeyword(tsApi, declaration)) return false;
      return true;
    });
    const fileOrder = new Map<string, number>();
    for (const property of kept) {
      const file = declarationOf(property)?.getSourceFile().fileName ?? '';
      if (!fileOrder.has(file)) fileOrder.set(file, fileOrder.size);
    }
    const key = (property: ts.Symbol): [number, number] => {
      const declaration = declarationOf(property);
      const file = declaration?.getSourceFile().fileName ?? '';
      return [fileOrder.get(file) ?? 0, declaration?.getStart() ?? Number.MAX_SAFE_INTEGER];
    };
    return kept
      .map((property, index) => ({ property, index, key: key(property) }))
      .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.index - b.index)
      .map((entry) => entry.property);
  }

  /** A type whose every non-null member can only be called: JSON.stringify leaves the key out for any of them. */
  private isFunctionOnly(type: ts.Type): boolean {
    const flags = this.ts.TypeFlags;
    const members = (type.isUnion() ? type.types : [type]).filter(
      (member) => (member.flags & (flags.Undefined | flags.Void)) === 0,
    );
    return (
      members.length > 0 &&
      members.every(
        (member) =>
          (member.flags & flags.Object) !== 0 &&
          member.getCallSignatures().length > 0 &&
          member.getProperties().length === 0,
      )
    );
  }

  /** Where every declaration of the symbol lives, or 'source' when any of them is in the project. */
  private declaredIn(symbol: ts.Symbol): 'lib' | 'node_modules' | 'source' {
    const files = (symbol.declarations ?? []).map((declaration) => declaration.getSourceFile());
    if (files.length === 0) return 'source';
    if (files.every((file) => this.context.program.isSourceFileDefaultLibrary(file))) return 'lib';
    if (files.every((file) => /[\\/]node_modules[\\/]/.test(file.fileName))) return 'node_modules';
    return 'source';
  }

  /** Why a type does not resolve: where its import pointed when the host did not read it, else a missing name or import. */
  private unresolved(site: Site): string {
    return `the type "${site.text}" does not resolve (${this.context.unresolvedWhy?.(site.node) ?? 'a missing name or import'})`;
  }

  private opaque(site: Site, sink: Sink, reason: string, nullable = false): WireType {
    sink.opaque.push({ pointer: site.pointer, typeName: site.text, reason, location: site.location });
    return { kind: 'opaque', nullable, reason };
  }
}

/** The type as written, on one line: inline object types spread over lines are joined with single spaces. */
function spelledType(node: ts.TypeNode): string {
  return node.getText().replace(/\s+/g, ' ');
}

function isInClass(tsApi: typeof ts, declaration: ts.Declaration): boolean {
  return tsApi.isClassDeclaration(declaration.parent) || tsApi.isClassExpression(declaration.parent);
}

function hasAccessorKeyword(tsApi: typeof ts, declaration: ts.PropertyDeclaration): boolean {
  return (tsApi.getModifiers(declaration) ?? []).some((modifier) => modifier.kind === tsApi.SyntaxKind.AccessorKeyword);
}

function declarationOf(symbol: ts.Symbol): ts.Declaration | undefined {
  return symbol.valueDeclaration ?? symbol.declarations?.[0];
}

function hasNameNode(declaration: ts.Declaration): declaration is ts.Declaration & { readonly name: ts.Node } {
  const name: unknown = (declaration as { readonly name?: unknown }).name;
  return typeof name === 'object' && name !== null;
}

/**
 * The checker's error type (an unresolved name) carries the flag Any; only its
 * intrinsic name tells it apart from a written `any`. Not part of the public API,
 * hence the structural read.
 */
function isErrorType(type: ts.Type): boolean {
  return (type as { readonly intrinsicName?: unknown }).intrinsicName === 'error';
}
