import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allContractFields, buildContractModel, fieldLabel } from '../../src/contract/field-table.js';
import type { JsonValue } from '../../src/contract/json-document.js';
import { REPO_ROOT, RULE_FIXTURES } from '../rules/rule-tester.js';

/** The normalized form of `$defs` and `$ref` (src/contract/field-table.ts): the root table stops at a reference, each definition has its own. */
const read = (path: string): JsonValue => JSON.parse(readFileSync(join(REPO_ROOT, path), 'utf8')) as JsonValue;

describe('buildContractModel with $defs', () => {
  const model = buildContractModel(read(`${RULE_FIXTURES}/UNSUPPORTED_SCHEMA/good-defs.contract.json`));

  it('stops the root table at a reference and types it by the definition it names', () => {
    expect([...model.fields.keys()]).toEqual(['/root', '/spare', '/by_name']);
    expect(model.fields.get('/root')?.type).toEqual({ kind: 'object', nullable: false, ref: 'Node' });
    // The one nullable form: anyOf [$ref, null].
    expect(model.fields.get('/spare')?.type).toEqual({ kind: 'object', nullable: true, ref: 'Node' });
    expect(model.fields.get('/by_name')?.type).toEqual({
      kind: 'map',
      nullable: false,
      values: { kind: 'object', nullable: false, ref: 'Owner' },
    });
    expect(model.fields.get('/root')?.description).toBe('The top of the tree.');
    expect(model.fields.get('/root')?.def).toBeUndefined();
  });

  it('gives each definition its own table: pointers relative to it, schema pointers from the root', () => {
    expect([...model.defs.keys()]).toEqual(['Node', 'Owner', 'Team']);
    const node = model.defs.get('Node');
    expect(node?.schemaPointer).toBe('/$defs/Node');
    expect(node?.problem).toBeUndefined();
    expect(
      [...(node?.fields.values() ?? [])].map((f) => [f.pointer, f.schemaPointer, f.parent, f.required, f.def]),
    ).toEqual([
      ['/name', '/$defs/Node/properties/name', '', true, 'Node'],
      ['/children', '/$defs/Node/properties/children', '', false, 'Node'],
      ['/owner', '/$defs/Node/properties/owner', '', false, 'Node'],
    ]);
    // Recursion: directly (Node.children -> Node) and through another definition (Owner.team -> Team.lead -> Owner).
    expect(node?.fields.get('/children')?.type).toEqual({
      kind: 'array',
      nullable: false,
      items: { kind: 'object', nullable: false, ref: 'Node' },
    });
    expect(model.defs.get('Team')?.fields.get('/lead')?.type).toEqual({
      kind: 'object',
      nullable: false,
      ref: 'Owner',
    });
    expect(model.defs.get('Team')?.fields.get('/lead')?.consumes).toBe(false);
  });

  it("lists every field, root first, and names a definition's field by its definition", () => {
    expect([...allContractFields(model)].map(fieldLabel)).toEqual([
      'root',
      'spare',
      'by_name',
      '$defs.Node.name',
      '$defs.Node.children',
      '$defs.Node.owner',
      '$defs.Owner.id',
      '$defs.Owner.team',
      '$defs.Team.lead',
      '$defs.Team.name',
    ]);
  });

  it('leaves a definition that is not an object schema without fields, with the reason', () => {
    const bad = buildContractModel(read(`${RULE_FIXTURES}/UNSUPPORTED_SCHEMA/bad-def-not-an-object.contract.json`));
    expect(bad.defs.get('Id')?.problem).toMatch(/object schema with named fields/u);
    expect(bad.defs.get('Id')?.fields.size).toBe(0);
  });

  it('normalizes a contract without $defs as before, with an empty definition table', () => {
    const shipped = buildContractModel(read('contracts/provision_request.contract.json'));
    expect(shipped.defs.size).toBe(0);
    expect(
      [...shipped.fields.values()].every((f) => f.def === undefined && !(f.type.kind === 'object' && 'ref' in f.type)),
    ).toBe(true);
  });

  it('treats "$defs" that is not an object, and hostile definition names, without throwing', () => {
    expect(buildContractModel({ type: 'object', properties: {}, $defs: [] } as unknown as JsonValue).defs.size).toBe(0);
    const hostile = buildContractModel(
      JSON.parse(
        '{"type":"object","properties":{"a":{"$ref":"#/$defs/a~1b"}},"$defs":{"__proto__":{"type":"object","properties":{}},"a/b":{"type":"object","properties":{}}}}',
      ) as JsonValue,
    );
    expect([...hostile.defs.keys()]).toEqual(['__proto__', 'a/b']);
    expect(hostile.defs.get('a/b')?.schemaPointer).toBe('/$defs/a~1b');
    expect(hostile.fields.get('/a')?.type).toEqual({ kind: 'object', nullable: false, ref: 'a/b' });
  });
});
