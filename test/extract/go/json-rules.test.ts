/**
 * One row per encoding/json rule the Go extractor mirrors. Each row names a
 * fixture package under test/fixtures/go/<fixture>/ and lists every wire
 * field as "pointer type required|optional line:column", where the type is
 * written `string`, `integer[]`, `map<object>`, ... with `?` when nullable.
 * test/oracle/go-oracle.test.ts checks the same fixtures against real Go.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { goExtractor } from '../../../src/extract/go/index.js';
import type { ExtractResult, WireField, WireType } from '../../../src/wire.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function extract(fixture: string, typeName: string): Promise<ExtractResult> {
  return goExtractor.extract({ path: `test/fixtures/go/${fixture}`, typeName, cwd: repoRoot });
}

function signature(type: WireType): string {
  const nullable = type.nullable ? '?' : '';
  switch (type.kind) {
    case 'array':
      return `${signature(type.items)}[]${nullable}`;
    case 'map':
      return `map<${signature(type.values)}>${nullable}`;
    default:
      return `${type.kind}${nullable}`;
  }
}

function summary(field: WireField): string {
  const { line, column } = field.location;
  return `${field.pointer} ${signature(field.type)} ${field.required ? 'required' : 'optional'} ${line}:${column}`;
}

interface Row {
  readonly rule: string;
  readonly fixture: string;
  readonly typeName: string;
  readonly fields: readonly string[];
  /** "pointer typeName" of each opaque reference; none when omitted. */
  readonly opaque?: readonly string[];
}

const rows: readonly Row[] = [
  {
    rule: 'json tag names are the keys; "/" and "~" are escaped in pointers',
    fixture: 'tag-name',
    typeName: 'TagName',
    fields: [
      '/id string required 5:2',
      '/org_name string required 6:2',
      '/a~1b~0c string required 7:2',
      '/UPPER integer required 8:2',
    ],
  },
  {
    rule: 'omitempty makes a field optional; a struct or non-empty array is never empty',
    fixture: 'omitempty',
    typeName: 'Omit',
    fields: [
      '/name string optional 5:2',
      '/count integer optional 6:2',
      '/tags string[] optional 7:2',
      '/ptr integer optional 8:2',
      '/attrs map<string> optional 9:2',
      '/sub object required 10:2',
      '/sub/value string required 18:2',
      '/pair integer[] required 11:2',
      '/none integer[] optional 12:2',
      '/kept string required 13:2',
    ],
  },
  {
    rule: 'json:"-" skips a field, json:"-," names it "-"',
    fixture: 'skip-dash',
    typeName: 'Dashes',
    fields: ['/- string required 6:2', '/keep integer required 7:2'],
  },
  {
    rule: 'exported fields without a json tag use the Go field name',
    fixture: 'tagless-exported',
    typeName: 'Tagless',
    fields: [
      '/Name string required 5:2',
      '/CamelCase integer required 6:2',
      '/Other string required 7:2',
      '/A boolean required 8:2',
      '/B boolean required 8:5',
    ],
  },
  {
    rule: 'unexported fields are skipped, even when tagged (Unicode upper case counts as exported)',
    fixture: 'unexported-skipped',
    typeName: 'Unexported',
    fields: ['/public string required 5:2', '/unicode_upper string required 8:2'],
  },
  {
    rule: 'a tag with options but no name keeps the Go name',
    fixture: 'omitempty-empty-name',
    typeName: 'EmptyName',
    fields: ['/Label string optional 5:2', '/Size integer required 6:2', '/Plain string required 7:2'],
  },
  {
    rule: 'isValidTag: invalid names fall back to the Go name; space and ! are valid; a malformed tag is ignored',
    fixture: 'invalid-tag-name',
    typeName: 'Invalid',
    fields: [
      '/bad name! integer required 5:2',
      '/Backslash integer required 6:2',
      '/Quote integer required 7:2',
      '/größe string required 8:2',
      '/Malformed string required 9:2',
      '/a string required 10:2',
    ],
  },
  {
    rule: 'interpreted-string tags are Go-unquoted (\\x, octal, \\u, \\U); raw tags are not; Lookup stops at a tab',
    fixture: 'tag-escapes',
    typeName: 'Escapes',
    fields: [
      '/hex string required 5:2',
      '/oct string required 6:2',
      '/über string required 7:2',
      '/Long string required 8:2',
      '/rawA string required 9:2',
      '/multi string required 10:2',
      '/Tabbed string required 11:2',
    ],
  },
  {
    rule: 'an embedded struct promotes its fields, located where they are declared',
    fixture: 'embedded-struct',
    typeName: 'Outer',
    fields: ['/id string required 11:2', '/created integer optional 12:2', '/own string required 6:2'],
  },
  {
    rule: 'fields promoted through an embedded pointer are skipped while it is nil',
    fixture: 'embedded-pointer',
    typeName: 'Outer',
    fields: ['/id string optional 11:2', '/own string required 6:2'],
  },
  {
    rule: 'an embedded struct with a tag name is a named object field',
    fixture: 'embedded-tagged',
    typeName: 'Outer',
    fields: [
      '/base object required 5:2',
      '/base/id string required 12:2',
      '/meta object optional 6:3',
      '/meta/version integer required 17:2',
      '/own string required 7:2',
    ],
  },
  {
    rule: 'embedded unexported structs promote their exported fields; unexported non-structs are ignored',
    fixture: 'embedded-unexported',
    typeName: 'Outer',
    fields: ['/id string required 13:2', '/version integer optional 18:2', '/name string required 9:2'],
  },
  {
    rule: 'an embedded exported non-struct is a field named after its type',
    fixture: 'embedded-non-struct',
    typeName: 'Outer',
    fields: [
      '/Label string required 5:2',
      '/Count integer? required 6:3',
      '/Tags string[]? required 7:2',
      '/name string required 8:2',
    ],
  },
  {
    rule: 'conflicts: the field at minimum depth wins',
    fixture: 'conflict-min-depth',
    typeName: 'Outer',
    fields: ['/id string required 5:2', '/extra string required 12:2', '/Name string required 18:2'],
  },
  {
    rule: 'conflicts at equal depth: the single tagged field wins',
    fixture: 'conflict-tagged-wins',
    typeName: 'Outer',
    fields: ['/Name string required 11:2', '/other string required 17:2'],
  },
  {
    rule: 'conflicts at equal depth without a single tagged field: all are dropped',
    fixture: 'conflict-all-dropped',
    typeName: 'Outer',
    fields: ['/only_b integer required 19:2', '/keep string required 8:2'],
  },
  {
    rule: 'a struct type embedded twice at one depth loses all its fields',
    fixture: 'duplicate-embedding',
    typeName: 'Outer',
    fields: ['/l string required 13:2', '/r string required 19:2'],
  },
  {
    rule: 'types from another file of the package are resolved and recursed into',
    fixture: 'nested-other-file',
    typeName: 'Request',
    fields: [
      '/name string required 5:2',
      '/display object required 6:2',
      '/display/mode string required 5:2',
      '/display/width integer optional 6:2',
      '/items object[]? required 7:2',
      '/items/*/sku string required 11:2',
      '/lookup map<object> optional 8:2',
      '/lookup/*/sku string required 11:2',
      '/current object? required 9:2',
      '/current/sku string required 11:2',
    ],
  },
  {
    rule: 'anonymous struct types are recursed into',
    fixture: 'anonymous-struct',
    typeName: 'Anonymous',
    fields: [
      '/meta object required 5:2',
      '/meta/version integer required 6:3',
      '/meta/labels map<string> optional 7:3',
      '/list object[]? required 9:2',
      '/list/*/name string required 10:3',
      '/opt object optional 12:2',
      '/opt/on boolean required 13:3',
    ],
  },
  {
    rule: 'pointers, slices, arrays, maps and []byte: nil is null unless omitempty; []byte is a base64 string',
    fixture: 'containers',
    typeName: 'Containers',
    fields: [
      '/ptr string? required 5:2',
      '/ptr_omit string optional 6:2',
      '/ptr_ptr integer? optional 7:2',
      '/ptr_slice integer[]? optional 8:2',
      '/slice string[]? required 9:2',
      '/items object?[]? required 10:2',
      '/items/*/id integer required 32:2',
      '/matrix number[]?[]? required 11:2',
      '/fixed integer[] required 12:2',
      '/bytes string? required 13:2',
      '/bytes_opt string optional 14:2',
      '/blob string? required 15:2',
      '/by_id map<object>? required 16:2',
      '/by_id/*/id integer required 32:2',
      '/by_kind map<string[]?>? required 17:2',
      '/files map<string?>? required 18:2',
      '/nested map<map<boolean>?>? required 19:2',
      '/anything any? required 20:2',
      '/any_opt any? optional 21:2',
      '/err any? required 22:2',
      '/uint integer required 25:2',
      '/rune integer required 26:2',
      '/float number required 27:2',
    ],
  },
  {
    rule: 'time.Time is a string (never empty), json.RawMessage any, json.Number a number, through import aliases',
    fixture: 'stdlib-types',
    typeName: 'Stdlib',
    fields: [
      '/at string required 10:2',
      '/at_opt string required 11:2',
      '/maybe string? required 12:2',
      '/raw any? required 13:2',
      '/raw_opt any? optional 14:2',
      '/num number required 15:2',
      '/timeout integer required 16:2',
      '/schedule map<integer>? required 17:2',
    ],
  },
  {
    rule: 'the ,string option quotes bools, numbers and strings, through one pointer only',
    fixture: 'string-option',
    typeName: 'Quoted',
    fields: [
      '/count string required 5:2',
      '/ptr string? required 6:2',
      '/opt_ptr string optional 7:2',
      '/flag string required 8:2',
      '/text string required 9:2',
      '/level string required 10:2',
      '/list integer[]? required 11:2',
      '/nested object required 12:2',
      '/nested/n integer required 21:2',
      '/ptr_ptr integer? required 13:2',
    ],
  },
  {
    rule: 'defined types and aliases resolve to their underlying types',
    fixture: 'named-types',
    typeName: 'Named',
    fields: [
      '/mode string required 5:2',
      '/count integer required 6:2',
      '/ratio number required 7:2',
      '/tags string[]? required 8:2',
      '/lookup map<integer>? required 9:2',
      '/alias object required 10:2',
      '/alias/value string required 44:2',
      '/deep string required 11:2',
      '/wrapped object required 12:2',
      '/wrapped/value string required 44:2',
      '/flag boolean required 13:2',
    ],
  },
  {
    rule: 'MarshalJSON/MarshalText (own or promoted) make a type opaque; MarshalText keys are fine',
    fixture: 'custom-marshaler',
    typeName: 'Custom',
    fields: [
      '/status opaque required 7:2',
      '/secret opaque? required 8:2',
      '/counts map<integer>? required 9:2',
      '/keyed map<string>? required 10:2',
      '/wrapper opaque required 11:2',
      '/plain string required 12:2',
    ],
    opaque: ['/status Status', '/secret Secret', '/wrapper Wrapper'],
  },
  {
    rule: 'a root type with its own MarshalJSON is opaque as a whole',
    fixture: 'custom-marshaler',
    typeName: 'Redacted',
    fields: [],
    opaque: [' Redacted'],
  },
  {
    rule: 'embedding time.Time promotes its MarshalJSON: the struct is opaque',
    fixture: 'embedded-foreign',
    typeName: 'Event',
    fields: ['/name string required 14:2', '/at string required 15:2'],
    opaque: [],
  },
  {
    rule: 'types of other packages are opaque; an unresolved embedded type is reported at its parent',
    fixture: 'other-package',
    typeName: 'Priced',
    fields: [
      '/amount opaque required 12:2',
      '/optional opaque optional 13:2',
      '/history opaque[]? required 14:2',
      '/by_code map<opaque>? required 15:2',
      '/keyed opaque required 16:2',
      '/when string required 17:2',
    ],
    opaque: [
      ' money.Base',
      '/amount money.Amount',
      '/optional money.Amount',
      '/history/* money.Amount',
      '/by_code/* money.Amount',
      '/keyed map[money.Code]int',
    ],
  },
  {
    rule: 'values json.Marshal rejects (float map keys, func, chan, complex) are opaque',
    fixture: 'unsupported-types',
    typeName: 'Unsupported',
    fields: [
      '/by_ratio opaque required 5:2',
      '/callback opaque required 6:2',
      '/events opaque optional 7:2',
      '/wide opaque required 8:2',
      '/name string required 9:2',
    ],
    opaque: ['/by_ratio map[float64]string', '/callback func()', '/events chan string', '/wide complex128'],
  },
  {
    rule: 'uninstantiated type parameters are opaque',
    fixture: 'generics',
    typeName: 'Page',
    fields: [
      '/items opaque[]? required 5:2',
      '/total integer required 6:2',
      '/next opaque optional 7:2',
      '/pair object required 8:2',
      '/pair/key opaque required 13:2',
      '/pair/value string required 14:2',
    ],
    opaque: ['/items/* T', '/next T', '/pair/key T'],
  },
  {
    rule: 'an embedded generic instantiation promotes its fields with the type arguments',
    fixture: 'generics',
    typeName: 'ItemPage',
    fields: [
      '/items object[]? required 5:2',
      '/items/*/sku string required 19:2',
      '/total integer required 6:2',
      '/next object optional 7:2',
      '/next/sku string required 19:2',
      '/pair object required 8:2',
      '/pair/key object required 13:2',
      '/pair/key/sku string required 19:2',
      '/pair/value string required 14:2',
      '/cursor string required 30:2',
    ],
  },
  {
    rule: 'a struct that contains itself is listed once; the repeats are opaque',
    fixture: 'recursive',
    typeName: 'Node',
    fields: [
      '/name string required 5:2',
      '/children object[]? required 6:2',
      '/parent object optional 7:2',
      '/meta object required 8:2',
      '/meta/owner object? required 13:2',
    ],
    opaque: ['/children/* Node', '/parent Node', '/meta/owner Node'],
  },
  {
    rule: 'a struct embedding itself through a pointer is explored once',
    fixture: 'recursive',
    typeName: 'Chain',
    fields: ['/value integer required 19:2'],
  },
  {
    rule: 'omitzero makes any field optional, structs and time.Time included',
    fixture: 'omitzero',
    typeName: 'Zeroes',
    fields: [
      '/when string optional 7:2',
      '/count integer optional 8:2',
      '/sub object optional 9:2',
      '/sub/n integer required 15:2',
      '/both string[] optional 10:2',
    ],
  },
];

describe('Go extractor mirrors encoding/json', () => {
  test.each(rows)('$rule ($fixture $typeName)', async ({ fixture, typeName, fields, opaque }) => {
    const result = await extract(fixture, typeName);
    expect(result.fields.map(summary)).toEqual(fields);
    expect(result.opaque.map((ref) => `${ref.pointer} ${ref.typeName}`)).toEqual(opaque ?? []);
  });
});

describe('field details', () => {
  test('jsonName, sourceType and the file of fields declared in another file', async () => {
    const result = await extract('nested-other-file', 'Request');
    const mode = result.fields.find((field) => field.pointer === '/display/mode');
    expect(mode?.jsonName).toBe('mode');
    expect(mode?.location.file).toBe('test/fixtures/go/nested-other-file/display.go');
    const lookup = result.fields.find((field) => field.pointer === '/lookup');
    expect(lookup?.sourceType).toBe('map[string]Item');
    expect(lookup?.location.file).toBe('test/fixtures/go/nested-other-file/request.go');
    expect(result.root).toEqual({
      name: 'Request',
      location: { file: 'test/fixtures/go/nested-other-file/request.go', line: 4, column: 6 },
    });
  });

  test('sourceType of an embedded pointer is written with its star; the type is the location', async () => {
    const result = await extract('embedded-tagged', 'Outer');
    const meta = result.fields.find((field) => field.pointer === '/meta');
    expect(meta?.sourceType).toBe('*Meta');
    expect(meta?.location).toEqual({ file: 'test/fixtures/go/embedded-tagged/embedded_tagged.go', line: 6, column: 3 });
  });

  test('opaque references say why', async () => {
    const result = await extract('custom-marshaler', 'Custom');
    const secret = result.opaque.find((ref) => ref.pointer === '/secret');
    expect(secret?.reason).toMatch(/custom marshaller.*MarshalJSON.*pointer receiver/);
    const priced = await extract('other-package', 'Priced');
    const embedded = priced.opaque.find((ref) => ref.pointer === '');
    expect(embedded?.reason).toMatch(/may change the whole encoding/);
    expect(embedded?.location.line).toBe(11);
    const foreign = await extract('embedded-foreign', 'Stamp');
    expect(foreign.fields).toEqual([]);
    expect(foreign.opaque.map((ref) => [ref.pointer, ref.reason])).toEqual([
      ['', expect.stringMatching(/time\.Time has MarshalJSON/)],
    ]);
  });

  test('the type of a map with an unsupported key is opaque with the reason', async () => {
    const result = await extract('unsupported-types', 'Unsupported');
    const byRatio = result.fields.find((field) => field.pointer === '/by_ratio');
    expect(byRatio?.type).toEqual({
      kind: 'opaque',
      nullable: false,
      reason: expect.stringMatching(/map key type "float64"/),
    });
  });

  test('two extractions give identical results', async () => {
    const first = await extract('containers', 'Containers');
    const second = await extract('containers', 'Containers');
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });
});
