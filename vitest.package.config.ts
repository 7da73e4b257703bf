import { defineConfig } from 'vitest/config';

/**
 * The packaging test (test/package): packs wirepin, installs the tarball in a
 * fresh Go module and runs it there as a user would. Needs npm with the
 * registry and Go on PATH; `npm run test:package`, run by .ci/run.
 */
export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts'],
    // One file whose tests share a module and run in order.
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
