import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'contracts', root: 'packages/contracts', include: ['src/**/*.test.ts'] } },
      { test: { name: 'db', root: 'packages/db', include: ['src/**/*.test.ts'] } },
      { test: { name: 'providers', root: 'packages/providers', include: ['src/**/*.test.ts'] } },
      { test: { name: 'sandbox', root: 'apps/sandbox', include: ['src/**/*.test.ts'], testTimeout: 20_000 } },
      {
        test: {
          name: 'api',
          root: 'apps/api',
          // bench/ holds unit tests of the benchmark's pure parts only; the benchmark is `pnpm bench`.
          include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      'apps/web/vitest.config.ts',
      {
        // The start command and the production build, run as processes the way an operator runs them.
        test: { name: 'scripts', root: 'scripts', include: ['*.test.ts'], testTimeout: 90_000 },
      },
    ],
  },
});
