import { defineConfig } from 'vitest/config';

/** consumer/go, a real Go provider, verified with Pact against every derived interaction; needs `go` on PATH. */
export default defineConfig({
  test: {
    include: ['test/go-provider/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
