import type { JsonObject, JsonValue } from '../contract/json-document.js';
import { dottedName, joinPointer, splitPointer, unescapeSegment } from '../json-pointer.js';
import type { PactContract } from './contract.js';
import type { HeaderSpec } from './envelope.js';
import {
  bodySchema,
  definitionsOf,
  exampleNode,
  exampleTree,
  exampleValue,
  type BodyMember,
  type BodyNode,
} from './example-body.js';

/**
 * The interactions wirepin derives from a contract, as plain data. The pact
 * file (pact-file.ts) and the Pact JS consumer test (pact-test.ts) are both
 * rendered from them, so they cannot drift apart.
 *
 * One contract gives a small covering set, not a product of every choice:
 *   - `full`: every field present;
 *   - `minimal`: only the `required` fields, at every depth (what a Go producer
 *     sends with every omitempty field empty: `display: {}`);
 *   - `null <field>`: one per field that may be null, that field null;
 *   - `values <n>`: the n-th further value of every field that has more than
 *     one (enum members, `examples` entries), so each appears at least once.
 * Each has its own description and provider state (the state's params carry the
 * case), in that order, so the set is deterministic.
 *
 * Role names flip here: our producer sends the request, so it is the Pact
 * *consumer*; our consumer answers it, so it is the Pact *provider*.
 */

export type { HeaderSpec } from './envelope.js';

export interface ProviderStateSpec {
  readonly name: string;
  readonly params: JsonObject;
}

export interface ContractInteraction {
  /** Pact consumer: the contract's producer. */
  readonly pactConsumer: string;
  /** Pact provider: the contract's consumer. */
  readonly pactProvider: string;
  readonly contractFile: string;
  /** `full`, `minimal`, `null <field>`, `values <n>`. */
  readonly case: string;
  readonly description: string;
  readonly providerState: ProviderStateSpec;
  readonly comment: string;
  readonly request: {
    readonly method: string;
    readonly path: string;
    readonly headers: readonly HeaderSpec[];
    readonly body: BodyNode;
  };
  readonly response: {
    /** The status the mock server answers with. */
    readonly status: number;
    /** Every status a provider may answer with and still pass. */
    readonly statuses: readonly number[];
    readonly headers: readonly HeaderSpec[];
    /** Undefined when the contract names no response body. */
    readonly body: BodyNode | undefined;
  };
}

/** The parameter of every provider state that names the interaction's case. */
export const CASE_STATE_PARAM = 'wirepin_case';

/** Only the required members, at every depth; maps and arrays keep their one example entry. */
export function minimalNode(node: BodyNode): BodyNode {
  switch (node.kind) {
    case 'object':
      return {
        ...node,
        members: node.members.filter((m) => m.required).map((m) => ({ ...m, node: minimalNode(m.node) })),
      };
    case 'map':
      return { ...node, value: minimalNode(node.value) };
    case 'array':
      return { ...node, item: minimalNode(node.item) };
    default:
      return node;
  }
}

/**
 * Whether a member was already walked along another path: a field of a `$defs`
 * definition is varied once, at the first path that reaches it, however many
 * paths use the definition.
 */
function walkedBefore(member: BodyMember, seen: Set<string>): boolean {
  if (member.origin === undefined) return false;
  if (seen.has(member.origin)) return true;
  seen.add(member.origin);
  return false;
}

/** Every pointer (map values and array items as `*`) whose value may be null, in contract order; a definition's fields once. */
export function nullablePointers(node: BodyNode, pointer = '', seen: Set<string> = new Set()): string[] {
  const out: string[] = [];
  if ('nullable' in node && node.nullable && pointer !== '') out.push(pointer);
  if (node.kind === 'object') {
    for (const m of node.members)
      if (!walkedBefore(m, seen)) out.push(...nullablePointers(m.node, joinPointer(pointer, m.name), seen));
  }
  if (node.kind === 'map') out.push(...nullablePointers(node.value, joinPointer(pointer, '*'), seen));
  if (node.kind === 'array') out.push(...nullablePointers(node.item, joinPointer(pointer, '*'), seen));
  return out;
}

/** The node with the value at `pointer` replaced by `replace(old)`. */
function replaceAt(node: BodyNode, segments: readonly string[], replace: (old: BodyNode) => BodyNode): BodyNode {
  const [head, ...rest] = segments;
  if (head === undefined) return replace(node);
  switch (node.kind) {
    case 'object':
      return {
        ...node,
        members: node.members.map((m): BodyMember =>
          m.name === head ? { ...m, node: replaceAt(m.node, rest, replace) } : m,
        ),
      };
    case 'map':
      return { ...node, value: replaceAt(node.value, rest, replace) };
    case 'array':
      return { ...node, item: replaceAt(node.item, rest, replace) };
    default:
      return node;
  }
}

/** The further values (after the example) of a string or number field: enum members, then `examples` entries. */
function furtherValues(schema: JsonValue | undefined, example: JsonValue): JsonValue[] {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return [];
  const seen = new Set<string>([JSON.stringify(example)]);
  const out: JsonValue[] = [];
  for (const key of ['enum', 'examples']) {
    const list = schema[key];
    if (!Array.isArray(list)) continue;
    for (const value of list) {
      if (value === null || typeof value === 'object') continue;
      const text = JSON.stringify(value);
      if (seen.has(text)) continue;
      seen.add(text);
      out.push(value);
    }
  }
  return out;
}

/** The schema a reference stands for (`$ref`, or the nullable `anyOf` form); any other schema as it is. */
function followReference(schema: JsonObject, defs: JsonObject | undefined): JsonObject {
  const anyOf = schema['anyOf'];
  const branch =
    Array.isArray(anyOf) &&
    anyOf.length === 2 &&
    anyOf[0] !== null &&
    typeof anyOf[0] === 'object' &&
    !Array.isArray(anyOf[0])
      ? anyOf[0]
      : schema;
  const ref = branch['$ref'];
  const prefix = '#/$defs/';
  if (typeof ref !== 'string' || !ref.startsWith(prefix) || defs === undefined) return schema;
  const target = defs[unescapeSegment(ref.slice(prefix.length))];
  return target !== null && typeof target === 'object' && !Array.isArray(target) ? target : schema;
}

/**
 * Pointer → further values of every scalar field with more than one value, walking the contract schema beside the
 * tree (through `$ref`s into `$defs`); a definition's fields once, at the first path that reaches them.
 */
function valueChoices(
  schema: JsonValue | undefined,
  node: BodyNode,
  pointer: string,
  out: Map<string, JsonValue[]>,
  defs: JsonObject | undefined,
  seen: Set<string>,
): void {
  const object =
    schema !== null && typeof schema === 'object' && !Array.isArray(schema) ? followReference(schema, defs) : {};
  switch (node.kind) {
    case 'string':
    case 'integer':
    case 'number': {
      const values = furtherValues(object, node.example).filter(
        (v) => typeof v === (node.kind === 'string' ? 'string' : 'number'),
      );
      const fitting = node.kind === 'integer' ? values.filter((v) => Number.isInteger(v)) : values;
      if (fitting.length > 0) out.set(pointer, fitting);
      return;
    }
    case 'object': {
      const properties = object['properties'];
      for (const m of node.members) {
        if (walkedBefore(m, seen)) continue;
        const child =
          properties !== null && typeof properties === 'object' && !Array.isArray(properties)
            ? properties[m.name]
            : undefined;
        valueChoices(child, m.node, joinPointer(pointer, m.name), out, defs, seen);
      }
      return;
    }
    case 'map':
      valueChoices(object['additionalProperties'], node.value, joinPointer(pointer, '*'), out, defs, seen);
      return;
    case 'array':
      valueChoices(object['items'], node.item, joinPointer(pointer, '*'), out, defs, seen);
      return;
    default:
      return;
  }
}

function withExample(node: BodyNode, value: JsonValue): BodyNode {
  if (node.kind === 'string' && typeof value === 'string') return { ...node, example: value };
  if ((node.kind === 'integer' || node.kind === 'number') && typeof value === 'number')
    return { ...node, example: value };
  return node;
}

/** The value at a body pointer in an example, or undefined when absent. */
function valueAt(value: JsonValue, pointer: string): JsonValue | undefined {
  let current: JsonValue | undefined = value;
  for (const segment of splitPointer(pointer)) {
    if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, segment))
      return undefined;
    current = current[segment];
  }
  return current;
}

interface BodyCase {
  readonly key: string;
  readonly label: string;
  readonly body: BodyNode;
}

/** The covering set of request bodies, in a fixed order. */
export function bodyCases(contract: PactContract): BodyCase[] {
  const full = exampleTree(contract);
  const cases: BodyCase[] = [{ key: 'full', label: 'every field', body: full }];
  const minimal = minimalNode(full);
  if (JSON.stringify(exampleValue(minimal)) !== JSON.stringify(exampleValue(full))) {
    cases.push({ key: 'minimal', label: 'only the required fields', body: minimal });
  }
  for (const pointer of nullablePointers(full)) {
    const label = dottedName(pointer);
    cases.push({
      key: `null ${label}`,
      label: `"${label}" null`,
      body: replaceAt(full, splitPointer(pointer), () => ({ kind: 'null' })),
    });
  }
  const choices = new Map<string, JsonValue[]>();
  const defs = contract.schema['$defs'];
  valueChoices(
    contract.schema,
    full,
    '',
    choices,
    defs !== null && typeof defs === 'object' && !Array.isArray(defs) ? defs : undefined,
    new Set(),
  );
  const rounds = Math.max(0, ...[...choices.values()].map((v) => v.length));
  for (let round = 0; round < rounds; round += 1) {
    let body = full;
    const changed: string[] = [];
    for (const [pointer, values] of choices) {
      const value = values[round];
      if (value === undefined) continue;
      body = replaceAt(body, splitPointer(pointer), (old) => withExample(old, value));
      changed.push(`${dottedName(pointer)}=${JSON.stringify(value)}`);
    }
    cases.push({ key: `values ${round + 2}`, label: `further values (${changed.join(', ')})`, body });
  }
  return cases;
}

/** Every interaction wirepin derives from a contract: the covering set above, each with the contract's envelope. */
export function contractInteractions(contract: PactContract): ContractInteraction[] {
  const { envelope } = contract;
  const endpoint = `${contract.method} ${contract.path}`;
  const stateName =
    envelope.state?.name ?? `${contract.consumer.name} accepts ${endpoint} from ${contract.producer.name}`;
  const responseDefinitions = contract.response ? definitionsOf(contract.response.schema) : undefined;
  const responseBody = contract.response
    ? exampleNode(bodySchema(contract.response.schema), {
        contract: contract.response.file,
        pointer: '',
        name: 'body',
        ...(responseDefinitions ? { definitions: responseDefinitions } : {}),
      })
    : undefined;
  return bodyCases(contract).map((c) => {
    const example = exampleValue(c.body);
    const params: JsonObject = {};
    for (const [name, pointer] of Object.entries(envelope.state?.params ?? {})) {
      const value = valueAt(example, pointer);
      if (value !== undefined) params[name] = value;
    }
    params[CASE_STATE_PARAM] = c.key;
    return {
      pactConsumer: contract.producer.name,
      pactProvider: contract.consumer.name,
      contractFile: contract.file,
      case: c.key,
      description: `${endpoint}: ${contract.model.title || contract.file} with ${c.label}`,
      providerState: { name: stateName, params },
      comment:
        `Derived by wirepin from ${contract.file} (case "${c.key}"). ` +
        `Verification compares only the response; whether ${contract.consumer.name} reads a field is shown by \`wirepin consumes\` and consumption traces (docs/tracing.md).`,
      request: { method: contract.method, path: contract.path, headers: envelope.requestHeaders, body: c.body },
      response: {
        status: envelope.response.status,
        statuses: envelope.response.statuses,
        headers: envelope.response.headers,
        body: responseBody,
      },
    };
  });
}

/** The `full` interaction: every field of the contract present. */
export function contractInteraction(contract: PactContract): ContractInteraction {
  const [full] = contractInteractions(contract);
  if (!full) throw new Error('contractInteractions always starts with the full case');
  return full;
}

/** The header names whose pact values are placeholder credentials a provider verification replaces. */
export function credentialHeaders(interaction: ContractInteraction): string[] {
  return interaction.request.headers.filter((h) => h.credential === true).map((h) => h.name);
}

/** The example request body of an interaction, as the producer would send it. */
export function interactionExampleBody(interaction: ContractInteraction): JsonObject {
  return exampleValue(interaction.request.body) as JsonObject;
}
