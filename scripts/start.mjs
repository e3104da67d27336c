#!/usr/bin/env node
// The start command: installs what is missing, builds the SPA, then runs the sandboxes and the API
// with demo data (scripts/stack.ts). Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWeb, ensurePnpm, installDependencies } from './toolchain.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

ensurePnpm();
installDependencies();
buildWeb();

// The sandboxes keep their state in memory, so the demo database is recreated with them at each start.
const demoDir = join(root, '.data', 'demo');
rmSync(demoDir, { recursive: true, force: true });

const stack = spawn(
  join(root, 'node_modules', '.bin', 'tsx'),
  ['scripts/stack.ts', '--demo', '--data-dir', demoDir, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => stack.kill(signal));
}
stack.on('exit', (code) => process.exit(code ?? 0));
