import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant of src/rules, src/extract,
 * src/guards, src/diff and src/reads (stryker.config.json): the fast in-process tests of
 * those modules, by subject (the rule tables in test/rules, the extractor
 * tables in test/extract, the diff and guard reports in test/diff and
 * test/guards). Left out: Pact, the reference server and the Go oracle (slow,
 * and they exercise other modules), the hostile-input suite (it runs the built
 * CLI in dist/, which Stryker does not mutate) and the timing test of the Go
 * extractor (instrumented code is slower, so its 2 s bound would flap).
 */
export default defineConfig({
  test: {
    include: [
      'test/rules/**/*.test.ts',
      'test/extract/**/*.test.ts',
      'test/guards/**/*.test.ts',
      'test/diff/**/*.test.ts',
      'test/contract/**/*.test.ts',
      'test/cli/**/*.test.ts',
      // GENERATED_FILE_STALE (src/rules/generate) is only reached through generate --check.
      'test/generate/generate.test.ts',
      'test/property/**/*.test.ts',
      // The read analysis (src/reads) on the shipped consumer, small packages and across packages of a module.
      'test/reads/**/*.test.ts',
    ],
    exclude: [
      'test/extract/go/performance.test.ts',
      // Tests src/generate (not mutated) and costs seconds per run: it only slowed the lint-rule mutants.
      'test/property/generate-typecheck.test.ts',
      'node_modules/**',
      'dist/**',
      ...(process.env['STRYKER_EXCLUDE']?.split(',').filter(Boolean) ?? []),
    ],
    env: { PACT_DO_NOT_TRACK: 'true', NO_COLOR: '1' },
    testTimeout: 30_000,
    // Each test file in a fresh module graph, as in npm test. Without isolation (STRYKER_ISOLATE=0) a run takes about a
    // third of the time, but the process-level caches (parsed Go packages, their resolvers and struct fields) keep the
    // dry run's unmutated results, so mutants behind them are reported as survivors: only for modules without such
    // caches (the diff and lint rules) is that figure right.
    isolate: process.env['STRYKER_ISOLATE'] !== '0',
  },
});
