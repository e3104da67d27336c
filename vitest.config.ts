import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Vitest's default is one worker per core minus one: a single worker on the two-core test machine.
    // Two keep both cores busy while one file waits on its HTTP round trips or its sandboxes.
    maxWorkers: 2,
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
          // A fresh worker per file re-imported the whole API for each of them. The files share no module
          // state: each starts its own harness (database file, sandboxes, API) and closes it.
          isolate: false,
          // Migrates one template database per run; each harness starts on a copy.
          globalSetup: ['src/test/global-setup.ts'],
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
