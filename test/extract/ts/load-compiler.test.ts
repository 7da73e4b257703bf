import { describe, expect, it } from 'vitest';
import { loadTypeScript, TYPESCRIPT_PACKAGE } from '../../../src/extract/ts/load-compiler.js';

describe('loadTypeScript', () => {
  it('loads the compiler when it is installed', async () => {
    const ts = await loadTypeScript();
    expect(typeof ts.createProgram).toBe('function');
  });

  it('turns a missing install (an optional peer) into E_CONFIG naming the package to install', async () => {
    const missing = (): Promise<never> =>
      Promise.reject(
        Object.assign(new Error(`Cannot find package '${TYPESCRIPT_PACKAGE}'`), { code: 'ERR_MODULE_NOT_FOUND' }),
      );
    await expect(loadTypeScript(missing)).rejects.toMatchObject({
      name: 'WirepinError',
      code: 'E_CONFIG',
      message: expect.stringContaining('typescript is not installed'),
      hint: expect.stringContaining('npm install --save-dev typescript@6'),
    });
  });

  it('lets any other failure through unchanged', async () => {
    const broken = new Error('unexpected token');
    await expect(loadTypeScript(() => Promise.reject(broken))).rejects.toBe(broken);
  });
});
