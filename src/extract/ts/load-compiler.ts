import { WirepinError } from '../../errors.js';

/**
 * The one place wirepin loads the TypeScript compiler. It is an optional peer
 * dependency (24 MB): only `--ts` sources need it, so a Go-only install
 * leaves it out, and a missing install is a usage error that names the
 * package, not a crash.
 */
export type TypeScriptModule = typeof import('typescript');

/** How the compiler is imported; tests substitute one that fails. */
export type TypeScriptImporter = () => Promise<{ default: TypeScriptModule }>;

export const TYPESCRIPT_PACKAGE = 'typescript';

const importTypeScript: TypeScriptImporter = () => import('typescript');

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

let loaded: Promise<TypeScriptModule> | undefined;

/** Imports the compiler once per process (about a second); a failed import is retried on the next call. */
export async function loadTypeScript(importer: TypeScriptImporter = importTypeScript): Promise<TypeScriptModule> {
  const load = async (): Promise<TypeScriptModule> => {
    try {
      return (await importer()).default;
    } catch (error) {
      if (!isModuleNotFound(error)) throw error;
      throw new WirepinError(
        'E_CONFIG',
        `${TYPESCRIPT_PACKAGE} is not installed, and reading a TypeScript source needs its compiler.`,
        {
          hint: `Install it next to wirepin (npm install --save-dev ${TYPESCRIPT_PACKAGE}@6), then run the command again.`,
        },
      );
    }
  };
  if (importer !== importTypeScript) return load();
  loaded ??= load().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}
