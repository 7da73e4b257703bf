import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'producer/**/*.test.ts', 'consumer/**/*.test.ts'],
    exclude: ['test/oracle/**', 'test/package/**', 'node_modules/**', 'dist/**'],
    env: { PACT_DO_NOT_TRACK: 'true', NO_COLOR: '1' },
    testTimeout: 30_000,
  },
});
