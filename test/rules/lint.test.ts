import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../src/contract/json-document.js';
import { CONSUMED_UNDER_DEAD_PARENT } from '../../src/rules/lint/CONSUMED_UNDER_DEAD_PARENT.js';
import { CONSUMES_FLAG_MISSING } from '../../src/rules/lint/CONSUMES_FLAG_MISSING.js';
import { CONTRACT_PARSE_ERROR } from '../../src/rules/lint/CONTRACT_PARSE_ERROR.js';
import { DEFINITION_NAME_COLLISION } from '../../src/rules/lint/DEFINITION_NAME_COLLISION.js';
import { DEAD_FIELD_NOTE_MISSING } from '../../src/rules/lint/DEAD_FIELD_NOTE_MISSING.js';
import { DUPLICATE_KEY } from '../../src/rules/lint/DUPLICATE_KEY.js';
import { OBJECT_NOT_CLOSED } from '../../src/rules/lint/OBJECT_NOT_CLOSED.js';
import { PATTERN_UNSAFE } from '../../src/rules/lint/PATTERN_UNSAFE.js';
import { REQUIRED_NOT_DECLARED } from '../../src/rules/lint/REQUIRED_NOT_DECLARED.js';
import { SCHEMA_INVALID } from '../../src/rules/lint/SCHEMA_INVALID.js';
import { UNSUPPORTED_SCHEMA } from '../../src/rules/lint/UNSUPPORTED_SCHEMA.js';
import { comparable, findingsOf, lintFile, REPO_ROOT, RULE_FIXTURES, ruleTester } from './rule-tester.js';

// Positions below were read off the fixture files: the key of the member a
// pointer names (where an editor should jump), or the exact character of a
// syntax problem. Columns are 1-based UTF-16 code units.

ruleTester(CONSUMED_UNDER_DEAD_PARENT, {
  valid: ['good.contract.json', 'good-dead-parent-dead-children.contract.json'],
  invalid: [
    {
      // Inside a definition the parent is looked up in the definition's own table; pointers are relative to it.
      fixture: 'bad-consumed-child-in-definition.contract.json',
      expect: [
        {
          path: '/$defs/Node/properties/meta/properties/tag/cp_consumes',
          line: 21,
          column: 176,
          field: '$defs.Node.meta.tag',
          data: { parent: '/meta' },
        },
      ],
    },
    {
      fixture: 'bad-consumed-child.contract.json',
      expect: [
        { path: '/properties/display/properties/mode/cp_consumes', line: 18, column: 37, data: { parent: '/display' } },
      ],
    },
    {
      fixture: 'bad-consumed-item-under-dead-array.contract.json',
      expect: [
        {
          path: '/properties/mounts/items/properties/path/cp_consumes',
          line: 20,
          column: 39,
          data: { parent: '/mounts' },
        },
      ],
    },
  ],
});

ruleTester(CONSUMES_FLAG_MISSING, {
  valid: ['good.contract.json', 'good-prototype-names.contract.json'],
  invalid: [
    {
      fixture: 'bad-missing-in-definition.contract.json',
      expect: [
        {
          path: '/$defs/Node/properties/owner',
          line: 21,
          column: 9,
          field: '$defs.Node.owner',
          data: { kind: 'missing' },
        },
      ],
    },
    {
      fixture: 'bad-string-false.contract.json',
      expect: [{ path: '/properties/template_assets/cp_consumes', line: 15, column: 7, data: { kind: 'not-boolean' } }],
    },
    {
      fixture: 'bad-missing-top-level.contract.json',
      expect: [{ path: '/properties/template_assets', line: 12, column: 5, data: { kind: 'missing' } }],
    },
    {
      fixture: 'bad-missing-nested-display.contract.json',
      expect: [
        {
          path: '/properties/display/properties/protocol',
          line: 18,
          column: 9,
          data: { kind: 'missing' },
          field: 'display.protocol',
        },
      ],
    },
    {
      fixture: 'bad-missing-in-array-items.contract.json',
      expect: [
        {
          path: '/properties/mounts/items/properties/path',
          line: 19,
          column: 11,
          data: { kind: 'missing' },
          field: 'mounts.*.path',
        },
      ],
    },
    {
      fixture: 'bad-missing-on-constructor.contract.json',
      expect: [
        { path: '/properties/constructor', line: 12, column: 5, data: { kind: 'missing' }, field: 'constructor' },
      ],
    },
    {
      // `"template_assets": true` is a valid JSON Schema that accepts anything,
      // but it records no decision in the ledger: the exact hole the rule exists for.
      fixture: 'bad-boolean-schema-field.contract.json',
      expect: [{ path: '/properties/template_assets', line: 12, column: 5, data: { kind: 'missing' } }],
    },
  ],
});

ruleTester(CONTRACT_PARSE_ERROR, {
  valid: ['good.contract.json', 'good-bom.contract.json'],
  invalid: [
    { fixture: 'bad-truncated.contract.json', expect: [{ path: '', line: 11, column: 42, data: { kind: 'syntax' } }] },
    { fixture: 'bad-empty.contract.json', expect: [{ path: '', line: 1, column: 1, data: { kind: 'empty' } }] },
    {
      fixture: 'bad-whitespace-only.contract.json',
      expect: [{ path: '', line: 1, column: 1, data: { kind: 'empty' } }],
    },
    // The comma ends line 11; the parser stops at the "}" that follows it.
    {
      fixture: 'bad-trailing-comma.contract.json',
      expect: [{ path: '', line: 12, column: 3, data: { kind: 'syntax' } }],
    },
    { fixture: 'bad-comment.contract.json', expect: [{ path: '', line: 11, column: 5, data: { kind: 'syntax' } }] },
    {
      fixture: 'bad-root-array.contract.json',
      expect: [{ path: '', line: 1, column: 1, data: { kind: 'not-an-object' } }],
    },
    // A raw TAB between "raw" and "tab" in a description.
    {
      fixture: 'bad-control-character.contract.json',
      expect: [{ path: '', line: 11, column: 54, data: { kind: 'control-character' } }],
    },
    // 130 nested arrays at depth 3: the 126th "[" is the first one past MAX_JSON_DEPTH (asserted below).
    {
      fixture: 'bad-too-deep.contract.json',
      expect: [{ path: '', line: 11, column: 193, data: { kind: 'too-deep' } }],
    },
  ],
});

ruleTester(DEAD_FIELD_NOTE_MISSING, {
  valid: [
    'good.contract.json',
    'good-three-word-note.contract.json',
    'good-consumed-without-note.contract.json',
    'good-note-with-tabs-and-zero-width.contract.json',
  ],
  invalid: [
    {
      fixture: 'bad-note-missing-in-definition.contract.json',
      expect: [
        {
          path: '/$defs/Node/properties/owner',
          line: 21,
          column: 9,
          field: '$defs.Node.owner',
          data: { kind: 'missing' },
        },
      ],
    },
    {
      fixture: 'bad-note-placeholder-in-definition.contract.json',
      expect: [
        {
          path: '/$defs/Node/properties/name/note',
          line: 19,
          column: 59,
          field: '$defs.Node.name',
          data: { kind: 'placeholder' },
        },
      ],
    },
    // Judged after NFKC, with zero-width and control characters removed and whitespace collapsed.
    ...(
      [
        ['bad-note-repeated-placeholder.contract.json', 'placeholder'],
        ['bad-note-repeated-phrase.contract.json', 'placeholder'],
        ['bad-note-zero-width-todo.contract.json', 'placeholder'],
        ['bad-note-zero-width-only.contract.json', 'blank'],
        ['bad-note-fullwidth-todo.contract.json', 'placeholder'],
        ['bad-note-control-split.contract.json', 'placeholder'],
      ] as const
    ).map(([fixture, kind]) => ({
      fixture,
      expect: [{ path: '/properties/template_assets/note', line: 16, column: 7, data: { kind } }],
    })),
    {
      fixture: 'bad-note-missing.contract.json',
      expect: [{ path: '/properties/template_assets', line: 12, column: 5, data: { kind: 'missing' } }],
    },
    {
      fixture: 'bad-note-blank.contract.json',
      expect: [{ path: '/properties/template_assets/note', line: 16, column: 7, data: { kind: 'blank' } }],
    },
    {
      fixture: 'bad-note-todo.contract.json',
      expect: [{ path: '/properties/template_assets/note', line: 16, column: 7, data: { kind: 'placeholder' } }],
    },
    {
      fixture: 'bad-note-tbd.contract.json',
      expect: [{ path: '/properties/template_assets/note', line: 16, column: 7, data: { kind: 'placeholder' } }],
    },
    {
      fixture: 'bad-note-todo-prefix.contract.json',
      expect: [{ path: '/properties/template_assets/note', line: 16, column: 7, data: { kind: 'placeholder' } }],
    },
    {
      fixture: 'bad-note-too-short.contract.json',
      expect: [{ path: '/properties/template_assets/note', line: 16, column: 7, data: { kind: 'too-short' } }],
    },
    {
      fixture: 'bad-note-not-string.contract.json',
      expect: [{ path: '/properties/template_assets/note', line: 16, column: 7, data: { kind: 'not-string' } }],
    },
    {
      fixture: 'bad-note-missing-nested.contract.json',
      expect: [
        {
          path: '/properties/display/properties/legacy_dpi',
          line: 17,
          column: 9,
          data: { kind: 'missing' },
          field: 'display.legacy_dpi',
        },
      ],
    },
    {
      // The pointer escapes "/" as "~1"; the wire field name must not.
      fixture: 'bad-note-placeholder-escaped-name.contract.json',
      expect: [
        { path: '/properties/assets~1v1/note', line: 16, column: 7, data: { kind: 'placeholder' }, field: 'assets/v1' },
      ],
    },
  ],
});

ruleTester(DUPLICATE_KEY, {
  valid: ['good.contract.json', 'good-accented-and-plain.contract.json'],
  invalid: [
    {
      // "caf\u00e9" (NFC) and "cafe\u0301" (NFD) are different keys that read the same.
      fixture: 'bad-normalization-twin-field.contract.json',
      expect: [
        {
          path: '/properties/cafe\u0301',
          line: 14,
          column: 5,
          data: { kind: 'normalization', key: 'cafe\u0301', equalTo: 'caf\u00e9', firstPath: '/properties/caf\u00e9' },
        },
      ],
    },
    {
      fixture: 'bad-duplicate-field.contract.json',
      expect: [{ path: '/properties', line: 14, column: 5, data: { key: 'tier', firstLine: 12, firstColumn: 5 } }],
    },
    {
      fixture: 'bad-duplicate-keyword.contract.json',
      expect: [
        { path: '/properties/tier', line: 15, column: 7, data: { key: 'cp_consumes', firstLine: 14, firstColumn: 7 } },
      ],
    },
    {
      // "\u0074ier" is "tier" once decoded.
      fixture: 'bad-duplicate-escaped-name.contract.json',
      expect: [{ path: '/properties', line: 13, column: 5, data: { key: 'tier', firstLine: 12, firstColumn: 5 } }],
    },
  ],
});

// Positions: the "pattern" key of org_id in each fixture (line 11).
ruleTester(PATTERN_UNSAFE, {
  valid: ['good.contract.json', 'good-field-named-pattern.contract.json'],
  invalid: [
    {
      fixture: 'bad-nested-plus.contract.json',
      expect: [
        { path: '/properties/org_id/pattern', line: 11, column: 35, data: { kind: 'undecided', pattern: '(x+x+)+y' } },
      ],
    },
    {
      fixture: 'bad-alternation.contract.json',
      expect: [
        { path: '/properties/org_id/pattern', line: 11, column: 35, data: { kind: 'undecided', pattern: '(a|a)*b' } },
      ],
    },
    {
      fixture: 'bad-star-star.contract.json',
      expect: [
        { path: '/properties/org_id/pattern', line: 11, column: 35, data: { kind: 'backtracking', pattern: '(a*)*b' } },
      ],
    },
  ],
});

ruleTester(OBJECT_NOT_CLOSED, {
  valid: ['good.contract.json', 'good-maps.contract.json'],
  invalid: [
    {
      fixture: 'bad-open-definition.contract.json',
      expect: [{ path: '/$defs/Node', line: 14, column: 5, field: '$defs.Node', data: { additionalProperties: null } }],
    },
    {
      fixture: 'bad-root-open.contract.json',
      expect: [{ path: '', line: 1, column: 1, data: { additionalProperties: null } }],
    },
    {
      fixture: 'bad-root-additional-true.contract.json',
      expect: [{ path: '', line: 1, column: 1, data: { additionalProperties: true } }],
    },
    {
      fixture: 'bad-nested-open.contract.json',
      expect: [
        { path: '/properties/display', line: 12, column: 5, data: { additionalProperties: null }, field: 'display' },
      ],
    },
    {
      fixture: 'bad-nested-open-escaped-name.contract.json',
      expect: [
        {
          path: '/properties/display~1v2',
          line: 12,
          column: 5,
          data: { additionalProperties: null },
          field: 'display/v2',
        },
      ],
    },
    {
      fixture: 'bad-array-items-open.contract.json',
      expect: [{ path: '/properties/mounts/items', line: 15, column: 7, data: { additionalProperties: null } }],
    },
    {
      fixture: 'bad-map-values-open.contract.json',
      expect: [
        { path: '/properties/mounts/additionalProperties', line: 15, column: 7, data: { additionalProperties: null } },
      ],
    },
  ],
});

ruleTester(REQUIRED_NOT_DECLARED, {
  valid: ['good.contract.json'],
  invalid: [
    {
      fixture: 'bad-required-in-definition.contract.json',
      expect: [{ path: '/$defs/Node/required/1', line: 17, column: 28, data: { name: 'nam' } }],
    },
    {
      fixture: 'bad-root-required-undeclared.contract.json',
      expect: [{ path: '/required/1', line: 9, column: 26, data: { name: 'workspace_id' } }],
    },
    {
      fixture: 'bad-nested-required-undeclared.contract.json',
      expect: [{ path: '/properties/display/required/1', line: 16, column: 28, data: { name: 'protocl' } }],
    },
  ],
});

ruleTester(SCHEMA_INVALID, {
  valid: ['good.contract.json', 'good-consumer-reads-strict.contract.json'],
  invalid: [
    {
      // "reads" on the consumer takes one value, "strict" (the read analysis' strict mode).
      fixture: 'bad-consumer-reads.contract.json',
      expect: [
        {
          path: '/consumer/reads',
          line: 6,
          column: 75,
          data: { keyword: 'enum', params: { allowedValues: ['strict'] } },
        },
      ],
    },
    {
      fixture: 'bad-endpoint-without-method.contract.json',
      expect: [
        {
          path: '/endpoint',
          line: 4,
          column: 3,
          data: { keyword: 'pattern', params: { pattern: '^(GET|POST|PUT|PATCH|DELETE) /\\S*$' } },
        },
      ],
    },
    {
      fixture: 'bad-producer-missing.contract.json',
      expect: [
        { path: '', line: 1, column: 1, data: { keyword: 'required', params: { missingProperty: 'producer' } } },
      ],
    },
    {
      fixture: 'bad-minimum-not-number.contract.json',
      expect: [
        {
          path: '/properties/tier/minimum',
          line: 12,
          column: 34,
          data: { keyword: 'type', params: { type: 'number' } },
        },
      ],
    },
    {
      // One typo, one finding: the enum of JSON types. The meta-schema's
      // "string or array of strings" anyOf adds "must be array" and "must match
      // a schema in anyOf" about the same value; those are noise, not findings.
      fixture: 'bad-type-typo.contract.json',
      expect: [
        {
          path: '/properties/runtime/type',
          line: 12,
          column: 18,
          data: {
            keyword: 'enum',
            params: { allowedValues: ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string'] },
          },
        },
      ],
    },
  ],
});

// Every keyword is judged against the dialect (src/contract/dialect.ts) for the
// position it stands at; the finding points at the keyword itself.
ruleTester(UNSUPPORTED_SCHEMA, {
  // Shared, recursive (directly and through Owner <-> Team), nullable, in array items and in map values.
  valid: ['good.contract.json', 'good-constraints.contract.json', 'good-defs.contract.json'],
  invalid: [
    {
      fixture: 'bad-anyof.contract.json',
      expect: [
        {
          path: '/properties/tier/anyOf',
          line: 12,
          column: 15,
          data: { kind: 'refused-keyword', keyword: 'anyOf', position: 'field' },
        },
      ],
    },
    {
      fixture: 'bad-oneof-in-array-items.contract.json',
      expect: [
        {
          path: '/properties/ports/items/oneOf',
          line: 12,
          column: 65,
          data: { kind: 'refused-keyword', keyword: 'oneOf', position: 'items' },
        },
      ],
    },
    {
      fixture: 'bad-map-values-contains.contract.json',
      expect: [
        {
          path: '/properties/env/additionalProperties/contains',
          line: 15,
          column: 96,
          data: { kind: 'refused-keyword', keyword: 'contains', position: 'values' },
        },
      ],
    },
    {
      fixture: 'bad-field-default.contract.json',
      expect: [
        {
          path: '/properties/tier/default',
          line: 12,
          column: 34,
          data: { kind: 'refused-keyword', keyword: 'default', position: 'field' },
        },
      ],
    },
    {
      fixture: 'bad-field-title.contract.json',
      expect: [
        {
          path: '/properties/tier/title',
          line: 12,
          column: 34,
          data: { kind: 'misplaced-keyword', keyword: 'title', position: 'field' },
        },
      ],
    },
    {
      fixture: 'bad-field-unknown-keyword.contract.json',
      expect: [
        {
          path: '/properties/tier/maximun',
          line: 12,
          column: 34,
          data: { kind: 'unknown-keyword', keyword: 'maximun', position: 'field' },
        },
      ],
    },
    {
      fixture: 'bad-items-ledger.contract.json',
      expect: [
        {
          path: '/properties/ports/items/cp_consumes',
          line: 16,
          column: 84,
          data: { kind: 'misplaced-keyword', keyword: 'cp_consumes', position: 'items' },
        },
      ],
    },
    {
      fixture: 'bad-root-not.contract.json',
      expect: [
        { path: '/not', line: 8, column: 3, data: { kind: 'refused-keyword', keyword: 'not', position: 'root' } },
      ],
    },
    {
      fixture: 'bad-root-const.contract.json',
      expect: [
        { path: '/const', line: 8, column: 3, data: { kind: 'misplaced-keyword', keyword: 'const', position: 'root' } },
      ],
    },
    {
      fixture: 'bad-root-minproperties.contract.json',
      expect: [
        {
          path: '/minProperties',
          line: 8,
          column: 3,
          data: { kind: 'refused-keyword', keyword: 'minProperties', position: 'root' },
        },
      ],
    },
    {
      fixture: 'bad-root-dependentschemas.contract.json',
      expect: [
        {
          path: '/dependentSchemas',
          line: 8,
          column: 3,
          data: { kind: 'refused-keyword', keyword: 'dependentSchemas', position: 'root' },
        },
      ],
    },
    {
      fixture: 'bad-root-ref.contract.json',
      expect: [
        { path: '/$ref', line: 8, column: 3, data: { kind: 'misplaced-keyword', keyword: '$ref', position: 'root' } },
      ],
    },
    {
      fixture: 'bad-root-allof.contract.json',
      expect: [
        { path: '/allOf', line: 8, column: 3, data: { kind: 'refused-keyword', keyword: 'allOf', position: 'root' } },
      ],
    },
    {
      fixture: 'bad-root-if.contract.json',
      expect: [{ path: '/if', line: 8, column: 3, data: { kind: 'refused-keyword', keyword: 'if', position: 'root' } }],
    },
    {
      fixture: 'bad-root-patternproperties.contract.json',
      expect: [
        {
          path: '/patternProperties',
          line: 8,
          column: 3,
          data: { kind: 'refused-keyword', keyword: 'patternProperties', position: 'root' },
        },
      ],
    },
    {
      fixture: 'bad-multiple-types.contract.json',
      expect: [
        {
          path: '/properties/tier',
          line: 12,
          column: 5,
          data: { kind: 'type', reason: 'a field of several types (integer, string) is not supported' },
        },
      ],
    },
    ...(
      [
        ['bad-ref-file.contract.json', 'node.schema.json'],
        ['bad-ref-url.contract.json', 'https://example.com/node.json'],
      ] as const
    ).map(([fixture, ref]) => ({
      fixture,
      expect: [
        {
          path: '/properties/root',
          line: 11,
          column: 5,
          field: 'root',
          data: {
            kind: 'type',
            reason: `"$ref" is not supported for "${ref}": a reference names a definition of this contract, "#/$defs/Name"`,
          },
        },
      ],
    })),
    {
      fixture: 'bad-ref-not-a-definition.contract.json',
      expect: [
        {
          path: '/properties/copy',
          line: 12,
          column: 5,
          field: 'copy',
          data: {
            kind: 'type',
            reason:
              '"$ref" is not supported for "#/properties/root": a reference names a definition of this contract, "#/$defs/Name"',
          },
        },
      ],
    },
    {
      fixture: 'bad-ref-dangling.contract.json',
      expect: [
        {
          path: '/$defs/Node/properties/children',
          line: 20,
          column: 9,
          field: '$defs.Node.children',
          data: {
            kind: 'type',
            reason: '"$ref": "#/$defs/Nod" names no entry of the root "$defs"; add the definition or fix the name',
          },
        },
      ],
    },
    {
      fixture: 'bad-ref-with-type.contract.json',
      expect: [
        {
          path: '/properties/root',
          line: 11,
          column: 5,
          field: 'root',
          data: {
            kind: 'type',
            reason:
              '"type" beside "$ref" is not supported; only "cp_consumes", "description" and "note" may stand beside a reference (a nullable one is "anyOf": [{"$ref": ...}, {"type": "null"}])',
          },
        },
      ],
    },
    {
      // Only [{"$ref"}, {"type": "null"}] in that order is the nullable reference; anything else stays an unsupported anyOf.
      fixture: 'bad-anyof-ref-not-exact.contract.json',
      expect: [
        {
          path: '/properties/spare/anyOf',
          line: 12,
          column: 16,
          field: 'spare',
          data: { kind: 'refused-keyword', keyword: 'anyOf', position: 'field' },
        },
      ],
    },
    {
      fixture: 'bad-defs-not-at-root.contract.json',
      expect: [
        {
          path: '/properties/extra/$defs',
          line: 12,
          column: 34,
          field: 'extra',
          data: { kind: 'misplaced-keyword', keyword: '$defs', position: 'field' },
        },
      ],
    },
    {
      fixture: 'bad-def-not-an-object.contract.json',
      expect: [
        {
          path: '/$defs/Id',
          line: 25,
          column: 5,
          data: {
            kind: 'definition',
            reason:
              'a definition is an object schema with named fields ({"type": "object", "properties": {...}}); a nullable use says "anyOf": [{"$ref": ...}, {"type": "null"}]',
          },
        },
      ],
    },
  ],
});

describe('CONTRACT_PARSE_ERROR on bytes that are not UTF-8', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wirepin-utf8-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const head = [
    '{',
    '  "title": "ProvisionRequest",',
    '  "endpoint": "POST /cp/workspaces/provision",',
    '  "producer": { "name": "core", "repo": "core", "type": "cpProvisionRequest" },',
    '  "consumer": { "name": "cp", "repo": "cp", "type": "wsProvisionRequest" },',
    '  "type": "object",',
    '  "additionalProperties": false,',
    '  "properties": {',
    '    "org_id": { "type": "string", "cp_consumes": true, "description": "caf',
  ].join('\n');
  const tail = '" }\n  }\n}\n';

  it.each([
    // 0xC3 starts a two-byte sequence, but "(" is not a continuation byte.
    ['a broken two-byte sequence', [0xc3, 0x28]],
    // 0xFF never appears in UTF-8.
    ['a byte UTF-8 never uses', [0xff]],
    // Latin-1 "é" as a contract saved in the wrong encoding would have it.
    ['a Latin-1 e-acute', [0xe9]],
  ])('reports %s at the line and column where it sits', async (_name, bad) => {
    const file = join(dir, `bad-${bad.join('-')}.contract.json`);
    writeFileSync(file, Buffer.concat([Buffer.from(head, 'utf8'), Buffer.from(bad), Buffer.from(tail, 'utf8')]));
    const analyzed = await lintFile(file, dir);
    expect(analyzed.findings.map((f) => ({ rule: f.rule, ...comparable(f, false) }))).toEqual([
      // Line 9 is `    "org_id": { ... "description": "caf`, 74 characters; the bad byte follows.
      { rule: 'CONTRACT_PARSE_ERROR', path: '', line: 9, column: 75, data: { kind: 'encoding' } },
    ]);
    expect(head.split('\n')[8]).toHaveLength(74);
    expect(analyzed.findings[0]?.file).toBe(file.slice(dir.length + 1));
  });
});

describe('the too-deep fixture', () => {
  it('nests exactly past MAX_JSON_DEPTH where the expected column says', async () => {
    const analyzed = await lintFile(`${RULE_FIXTURES}/CONTRACT_PARSE_ERROR/bad-too-deep.contract.json`);
    const line = analyzed.text.split('\n')[10] ?? '';
    const column = analyzed.findings[0]?.column ?? 0;
    // Depth before the column: the root object, "properties", the field, then arrays.
    const depth = 3 + [...line.slice(0, column)].filter((c) => c === '[').length;
    expect(depth).toBe(MAX_JSON_DEPTH + 1);
  });
});

describe('fields named like Object.prototype members', () => {
  it('are ordinary fields: the contract lints clean and the field table lists them in order', async () => {
    const analyzed = await lintFile(`${RULE_FIXTURES}/CONSUMES_FLAG_MISSING/good-prototype-names.contract.json`);
    expect(analyzed.findings).toEqual([]);
    const fields = [...(analyzed.model?.fields.values() ?? [])];
    expect(fields.map((f) => [f.pointer, f.consumes, f.required, f.type.kind])).toEqual([
      ['/__proto__', true, true, 'string'],
      ['/constructor', true, true, 'string'],
      ['/toString', true, false, 'string'],
    ]);
    const properties = analyzed.document?.value as { properties: Record<string, unknown> } | undefined;
    expect(Object.keys(properties?.properties ?? {})).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.prototype).not.toHaveProperty('cp_consumes');
  });

  it('still need a ledger entry: a "constructor" without cp_consumes is reported, not read from the prototype', async () => {
    const analyzed = await lintFile(`${RULE_FIXTURES}/CONSUMES_FLAG_MISSING/bad-missing-on-constructor.contract.json`);
    expect(analyzed.model?.fields.get('/constructor')?.consumes).toBeUndefined();
    expect(findingsOf(CONSUMES_FLAG_MISSING, analyzed).map((f) => f.path)).toEqual(['/properties/constructor']);
  });
});

describe('every bad fixture of a lint rule', () => {
  const lintRules = [
    CONSUMED_UNDER_DEAD_PARENT,
    CONSUMES_FLAG_MISSING,
    CONTRACT_PARSE_ERROR,
    DEAD_FIELD_NOTE_MISSING,
    DUPLICATE_KEY,
    OBJECT_NOT_CLOSED,
    REQUIRED_NOT_DECLARED,
    SCHEMA_INVALID,
    UNSUPPORTED_SCHEMA,
  ];
  const bad = lintRules
    .map((r) => r.id)
    .flatMap((rule) =>
      readdirSync(join(REPO_ROOT, RULE_FIXTURES, rule))
        .filter((name) => name.startsWith('bad-'))
        .map((name) => `${RULE_FIXTURES}/${rule}/${name}`),
    );

  it.each(bad.map((f) => [f]))(
    '%s: every message is one or more whole sentences ending in a single period',
    async (fixture) => {
      const analyzed = await lintFile(fixture);
      expect(analyzed.findings.length).toBeGreaterThan(0);
      for (const f of analyzed.findings) {
        expect(f.message, `${f.rule} at ${f.line}:${f.column}`).toMatch(/^[A-Z"].*[^.]\.$/su);
        expect(f.line).toBeGreaterThanOrEqual(1);
        expect(f.column).toBeGreaterThanOrEqual(1);
      }
    },
  );
});

// The type names are json-schema-to-typescript's own (toSafeString of the $ref's last segment, as generate emits them).
ruleTester(DEFINITION_NAME_COLLISION, {
  valid: ['good.contract.json'],
  invalid: [
    {
      // Reported at the second definition's key, in document order.
      fixture: 'bad-case.contract.json',
      expect: [
        {
          path: '/$defs/Address',
          line: 48,
          column: 5,
          data: { kind: 'definition', definition: 'Address', first: 'address', typeName: 'Address' },
        },
      ],
    },
    {
      // "Parcel" keeps its name; "a-b" and "a_b" both lose their punctuation.
      fixture: 'bad-punctuation.contract.json',
      expect: [
        {
          path: '/$defs/a_b',
          line: 65,
          column: 5,
          data: { kind: 'definition', definition: 'a_b', first: 'a-b', typeName: 'AB' },
        },
      ],
    },
    {
      // "x/y" is referred to as "#/$defs/x~1y", so its name is made from "x~1y".
      fixture: 'bad-escaped-slash.contract.json',
      expect: [
        {
          path: '/$defs/X1Y',
          line: 48,
          column: 5,
          data: { kind: 'definition', definition: 'X1Y', first: 'x/y', typeName: 'X1Y' },
        },
      ],
    },
    {
      fixture: 'bad-title.contract.json',
      expect: [
        {
          path: '/$defs/exampleRequest',
          line: 31,
          column: 5,
          data: { kind: 'title', definition: 'exampleRequest', typeName: 'ExampleRequest' },
        },
      ],
    },
  ],
});
