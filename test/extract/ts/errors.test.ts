import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { WirepinError } from '../../../src/errors.js';
import { tsExtractor } from '../../../src/extract/ts/index.js';
import { rejectionOf } from '../../support/facts.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

async function failure(path: string, typeName?: string): Promise<WirepinError> {
  const request = typeName === undefined ? { path, cwd: repoRoot } : { path, typeName, cwd: repoRoot };
  return rejectionOf(tsExtractor.extract(request));
}

describe('tsExtractor errors', () => {
  it('E_UNKNOWN_TYPE lists the types the file declares', async () => {
    const error = await failure('test/fixtures/ts/not-found/types.ts', 'Delta');
    expect(error.code).toBe('E_UNKNOWN_TYPE');
    expect(error.message).toContain('"Delta"');
    expect(error.message).toContain('Alpha, Beta, Gamma');
    expect(error.hint).toBeDefined();
  });

  it('E_PARSE points at the first syntax error, 1-based', async () => {
    const error = await failure('test/fixtures/ts/syntax-error/types.ts', 'Broken');
    expect(error.code).toBe('E_PARSE');
    expect(error.location).toEqual({ file: 'test/fixtures/ts/syntax-error/types.ts', line: 4, column: 9 });
  });

  it('E_READ for a missing file and for a directory', async () => {
    expect((await failure('test/fixtures/ts/no-such-file.ts', 'X')).code).toBe('E_READ');
    expect((await failure('test/fixtures/ts/basic', 'Basic')).code).toBe('E_READ');
  });

  it('E_USAGE without a type name', async () => {
    expect((await failure('test/fixtures/ts/basic/types.ts')).code).toBe('E_USAGE');
  });

  it('E_UNSUPPORTED when the named type is not an object', async () => {
    const error = await failure('test/fixtures/ts/integer/numbers.ts', 'integer');
    expect(error.code).toBe('E_UNSUPPORTED');
    expect(error.location).toMatchObject({ line: 1, column: 13 });
  });
});
