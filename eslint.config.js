// ESLint (flat config): typescript-eslint's parser, and import-x rules that hold src/ to its floors.
// The floors, bottom to top (ARCHITECTURE.md):
//   base     src/*.ts: errors, paths, json-pointer, wire vocabulary, finding, rule types, report, wording;
//            src/fs/: confinement, bounded reads, atomic writes
//   contract src/contract/: load, validate, normalize, and the usable-contract verdict
//   helpers  src/{extract,generate,pact,trace,runtime,guards,diff,sync,config,draft,reads}/: what rules import, and the stages beside them
//   rules    src/rules/
//   run      src/run/: every use-case and rule engine
//   render   src/render/
//   cli      src/cli/
//   api      src/index.ts: the public barrel (`import ... from 'wirepin'`), re-exporting any floor but cli
// A file may import from its own floor and the floors below it, never from above; nothing outside src/cli imports it,
// and nothing in src/ imports the barrel. src/version.ts is on the base floor.
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const HELPERS = [
  'extract',
  'generate',
  'pact',
  'trace',
  'runtime',
  'guards',
  'diff',
  'sync',
  'config',
  'draft',
  'reads',
];
const FLOORS = [
  // Every top-level file but the barrel.
  { name: 'base', target: ['./src/!(index).ts', './src/fs/**'] },
  { name: 'contract', target: './src/contract/**' },
  { name: 'helpers', target: HELPERS.map((h) => `./src/${h}/**`) },
  { name: 'rules', target: './src/rules/**' },
  { name: 'run', target: './src/run/**' },
  { name: 'render', target: './src/render/**' },
  { name: 'cli', target: './src/cli/**' },
  { name: 'api', target: './src/index.ts' },
];
const asList = (target) => (Array.isArray(target) ? target : [target]);

/** Every floor may not import any floor above it. */
const upward = FLOORS.flatMap((floor, i) =>
  FLOORS.slice(i + 1).map((above) => ({
    target: asList(floor.target),
    from: asList(above.target),
    message: `The ${floor.name} floor may not import from the ${above.name} floor above it (see ARCHITECTURE.md).`,
  })),
);

/**
 * Helper folders share a floor; between them, dependencies go one way only
 * (these are the ones that exist): a folder never imports one that imports it.
 */
const HELPER_EDGES = [
  ['runtime', 'generate'],
  ['runtime', 'trace'],
  ['reads', 'extract'],
];
const sideways = HELPERS.flatMap((from) =>
  HELPERS.filter((to) => to !== from && !HELPER_EDGES.some(([a, b]) => a === from && b === to)).map((to) => ({
    target: [`./src/${from}/**`],
    from: [`./src/${to}/**`],
    message: `src/${from}/ may not import src/${to}/: helper folders depend on each other only along the edges listed in eslint.config.js.`,
  })),
);

/** The barrel re-exports the library; the CLI is not part of it. */
const barrel = [
  {
    target: ['./src/index.ts'],
    from: ['./src/cli/**'],
    message: 'src/index.ts (the public API) may not import the CLI.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'generated/**', 'node_modules/**', 'bench/.work/**', 'reports/**', '.stryker-tmp*/**'] },
  {
    files: ['src/**/*.ts'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' },
    plugins: { 'import-x': importX, '@typescript-eslint': tseslint.plugin },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
      // no-cycle parses the imported modules too, with this parser.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js'],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: [...upward, ...sideways, ...barrel] }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
);
