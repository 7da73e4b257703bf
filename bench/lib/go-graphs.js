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
