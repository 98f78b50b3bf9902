import { defineConfig } from 'vitest/config';

/** `npm run test:browser`: checks that need a real browser (Debian's chromium), kept out of `npm test`. */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.browser.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
