import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceLocation } from '../../src/errors.js';
import { tsExtractor } from '../../src/extract/ts/index.js';
import { analyzeTsReads } from '../../src/reads/ts-reads.js';
import { declarationKey } from '../../src/wire.js';
import { runCliJson } from '../support/run-cli.js';

/**
 * The read analysis of a TypeScript consumer (the compiler's type checker):
 * the shipped reference handler reads every consumed field; a declared field
 * nobody reads, or one read only in a test, fails; a spread of the request is
 * an escape, so an otherwise unread field is a warning.
 */
const CONTRACT = {
  title: 'Order',
  endpoint: 'POST /orders',
  producer: { name: 'shop', repo: 'shop', type: 'Order' },
  consumer: { name: 'billing', repo: 'billing', type: 'Order' },
  type: 'object',
  additionalProperties: false,
  required: ['id', 'total', 'lines'],
  properties: {
    id: { type: 'string', cp_consumes: true },
    total: { type: 'integer', cp_consumes: true },
    lines: {
      type: 'array',
      cp_consumes: true,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['sku'],
        properties: { sku: { type: 'string', cp_consumes: true } },
      },
    },
  },
};
const TYPES = 'export interface Order {\n  id: string;\n  total: number;\n  lines: { sku: string }[];\n}\n';

let dir: string | undefined;
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function consumes(files: Readonly<Record<string, string>>, setup?: (billing: string) => void) {
  dir = mkdtempSync(join(tmpdir(), 'wirepin-ts-reads-'));
  mkdirSync(join(dir, 'billing'));
  writeFileSync(join(dir, 'order.contract.json'), JSON.stringify(CONTRACT, null, 2));
  writeFileSync(join(dir, 'billing', 'order.ts'), TYPES);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'billing', name), text);
  setup?.(join(dir, 'billing'));
  return runCliJson(['consumes', '--contract', 'order.contract.json', '--ts', 'billing/order.ts', '--type', 'Order'], {
    cwd: dir,
  });
}

const HANDLER =
  "import type { Order } from './order.js';\n\nexport function bill(body: string): string {\n  const order = JSON.parse(body) as Order;\n  const { id } = order;\n  return `${id}:${order.total}:${order.lines.map((l) => l.sku).join(',')}`;\n}\n";

/**
 * analyzeTsReads itself: per field (by payload pointer) its read sites, or the
 * escape it names and where, and where the value gets the consumer's type.
 */
const ORDER_TS = [
  'export interface Line {',
  '  sku: string;',
  '  qty: number;',
  '}',
  '',
  'export interface Order {',
  '  id: string;',
  '  total: number;',
  '  lines: Line[];',
  '  meta: { tag: string } | null;',
  '}',
  '',
].join('\n');

async function tsReadFacts(
  files: Readonly<Record<string, string>>,
): Promise<{ decodedAt: string | undefined; fields: Record<string, string> }> {
  dir = mkdtempSync(join(tmpdir(), 'wirepin-ts-reads-'));
  mkdirSync(join(dir, 'b'));
  writeFileSync(join(dir, 'b', 'order.ts'), ORDER_TS);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'b', name), text);
  mkdirSync(join(dir, 'lib'));
  // Outside the consumer's folder: its reads are not the consumer's.
  writeFileSync(
    join(dir, 'lib', 'sink.ts'),
    "import type { Order } from '../b/order.js';\n\nexport class Sink {\n  constructor(readonly value: unknown) {}\n}\n\nexport const peek = (o: Order): string => o.id;\n",
  );
  const extracted = await tsExtractor.extract({ path: 'b/order.ts', typeName: 'Order', cwd: dir });
  const evidence = await analyzeTsReads({
    path: 'b/order.ts',
    cwd: dir,
    typeName: 'Order',
    fields: extracted.fields,
    strict: false,
  });
  const at = (l: SourceLocation) => `${l.file.replace(/^b\//u, '')}:${l.line}:${l.column}`;
  const fields: Record<string, string> = {};
  for (const field of extracted.fields) {
    const verdict = evidence.byDeclaration.get(declarationKey(field.location));
    fields[field.pointer] =
      verdict?.status === 'read'
        ? `read ${verdict.sites.map(at).join(' ')}`
        : verdict?.status === 'unprovable'
          ? `unprovable ${at(verdict.escape.location)}: ${verdict.escape.what}`
          : String(verdict?.status);
  }
  return { decodedAt: evidence.decodedAt && at(evidence.decodedAt), fields };
}

describe('analyzeTsReads: reads, escapes and the decode place', () => {
  const IMPORT = "import type { Order } from './order.js';\n\n";
  const UNREAD: Readonly<Record<string, string>> = {
    '/id': 'unread',
    '/total': 'unread',
    '/lines': 'unread',
    '/lines/*/sku': 'unread',
    '/lines/*/qty': 'unread',
    '/meta': 'unread',
    '/meta/tag': 'unread',
  };
  const cases: readonly {
    name: string;
    files: Record<string, string>;
    decodedAt?: string;
    facts: Record<string, string>;
  }[] = [
    {
      name: 'property and element access, destructuring (renamed, by a string key), a callback parameter',
      files: {
        'h.ts':
          IMPORT +
          "export function f(body: string): string {\n  const o = JSON.parse(body) as Order;\n  const { id: name, 'total': t } = o;\n  return name + t + o['meta']?.tag + o.lines.map((l) => l.sku).join();\n}\n",
      },
      decodedAt: 'h.ts:4:33',
      facts: {
        '/id': 'read h.ts:5:11',
        '/total': 'read h.ts:5:21',
        '/meta': 'read h.ts:6:23',
        '/meta/tag': 'read h.ts:6:32',
        '/lines': 'read h.ts:6:40',
        '/lines/*/sku': 'read h.ts:6:59',
      },
    },
    {
      name: 'writes (plain, parenthesized, non-null, by element) are not reads; a compound assignment and the right of = are',
      files: {
        'h.ts':
          IMPORT +
          "export function f(o: Order, k: 'id'): void {\n  let x: unknown = null;\n  x = o.meta;\n  void x;\n  o.total = o.lines.length;\n  (o.id) = 'x';\n  o.meta! = null;\n  o['total'] = 2;\n  o.lines[0]!.qty += 1;\n  o[k] = o[k];\n  const { [k]: v } = o;\n  void v;\n}\n",
      },
      decodedAt: 'h.ts:3:22',
      facts: { '/meta': 'read h.ts:5:9', '/lines': 'read h.ts:7:15 h.ts:11:5', '/lines/*/qty': 'read h.ts:11:15' },
    },
    {
      name: 'an object rest is an escape of every field the rest can hold, at the rest',
      files: {
        'h.ts': `${IMPORT}export function f(o: Order): unknown {\n  const { id, ...rest } = o;\n  return [id, rest];\n}\n`,
      },
      decodedAt: 'h.ts:3:22',
      facts: {
        ...Object.fromEntries(Object.keys(UNREAD).map((k) => [k, 'unprovable h.ts:4:15: object rest'])),
        '/id': 'read h.ts:4:11',
      },
    },
    {
      name: 'a spread of an array is an escape of what its items hold',
      files: { 'h.ts': `${IMPORT}export function f(o: Order): unknown {\n  return [...o.lines];\n}\n` },
      decodedAt: 'h.ts:3:22',
      facts: {
        '/lines': 'read h.ts:4:16',
        '/lines/*/sku': 'unprovable h.ts:4:11: spread of o.lines',
        '/lines/*/qty': 'unprovable h.ts:4:11: spread of o.lines',
      },
    },
    {
      name: 'an object spread of a union (an object or null)',
      files: { 'h.ts': `${IMPORT}export function f(o: Order): unknown {\n  return { ...o.meta };\n}\n` },
      decodedAt: 'h.ts:3:22',
      facts: { '/meta': 'read h.ts:4:17', '/meta/tag': 'unprovable h.ts:4:12: spread of o.meta' },
    },
    {
      name: 'JSON.stringify of a value, at its argument',
      files: { 'h.ts': `${IMPORT}export function f(o: Order): string {\n  return o.id + JSON.stringify(o.meta);\n}\n` },
      decodedAt: 'h.ts:3:22',
      facts: {
        '/id': 'read h.ts:4:12',
        '/meta': 'read h.ts:4:34',
        '/meta/tag': 'unprovable h.ts:4:32: o.meta passed to JSON.stringify',
      },
    },
    {
      name: 'handed to a callee the analysis cannot resolve',
      files: {
        'h.ts': `${IMPORT}declare const send: any;\n\nexport function f(o: Order): void {\n  send(o.lines, o.total);\n}\n`,
      },
      decodedAt: 'h.ts:5:22',
      facts: {
        '/lines': 'read h.ts:6:10',
        '/total': 'read h.ts:6:19',
        '/lines/*/sku': 'unprovable h.ts:6:8: o.lines passed to send, which the analysis cannot resolve',
        '/lines/*/qty': 'unprovable h.ts:6:8: o.lines passed to send, which the analysis cannot resolve',
      },
    },
    {
      name: 'handed out inside an object that is no wire type: an escape of what its properties hold',
      files: {
        'h.ts': `${IMPORT}declare const send: any;\n\nexport function f(o: Order): void {\n  send({ order: o, attempt: 1 });\n}\n`,
      },
      decodedAt: 'h.ts:5:22',
      // Before the properties that are no wire fields were looked into, the order went out unseen: every field "unread".
      facts: Object.fromEntries(
        Object.keys(UNREAD).map((k) => [
          k,
          'unprovable h.ts:6:8: { order: o, attempt: 1 } passed to send, which the analysis cannot resolve',
        ]),
      ),
    },
    {
      name: "handed to a constructor declared outside the consumer's files",
      files: {
        'h.ts':
          "import type { Order } from './order.js';\nimport { Sink } from '../lib/sink.js';\n\nexport function f(o: Order): Sink {\n  return new Sink(o);\n}\n",
      },
      decodedAt: 'h.ts:4:22',
      facts: Object.fromEntries(
        Object.keys(UNREAD).map((k) => [
          k,
          "unprovable h.ts:5:19: o passed to Sink, declared outside the consumer's files (lib/sink.ts)",
        ]),
      ),
    },
    {
      name: "a helper among the consumer's files is followed, not an escape; test and .d.ts files are not the consumer",
      files: {
        'h.ts': `${IMPORT}import { total } from './help.mjs';\n\nexport function f(o: Order): number {\n  return total(o);\n}\n`,
        'help.mts': `${IMPORT}export function total(o: Order): number {\n  return o.total;\n}\n`,
        'h.test.ts': `${IMPORT}export const t = (o: Order) => o.id;\n`,
        'h.spec.cts': `${IMPORT}export const t = (o: Order) => o.lines;\n`,
        'x.d.ts': `${IMPORT}export declare const m: Order['meta'];\nexport const n = (o: Order) => o.meta;\n`,
      },
      // Files in the program's order (an imported file before its importer).
      decodedAt: 'help.mts:3:26',
      facts: { '/total': 'read help.mts:4:12' },
    },
    {
      name: 'a reference to the type in the declaring file is not the decode place',
      files: {
        'order.ts': `${ORDER_TS}export const parse = (body: string) => JSON.parse(body) as Order;\n`,
        'h.ts': `${IMPORT}export const f = (body: string) => JSON.parse(body) as Order;\n`,
      },
      decodedAt: 'h.ts:3:56',
      facts: {},
    },
    {
      name: 'the decode place is the first reference to the type outside the declaring file',
      files: {
        'a.ts': `${IMPORT}export type Pair = Array<number>;\nexport type Orders = Order[];\n`,
        'h.ts': `${IMPORT}export const f = (body: string) => JSON.parse(body) as Order;\n`,
      },
      decodedAt: 'a.ts:4:22',
      facts: {},
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const got = await tsReadFacts(c.files);
      expect(got.fields).toEqual({ ...UNREAD, ...c.facts });
      expect(got.decodedAt).toBe(c.decodedAt);
    });
  }
});

describe('the TypeScript read analysis', () => {
  it('passes on the shipped reference handler (consumer/), every consumed field read', async () => {
    const run = await runCliJson([
      'consumes',
      '--contract',
      'contracts/provision_request.contract.json',
      '--ts',
      'consumer/provision_request.types.ts',
      '--type',
      'ProvisionRequest',
    ]);
    expect(run.findings).toEqual([]);
    const reads = (JSON.parse(run.stdout) as { reads: { pointer: string; status: string; sites?: string[] }[] }).reads;
    expect(reads.length).toBe(18);
    for (const entry of reads) expect([entry.pointer, entry.status]).toEqual([entry.pointer, 'read']);
  });

  it('passes when every field is read through access, destructuring and a callback parameter', async () => {
    const run = await consumes({ 'bill.ts': HANDLER });
    expect(run.findings).toEqual([]);
    expect(run.exit).toBe(0);
  });

  it('fails on a field nobody reads, naming where the value gets its type', async () => {
    const run = await consumes({ 'bill.ts': HANDLER.replace('${order.total}', 'x') });
    expect(run.findings.map((f) => [f.rule, f.field, f.data?.kind, f.data?.decodedAt])).toEqual([
      ['CONSUMER_FIELD_UNREAD', 'total', 'static', 'billing/bill.ts:4:37'],
    ]);
    expect(run.exit).toBe(1);
  });

  it('a read only in a test file does not count', async () => {
    const run = await consumes({
      'bill.ts': HANDLER.replace('${order.total}', 'x'),
      'bill.test.ts': "import type { Order } from './order.js';\nexport const t = (o: Order) => o.total;\n",
    });
    expect(run.findings.map((f) => [f.rule, f.field])).toEqual([['CONSUMER_FIELD_UNREAD', 'total']]);
  });

  it('a consumer file nesting code deeper than the parser can follow: refused at that file, exit 2, no stack', async () => {
    // It used to escape as an internal error with the compiler's stack (the parser overflowed in createProgram).
    const nested = `${'('.repeat(20_000)}o.id${')'.repeat(20_000)}`;
    const run = await consumes({
      'bill.ts': HANDLER,
      'deep.ts': `import type { Order } from './order.js';\nexport const f = (o: Order) => ${nested};\n`,
    });
    expect(run.exit).toBe(2);
    expect(run.stderr).toMatch(
      /^billing\/deep\.ts:1:1: error: "billing\/deep\.ts" nests code too deeply for the read analysis/mu,
    );
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /u);
  });

  it('a FIFO named like a source beside the consumer is not handed to the compiler (it used to block the run)', async () => {
    const run = await consumes({ 'bill.ts': HANDLER }, (billing) => execFileSync('mkfifo', [join(billing, 'pipe.ts')]));
    expect(run.findings).toEqual([]);
    expect(run.exit).toBe(0);
  });

  it('reads no import outside the repository: a helper there does not give the value its type', async () => {
    // `same` would hand back an Order if its file were read; unread, the value is untyped and no field read is proven.
    const outside = mkdtempSync(join(tmpdir(), 'wirepin-ts-reads-outside-'));
    try {
      writeFileSync(join(outside, 'same.ts'), 'export function same<T>(value: T): T {\n  return value;\n}\n');
      const handler = HANDLER.replace(
        "import type { Order } from './order.js';",
        "import type { Order } from './order.js';\nimport { same } from './same.js';",
      ).replace('const order = JSON.parse(body) as Order;', 'const order = same(JSON.parse(body) as Order);');
      const inside = await consumes({
        'bill.ts': handler,
        'same.ts': 'export function same<T>(value: T): T {\n  return value;\n}\n',
      });
      expect(inside.findings).toEqual([]);
      const run = await consumes({ 'bill.ts': handler }, (billing) =>
        symlinkSync(join(outside, 'same.ts'), join(billing, 'same.ts')),
      );
      // The request is handed to a function whose file the analysis may not read: where it is read, if at all, cannot
      // be seen, so no field is called unread (that would be a guess); each is unprovable, naming that call.
      expect(run.findings.map((f) => [f.rule, f.field, f.severity, f.data?.kind])).toEqual([
        ['CONSUMER_READ_UNPROVABLE', 'id', 'warning', 'escape'],
        ['CONSUMER_READ_UNPROVABLE', 'total', 'warning', 'escape'],
        ['CONSUMER_READ_UNPROVABLE', 'lines', 'warning', 'escape'],
        ['CONSUMER_READ_UNPROVABLE', 'lines.*.sku', 'warning', 'escape'],
      ]);
      expect(run.findings.map((f) => [f.data?.escapedAt, f.data?.escape])).toEqual(
        Array(4).fill([
          'billing/bill.ts:5:22',
          'JSON.parse(body) as Order passed to same, which the analysis cannot resolve',
        ]),
      );
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a value handed to a function outside the consumer is an escape, one inside it is followed', async () => {
    // Object.keys is declared in the compiler's lib: what it does with the order cannot be seen.
    const logged = await consumes({
      'bill.ts': HANDLER.replace('${order.total}', 'x').replace('return ', 'void Object.keys(order);\n  return '),
    });
    expect(logged.findings.map((f) => [f.rule, f.field, f.severity, f.data?.kind])).toEqual([
      ['CONSUMER_READ_UNPROVABLE', 'total', 'warning', 'escape'],
    ]);
    expect(logged.findings[0]?.data?.escapedAt).toBe('billing/bill.ts:6:20');
    expect(logged.findings[0]?.data?.escape).toMatch(
      /^order passed to Object\.keys, declared outside the consumer's files \(node_modules\/typescript\/lib\/lib\.[a-z0-9.]+\.d\.ts\)$/u,
    );
    // A helper among the consumer's files that never reads total: its body is seen, so total is unread.
    const helper = await consumes({
      'bill.ts': HANDLER.replace('${order.total}', 'x')
        .replace('return ', 'audit(order);\n  return ')
        .replace("from './order.js';", "from './order.js';\nimport { audit } from './audit.js';"),
      'audit.ts':
        "import type { Order } from './order.js';\n\nexport function audit(order: Order): string {\n  return order.id;\n}\n",
    });
    expect(helper.findings.map((f) => [f.rule, f.field])).toEqual([['CONSUMER_FIELD_UNREAD', 'total']]);
    expect(helper.exit).toBe(1);
    // The same helper reading it proves the read.
    const reading = await consumes({
      'bill.ts': HANDLER.replace('${order.total}', 'x')
        .replace('return ', 'audit(order);\n  return ')
        .replace("from './order.js';", "from './order.js';\nimport { audit } from './audit.js';"),
      'audit.ts':
        "import type { Order } from './order.js';\n\nexport function audit(order: Order): number {\n  return order.total;\n}\n",
    });
    expect(reading.findings).toEqual([]);
  });

  it('a spread of the request is an escape: a warning for the field no code reads', async () => {
    const run = await consumes({
      'bill.ts': HANDLER.replace('${order.total}', 'x').replace('return ', 'send({ ...order });\n  return '),
      'send.ts': 'export function send(value: object): void {\n  void value;\n}\n',
    });
    expect(run.findings.map((f) => [f.rule, f.field, f.severity, f.data?.kind])).toEqual([
      ['CONSUMER_READ_UNPROVABLE', 'total', 'warning', 'escape'],
    ]);
    expect(run.exit).toBe(0);
  });
});
