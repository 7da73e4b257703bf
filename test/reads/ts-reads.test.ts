import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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
