// Build step: bundle the compiled CLI (dist/cli/main.js and everything it
// imports from this project, plus the small dependencies it always loads) into
// dist/bundle/, one file per lazily loaded command. Node then reads a handful
// of files at start-up instead of ~180 (yaml alone is 73 modules), which is
// most of the cost of a short `wirepin check` or `wirepin lint`.
//
// Heavy dependencies that only some commands need stay external and load
// lazily from node_modules as before: typescript, json-schema-to-typescript
// (and prettier through it), web-tree-sitter (it finds its .wasm next to its
// own file), ajv (the run-time validator of the reference server), Pact.
// The tree-sitter queries, which the code reads relative to its own module,
// are copied beside the chunks; the precompiled meta-schema validator stays in
// generated/, which dist/bundle/ reaches at ../../generated/ like src/ and dist/.
// tree-sitter-go's WebAssembly grammar (a devDependency; 216 KB of its 4 MB)
// and its licence are copied beside src/extract/go/tree-sitter-go.ts and its
// compiled and bundled forms, so users install no native addon.
// The version is package.json's, written into the bundle here (src/version.ts).
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist', 'bundle');

const EXTERNAL = [
  /^node:/,
  'typescript',
  'json-schema-to-typescript',
  'prettier',
  'web-tree-sitter',
  /^ajv(\/|$)/,
  /^ajv-formats(\/|$)/,
  /^@pact-foundation\//,
];

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

rmSync(outDir, { recursive: true, force: true });
await build({
  input: { wirepin: join(root, 'dist', 'cli', 'main.js') },
  platform: 'node',
  external: EXTERNAL,
  logLevel: 'warn',
  transform: { define: { __WIREPIN_VERSION__: JSON.stringify(version) } },
  output: {
    dir: outDir,
    format: 'esm',
    entryFileNames: '[name].js',
    // Stable names (no content hashes) keep the build byte-stable and readable.
    chunkFileNames: 'chunk-[name].js',
    sourcemap: false,
    minify: false,
  },
});

mkdirSync(join(outDir, 'queries'), { recursive: true });
for (const name of readdirSync(join(root, 'src', 'extract', 'go', 'queries'))) {
  if (name.endsWith('.scm'))
    copyFileSync(join(root, 'src', 'extract', 'go', 'queries', name), join(outDir, 'queries', name));
}
const grammar = createRequire(import.meta.url).resolve('tree-sitter-go/tree-sitter-go.wasm');
for (const dir of [join(root, 'src', 'extract', 'go'), join(root, 'dist', 'extract', 'go'), outDir]) {
  copyFileSync(grammar, join(dir, 'tree-sitter-go.wasm'));
  copyFileSync(join(dirname(grammar), 'LICENSE'), join(dir, 'tree-sitter-go.LICENSE'));
}
console.log(
  `wirepin build: CLI bundled into ${readdirSync(outDir).filter((n) => n.endsWith('.js')).length} files under dist/bundle/`,
);
