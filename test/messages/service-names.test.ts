/**
 * Messages speak in the contract's own service names. A contract between
 * `orders` (producer) and `billing` (consumer) runs through every rule family
 * (lint, pin, consumes, diff, sync, generate --check) and every renderer, and
 * nothing wirepin prints may name "cp" or "core", the services of the shipped
 * example. `cp_consumes`, the dialect's keyword, is not the word "cp".
 */
import { afterAll, describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/render/index.js';
import { runCli, type CliRun } from '../support/run-cli.js';
import { tempRepo } from '../diff/git-repo.js';

const SHIPPED_NAMES = /\b(cp|core)\b/iu;

const CONTRACT = 'contracts/orders.contract.json';

function contract(change: (c: Record<string, any>) => void = () => undefined): string {
  const value: Record<string, any> = {
    $id: 'https://example.test/contracts/orders.contract.json',
    title: 'OrderPlaced',
    description: 'An order the shop placed.',
    endpoint: 'POST /billing/orders',
    producer: { name: 'orders', repo: 'acme/orders', type: 'OrderPlaced' },
    consumer: { name: 'billing', repo: 'acme/billing', type: 'OrderEvent' },
    type: 'object',
    additionalProperties: false,
    required: ['order_id', 'amount', 'legacy_code'],
    properties: {
      order_id: { type: 'string', description: 'The order.', cp_consumes: true },
      amount: { type: 'integer', cp_consumes: true },
      currency: { type: 'string', cp_consumes: true },
      legacy_code: { type: 'string', cp_consumes: false, note: 'Kept for the old ledger.' },
      coupon: { type: 'string', cp_consumes: false, note: 'Nobody reads it yet.' },
      memo: { type: ['string', 'null'], cp_consumes: true },
      region: { type: 'string', cp_consumes: true },
    },
  };
  change(value);
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Every kind of change the diff rules classify, from the base contract above. */
function changed(c: Record<string, any>): void {
  const p = c['properties'];
  c['endpoint'] = 'POST /billing/v2/orders';
  c['producer'] = { ...c['producer'], type: 'OrderPlacedV2' };
  c['consumer'] = { ...c['consumer'], type: 'OrderEventV2' };
  delete p['currency']; // removed, consumed
  delete p['legacy_code']; // removed, dead and required
  delete p['coupon']; // removed, dead and optional
  c['required'] = ['order_id', 'amount', 'region'];
  p['amount'] = { type: ['integer', 'null'], cp_consumes: true }; // became nullable
  p['memo'] = { type: 'string', cp_consumes: false, note: 'Billing stopped using it.' }; // non-nullable, became dead
  p['order_id'] = { type: 'integer', description: 'The order number.', cp_consumes: true }; // type and description changed
  p['region'] = { type: 'string', cp_consumes: true }; // became required
  p['channel'] = { type: 'string', cp_consumes: true }; // added, consumed
  p['tracking'] = { type: 'string', cp_consumes: false, note: 'For a later release.' }; // added, dead
}

const PRODUCER_TS = `export interface OrderPlaced {
  order_id?: string;
  amount: string;
  currency: string;
  legacy_code: string;
  memo: string | null;
  region: string;
  extra: number;
  placed_at: Date;
}
`;

const CONSUMER_TS = `export interface OrderEvent {
  order_id: number;
  amount: number;
  coupon: string;
  memo: string | null;
  region: string;
  unknown_one: string;
}
`;

const repo = tempRepo();
afterAll(() => repo.cleanup());

const runs: Array<{ args: readonly string[]; run: CliRun }> = [];

async function run(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  const result = await runCli(args, { cwd: repo.dir, env });
  runs.push({ args, run: result });
  return result;
}

/** Runs a command in every output format, collecting everything it prints. */
async function everyFormat(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun[]> {
  const out: CliRun[] = [];
  for (const format of FORMATS) out.push(await run([...args, '--format', format], env));
  return out;
}

function findingsOf(result: CliRun): Array<{ rule: string; message: string }> {
  return (JSON.parse(result.stdout) as { findings: Array<{ rule: string; message: string }> }).findings;
}

describe('a contract between orders and billing', () => {
  repo.write(CONTRACT, contract());
  repo.write('orders/order.ts', PRODUCER_TS);
  repo.write('billing/event.ts', CONSUMER_TS);
  repo.commitAll('base');

  it('lint: every finding of a broken contract', async () => {
    repo.write(
      'broken/orders.contract.json',
      contract((c) => {
        delete c['properties']['coupon']['note'];
        c['properties']['amount']['cp_consumes'] = 'yes';
        c['properties']['nested'] = {
          type: 'object',
          cp_consumes: false,
          note: 'n',
          properties: { inner: { type: 'string', cp_consumes: true } },
        };
      }),
    );
    const results = await everyFormat(['lint', 'broken/orders.contract.json']);
    expect(results[0]?.exit).toBe(1);
    const rules = new Set(findingsOf(results[1] as CliRun).map((f) => f.rule));
    expect([...rules].sort()).toEqual(
      expect.arrayContaining(['CONSUMED_UNDER_DEAD_PARENT', 'CONSUMES_FLAG_MISSING', 'DEAD_FIELD_NOTE_MISSING']),
    );
  });

  it('pin: the producer pin finds each drift', async () => {
    const results = await everyFormat([
      'pin',
      '--contract',
      CONTRACT,
      '--ts',
      'orders/order.ts',
      '--type',
      'OrderPlaced',
    ]);
    expect(results[0]?.exit).toBe(1);
    const rules = new Set(findingsOf(results[1] as CliRun).map((f) => f.rule));
    expect([...rules].sort()).toEqual(
      expect.arrayContaining([
        'PRODUCER_FIELD_MISSING',
        'PRODUCER_FIELD_UNDECLARED',
        'PRODUCER_REQUIRED_MISMATCH',
        'PRODUCER_TYPE_MISMATCH',
      ]),
    );
    const messages = findingsOf(results[1] as CliRun)
      .map((f) => f.message)
      .join('\n');
    expect(messages).toMatch(/\borders\b/u);
  });

  it('consumes: consumer completeness finds each drift, statically and from a trace', async () => {
    const results = await everyFormat([
      'consumes',
      '--contract',
      CONTRACT,
      '--ts',
      'billing/event.ts',
      '--type',
      'OrderEvent',
    ]);
    expect(results[0]?.exit).toBe(1);
    const rules = new Set(findingsOf(results[1] as CliRun).map((f) => f.rule));
    expect([...rules].sort()).toEqual(
      expect.arrayContaining([
        'CONSUMER_FIELD_MISSING',
        'CONSUMER_FIELD_UNKNOWN',
        'CONSUMER_READS_DEAD_FIELD',
        'CONSUMER_TYPE_MISMATCH',
      ]),
    );
    expect(
      findingsOf(results[1] as CliRun)
        .map((f) => f.message)
        .join('\n'),
    ).toMatch(/\bbilling\b/u);
    repo.write(
      'billing/trace.json',
      `${JSON.stringify({ wirepin_trace: 1, endpoint: 'POST /billing/orders', requests: 2, read: ['/amount', '/coupon', '/order_id'] }, null, 2)}\n`,
    );
    const traced = await everyFormat(['consumes', '--contract', CONTRACT, '--trace', 'billing/trace.json']);
    expect(new Set(findingsOf(traced[1] as CliRun).map((f) => f.rule))).toEqual(
      new Set(['CONSUMER_FIELD_UNREAD', 'CONSUMER_READS_DEAD_FIELD']),
    );
  });

  it('diff: every class of change, file to file and against a git ref', async () => {
    repo.write('head/orders.contract.json', contract(changed));
    const results = await everyFormat(['diff', CONTRACT, 'head/orders.contract.json', '--fail-on', 'any']);
    expect(results[0]?.exit).toBe(1);
    const rules = new Set(findingsOf(results[1] as CliRun).map((f) => f.rule));
    expect([...rules].sort()).toEqual([
      'CONSUMES_FLIPPED',
      'DESCRIPTION_CHANGED',
      'ENDPOINT_CHANGED',
      'FIELD_ADDED',
      'FIELD_REMOVED',
      'FIELD_REQUIRED_CHANGED',
      'FIELD_TYPE_CHANGED',
      'SIDE_TYPE_CHANGED',
    ]);
    expect(results[2]?.stdout).toContain('billing loses or misreads a field it reads');

    // Against the ref: a changed contract, a new one and a deleted one.
    repo.write(
      'contracts/refunds.contract.json',
      contract((c) => (c['title'] = 'RefundIssued')),
    );
    repo.commitAll('refunds');
    repo.write(CONTRACT, contract(changed));
    repo.remove('contracts/refunds.contract.json');
    repo.write(
      'contracts/invoices.contract.json',
      contract((c) => (c['title'] = 'InvoiceSent')),
    );
    const against = await everyFormat(['diff', '--against', 'HEAD', '--fail-on', 'any']);
    expect(against[0]?.exit).toBe(1);
    const againstRules = findingsOf(against[1] as CliRun).map((f) => f.rule);
    expect(againstRules).toEqual(
      expect.arrayContaining(['CONTRACT_ADDED', 'CONTRACT_REMOVED', 'FIELD_REMOVED', 'ENDPOINT_CHANGED']),
    );
    repo.write(CONTRACT, contract());
    repo.remove('contracts/invoices.contract.json');
  });

  it('sync: a mirror with field changes and drift', async () => {
    repo.write(
      'mirror/orders.contract.json',
      contract((c) => {
        changed(c);
        c['$id'] = 'https://example.test/elsewhere.json';
        c['description'] = 'A copy that drifted.';
      }),
    );
    const results = await everyFormat(['sync', 'mirror/orders.contract.json', CONTRACT]);
    expect(results[0]?.exit).toBe(1);
    expect(findingsOf(results[1] as CliRun).map((f) => f.rule)).toEqual(
      expect.arrayContaining(['SYNC_DRIFT', 'FIELD_REMOVED']),
    );
  });

  it('generate --check: every generated file missing', async () => {
    const results = await everyFormat(['generate', '--check', CONTRACT]);
    expect(results[0]?.exit).toBe(1);
    expect(new Set(findingsOf(results[1] as CliRun).map((f) => f.rule))).toEqual(new Set(['GENERATED_FILE_STALE']));
  });

  it('a command handed a contract with lint errors reports them and exits 2', async () => {
    const results = await everyFormat([
      'pin',
      '--contract',
      'broken/orders.contract.json',
      '--ts',
      'orders/order.ts',
      '--type',
      'OrderPlaced',
    ]);
    expect(results.map((r) => r.exit)).toEqual([2, 2, 2, 2]);
  });

  it('and nothing printed names cp or core', () => {
    expect(runs.length).toBe(36);
    for (const { args, run: result } of runs) {
      expect(`${result.stdout}\n${result.stderr}`, `wirepin ${args.join(' ')}`).not.toMatch(SHIPPED_NAMES);
      expect(result.stderr, `wirepin ${args.join(' ')}`).not.toMatch(/internal error/u);
    }
  });
});
