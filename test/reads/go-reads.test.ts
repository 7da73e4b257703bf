import { afterEach, describe, expect, it } from 'vitest';
import type { SourceLocation } from '../../src/errors.js';
import { extractGoStruct } from '../../src/extract/go/index.js';
import { analyzeGoReads } from '../../src/reads/go-reads.js';
import { declarationKey } from '../../src/wire.js';
import { editContract, runCliJson, scratchCopies, scratchCopy } from '../support/run-cli.js';

/**
 * The static read analysis on the shipped Go consumer (consumer/go): every
 * consumed field is proven read with a read site; each drift the issue names
 * (declared but unread, read only in a test, only written, read only in a file
 * go build ignores, the value escaping to another package) is reported, and a
 * value handed to a function of the same package that reads the field passes.
 */
const CONTRACT = 'contracts/provision_request.contract.json';
const STRUCT = 'consumer/go/ws_provision_request.go';
const ARGS = ['consumes', '--contract', CONTRACT, '--go', 'consumer/go', '--type', 'wsProvisionRequest'];

interface ReadsEntry {
  readonly pointer: string;
  readonly status: string;
  readonly sites?: readonly string[];
  readonly escape?: string;
}

let scratch: ReturnType<typeof scratchCopy> | undefined;
afterEach(() => {
  scratch?.cleanup();
  scratch = undefined;
});

async function consumes(cwd: string, extra: readonly string[] = []) {
  const run = await runCliJson([...ARGS, ...extra], { cwd });
  const reads = run.stdout ? ((JSON.parse(run.stdout) as { reads?: ReadsEntry[] }).reads ?? []) : [];
  return { ...run, reads };
}

/** A scratch copy where the contract marks template_assets consumed and wsProvisionRequest declares it; `extra` is Go added to the package. */
function withTemplateAssets(files: Readonly<Record<string, string>> = {}) {
  const copy = scratchCopy([CONTRACT, 'consumer/go']);
  editContract(copy, CONTRACT, (c) => {
    c.properties.template_assets.cp_consumes = true;
    delete c.properties.template_assets.note;
  });
  copy.edit(
    STRUCT,
    '\tConfigFiles     map[string]string `json:"config_files,omitempty"`',
    '\tConfigFiles     map[string]string `json:"config_files,omitempty"`\n\tTemplateAssets  map[string][]byte `json:"template_assets,omitempty"`',
  );
  for (const [file, text] of Object.entries(files)) copy.write(`consumer/go/${file}`, text);
  return copy;
}

const UNREAD = [['CONSUMER_FIELD_UNREAD', 'template_assets', '/properties/template_assets/cp_consumes', 'static']];
const shape = (findings: readonly { rule: string; field?: string; path: string; data?: Record<string, unknown> }[]) =>
  findings.map((f) => [f.rule, f.field, f.path, f.data?.kind]);

/**
 * analyzeGoReads on small packages, one construct per case: the facts it
 * returns (each field's verdict with its read sites, or the escape it names
 * with that escape's place, and where the root was decoded), keyed by the Go
 * declaration (`Type.Field`), so a change in how a value is followed shows up
 * as a changed fact even where a whole handler's verdicts would not move.
 */
const TYPES_GO = [
  'package h',
  '',
  'type Stamp struct {',
  '\tAt string `json:"at"`',
  '}',
  '',
  'type Inner struct {',
  '\tName string `json:"name"`',
  '\tSize int    `json:"size"`',
  '}',
  '',
  'type Req struct {',
  '\tStamp',
  '\tID    string           `json:"id"`',
  '\tCount int              `json:"count"`',
  '\tInner Inner            `json:"inner"`',
  '\tPtr   *Inner           `json:"ptr"`',
  '\tList  []Inner          `json:"list"`',
  '\tByKey map[string]Inner `json:"by_key"`',
  '}',
  '',
].join('\n');

const ALL_UNREAD: Readonly<Record<string, string>> = {
  'Stamp.At': 'unread',
  'Req.ID': 'unread',
  'Req.Count': 'unread',
  'Req.Inner': 'unread',
  'Req.Ptr': 'unread',
  'Req.List': 'unread',
  'Req.ByKey': 'unread',
  'Inner.Name': 'unread',
  'Inner.Size': 'unread',
};

const goScratch = scratchCopies([]);

/**
 * The analysis' facts for package `h` (types.go above plus `files`): per
 * declaration `read <sites>`, `unread` or `unprovable <place>: <what>`, with
 * places as `file:line:column` inside the package.
 */
async function goReadFacts(
  files: Readonly<Record<string, string>>,
  typesGo: string = TYPES_GO,
  typeName = 'Req',
): Promise<{ decodedAt: string | undefined; fields: Record<string, string> }> {
  const s = goScratch();
  s.write('h/types.go', typesGo);
  for (const [name, text] of Object.entries(files)) s.write(`h/${name}`, text);
  const extracted = await extractGoStruct({ path: 'h', typeName, cwd: s.dir, direction: 'decode' });
  const evidence = await analyzeGoReads({ path: 'h', cwd: s.dir, typeName, fields: extracted.fields, strict: false });
  const at = (l: SourceLocation) => `${l.file.replace(/^h\//u, '')}:${l.line}:${l.column}`;
  const fields: Record<string, string> = {};
  for (const field of extracted.fields) {
    // The declaration as Type.Field: the field's name at its column, the type from the nearest `type X` above it.
    const lines = s.read(field.location.file).split('\n');
    const name = /^\w+/u.exec((lines[field.location.line - 1] ?? '').slice(field.location.column - 1))?.[0];
    let owner: string | undefined;
    for (let i = field.location.line - 1; i >= 0 && owner === undefined; i--)
      owner = /^type (\w+)/u.exec(lines[i] ?? '')?.[1];
    const verdict = evidence.byDeclaration.get(declarationKey(field.location));
    fields[`${owner}.${name}`] =
      verdict === undefined
        ? 'missing'
        : verdict.status === 'read'
          ? `read ${verdict.sites.map(at).join(' ')}`
          : verdict.status === 'unread'
            ? 'unread'
            : `unprovable ${at(verdict.escape.location)}: ${verdict.escape.what}`;
  }
  return { decodedAt: evidence.decodedAt && at(evidence.decodedAt), fields };
}

/** One Go file of package h: `imports` (may be empty) and the declarations. */
const go = (body: string, ...imports: string[]): string =>
  `package h\n\n${imports.length > 0 ? `import (\n${imports.map((i) => `\t"${i}"\n`).join('')})\n\n` : ''}${body}\n`;

describe('analyzeGoReads: how values are followed', () => {
  const cases: readonly { name: string; files: Record<string, string>; facts: Record<string, string> }[] = [
    {
      name: 'a selector on a parameter of the struct type',
      files: { 'x.go': go('func f(r Req) string { return r.ID }') },
      facts: { 'Req.ID': 'read x.go:3:33' },
    },
    {
      name: 'through a pointer parameter, a promoted field of an embedded struct and a pointer field',
      files: { 'x.go': go('func f(r *Req) string { return r.At + r.Ptr.Name }') },
      facts: { 'Stamp.At': 'read x.go:3:34', 'Req.Ptr': 'read x.go:3:41', 'Inner.Name': 'read x.go:3:45' },
    },
    {
      name: 'writes are not reads, nor is the operand of a written selector',
      files: { 'x.go': go('func f(r *Req) {\n\tr.ID = "x"\n\tr.Inner.Name = "y"\n\t(r.Count) = 2\n}') },
      facts: {},
    },
    {
      name: '`op=` and `++` read what they write',
      files: { 'x.go': go('func f(r *Req) {\n\tr.Count += 1\n\tr.Inner.Size++\n}') },
      facts: { 'Req.Count': 'read x.go:4:4', 'Req.Inner': 'read x.go:5:4', 'Inner.Size': 'read x.go:5:10' },
    },
    {
      name: 'the address of a scalar field escapes that field alone; of a struct field, it is followed',
      files: { 'x.go': go('func f(r *Req) (*int, string) {\n\tp := &r.Inner\n\treturn &r.Count, p.Name\n}') },
      facts: { 'Req.Count': 'unprovable x.go:5:9: address taken (&r.Count)', 'Inner.Name': 'read x.go:5:21' },
    },
    {
      name: 'range over a slice and a map binds the element; an index reads it',
      files: {
        'x.go': go(
          'func f(r Req) {\n\tfor _, it := range r.List {\n\t\t_ = it.Name\n\t}\n\tfor k, v := range r.ByKey {\n\t\t_, _ = k, v.Size\n\t}\n\tfor i := range r.List {\n\t\t_ = r.List[i].Size\n\t}\n}',
        ),
      },
      facts: {
        'Req.List': 'read x.go:4:23 x.go:10:19 x.go:11:9',
        'Req.ByKey': 'read x.go:7:22',
        'Inner.Name': 'read x.go:5:10',
        'Inner.Size': 'read x.go:8:15 x.go:11:17',
      },
    },
    {
      name: 'a multi-value call binds each name to its result; a function naming only a helper is still read',
      files: {
        'x.go': go(
          'func load(b []byte) (*Req, error) {\n\tvar r Req\n\treturn &r, json.Unmarshal(b, &r)\n}\n\nfunc g(b []byte) string {\n\tr, err := load(b)\n\tif err != nil {\n\t\treturn ""\n\t}\n\treturn r.ID\n}',
          'encoding/json',
        ),
      },
      facts: { 'Req.ID': 'read x.go:17:11' },
    },
    {
      name: 'a method returning the struct type, in a function naming only the method',
      files: {
        'x.go': go(
          'type Store struct{}\n\nfunc (s *Store) Load() *Req { return nil }\n\nfunc (s *Store) Get() (*Req, error) { return nil, nil }\n\nfunc g(s *Store) string { return s.Load().ID }\n\nfunc h(s *Store) int {\n\tr, _ := s.Get()\n\treturn r.Count\n}',
        ),
      },
      // Before methods' results were among the names a function is searched for, g and h were skipped: "unread".
      facts: { 'Req.ID': 'read x.go:9:43', 'Req.Count': 'read x.go:13:11' },
    },
    {
      name: 'types, functions and variables that lead to the struct type two levels up are names a function is read for',
      files: {
        'x.go': go(
          'type Wrapper struct {\n\tR *Req\n}\n\ntype Outer struct {\n\tW []Wrapper\n}\n\nfunc mk() Outer { return Outer{} }\n\nvar last map[string]Outer\n\nfunc a(o Outer) string { return o.W[0].R.ID }\n\nfunc b() int { return mk().W[0].R.Count }\n\nfunc c() string { return last["x"].W[0].R.At }',
        ),
      },
      facts: {
        'Req.ID': 'read x.go:15:42',
        'Req.Count': 'read x.go:17:35',
        'Stamp.At': 'read x.go:19:43',
      },
    },
    {
      name: 'a multi-value call binds a name after the first to its own result',
      files: {
        'x.go': go(
          'func pair() (int, *Req) { return 0, nil }\n\nfunc g() string {\n\tn, r := pair()\n\t_ = n\n\treturn r.ID\n}',
        ),
      },
      facts: { 'Req.ID': 'read x.go:8:11' },
    },
    {
      name: 'a package variable of the struct type, in a function naming only the variable',
      files: { 'x.go': go('var current *Req\n\nfunc g() string { return current.Inner.Name }') },
      facts: { 'Req.Inner': 'read x.go:5:34', 'Inner.Name': 'read x.go:5:40' },
    },
    {
      name: 'a closure sees the variables of the function around it',
      files: { 'x.go': go('func g(r Req) func() int {\n\treturn func() int { return r.Count }\n}') },
      facts: { 'Req.Count': 'read x.go:4:31' },
    },
    {
      name: 'named results are variables of their type',
      files: { 'x.go': go('func g() (r Req, n int) {\n\tn = r.Count\n\treturn\n}') },
      facts: { 'Req.Count': 'read x.go:4:8' },
    },
    {
      name: 'a variadic parameter is a slice of its type',
      files: {
        'x.go': go(
          'func each(items ...Inner) {\n\tfor _, it := range items {\n\t\t_ = it.Name\n\t}\n}\n\nfunc g(r Req) { each(r.List...) }',
        ),
      },
      facts: { 'Req.List': 'read x.go:9:24', 'Inner.Name': 'read x.go:5:10' },
    },
    {
      name: 'var with and without a declared type, and new(T)',
      files: {
        'x.go': go(
          'func g(r Req) int {\n\tvar in Inner = r.Inner\n\tvar p = r.Ptr\n\tq := new(Req)\n\treturn in.Size + len(p.Name) + q.Count\n}',
        ),
      },
      facts: {
        'Req.Inner': 'read x.go:4:19',
        'Req.Ptr': 'read x.go:5:12',
        'Req.Count': 'read x.go:7:35',
        'Inner.Name': 'read x.go:7:25',
        'Inner.Size': 'read x.go:7:12',
      },
    },
    {
      name: 'a type assertion, a conversion, a dereference and a slice expression keep the type',
      files: {
        'x.go': go(
          'func g(v any, pp **Req, r Req) string {\n\t_ = v.(*Req).ID\n\t_ = (*pp).Count\n\t_ = Inner(r.Inner).Size\n\treturn r.List[1:][0].Name\n}',
        ),
      },
      facts: {
        'Req.ID': 'read x.go:4:15',
        'Req.Count': 'read x.go:5:12',
        'Req.Inner': 'read x.go:6:14',
        'Req.List': 'read x.go:7:11',
        'Inner.Size': 'read x.go:6:21',
        'Inner.Name': 'read x.go:7:23',
      },
    },
    {
      name: 'methods: the receiver is followed, a method of the type is called without an escape',
      files: {
        'x.go': go(
          'func (r *Req) Label() string { return r.ID }\n\nfunc (i Inner) Show() int { return i.Size }\n\nfunc g(r Req) (string, int) { return r.Label(), r.Ptr.Show() }',
        ),
      },
      facts: { 'Req.ID': 'read x.go:3:41', 'Inner.Size': 'read x.go:5:38', 'Req.Ptr': 'read x.go:7:51' },
    },
    {
      name: 'a key of a map literal is read; a struct literal keeps a value in a slot of its type',
      files: {
        'x.go': go(
          'type Box struct {\n\tI Inner\n\tN int\n}\n\nfunc g(r Req) (map[string]int, Box, []Inner) {\n\treturn map[string]int{r.ID: 1}, Box{I: r.Inner, N: r.Count}, []Inner{*r.Ptr}\n}',
        ),
      },
      facts: {
        'Req.ID': 'read x.go:9:26',
        'Req.Inner': 'read x.go:9:43',
        'Req.Count': 'read x.go:9:55',
        'Req.Ptr': 'read x.go:9:74',
      },
    },
    {
      name: 'a map literal of the struct type keeps its values; a map index reads the element',
      files: {
        'x.go': go(
          'func g(r Req) map[string]Inner {\n\t_ = r.ByKey["a"].Name\n\t_ = r.ID[0]\n\treturn map[string]Inner{"a": r.Inner}\n}',
        ),
      },
      facts: {
        'Req.ByKey': 'read x.go:4:8',
        'Inner.Name': 'read x.go:4:19',
        'Req.ID': 'read x.go:5:8',
        'Req.Inner': 'read x.go:6:33',
      },
    },
    {
      name: 'a local variable named like an imported package is the variable',
      files: {
        'x.go': go(
          'var _ = log.Println\n\nfunc (i Inner) Show(p *Inner) {}\n\nfunc g(r Req, log Inner) { log.Show(r.Ptr) }',
          'log',
        ),
      },
      facts: { 'Req.Ptr': 'read x.go:11:39' },
    },
    {
      name: "a package variable initialized without a type takes its value's type",
      files: { 'x.go': go('var fallback = Req{ID: "none"}\n\nfunc g() int { return fallback.Count }') },
      facts: { 'Req.Count': 'read x.go:5:32' },
    },
    {
      name: "var with several names takes each value's type",
      files: { 'x.go': go('func g(r Req) int {\n\tvar a, b = r.Inner, r.Ptr\n\treturn a.Size + len(b.Name)\n}') },
      facts: {
        'Req.Inner': 'read x.go:4:15',
        'Req.Ptr': 'read x.go:4:24',
        'Inner.Size': 'read x.go:5:11',
        'Inner.Name': 'read x.go:5:24',
      },
    },
    {
      name: 'assigned to a variable of its own type: followed, no escape',
      files: { 'x.go': go('func g(r Req) string {\n\tvar p *Inner\n\tp = r.Ptr\n\treturn p.Name\n}') },
      facts: { 'Req.Ptr': 'read x.go:5:8', 'Inner.Name': 'read x.go:6:11' },
    },
    {
      name: 'a value received from a channel is not followed',
      files: { 'x.go': go('func g(ch chan Inner) string {\n\tv := <-ch\n\treturn v.Name\n}') },
      facts: {},
    },
    {
      name: 'an array literal of implicit length, a parenthesized parameter type, a parenthesized operand',
      files: {
        'x.go': go(
          'func g(r (*Req)) string {\n\tfor _, it := range [...]Inner{r.Inner} {\n\t\t_ = it.Size\n\t}\n\treturn (r.Ptr).Name\n}',
        ),
      },
      facts: {
        'Req.Inner': 'read x.go:4:34',
        'Inner.Size': 'read x.go:5:10',
        'Req.Ptr': 'read x.go:7:12',
        'Inner.Name': 'read x.go:7:17',
      },
    },
    {
      name: 'the address of a field below a field: that field escapes, the one above is not read',
      files: { 'x.go': go('func g(r *Req) *string { return &r.Inner.Name }') },
      facts: { 'Inner.Name': 'unprovable x.go:3:33: address taken (&r.Inner.Name)' },
    },
    {
      name: 'the builtins that read their arguments are no escape',
      files: {
        'x.go': go(
          'func g(r Req) int {\n\tl := append(r.List, *r.Ptr)\n\tdelete(r.ByKey, "a")\n\treturn len(l) + cap(r.List)\n}',
        ),
      },
      facts: { 'Req.List': 'read x.go:4:16 x.go:6:24', 'Req.Ptr': 'read x.go:4:25', 'Req.ByKey': 'read x.go:5:11' },
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const got = await goReadFacts(c.files);
      expect(got.fields).toEqual({ ...ALL_UNREAD, ...c.facts });
    });
  }
});

describe('analyzeGoReads: escapes, each with its reason and place', () => {
  /** Every field of Inner unprovable at `place` (Req's own fields stay as `rest` says). */
  const innerEscapes = (place: string): Record<string, string> => ({
    'Inner.Name': `unprovable ${place}`,
    'Inner.Size': `unprovable ${place}`,
  });
  /** Every field reachable from Req unprovable at `place`. */
  const allEscape = (place: string): Record<string, string> =>
    Object.fromEntries(Object.keys(ALL_UNREAD).map((key) => [key, `unprovable ${place}`]));
  const cases: readonly { name: string; files: Record<string, string>; facts: Record<string, string> }[] = [
    {
      name: 'passed to a function of another package: what it reaches, not what holds it',
      files: { 'x.go': go('func g(r Req) { fmt.Println(r.Ptr) }', 'fmt') },
      facts: { 'Req.Ptr': 'read x.go:7:31', ...innerEscapes('x.go:7:29: r.Ptr passed to fmt.Println') },
    },
    {
      name: 'the whole value passed on: every field it reaches, nested and promoted ones too',
      files: { 'x.go': go('func g(r Req) { fmt.Println(r) }', 'fmt') },
      facts: allEscape('x.go:7:29: r passed to fmt.Println'),
    },
    {
      name: 'a read beats an escape; the first escape found is the one named',
      files: { 'x.go': go('func g(r Req) {\n\tfmt.Println(r)\n\tfmt.Print(&r)\n\t_ = r.ID\n}', 'fmt') },
      facts: { ...allEscape('x.go:8:14: r passed to fmt.Println'), 'Req.ID': 'read x.go:10:8' },
    },
    {
      name: "a field's own escape and its struct's: the first of the two",
      files: {
        'x.go': go(
          'func g(r *Req) {\n\tfmt.Println(r)\n\t_ = &r.Count\n}\n\nfunc h(r *Req) *string { return &r.ID }',
          'fmt',
        ),
      },
      facts: { ...allEscape('x.go:8:14: r passed to fmt.Println') },
    },
    {
      name: 'the address of a field taken twice: the first place',
      files: { 'x.go': go('func g(r *Req) (*int, *int) {\n\treturn &r.Count, &r.Count\n}') },
      facts: { 'Req.Count': 'unprovable x.go:4:9: address taken (&r.Count)' },
    },
    {
      name: 'stored in an interface{} variable: declared with a value, or assigned',
      files: {
        'x.go': go('var sink any\n\nfunc g(r Req) {\n\tvar v interface{} = r.Ptr\n\t_ = v\n\tsink = r.List\n}'),
      },
      facts: {
        'Req.Ptr': 'read x.go:6:24',
        'Req.List': 'read x.go:8:11',
        ...innerEscapes('x.go:6:22: r.Ptr stored in an interface{} variable'),
      },
    },
    {
      name: 'assigned to a local interface{} variable',
      files: { 'x.go': go('func g(r Req) {\n\tvar v any\n\tv = r.Inner\n\t_ = v\n}') },
      facts: { 'Req.Inner': 'read x.go:5:8', ...innerEscapes('x.go:5:6: r.Inner stored in an interface{} variable') },
    },
    {
      name: 'sent on a channel',
      files: { 'x.go': go('func g(r Req, ch chan Inner) { ch <- r.Inner }') },
      facts: { 'Req.Inner': 'read x.go:3:40', ...innerEscapes('x.go:3:38: r.Inner sent on a channel') },
    },
    {
      name: 'passed to a function value (a parameter, a package variable)',
      files: {
        'x.go': go('var hook func(Inner)\n\nfunc g(r Req, fn func(*Inner)) {\n\tfn(r.Ptr)\n\thook(r.Inner)\n}'),
      },
      facts: {
        'Req.Ptr': 'read x.go:6:7',
        'Req.Inner': 'read x.go:7:9',
        ...innerEscapes('x.go:6:5: r.Ptr passed to the function value "fn"'),
      },
    },
    {
      name: 'passed to a field of function type',
      files: { 'x.go': go('type Hooks struct {\n\ton func(*Inner)\n}\n\nfunc g(r Req, h Hooks) { h.on(r.Ptr) }') },
      // Before a called field counted as a function value, r.Ptr went unseen into it: Inner's fields "unread".
      facts: { 'Req.Ptr': 'read x.go:7:33', ...innerEscapes('x.go:7:31: r.Ptr passed to the function value "h.on"') },
    },
    {
      name: 'passed to a package variable holding a function',
      files: { 'x.go': go('var hook func(Inner)\n\nfunc g(r Req) { hook(r.Inner) }') },
      facts: {
        'Req.Inner': 'read x.go:5:24',
        ...innerEscapes('x.go:5:22: r.Inner passed to the function value "hook"'),
      },
    },
    {
      name: 'passed as interface{} to a function of the package, at that argument',
      files: {
        'x.go': go(
          'func show(a, b *Inner /* the pair */, v interface{}) {}\n\nfunc g(r Req) { show(r.Ptr, r.Ptr, r.List) }',
        ),
      },
      facts: {
        'Req.Ptr': 'read x.go:5:24 x.go:5:31',
        'Req.List': 'read x.go:5:38',
        ...innerEscapes('x.go:5:36: r.List passed as interface{} to show'),
      },
    },
    {
      name: 'passed to a variadic ...interface{} parameter of a function of the package',
      files: {
        'x.go': go(
          'func logAll(vs ...interface{}) { fmt.Println(vs...) }\n\nfunc g(r Req) { logAll(r.ID, r.Inner) }',
          'fmt',
        ),
      },
      // Before the variadic parameter's element type was asked, the value went unseen into []interface{}: "unread".
      facts: {
        'Req.ID': 'read x.go:9:26',
        'Req.Inner': 'read x.go:9:32',
        ...innerEscapes('x.go:9:30: r.Inner passed as interface{} to logAll'),
      },
    },
    {
      name: 'passed to a variadic ...interface{} parameter of a method of the type',
      files: {
        'x.go': go('func (i Inner) Log(format string, vs ...any) {}\n\nfunc g(r Req) { r.Inner.Log("%v", r.Ptr) }'),
      },
      facts: {
        'Req.Inner': 'read x.go:5:19',
        'Req.Ptr': 'read x.go:5:37',
        ...innerEscapes('x.go:5:35: r.Ptr passed as interface{} to Log'),
      },
    },
    {
      name: 'passed to a parameter of an unnamed interface type, among unnamed parameters',
      files: {
        'x.go': go(
          'func (i Inner) Keep(int, interface{ String() string }) {}\n\nfunc g(r Req) { r.Inner.Keep(1, r.Ptr) }',
        ),
      },
      facts: {
        'Req.Inner': 'read x.go:5:19',
        'Req.Ptr': 'read x.go:5:35',
        ...innerEscapes('x.go:5:33: r.Ptr passed as interface{} to Keep'),
      },
    },
    {
      name: 'passed to a generic function (not followed)',
      files: { 'x.go': go('func keep[T any](v T) {}\n\nfunc g(r Req) { keep(r.Inner) }') },
      facts: { 'Req.Inner': 'read x.go:5:24', ...innerEscapes('x.go:5:22: r.Inner passed to keep') },
    },
    {
      name: 'the address of a slice field: the field and what its items reach',
      files: { 'x.go': go('func g(r *Req) *[]Inner { return &r.List }') },
      facts: {
        'Req.List': 'unprovable x.go:3:34: address taken (&r.List)',
        'Inner.Name': 'unprovable x.go:3:34: address taken (&r.List)',
        'Inner.Size': 'unprovable x.go:3:34: address taken (&r.List)',
      },
    },
    {
      name: 'a builtin that is not one of the reading ones',
      files: { 'x.go': go('func g(r Req) { print(r.Ptr) }') },
      facts: { 'Req.Ptr': 'read x.go:3:25', ...innerEscapes('x.go:3:23: r.Ptr passed to print') },
    },
    {
      name: 'passed as interface{} to a method of the type, or to a method of a value the analysis cannot follow',
      files: {
        'x.go': go(
          'func (i Inner) Keep(n int, v any) {}\n\nfunc g(r Req, w interface{ Put(Inner) }) {\n\tr.Inner.Keep(1, r.List)\n\tw.Put(r.Inner)\n}',
        ),
      },
      facts: {
        'Req.Inner': 'read x.go:6:4 x.go:7:10',
        'Req.List': 'read x.go:6:20',
        ...innerEscapes('x.go:6:18: r.List passed as interface{} to Keep'),
      },
    },
    {
      name: 'passed to a method of a value the analysis cannot follow',
      files: { 'x.go': go('func g(r Req, w interface{ Put(Inner) }) { w.Put(r.Inner) }') },
      facts: {
        'Req.Inner': 'read x.go:3:52',
        ...innerEscapes('x.go:3:50: r.Inner passed to the method Put of a value the analysis cannot follow'),
      },
    },
    {
      name: 'passed to a function the analysis cannot name (a call of a call)',
      files: { 'x.go': go('func pick() func(Inner) { return nil }\n\nfunc g(r Req) { pick()(r.Inner) }') },
      facts: {
        'Req.Inner': 'read x.go:5:26',
        ...innerEscapes('x.go:5:24: r.Inner passed to a function the analysis cannot follow'),
      },
    },
    {
      name: 'stored in an interface{} field of a struct literal',
      files: { 'x.go': go('type Box struct {\n\tV any\n}\n\nfunc g(r Req) Box { return Box{V: r.Ptr} }') },
      facts: { 'Req.Ptr': 'read x.go:7:37', ...innerEscapes('x.go:7:35: r.Ptr stored in a Box literal') },
    },
    {
      name: 'stored in a slice literal of interface{}',
      files: { 'x.go': go('func g(r Req) []any { return []any{r.Inner} }') },
      facts: { 'Req.Inner': 'read x.go:3:38', ...innerEscapes('x.go:3:36: r.Inner stored in a []any literal') },
    },
    {
      name: 'stored as a value of a map literal of interface{}',
      files: { 'x.go': go('func g(r Req) map[string]any { return map[string]any{"k": r.List} }') },
      facts: {
        'Req.List': 'read x.go:3:61',
        ...innerEscapes('x.go:3:59: r.List stored in a map[string]any literal'),
      },
    },
    {
      name: 'stored in a struct literal by position (no slot is followed)',
      files: {
        'x.go': go('type Pair struct {\n\tA Inner\n\tB int\n}\n\nfunc g(r Req) Pair { return Pair{r.Inner, 1} }'),
      },
      facts: { 'Req.Inner': 'read x.go:8:36', ...innerEscapes('x.go:8:34: r.Inner stored in a Pair literal') },
    },
    {
      name: 'converted to another struct type; a conversion to its own type is no escape',
      files: {
        'x.go': go(
          'type Other struct {\n\tName string\n\tSize int\n}\n\nfunc g(r Req) (Other, Inner) { return Other(*r.Ptr), Inner(r.Inner) }',
        ),
      },
      facts: {
        'Req.Ptr': 'read x.go:8:48',
        'Req.Inner': 'read x.go:8:62',
        ...innerEscapes('x.go:8:45: *r.Ptr converted to Other'),
      },
    },
    {
      name: 'json.Unmarshal into something other than the root type is an escape like any call out',
      files: { 'x.go': go('func g(b []byte, r *Req) error { return json.Unmarshal(b, &r.Inner) }', 'encoding/json') },
      facts: { ...innerEscapes('x.go:7:59: &r.Inner passed to json.Unmarshal') },
    },
    {
      name: 'a long expression is cut at 40 characters in the escape',
      files: {
        'x.go': go(
          'func g(requestDecodedFromTheWireAndValidated Req) { fmt.Println(requestDecodedFromTheWireAndValidated.Inner) }',
          'fmt',
        ),
      },
      facts: {
        'Req.Inner': 'read x.go:7:103',
        ...innerEscapes('x.go:7:65: requestDecodedFromTheWireAndValidated.In… passed to fmt.Println'),
      },
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const got = await goReadFacts(c.files);
      expect(got.fields).toEqual({ ...ALL_UNREAD, ...c.facts });
    });
  }
});

describe('analyzeGoReads: where the root is decoded', () => {
  const cases: readonly {
    name: string;
    files: Record<string, string>;
    decodedAt: string | undefined;
    facts?: Record<string, string>;
  }[] = [
    {
      name: 'json.Unmarshal into the root: the call, and the value is not an escape',
      files: {
        'x.go': go(
          'func g(b []byte) (Req, error) {\n\tvar r Req\n\terr := json.Unmarshal(b, &r)\n\treturn r, err\n}',
          'encoding/json',
        ),
      },
      decodedAt: 'x.go:9:9',
    },
    {
      name: 'json.Unmarshal into a pointer to the root; the data argument is still read',
      files: {
        'x.go': go('func g(prev Req, r *Req) error { return json.Unmarshal([]byte(prev.ID), r) }', 'encoding/json'),
      },
      decodedAt: 'x.go:7:41',
      facts: { 'Req.ID': 'read x.go:7:68' },
    },
    {
      name: 'a Decoder into the root: the call; its operand is read',
      files: {
        'x.go': go(
          'func g(prev Req) (r Req, err error) {\n\terr = json.NewDecoder(strings.NewReader(prev.ID)).Decode(&r)\n\treturn\n}',
          'encoding/json',
          'strings',
        ),
      },
      decodedAt: 'x.go:9:8',
      facts: { 'Req.ID': 'read x.go:9:47' },
    },
    {
      name: 'the first decode found (files by name, functions in order)',
      files: {
        'b.go': go('func g(b []byte, r *Req) error { return json.Unmarshal(b, r) }', 'encoding/json'),
        'a.go': go('func f(b []byte, r *Req) error {\n\t_ = 1\n\treturn json.Unmarshal(b, r)\n}', 'encoding/json'),
      },
      decodedAt: 'a.go:9:9',
    },
    {
      name: 'Decode into another type is no decode of the root (and an escape of what it reaches)',
      files: {
        'x.go': go('func g(d *json.Decoder, r *Req) error { return d.Decode(r.Ptr) }', 'encoding/json'),
      },
      decodedAt: undefined,
      facts: {
        'Req.Ptr': 'read x.go:7:59',
        'Inner.Name': 'unprovable x.go:7:57: r.Ptr passed to the method Decode of a value the analysis cannot follow',
        'Inner.Size': 'unprovable x.go:7:57: r.Ptr passed to the method Decode of a value the analysis cannot follow',
      },
    },
    {
      name: 'Unmarshal of another package, and a method other than Decode, are no decode (escapes)',
      files: {
        'x.go': go(
          'func g(b []byte, enc *json.Encoder) error {\n\tvar r Req\n\t_ = xml.Unmarshal(b, &r)\n\treturn enc.Encode(&r)\n}',
          'encoding/json',
          'encoding/xml',
        ),
      },
      decodedAt: undefined,
      facts: Object.fromEntries(
        Object.keys(ALL_UNREAD).map((key) => [key, 'unprovable x.go:10:23: &r passed to xml.Unmarshal']),
      ),
    },
    {
      name: 'a method other than Decode taking the root is no decode (an escape)',
      files: { 'x.go': go('func g(r Req, enc *json.Encoder) error { return enc.Encode(&r) }', 'encoding/json') },
      decodedAt: undefined,
      facts: Object.fromEntries(
        Object.keys(ALL_UNREAD).map((key) => [
          key,
          'unprovable x.go:7:60: &r passed to the method Encode of a value the analysis cannot follow',
        ]),
      ),
    },
    {
      name: 'Unmarshal into another type is no decode of the root',
      files: {
        'x.go': go('func g(b []byte) error {\n\tvar in Inner\n\treturn json.Unmarshal(b, &in)\n}', 'encoding/json'),
      },
      decodedAt: undefined,
      facts: {
        'Inner.Name': 'unprovable x.go:9:27: &in passed to json.Unmarshal',
        'Inner.Size': 'unprovable x.go:9:27: &in passed to json.Unmarshal',
      },
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const got = await goReadFacts(c.files);
      expect(got.decodedAt).toBe(c.decodedAt);
      expect(got.fields).toEqual({ ...ALL_UNREAD, ...c.facts });
    });
  }
});

describe('analyzeGoReads: the types it follows', () => {
  const TYPES = [
    'package h',
    '',
    'type Tag struct {',
    '\tKey string `json:"key"`',
    '}',
    '',
    'type Tags []Tag',
    '',
    'type TagAlias = Tag',
    '',
    'type Base struct {',
    '\tName string `json:"name"`',
    '\tDeep string `json:"deep"`',
    '}',
    '',
    'type Mid struct {',
    '\t*Base',
    '}',
    '',
    'type Node struct {',
    '\tNext *Node `json:"next"`',
    '\tVal  int   `json:"val"`',
    '}',
    '',
    'type Req struct {',
    '\tMid',
    '\tName  string                            `json:"name"`',
    '\tTags  Tags                              `json:"tags"`',
    '\tFixed [2]Tag                            `json:"fixed"`',
    '\tMeta  struct{ Label string `json:"label"` } `json:"meta"`',
    '\tHead  *Node                             `json:"head"`',
    '\tAlias TagAlias                          `json:"alias"`',
    '\tRefs  map[string]*Tag                   `json:"refs"`',
    '}',
    '',
  ].join('\n');
  const UNREAD = Object.fromEntries(
    ['Base.Deep', 'Req.Name', 'Req.Tags', 'Tag.Key', 'Req.Fixed', 'Req.Meta', 'Req.Label', 'Req.Head']
      .concat(['Node.Next', 'Node.Val', 'Req.Alias', 'Req.Refs'])
      .map((key) => [key, 'unread']),
  );
  const cases: readonly { name: string; body: string; facts: Record<string, string> }[] = [
    {
      name: 'a named slice type, an array and a map of pointers lead to their element',
      body: 'func g(r Req) string {\n\tfor _, t := range r.Tags {\n\t\t_ = t.Key\n\t}\n\treturn r.Fixed[0].Key + r.Refs["a"].Key\n}',
      facts: {
        'Req.Tags': 'read x.go:4:22',
        'Req.Fixed': 'read x.go:7:11',
        'Req.Refs': 'read x.go:7:28',
        'Tag.Key': 'read x.go:5:9 x.go:7:20 x.go:7:38',
      },
    },
    {
      name: 'an anonymous struct field and an alias of a struct type',
      body: 'func g(r Req) string { return r.Meta.Label + r.Alias.Key }',
      facts: {
        'Req.Meta': 'read x.go:3:33',
        'Req.Label': 'read x.go:3:38',
        'Req.Alias': 'read x.go:3:48',
        'Tag.Key': 'read x.go:3:54',
      },
    },
    {
      name: 'a recursive type walked in a three-clause for loop',
      body: 'func g(r Req) (sum int) {\n\tfor n := r.Head; n != nil; n = n.Next {\n\t\tsum += n.Val\n\t}\n\treturn\n}',
      facts: { 'Req.Head': 'read x.go:4:13', 'Node.Next': 'read x.go:4:35', 'Node.Val': 'read x.go:5:12' },
    },
    {
      name: 'a function naming only a type reached through a pointer from the root',
      body: 'func walk(n *Node) int { return n.Val }',
      facts: { 'Node.Val': 'read x.go:3:35' },
    },
    {
      name: "an embedded field selected by its type's name",
      body: 'func g(r Req) string { return r.Mid.Base.Deep }',
      facts: { 'Base.Deep': 'read x.go:3:42' },
    },
    {
      name: 'a promoted field through an embedded pointer; the shallowest field of a name wins',
      body: 'func g(r *Req) string { return r.Deep + r.Name }',
      facts: { 'Base.Deep': 'read x.go:3:34', 'Req.Name': 'read x.go:3:43' },
    },
    {
      name: 'an escape of the root reaches every struct type below it, through every kind of type',
      body: 'func g(r Req) { println(&r) }',
      facts: Object.fromEntries(Object.keys(UNREAD).map((key) => [key, 'unprovable x.go:3:25: &r passed to println'])),
    },
    {
      name: 'an escape of a nested type reaches only what is below it',
      body: 'func g(r Req) { println(r.Head) }',
      facts: {
        'Req.Head': 'read x.go:3:27',
        'Node.Next': 'unprovable x.go:3:25: r.Head passed to println',
        'Node.Val': 'unprovable x.go:3:25: r.Head passed to println',
      },
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const got = await goReadFacts({ 'x.go': go(c.body) }, TYPES);
      expect(got.fields).toEqual({ ...UNREAD, ...c.facts });
    });
  }
});

describe('analyzeGoReads: nesting', () => {
  /** `r.ID` in `n` parentheses; the function, its body, the return and the selector around them take the other 6 of the 1,000 levels. */
  const nested = (n: number) =>
    go(`func g(r Req) string {\n${'\t_ = r.Count\n'.repeat(20)}\treturn ${'('.repeat(n)}r.ID${')'.repeat(n)}\n}`);

  it('follows code nested up to 1,000 levels: a read inside 994 parentheses is found', async () => {
    expect((await goReadFacts({ 'x.go': nested(994) })).fields['Req.ID']).toBe('read x.go:24:1005');
  });

  it('refuses code nested deeper, at the place, rather than overflowing the stack', async () => {
    await expect(goReadFacts({ 'x.go': nested(995) })).rejects.toMatchObject({
      code: 'E_UNSUPPORTED',
      message: expect.stringContaining('nests expressions or statements more than 1000 levels deep'),
      location: { file: 'h/x.go', line: 24 },
    });
  });
});

describe('the read analysis on consumer/go', () => {
  it('proves every consumed field read, each with a read site, and passes', async () => {
    const run = await consumes(process.cwd());
    expect(run.findings).toEqual([]);
    expect(run.exit).toBe(0);
    expect(run.reads.length).toBeGreaterThanOrEqual(18);
    for (const entry of run.reads) {
      expect(entry.status, entry.pointer).toBe('read');
      expect(entry.sites?.length, entry.pointer).toBeGreaterThan(0);
      for (const site of entry.sites ?? []) expect(site).toMatch(/^consumer\/go\/[a-z_]+\.go:\d+:\d+$/);
    }
  });

  it('fails naming the field when every read of it is removed, for each consumed field in turn', async () => {
    const baseline = await consumes(process.cwd());
    expect(baseline.reads.length).toBeGreaterThan(0);
    for (const entry of baseline.reads) {
      const copy = scratchCopy([CONTRACT, 'consumer/go']);
      try {
        // Rename the selector at each read site to a name no struct declares: the read is gone, nothing else changes.
        const byFile = new Map<string, { line: number; column: number }[]>();
        for (const site of entry.sites ?? []) {
          const [file, line, column] = site.split(':');
          const list = byFile.get(file as string) ?? [];
          list.push({ line: Number(line), column: Number(column) });
          byFile.set(file as string, list);
        }
        for (const [file, sites] of byFile) {
          const lines = copy.read(file).split('\n');
          for (const site of [...sites].sort((a, b) => b.column - a.column)) {
            const text = lines[site.line - 1] as string;
            lines[site.line - 1] = `${text.slice(0, site.column - 1)}Gone${text.slice(site.column - 1)}`;
          }
          copy.write(file, lines.join('\n'));
        }
        const run = await consumes(copy.dir);
        const field = entry.pointer.slice(1).replace(/\//g, '.');
        expect(shape(run.findings), entry.pointer).toEqual([
          [
            'CONSUMER_FIELD_UNREAD',
            field,
            `/properties/${entry.pointer.slice(1).replace(/\//g, '/properties/')}/cp_consumes`,
            'static',
          ],
        ]);
        expect(run.findings[0]?.message).toContain('decoded at consumer/go/');
        expect(run.exit).toBe(1);
      } finally {
        copy.cleanup();
      }
    }
  }, 120_000);
});

describe('drifts the read analysis catches', () => {
  it('declared but never read: CONSUMER_FIELD_UNREAD with where it was decoded', async () => {
    scratch = withTemplateAssets();
    const run = await consumes(scratch.dir);
    expect(shape(run.findings)).toEqual(UNREAD);
    expect(run.findings[0]?.data).toMatchObject({
      pointer: '/template_assets',
      decodedAt: expect.stringMatching(/^consumer\/go\/(provision|ws_provision_request)\.go:\d+:\d+$/),
    });
    expect(run.findings[0]?.related).toMatchObject({ file: STRUCT });
    expect(run.reads.find((r) => r.pointer === '/template_assets')).toEqual({
      pointer: '/template_assets',
      status: 'unread',
    });
    expect(run.exit).toBe(1);
  });

  it('--no-reads turns the analysis off: declared is enough again', async () => {
    scratch = withTemplateAssets();
    const run = await consumes(scratch.dir, ['--no-reads']);
    expect(run.findings).toEqual([]);
    expect(run.exit).toBe(0);
  });

  it('read only in a _test.go file: still unread', async () => {
    scratch = withTemplateAssets({
      'provision_test.go':
        'package main\n\nimport "testing"\n\nfunc TestAssets(t *testing.T) {\n\tvar req wsProvisionRequest\n\tif len(req.TemplateAssets) != 0 {\n\t\tt.Fatal("assets")\n\t}\n}\n',
    });
    expect(shape((await consumes(scratch.dir)).findings)).toEqual(UNREAD);
  });

  it('written but never read: still unread', async () => {
    scratch = withTemplateAssets({
      'reset.go': 'package main\n\nfunc resetAssets(req *wsProvisionRequest) {\n\treq.TemplateAssets = nil\n}\n',
    });
    expect(shape((await consumes(scratch.dir)).findings)).toEqual(UNREAD);
  });

  it('read only in a file go build ignores: still unread', async () => {
    scratch = withTemplateAssets({
      'assets_ignored.go':
        '//go:build ignore\n\npackage main\n\nfunc assetCount(req wsProvisionRequest) int { return len(req.TemplateAssets) }\n',
    });
    expect(shape((await consumes(scratch.dir)).findings)).toEqual(UNREAD);
  });

  it('read through a function of the same package that the value is passed to: passes, with that read site', async () => {
    scratch = withTemplateAssets({
      'assets.go':
        'package main\n\nfunc assetPaths(req wsProvisionRequest) []string {\n\tvar out []string\n\tfor path := range req.TemplateAssets {\n\t\tout = append(out, path)\n\t}\n\treturn out\n}\n\nfunc useAssets(body []byte) ([]string, error) {\n\tplan, err := decodeProvision(body)\n\t_ = plan\n\treturn nil, err\n}\n',
    });
    const run = await consumes(scratch.dir);
    expect(run.findings).toEqual([]);
    expect(run.reads.find((r) => r.pointer === '/template_assets')).toEqual({
      pointer: '/template_assets',
      status: 'read',
      sites: ['consumer/go/assets.go:5:24'],
    });
  });

  it('a value passed to another package: a warning naming the escape, an error in strict mode', async () => {
    scratch = withTemplateAssets({
      'audit.go':
        'package main\n\nimport "log"\n\nfunc audit(req wsProvisionRequest) {\n\tlog.Printf("provision %v", req)\n}\n',
    });
    const run = await consumes(scratch.dir);
    expect(shape(run.findings)).toEqual([
      ['CONSUMER_READ_UNPROVABLE', 'template_assets', '/properties/template_assets/cp_consumes', 'escape'],
    ]);
    expect(run.findings[0]).toMatchObject({
      severity: 'warning',
      related: { file: 'consumer/go/audit.go', line: 6, column: 29 },
      data: { escapedAt: 'consumer/go/audit.go:6:29' },
    });
    expect(run.findings[0]?.data?.escape).toContain('log.Printf');
    expect(run.exit).toBe(0);
    const strict = await consumes(scratch.dir, ['--strict-reads']);
    expect(strict.findings.map((f) => [f.rule, f.severity])).toEqual([['CONSUMER_READ_UNPROVABLE', 'error']]);
    expect(strict.exit).toBe(1);
  });

  it('"reads": "strict" on the contract\'s consumer: the unprovable read is an error without any flag; --no-reads still turns the analysis off', async () => {
    scratch = withTemplateAssets({
      'audit.go':
        'package main\n\nimport "log"\n\nfunc audit(req wsProvisionRequest) {\n\tlog.Printf("provision %v", req)\n}\n',
    });
    editContract(scratch, CONTRACT, (c) => {
      c.consumer.reads = 'strict';
    });
    const strict = await consumes(scratch.dir);
    expect(strict.findings.map((f) => [f.rule, f.severity, f.field, f.data?.escapedAt])).toEqual([
      ['CONSUMER_READ_UNPROVABLE', 'error', 'template_assets', 'consumer/go/audit.go:6:29'],
    ]);
    expect(strict.findings[0]?.data?.escape).toContain('log.Printf');
    expect(strict.exit).toBe(1);
    expect((await consumes(scratch.dir, ['--no-reads'])).exit).toBe(0);
  });

  it('without "reads" on the contract\'s consumer the same escape stays a warning (the contract is what made it strict)', async () => {
    scratch = withTemplateAssets({
      'audit.go':
        'package main\n\nimport "log"\n\nfunc audit(req wsProvisionRequest) {\n\tlog.Printf("provision %v", req)\n}\n',
    });
    editContract(scratch, CONTRACT, (c) => {
      expect(c.consumer.reads).toBeUndefined();
    });
    const run = await consumes(scratch.dir);
    expect(run.findings.map((f) => [f.rule, f.severity])).toEqual([['CONSUMER_READ_UNPROVABLE', 'warning']]);
    expect(run.exit).toBe(0);
  });

  it('a dead field the code reads: CONSUMER_READS_DEAD_FIELD with the read place', async () => {
    scratch = withTemplateAssets({
      'assets.go': 'package main\n\nfunc assetCount(req wsProvisionRequest) int { return len(req.TemplateAssets) }\n',
    });
    editContract(scratch, CONTRACT, (c) => {
      c.properties.template_assets.cp_consumes = false;
      c.properties.template_assets.note = 'The deployed cp falls back to config_files for these assets today.';
    });
    const run = await consumes(scratch.dir);
    expect(shape(run.findings)).toEqual([
      ['CONSUMER_READS_DEAD_FIELD', 'template_assets', '/properties/template_assets/cp_consumes', 'read'],
    ]);
    expect(run.findings[0]).toMatchObject({
      related: { file: 'consumer/go/assets.go', line: 3, column: 62 },
      data: { readAt: 'consumer/go/assets.go:3:62' },
    });
  });
});
