import { allContractFields, fieldLabel, type ContractField, type ContractModel } from '../../contract/field-table.js';
import {
  isJsonObject,
  member,
  type JsonObject,
  type JsonProblem,
  type JsonValue,
} from '../../contract/json-document.js';
import type { MetaSchemaError } from '../../contract/meta-validate.js';
import type { Rule } from '../../rule.js';
import { parentPointer, splitPointer } from '../../json-pointer.js';

/** What lint rules see: the read problems, the value, the meta-schema errors, the field table. */
export interface LintContext {
  readonly problems: readonly JsonProblem[];
  /** Undefined when the text could not be read as JSON. */
  readonly value: JsonValue | undefined;
  readonly metaErrors: readonly MetaSchemaError[];
  readonly model: ContractModel | undefined;
}

export type LintRule<Kind extends string = string> = Rule<LintContext, Kind>;

/** Is this meta-schema error about the ledger keywords (owned by the ledger rules, not SCHEMA_INVALID)? */
export function ledgerKeywordOf(error: MetaSchemaError): 'cp_consumes' | 'note' | undefined {
  // A property whose schema is a boolean (`"a": true`) has no room for the ledger at all.
  if (isFieldNotObject(error)) return 'cp_consumes';
  const missing = error.keyword === 'required' ? error.params['missingProperty'] : undefined;
  if (missing === 'cp_consumes' || error.instancePath.endsWith('/cp_consumes')) return 'cp_consumes';
  if (missing === 'note' || error.instancePath.endsWith('/note')) return 'note';
  return undefined;
}

/** The dialect's field rule failed its `"type": "object"`: the property's schema is `true` or `false`. */
export function isFieldNotObject(error: MetaSchemaError): boolean {
  // ajv compiles the field rule as its own function, so its schemaPath is just "#/type";
  // 2020-12's own check of a subschema says "object,boolean" instead.
  return (
    error.keyword === 'type' &&
    error.params['type'] === 'object' &&
    error.schemaPath === '#/type' &&
    /\/properties\/[^/]+$/u.test(error.instancePath)
  );
}

/** The schema pointer of the field a ledger error is about. */
export function ledgerFieldPointer(error: MetaSchemaError): string {
  if (isFieldNotObject(error)) return error.instancePath;
  return error.keyword === 'required' ? error.instancePath : parentPointer(error.instancePath);
}

/**
 * "/properties/display/properties/mode" -> "display.mode" (the wire name, for messages);
 * "/$defs/Node/properties/next" -> "$defs.Node.next" (a definition's field, as `fieldLabel` spells it).
 */
export function fieldNameOfSchemaPointer(schemaPointer: string): string {
  const segments = splitPointer(schemaPointer);
  const names: string[] = [];
  let start = 0;
  if (segments[0] === '$defs' && segments.length > 1) {
    names.push('$defs', segments[1] ?? '');
    start = 2;
  }
  for (let i = start; i < segments.length; i++) {
    const s = segments[i];
    if (s === 'properties' && i + 1 < segments.length) names.push(segments[++i] ?? '');
    else if (s === 'items' || s === 'additionalProperties') names.push('*');
  }
  return names.length ? names.join('.') : '(root)';
}

/** A schema node that can describe an object: the root, a field, or a field's array items or map values. */
export interface ObjectSchemaSite {
  readonly pointer: string;
  /** The wire field it belongs to, dotted; undefined for the root. */
  readonly field: string | undefined;
  readonly part: 'self' | 'items' | 'additionalProperties';
  readonly schema: JsonObject;
}

const sitesByContext = new WeakMap<LintContext, readonly ObjectSchemaSite[]>();

/**
 * Every schema node that may hold "properties" and "required", with its
 * contract pointer. Found once per contract (two rules walk them); a site's
 * field name is spelled only when a message asks for it.
 */
export function objectSchemaSites(context: LintContext): readonly ObjectSchemaSite[] {
  const known = sitesByContext.get(context);
  if (known) return known;
  const sites: ObjectSchemaSite[] = [];
  if (context.model && isJsonObject(context.value ?? null)) {
    sites.push({ pointer: '', field: undefined, part: 'self', schema: context.value as JsonObject });
    // A definition's own node is an object like the root: it holds "properties" and "required".
    for (const def of context.model.defs.values()) {
      if (def.problem === undefined && isJsonObject(def.schema))
        sites.push({ pointer: def.schemaPointer, field: `$defs.${def.name}`, part: 'self', schema: def.schema });
    }
    for (const field of allContractFields(context.model)) {
      if (!isJsonObject(field.schema ?? null)) continue;
      const schema = field.schema as JsonObject;
      sites.push(new FieldSite(field.schemaPointer, field, 'self', schema));
      for (const part of ['items', 'additionalProperties'] as const) {
        const sub = member(schema, part);
        if (isJsonObject(sub ?? null))
          sites.push(new FieldSite(`${field.schemaPointer}/${part}`, field, part, sub as JsonObject));
      }
    }
  }
  sitesByContext.set(context, sites);
  return sites;
}

/** A field's site; its dotted name is spelled when a message asks for it. */
class FieldSite implements ObjectSchemaSite {
  constructor(
    readonly pointer: string,
    private readonly owner: Pick<ContractField, 'pointer' | 'def'>,
    readonly part: ObjectSchemaSite['part'],
    readonly schema: JsonObject,
  ) {}

  get field(): string {
    return fieldLabel(this.owner);
  }
}
