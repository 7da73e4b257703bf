import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeWriteOps, writeFileAtomic, type WriteOps } from '../../src/fs/atomic-write.js';
import { rejectionOf } from '../support/facts.js';

const dir = mkdtempSync(join(tmpdir(), 'wirepin-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function errno(code: string): Error {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

describe('writeFileAtomic', () => {
  it('creates missing directories and writes the file; a second write replaces it', async () => {
    const target = join(dir, 'a', 'b', 'x.schema.json');
    await writeFileAtomic(target, 'one', { shown: 'a/b/x.schema.json' });
    await writeFileAtomic(target, 'two', { shown: 'a/b/x.schema.json' });
    expect(readFileSync(target, 'utf8')).toBe('two');
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['x.schema.json']);
  });

  for (const [code, step, reason] of [
    ['ENOSPC', 'write', 'no space left'],
    ['EROFS', 'open', 'read-only'],
    ['EACCES', 'open', 'permission denied'],
    ['EIO', 'rename', 'EIO'],
  ] as const) {
    it(`${code} in ${step} leaves the old file untouched and names the path and the reason`, async () => {
      const target = join(dir, `${code}.ts`);
      writeFileSync(target, 'old');
      const ops: WriteOps = {
        ...nodeWriteOps,
        open: async (path, flags, mode) => {
          if (step === 'open') throw errno(code);
          const handle = await nodeWriteOps.open(path, flags, mode);
          return step === 'write'
            ? {
                writeFile: async () => {
                  await handle.writeFile('partial');
                  throw errno(code);
                },
                sync: () => handle.sync(),
                close: () => handle.close(),
              }
            : handle;
        },
        rename: async (from, to) => {
          if (step === 'rename') throw errno(code);
          return nodeWriteOps.rename(from, to);
        },
      };
      const error = await rejectionOf(writeFileAtomic(target, 'new', { shown: `${code}.ts`, ops }));
      expect(error.code).toBe('E_WRITE');
      expect(error.message).toContain(`"${code}.ts"`);
      expect(error.message).toContain(reason);
      expect(readFileSync(target, 'utf8')).toBe('old');
      expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    });
  }

  it('refuses a directory where the file should be (EISDIR)', async () => {
    mkdirSync(join(dir, 'isdir'));
    const error = await rejectionOf(writeFileAtomic(join(dir, 'isdir'), 'x', { shown: 'isdir' }));
    expect(error.message).toContain('EISDIR');
  });

  it('writes a character device in place and reports a full one (/dev/full: ENOSPC)', async () => {
    const error = await rejectionOf(writeFileAtomic('/dev/full', 'x', { shown: '/dev/full' }));
    expect(error.message).toContain('ENOSPC');
  });

  it("two concurrent writers never leave a torn file: the result is one writer's whole text", async () => {
    const target = join(dir, 'race.json');
    const a = 'a'.repeat(1 << 20);
    const b = 'b'.repeat(1 << 20);
    for (let round = 0; round < 5; round++) {
      await Promise.all([
        writeFileAtomic(target, a, { shown: 'race.json' }),
        writeFileAtomic(target, b, { shown: 'race.json' }),
      ]);
      const text = readFileSync(target, 'utf8');
      expect(text === a || text === b).toBe(true);
    }
  });
});

describe('writeFileAtomic with overwrite: false', () => {
  it('creates a new file, and refuses an existing one (E_USAGE) without touching it', async () => {
    const target = join(dir, 'no-overwrite.yaml');
    await writeFileAtomic(target, 'first', { shown: 'no-overwrite.yaml', overwrite: false });
    expect(readFileSync(target, 'utf8')).toBe('first');
    const error = await rejectionOf(
      writeFileAtomic(target, 'second', { shown: 'no-overwrite.yaml', overwrite: false }),
    );
    expect(error.code).toBe('E_USAGE');
    expect(readFileSync(target, 'utf8')).toBe('first');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });
});
