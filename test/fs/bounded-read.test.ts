import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBounded, readBoundedSync, readRegularFileSync } from '../../src/fs/bounded-read.js';
import type { WirepinError } from '../../src/errors.js';
import { rejectionOf } from '../support/facts.js';

const dir = mkdtempSync(join(tmpdir(), 'wirepin-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function refusal(path: string, options: { maxBytes?: number; timeoutMs?: number } = {}): Promise<WirepinError> {
  return rejectionOf(readBounded(path, { what: 'contract', shown: 'x.contract.json', ...options }));
}

describe('readBounded', () => {
  it('reads a regular file whole', async () => {
    writeFileSync(join(dir, 'ok.json'), '{"a":1}');
    expect((await readBounded(join(dir, 'ok.json'), { what: 'contract', shown: 'ok.json' })).toString()).toBe(
      '{"a":1}',
    );
  });

  it('reads a file exactly at the limit and refuses one byte more, counting while reading', async () => {
    writeFileSync(join(dir, 'ten'), '0123456789');
    expect((await readBounded(join(dir, 'ten'), { what: 'x', shown: 'ten', maxBytes: 10 })).length).toBe(10);
    const error = await refusal(join(dir, 'ten'), { maxBytes: 9 });
    expect(error.code).toBe('E_READ');
    expect(error.message).toContain('9-byte limit');
  });

  it('refuses a symlink to /dev/zero on the opened descriptor (stat says 0 bytes)', async () => {
    symlinkSync('/dev/zero', join(dir, 'zero.contract.json'));
    const error = await refusal(join(dir, 'zero.contract.json'));
    expect(error.code).toBe('E_READ');
    expect(error.message).toContain('character device');
    expect(error.message).toContain('x.contract.json');
  });

  it('refuses a FIFO without hanging on the open', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe.contract.json')]);
    const started = Date.now();
    const error = await refusal(join(dir, 'pipe.contract.json'));
    expect(error.message).toContain('FIFO');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('refuses a directory and a missing file with the OS reason', async () => {
    expect((await refusal(dir)).message).toContain('a directory');
    expect((await refusal(join(dir, 'missing'))).message).toContain('ENOENT');
  });

  it('bounds /proc files, which report a size of 0, by what is read', async () => {
    const text = await readBounded('/proc/self/status', { what: 'x', shown: 'status' });
    expect(text.length).toBeGreaterThan(0);
    expect((await refusal('/proc/self/status', { maxBytes: 16 })).message).toContain('16-byte limit');
  });

  it('the synchronous twin reads regular files only', () => {
    expect(readRegularFileSync(join(dir, 'ok.json'))?.toString()).toBe('{"a":1}');
    expect(readRegularFileSync(join(dir, 'zero.contract.json'))).toBeUndefined();
    expect(readRegularFileSync(join(dir, 'pipe.contract.json'))).toBeUndefined();
    expect(readRegularFileSync(join(dir, 'ten'), 9)).toBeUndefined();
  });
});

describe('readBoundedSync (the TypeScript compiler host reads through it)', () => {
  const errorOf = (read: () => unknown): WirepinError => {
    try {
      read();
    } catch (error) {
      return error as WirepinError;
    }
    throw new Error('expected a refusal');
  };

  it('reads a regular file whole, exactly at the limit, and refuses one byte more', () => {
    writeFileSync(join(dir, 'sync-ten'), '0123456789');
    expect(readBoundedSync(join(dir, 'sync-ten'), { what: 'x', shown: 'sync-ten', maxBytes: 10 }).toString()).toBe(
      '0123456789',
    );
    const error = errorOf(() => readBoundedSync(join(dir, 'sync-ten'), { what: 'x', shown: 'sync-ten', maxBytes: 9 }));
    expect([error.code, error.message]).toEqual(['E_READ', 'x "sync-ten" is over wirepin\'s 9-byte limit for it.']);
  });

  it('refuses a device, a FIFO and a missing file on the opened descriptor, naming the file', () => {
    symlinkSync('/dev/zero', join(dir, 'sync-zero.ts'));
    execFileSync('mkfifo', [join(dir, 'sync-pipe.ts')]);
    expect(
      errorOf(() => readBoundedSync(join(dir, 'sync-zero.ts'), { what: 'TypeScript source', shown: 'z.ts' })).message,
    ).toContain('"z.ts" is a character device');
    expect(
      errorOf(() => readBoundedSync(join(dir, 'sync-pipe.ts'), { what: 'TypeScript source', shown: 'p.ts' })).message,
    ).toContain('"p.ts" is a FIFO');
    expect(
      errorOf(() => readBoundedSync(join(dir, 'nope.ts'), { what: 'TypeScript source', shown: 'n.ts' })).message,
    ).toContain('ENOENT');
  });

  it('gives up on a file that takes longer than the timeout, checked between chunks', () => {
    writeFileSync(join(dir, 'sync-slow'), 'x'.repeat(3 * 1024 * 1024));
    let clock = 0;
    const now = (): number => (clock += 400);
    const error = errorOf(() =>
      readBoundedSync(join(dir, 'sync-slow'), { what: 'x', shown: 'slow', timeoutMs: 1000, now }),
    );
    expect(error.message).toBe('Reading x "slow" took longer than 1000 ms; wirepin gave up on it.');
    clock = 0;
    expect(readBoundedSync(join(dir, 'sync-slow'), { what: 'x', shown: 'slow', timeoutMs: 10_000, now }).length).toBe(
      3 * 1024 * 1024,
    );
  });
});
