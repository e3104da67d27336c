#!/usr/bin/env node
// The start command: installs what is missing, builds the SPA, the API and the sandboxes, then runs the
// built API and sandboxes with demo data (scripts/stack.ts --built). Ctrl-C stops everything; when one of
// them dies, the stack says which, stops the rest and this command exits non-zero.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll, ensurePnpm, installDependencies } from './toolchain.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

ensurePnpm();
installDependencies();
buildAll();

// The sandboxes keep their state in memory, so the demo database is recreated with them at each start.
const demoDir = join(root, '.data', 'demo');
rmSync(demoDir, { recursive: true, force: true });

// `node --import tsx`, not the tsx command: see TS_NODE_ARGS in scripts/stack.ts.
const stack = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    'scripts/stack.ts',
    '--demo',
    '--built',
    '--data-dir',
    demoDir,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => stack.kill(signal));
}
// A stack ended by a signal has no exit code: that is a failure too, not a clean stop.
stack.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
