import { readFileSync } from 'node:fs';

/**
 * wirepin's version, written once: package.json's `version`. The CLI bundle
 * gets it at build time (scripts/bundle-cli.js defines
 * `__WIREPIN_VERSION__`); unbundled code (dist/ imported as a library, the
 * tests running src/) reads the package.json of this checkout or package.
 */
declare const __WIREPIN_VERSION__: string | undefined;

function packageVersion(): string {
  // src/version.ts and dist/version.js both sit one level below package.json.
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version?: unknown;
  };
  if (typeof manifest.version !== 'string') throw new Error('package.json has no version');
  return manifest.version;
}

export const VERSION: string = typeof __WIREPIN_VERSION__ === 'string' ? __WIREPIN_VERSION__ : packageVersion();
