// Derives the fast-path meta-schema from schemas/contract.schema.json and the
// JSON Schema 2020-12 vocabulary meta-schemas that ajv ships.
//
// Why: validating a contract against the real meta-schema runs every schema
// node through 2020-12's seven vocabulary meta-schemas and resolves
// "$dynamicRef": "#meta" at run time. For a 10,000-field contract that is most
// of a lint. The fast-path schema says the same thing in one closed object per
// node: every keyword a vocabulary defines, with that vocabulary's own
// subschema, plus the dialect's ledger rules, and nothing else
// ("additionalProperties": false). "$dynamicRef": "#meta" becomes a plain
// "$ref" to that node, which is what the dynamic reference resolves to for a
// contract (the dialect's "$dynamicAnchor": "meta" is outermost).
//
// The fast path may only be stricter than the real meta-schema, never more
// lenient: a node with a keyword outside the list (an unknown one, or one of
// the deprecated keywords such as "definitions", which only 2020-12's top-level
// meta-schema mentions, not a vocabulary) fails it, and then the caller validates with
// the real meta-schema, whose verdict and errors are the ones reported. So a
// contract the fast path accepts is one the real meta-schema accepts, and a
// contract it rejects gets exactly the real meta-schema's errors.
// test/contract/meta-fast-path.test.ts holds both directions.

const NODE = '#/$defs/node';

/**
 * A deep copy with "$dynamicRef": "#meta" turned into a $ref to the node and
 * local $refs renamed by `rename`. With `dropFormat`, "format" goes: ajv adds
 * the meta-schemas it ships while format validation is switched off, so the
 * real meta-schema never asserts "uri" or "regex" on a contract's keywords.
 */
function rewrite(value, rename, dropFormat = false) {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, rename, dropFormat));
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'format' && dropFormat && typeof v === 'string') continue;
    if (key === '$dynamicRef') {
      if (v !== '#meta') throw new Error(`fast meta-schema: unexpected $dynamicRef ${JSON.stringify(v)}`);
      out.$ref = NODE;
    } else if (key === '$ref') out.$ref = rename(v);
    else out[key] = rewrite(v, rename, dropFormat);
  }
  return out;
}

/**
 * @param {object} contractSchema schemas/contract.schema.json, parsed
 * @param {Record<string, object>} vocabularies 2020-12's vocabulary meta-schemas by short name (core, applicator, ...)
 * @returns {object} the fast-path schema, a 2020-12 schema with its own $id
 */
export function deriveFastMetaSchema(contractSchema, vocabularies) {
  const defs = {};
  /** keyword -> subschemas that constrain it (one per vocabulary or dialect rule that names it) */
  const constraints = new Map();
  const add = (keyword, schema) => constraints.set(keyword, [...(constraints.get(keyword) ?? []), schema]);

  for (const [vocabulary, meta] of Object.entries(vocabularies).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const rename = (ref) => {
      const local = /^#\/\$defs\/([A-Za-z0-9]+)$/u.exec(ref);
      if (!local) throw new Error(`fast meta-schema: unexpected $ref ${ref} in ${vocabulary}`);
      return `#/$defs/${vocabulary}-${local[1]}`;
    };
    for (const [name, def] of Object.entries(meta.$defs ?? {}))
      defs[`${vocabulary}-${name}`] = rewrite(def, rename, true);
    for (const [keyword, schema] of Object.entries(meta.properties ?? {})) {
      add(keyword, rewrite(schema, rename, true));
    }
  }

  const dialect = contractSchema.$defs?.dialect;
  if (!dialect?.$defs?.field || !dialect.properties || !dialect.if || !dialect.then) {
    throw new Error('fast meta-schema: schemas/contract.schema.json no longer has the dialect this derivation expects');
  }
  const dialectRename = (ref) => {
    if (ref === '#/$defs/field') return '#/$defs/field';
    throw new Error(`fast meta-schema: unexpected $ref ${ref} in the dialect`);
  };
  defs.field = rewrite(dialect.$defs.field, dialectRename);
  for (const [keyword, schema] of Object.entries(dialect.properties)) add(keyword, rewrite(schema, dialectRename));

  const properties = {};
  for (const keyword of [...constraints.keys()].sort()) {
    const list = constraints.get(keyword);
    properties[keyword] = list.length === 1 ? list[0] : { allOf: list };
  }
  defs.node = {
    type: ['object', 'boolean'],
    properties,
    additionalProperties: false,
    if: rewrite(dialect.if, dialectRename),
    then: rewrite(dialect.then, dialectRename),
  };

  // The root: the contract's own rules (header, required keys) without its $ref to the dialect,
  // and the node rules, with the header keys (which 2020-12 does not define) let through.
  const { $ref: _dialectRef, $defs: rootDefs, $id: _id, $schema: _schema, ...rootRules } = contractSchema;
  const { dialect: _dialect, ...sharedDefs } = rootDefs ?? {};
  const headerKeys = Object.keys(contractSchema.properties ?? {}).filter((key) => !constraints.has(key));
  defs.root = {
    ...defs.node,
    properties: { ...properties, ...Object.fromEntries(headerKeys.sort().map((key) => [key, true])) },
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://wirepin.dev/schemas/contract.fast-path.schema.json',
    ...rootRules,
    allOf: [{ $ref: '#/$defs/root' }],
    $defs: { ...sharedDefs, ...defs },
  };
}
