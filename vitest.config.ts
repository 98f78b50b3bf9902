import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/support/buildCli.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
