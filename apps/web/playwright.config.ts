import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_SWITCHES } from './bench/chromium';

// Global setup (main process) writes the running stack's URLs here; workers inherit the variable.
process.env.E2E_STACK_FILE ??= join(tmpdir(), `backoffice-e2e-stack-${process.pid}.json`);
// One output folder per run: Playwright empties it at start, so two runs on one machine must not share it.
process.env.E2E_OUTPUT_DIR ??= join(tmpdir(), `backoffice-e2e-results-${process.pid}`);

export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  // One stack and one SQLite file for the run; tests that create cases must not race each other's counts.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: process.env.E2E_OUTPUT_DIR,
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: CHROMIUM_SWITCHES,
    },
  },
});
