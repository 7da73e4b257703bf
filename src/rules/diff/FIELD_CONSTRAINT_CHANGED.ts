import { isJsonObject, member, type JsonObject, type JsonValue } from '../../contract/json-document.js';
import type { ChangeClass } from '../../diff/change.js';
import { canonicalJson } from '../../sync/value-diff.js';
import {
  atStart,
  fieldFacts,
  fieldName,
  firstExisting,
  inBase,
  services,
  sideNames,
  type ChangeDraft,
  type DiffRule,
} from './context.js';

/** The value constraints diff compares: the `constraint` keywords of the dialect (src/contract/dialect.ts); a test holds the two equal. */
export const CONSTRAINTS_COMPARED = [
  'enum',
  'const',
  'pattern',
  'format',
  'contentEncoding',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
] as const;
type Keyword = (typeof CONSTRAINTS_COMPARED)[number];
const KEYWORDS = CONSTRAINTS_COMPARED;

/**
 * Which way a change moves the set of values the contract accepts:
 * `tightened` (fewer: the producer must stop sending what is now rejected),
 * `loosened` (more: the consumer must accept what it used to reject),
 * `changed` (some values leave and others arrive: both at once),
 * `reordered` (an enum lists the same members in another order: nothing on the wire).
 */
const DIRECTIONS = ['tightened', 'loosened', 'changed', 'reordered'] as const;
type Direction = (typeof DIRECTIONS)[number];
type Kind = `${Keyword}-${Direction}`;

const CLASS_OF: Readonly<Record<Direction, ChangeClass>> = {
  tightened: 'needs-both-sides',
  loosened: 'needs-both-sides',
  changed: 'breaking',
  reordered: 'safe',
};

/** Keywords whose larger value accepts fewer values. */
const LOWER_BOUNDS: ReadonlySet<Keyword> = new Set(['minimum', 'exclusiveMinimum', 'minLength', 'minItems']);
const UPPER_BOUNDS: ReadonlySet<Keyword> = new Set(['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems']);

function directionOf(keyword: Keyword, before: JsonValue | undefined, after: JsonValue | undefined): Direction {
  // A constraint that appears accepts fewer values; one that goes away accepts more.
  if (before === undefined) return 'tightened';
  if (after === undefined) return 'loosened';
  if (keyword === 'enum' && Array.isArray(before) && Array.isArray(after)) {
    const was = new Set(before.map(canonicalJson));
    const now = new Set(after.map(canonicalJson));
    const lost = [...was].some((v) => !now.has(v));
    const gained = [...now].some((v) => !was.has(v));
    return lost && gained ? 'changed' : lost ? 'tightened' : gained ? 'loosened' : 'reordered';
  }
  if (typeof before === 'number' && typeof after === 'number') {
    if (LOWER_BOUNDS.has(keyword)) return after > before ? 'tightened' : 'loosened';
    if (UPPER_BOUNDS.has(keyword)) return after < before ? 'tightened' : 'loosened';
    if (keyword === 'multipleOf') {
      // Every multiple of `after` is one of `before` when after/before is whole: fewer values.
      if (Number.isInteger(after / before)) return 'tightened';
      if (Number.isInteger(before / after)) return 'loosened';
    }
  }
  // const, pattern, format, contentEncoding, or values of an unexpected kind: no order to rely on.
  return 'changed';
}

/** One value constraint of a field, at `at` below the field's schema ("" for the field, "/items", "/additionalProperties"). */
interface Constraint {
  readonly at: string;
  readonly keyword: Keyword;
  readonly value: JsonValue;
}

/**
 * The value constraints of a field's schema and of its array items and map
 * values, all the way down; not those of its own fields (each is a field of
 * its own, paired separately).
 */
function constraintsOf(
  schema: JsonValue | undefined,
  at = '',
  out: Map<string, Constraint> = new Map(),
): Map<string, Constraint> {
  if (!isJsonObject(schema ?? null)) return out;
  const node = schema as JsonObject;
  for (const keyword of KEYWORDS) {
    const value = member(node, keyword);
    if (value !== undefined) out.set(`${at}/${keyword}`, { at, keyword, value });
  }
  constraintsOf(member(node, 'items'), `${at}/items`, out);
  if (member(node, 'properties') === undefined)
    constraintsOf(member(node, 'additionalProperties'), `${at}/additionalProperties`, out);
  return out;
}

function spell(value: JsonValue | undefined): string | null {
  return value === undefined ? null : canonicalJson(value);
}

const LABELS: Readonly<Record<Direction, string>> = {
  tightened: 'tightened',
  loosened: 'loosened',
  changed: 'changed',
  reordered: 'reordered',
};

const MESSAGES = Object.fromEntries(
  KEYWORDS.flatMap((k) => DIRECTIONS.map((d) => [`${k}-${d}`, `${k} ${LABELS[d]}`])),
) as Record<Kind, string>;

export const FIELD_CONSTRAINT_CHANGED: DiffRule<Kind> = {
  id: 'FIELD_CONSTRAINT_CHANGED',
  stage: 'diff',
  severity: 'error',
  summary:
    'A value constraint of a field (enum, const, pattern, format, contentEncoding, bounds, lengths, item counts, multipleOf) is added, removed or changed: tightening and loosening need both sides, a change both ways is breaking.',
  why: 'The consumer validates with the contract: a tighter constraint rejects values the producer may still send, and a looser one lets the producer send values the consumer still rejects.',
  messages: MESSAGES,
  onKept(pair, sides) {
    // A changed type is FIELD_TYPE_CHANGED's, already breaking; its enum and const go with it.
    if (pair.typeChanged) return undefined;
    const before = constraintsOf(pair.base.schema);
    const after = constraintsOf(pair.head.schema);
    const names = sideNames(sides.head);
    const { producer, consumer } = services(sides.head);
    const name = fieldName(pair.head);
    const drafts: ChangeDraft<Kind>[] = [];
    const keys = [...new Set([...before.keys(), ...after.keys()])];
    for (const key of keys) {
      const was = before.get(key);
      const now = after.get(key);
      const constraint = (now ?? was) as Constraint;
      if (was && now && canonicalJson(was.value) === canonicalJson(now.value)) continue;
      const direction = directionOf(constraint.keyword, was?.value, now?.value);
      const where =
        constraint.at === ''
          ? ''
          : ` (on its ${constraint.at
              .slice(1)
              .split('/')
              .map((s) => (s === 'items' ? 'items' : 'map values'))
              .reverse()
              .join(' of ')})`;
      const what =
        was === undefined
          ? `added (${canonicalJson(constraint.value)})`
          : now === undefined
            ? `removed (was ${canonicalJson(was.value)})`
            : `${LABELS[direction]} from ${canonicalJson(was.value)} to ${canonicalJson(now.value)}`;
      const change = `Field "${name}": "${constraint.keyword}"${where} ${what}.`;
      const consequence =
        direction === 'tightened'
          ? `Where ${consumer} validates bodies with this contract, it rejects values ${producer} may still send: make ${names.producer} stop sending them before this contract ships.`
          : direction === 'loosened'
            ? `${atStart(producer)} may now send values ${consumer} still rejects: make ${names.consumer} accept them before ${producer} sends them.`
            : direction === 'changed'
              ? `Values accepted before are rejected now and new ones are allowed, so no deploy order keeps ${producer} and ${consumer} agreeing: change ${names.producer} and ${names.consumer} together, or add a new field and retire this one.`
              : 'The same values are accepted; nothing on the wire changes.';
      drafts.push({
        path: firstExisting(sides.head, [
          `${pair.head.schemaPointer}${key}`,
          `${pair.head.schemaPointer}${constraint.at}`,
          pair.head.schemaPointer,
        ]),
        field: name,
        message: `${change} ${consequence}`,
        related: inBase(sides.base, `${pair.base.schemaPointer}${was ? key : constraint.at}`),
        data: {
          class: CLASS_OF[direction],
          kind: `${constraint.keyword}-${direction}`,
          ...fieldFacts(pair.head),
          before: spell(was?.value),
          after: spell(now?.value),
          keyword: key.slice(1),
        },
      });
    }
    return drafts;
  },
  explains: (change, schemaPointers) =>
    change.keyword === undefined ? [] : schemaPointers.map((sp) => `${sp}/${change.keyword}`),
};
