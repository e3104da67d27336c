#!/usr/bin/env node
// The test command: lint, type-check, unit + API tests (Vitest), then end-to-end tests in Chromium
// (Playwright). Ends with one "N passed, N failed" line so a run that executed nothing is visible.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWeb, ensureChromium, ensurePnpm, installDependencies, run } from './toolchain.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

ensurePnpm();
installDependencies();
ensureChromium();

const reports = mkdtempSync(join(tmpdir(), 'backoffice-tests-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
// Failed tests by name, repeated at the very end: a log cut to its last lines still says what failed.
const failedNames = [];
const relativeTo = (path) => (path?.startsWith(root) ? path.slice(root.length + 1) : path);
const firstLine = (text) =>
  String(text ?? 'failed')
    .split('\n')[0]
    .slice(0, 300);

function step(name, command, args, env = {}) {
  console.log(`\n→ ${name}`);
  const status = run(command, args, { env: { ...process.env, ...env } });
  if (status !== 0) failures.push(name);
  return status;
}

step('lint and format check (biome)', 'pnpm', ['exec', 'biome', 'check', '.']);
step('type check', 'pnpm', ['-r', 'typecheck']);
step('type check (scripts)', 'pnpm', ['exec', 'tsc', '-p', 'scripts']);

const vitestReport = join(reports, 'vitest.json');
step('unit and API tests (vitest)', 'pnpm', [
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
]);
if (existsSync(vitestReport)) {
  const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  for (const file of report.testResults ?? []) {
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const test of failedTests) {
      failedNames.push(
        `vitest ${relativeTo(file.name)} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`,
      );
    }
    // A file that failed to load or whose hooks threw has no failed assertion to name.
    if (file.status === 'failed' && failedTests.length === 0) {
      failedNames.push(`vitest ${relativeTo(file.name)}: ${firstLine(file.message)}`);
    }
  }
}

buildWeb();
const playwrightReport = join(reports, 'playwright.json');
step(
  'end-to-end tests (playwright, chromium)',
  'pnpm',
  ['--filter', '@backoffice/web', 'e2e', '--reporter=list,json'],
  {
    PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
    // The SPA was built just above; the e2e setup would otherwise build it again.
    E2E_SKIP_BUILD: '1',
  },
);
if (existsSync(playwrightReport)) {
  const stats = JSON.parse(readFileSync(playwrightReport, 'utf8')).stats ?? {};
  totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  totals.failed += stats.unexpected ?? 0;
  totals.skipped += stats.skipped ?? 0;
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status === 'unexpected')
          failedNames.push(`playwright ${spec.file}:${spec.line} › ${spec.title}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of JSON.parse(readFileSync(playwrightReport, 'utf8')).suites ?? []) walk(suite);
}

console.log('');
for (const name of failedNames) console.log(`✗ ${name}`);
if (failures.length) console.log(`Failed steps: ${failures.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length || totals.failed ? 1 : 0);
