import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * A folder of the repository as an absolute path. Vitest also finds this file when it is started in a
 * package's folder (`pnpm --filter @backoffice/api exec vitest run src/…`) and would read relative
 * project paths from there; absolute ones work from anywhere, and a filter stays relative to where
 * vitest was started.
 */
const fromRepo = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  test: {
    // Vitest's default is one worker per core minus one: a single worker on the two-core test machine.
    // Two keep both cores busy while one file waits on its HTTP round trips or its sandboxes.
    maxWorkers: 2,
    projects: [
      { test: { name: 'contracts', root: fromRepo('packages/contracts'), include: ['src/**/*.test.ts'] } },
      { test: { name: 'db', root: fromRepo('packages/db'), include: ['src/**/*.test.ts'] } },
      { test: { name: 'providers', root: fromRepo('packages/providers'), include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'sandbox',
          root: fromRepo('apps/sandbox'),
          include: ['src/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'api',
          root: fromRepo('apps/api'),
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
      fromRepo('apps/web/vitest.config.ts'),
      {
        // The start command and the production build, run as processes the way an operator runs them.
        test: { name: 'scripts', root: fromRepo('scripts'), include: ['*.test.ts'], testTimeout: 90_000 },
      },
    ],
  },
});
