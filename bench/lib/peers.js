// Where the peer tools live: buf's native binary (from the platform package
// npm installs next to @bufbuild/buf; not the node shim, not npx) and
// json-schema-diff's CLI script (run with this Node).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function findBuf(root) {
  const scope = join(root, 'node_modules', '@bufbuild');
  const candidates = existsSync(scope) ? readdirSync(scope).filter((d) => d.startsWith('buf-')) : [];
  for (const dir of candidates) {
    for (const file of ['buf', 'buf.exe']) {
      const path = join(scope, dir, 'bin', file);
      if (existsSync(path) && !readFileSync(path).subarray(0, 2).equals(Buffer.from('#!'))) return path;
    }
  }
  throw new Error(
    'No native buf binary under node_modules/@bufbuild/buf-*/bin. Run `npm ci` on linux-x64 (the optional dependency @bufbuild/buf-linux-x64 holds it).',
  );
}

/** json-schema-diff's CLI entry (bin/json-schema-diff) and its version. */
export function findJsonSchemaDiff(root) {
  const load = createRequire(join(root, 'package.json'));
  const manifestPath = load.resolve('json-schema-diff/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin['json-schema-diff'];
  return { script: join(dirname(manifestPath), bin), version: manifest.version };
}
