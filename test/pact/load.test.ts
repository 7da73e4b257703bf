import { describe, expect, it } from 'vitest';
import { loadPact, PACT_PACKAGE } from '../../src/pact/index.js';

function notFound(): Promise<never> {
  const error = Object.assign(new Error(`Cannot find package '${PACT_PACKAGE}'`), { code: 'ERR_MODULE_NOT_FOUND' });
  return Promise.reject(error);
}

describe('loadPact', () => {
  it('loads Pact JS lazily and opts out of its telemetry unless told otherwise', async () => {
    const pact = await loadPact();
    expect(typeof pact.PactV4).toBe('function');
    expect(typeof pact.Verifier).toBe('function');
    expect(process.env['PACT_DO_NOT_TRACK']).toBe('true');
  });

  it('turns a missing install into E_CONFIG with the install command', async () => {
    await expect(loadPact(notFound)).rejects.toMatchObject({
      name: 'WirepinError',
      code: 'E_CONFIG',
      message: '@pact-foundation/pact is not installed, and this command runs Pact.',
      hint: expect.stringContaining('npm install --save-dev @pact-foundation/pact@16'),
    });
  });

  it('turns a broken install into E_CONFIG with the reason', async () => {
    await expect(
      loadPact(() => Promise.reject(new Error('libpact_ffi.so: cannot open shared object file'))),
    ).rejects.toMatchObject({
      code: 'E_CONFIG',
      message: expect.stringContaining('could not be loaded: libpact_ffi.so'),
    });
  });
});
