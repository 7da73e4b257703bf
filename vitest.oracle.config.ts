import { defineConfig } from 'vitest/config';

/** The differential test against real Go encoding/json; needs `go` on PATH. */
export default defineConfig({
  test: {
    include: ['test/oracle/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
