// Generated Go packages for the extractor's scale checks (test/extract/go/scale.test.ts,
// bench/go-scale.js). Each generator returns { fileName: text }; callers write them.

/**
 * A package of `types` structs in which T<i> points at T<i+1> and T<i+2>
 * (the last ones at nothing): the number of paths from T0 grows like
 * Fibonacci(types), though the graph has only `types` nodes.
 */
export function fibonacciGraph(types = 32) {
  const out = ['package graph', ''];
  for (let i = 0; i < types; i++) {
    out.push(`type T${i} struct {`, `\tName string \`json:"name"\``, `\tCount int \`json:"count,omitempty"\``);
    if (i + 1 < types) out.push(`\tA *T${i + 1} \`json:"a,omitempty"\``);
    if (i + 2 < types) out.push(`\tB *T${i + 2} \`json:"b,omitempty"\``);
    out.push('}', '');
  }
  return { 'graph.go': out.join('\n') };
}

/**
 * A consumer handler for fibonacciGraph(types) (same package): decodes a T0
 * and reads every field of every type it reaches, one function per type,
 * each calling the next two (the read analysis follows it by type, once per
 * type however many paths there are). With `unread`, T<types-1>'s count is
 * never read, so consumes finds exactly one unread field.
 */
export function fibonacciHandler(types = 32, { unread = false } = {}) {
  const out = [
    'package graph',
    '',
    'import (',
    '\t"encoding/json"',
    '\t"strconv"',
    ')',
    '',
    '// Handle decodes a T0 and reads every field of every type it reaches.',
    'func Handle(body []byte) (string, error) {',
    '\tvar t T0',
    '\tif err := json.Unmarshal(body, &t); err != nil {',
    '\t\treturn "", err',
    '\t}',
    '\treturn visit0(&t), nil',
    '}',
    '',
  ];
  for (let i = 0; i < types; i++) {
    const count = unread && i === types - 1 ? '' : ' + strconv.Itoa(t.Count)';
    out.push(`func visit${i}(t *T${i}) string {`, '\tif t == nil {', '\t\treturn ""', '\t}', `\ts := t.Name${count}`);
    if (i + 1 < types) out.push(`\ts += visit${i + 1}(t.A)`);
    if (i + 2 < types) out.push(`\ts += visit${i + 2}(t.B)`);
    out.push('\treturn s', '}', '');
  }
  return { 'handler.go': out.join('\n') };
}

/**
 * The `$defs` contract that matches fibonacciGraph(types) for its root T0:
 * T0's own fields at the root, every type T<i> (i >= 1) once under `$defs`,
 * each pointer a `"$ref"`. With `drift`, T<types-1> gains a field the source
 * does not have (its "extra"), so a pin finds exactly one missing field.
 */
export function fibonacciDefsContract(types = 32, { drift = false } = {}) {
  const fieldsOf = (i) => {
    const properties = {
      name: { type: 'string', cp_consumes: true },
      count: { type: 'integer', cp_consumes: true },
    };
    if (i + 1 < types) properties.a = { $ref: `#/$defs/T${i + 1}`, cp_consumes: true };
    if (i + 2 < types) properties.b = { $ref: `#/$defs/T${i + 2}`, cp_consumes: true };
    if (drift && i === types - 1) properties.extra = { type: 'string', cp_consumes: true };
    return { type: 'object', additionalProperties: false, required: ['name'], properties };
  };
  const $defs = {};
  for (let i = 1; i < types; i++) $defs[`T${i}`] = fieldsOf(i);
  return {
    title: 'Graph',
    endpoint: 'POST /graph',
    producer: { name: 'graphs', repo: 'graphs', type: 'T0' },
    consumer: { name: 'reader', repo: 'reader', type: 'T0' },
    ...fieldsOf(0),
    $defs,
  };
}

const FIELD_TYPES = ['string', '*int64', 'map[string][]string', 'time.Time', '[]byte', 'bool', 'float64', '[]string'];

/**
 * A package of at least `lines` lines in `files` files: structs of 20 fields
 * each, every one holding a pointer to a struct 7 further on (a chain the
 * extractor cuts at its depth bound) and a slice of a shared base type that
 * every tenth struct also embeds.
 * Returns the files and the struct names.
 */
export function bigPackage({ lines = 100_000, files = 20 } = {}) {
  const perStruct = 24; // lines per struct, its base included (one in ten)
  const structs = Math.ceil(lines / perStruct);
  const perFile = Math.ceil(structs / files);
  const result = {};
  const names = [];
  let written = 0;
  for (let file = 0; file < files; file++) {
    const out = ['package big', '', 'import "time"', ''];
    for (let i = file * perFile; i < Math.min(structs, (file + 1) * perFile); i++) {
      names.push(`S${i}`);
      out.push(`// S${i} is generated.`, `type S${i} struct {`);
      if (i % 10 === 0) out.push(`\tBase${i}`);
      for (let f = 0; f < 18; f++) {
        out.push(`\tField${f} ${FIELD_TYPES[(f + i) % FIELD_TYPES.length]} \`json:"field_${f},omitempty"\``);
      }
      out.push(`\tNext *S${(i + 7) % structs} \`json:"next,omitempty"\``);
      out.push(`\tItems []Base${i - (i % 10)} \`json:"items"\``, '}', '');
      if (i % 10 === 0) out.push(`type Base${i} struct {`, `\tID string \`json:"id"\``, '}', '');
    }
    written += out.length;
    result[`gen_${String(file).padStart(2, '0')}.go`] = out.join('\n');
  }
  return { files: result, structs: names, lines: written };
}

/**
 * A module shaped like real API packages (moby's api/types, go-github,
 * k8s core/v1): package `api` of `structs` structs with dense links to each
 * other, embedding chains, shared and recursive types, `time.Time` wrappers
 * (`Timestamp struct{ time.Time }`), standard-library table types; a sibling
 * package `api/network`; a vendored module `github.com/Acme/kit/meta`.
 * Returns { files, types: { api: [...], network: [...] } }; paths are
 * relative to the module root. Deterministic for a given `structs`.
 */
export function realWorldModule({ structs = 240 } = {}) {
  const files = {};
  files['go.mod'] = 'module example.com/shapes\n\ngo 1.19\n\nrequire github.com/Acme/kit v1.4.0\n';
  files['vendor/modules.txt'] = '# github.com/Acme/kit v1.4.0\n## explicit; go 1.19\ngithub.com/Acme/kit/meta\n';
  files['vendor/github.com/Acme/kit/meta/meta.go'] = [
    'package meta',
    '',
    'import "time"',
    '',
    '// ObjectMeta mimics k8s metav1.ObjectMeta: always sent, even under omitempty.',
    'type ObjectMeta struct {',
    '\tName        string            `json:"name,omitempty"`',
    '\tLabels      map[string]string `json:"labels,omitempty"`',
    '\tCreated     Time              `json:"creationTimestamp"`',
    '\tGeneration  int64             `json:"generation,omitempty"`',
    '}',
    '',
    '// Time mimics metav1.Time.',
    'type Time struct{ time.Time }',
    '',
  ].join('\n');
  const network = ['package network', '', 'import (', '\t"net"', '\t"net/netip"', ')', ''];
  const networkTypes = [];
  for (let i = 0; i < 12; i++) {
    networkTypes.push(`Endpoint${i}`);
    network.push(
      `type Endpoint${i} struct {`,
      '\tAddr    netip.Addr   `json:"addr"`',
      '\tPrefix  netip.Prefix `json:"prefix,omitempty"`',
      '\tIP      net.IP       `json:"ip,omitempty"`',
      `\tAliases []string     \`json:"aliases"\``,
      i > 0 ? `\tParent  *Endpoint${i - 1} \`json:"parent,omitempty"\`` : '\tMTU int `json:"mtu"`',
      '}',
      '',
    );
  }
  files['api/network/network.go'] = network.join('\n');
  const api = [
    'package api',
    '',
    'import (',
    '\t"encoding/json"',
    '\t"math/big"',
    '\t"time"',
    '',
    '\t"example.com/shapes/api/network"',
    '\t"github.com/Acme/kit/meta"',
    ')',
    '',
    "// Timestamp mimics go-github: Time's MarshalJSON is promoted.",
    'type Timestamp struct{ time.Time }',
    '',
    'type Base struct {',
    '\tID      int64     `json:"id"`',
    '\tCreated Timestamp `json:"created_at"`',
    '\tURL     *string   `json:"url,omitempty"`',
    '}',
    '',
    'type Tree struct {',
    '\tName     string  `json:"name"`',
    '\tChildren []*Tree `json:"children,omitempty"`',
    '}',
    '',
  ];
  const apiTypes = ['Base', 'Tree'];
  const leaf = [
    'string',
    '*string',
    'int',
    '*int64',
    'bool',
    'float64',
    '[]string',
    'time.Time',
    'time.Duration',
    'json.Number',
    '*big.Int',
    'Timestamp',
    '*Timestamp',
    'json.RawMessage',
  ];
  for (let i = 0; i < structs; i++) {
    apiTypes.push(`T${i}`);
    api.push(`type T${i} struct {`);
    // Embedding chains: every third type embeds the previous one (its fields are promoted), every fifth embeds Base by pointer.
    if (i % 3 === 1) api.push(`\tT${i - 1}`);
    if (i % 5 === 0) api.push('\t*Base');
    for (let f = 0; f < 6; f++) {
      const type = leaf[(i * 7 + f * 3) % leaf.length];
      const omit = (i + f) % 3 === 0 ? ',omitempty' : '';
      api.push(`\tF${f} ${type} \`json:"f${i}_${f}${omit}"\``);
    }
    // Dense, shared links: each type points at two later ones (bounded below by the depth the oracle fills).
    if (i + 1 < structs) api.push(`\tNext *T${i + 1} \`json:"next,omitempty"\``);
    if (i + 2 < structs) api.push(`\tSkip []T${i + 2} \`json:"skip"\``);
    api.push(`\tNet network.Endpoint${i % 12} \`json:"net"\``);
    if (i % 4 === 0) api.push('\tMeta meta.ObjectMeta `json:"metadata,omitempty"`');
    if (i % 6 === 0) api.push('\tTree *Tree `json:"tree,omitempty"`');
    // A tag-less exported field and an unexported one.
    api.push('\tPlain string', '\thidden string', '}', '');
  }
  files['api/api.go'] = api.join('\n');
  return { files, types: { api: apiTypes, network: networkTypes } };
}
