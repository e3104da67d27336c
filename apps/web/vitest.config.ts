import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'web',
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./vitest.setup.ts'],
    // Whole-app renders under jsdom take seconds on a busy two-core machine; 5 s (the default) flaked there.
    testTimeout: 20_000,
  },
});
