import { WirepinError } from '../errors.js';

/**
 * The one place wirepin loads @pact-foundation/pact. It is an optional peer
 * dependency (19 MB with its native core), only `wirepin pact` needs it, and it is
 * loaded lazily, so commands that do not need Pact never pay for it (or its
 * native library), and a missing install is a clear usage error, not a crash.
 */
export type PactModule = typeof import('@pact-foundation/pact');

/** How the module is imported; tests substitute one that fails. */
export type PactImporter = () => Promise<PactModule>;

export const PACT_PACKAGE = '@pact-foundation/pact';

const importPact: PactImporter = () => import('@pact-foundation/pact');

let loaded: Promise<PactModule> | undefined;

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

/**
 * Imports Pact JS. Pact's native core reports usage to Pact's servers unless
 * PACT_DO_NOT_TRACK is set; wirepin sets it to "true" when it is unset (runs
 * must not wait on the network). Set it to "false" yourself to opt in.
 */
export async function loadPact(importer: PactImporter = importPact): Promise<PactModule> {
  if (process.env['PACT_DO_NOT_TRACK'] === undefined) process.env['PACT_DO_NOT_TRACK'] = 'true';
  const load = async (): Promise<PactModule> => {
    try {
      return await importer();
    } catch (error) {
      if (isModuleNotFound(error)) {
        throw new WirepinError('E_CONFIG', `${PACT_PACKAGE} is not installed, and this command runs Pact.`, {
          hint: `Install it as a dev dependency (npm install --save-dev ${PACT_PACKAGE}@16), then run the command again.`,
        });
      }
      const reason = error instanceof Error ? error.message : String(error);
      throw new WirepinError('E_CONFIG', `${PACT_PACKAGE} is installed but could not be loaded: ${reason}`, {
        hint: 'Reinstall it (npm ci); its native core must match this platform.',
      });
    }
  };
  if (importer !== importPact) return load();
  loaded ??= load().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}
