import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { startStack } from '../../../scripts/stack';
import { stackFilePath } from './stackFile';

const webRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

type Stack = Awaited<ReturnType<typeof startStack>>;
declare global {
  // Kept on globalThis so the teardown (same process) can stop exactly what setup started.
  var __backofficeE2eStack: Stack | undefined;
}

export default async function globalSetup() {
  // The API serves apps/web/dist: test the SPA as it is now, not a stale build.
  // `pnpm test` builds just before; set E2E_SKIP_BUILD=1 there to avoid building twice.
  if (!process.env.E2E_SKIP_BUILD) await build({ root: webRoot, logLevel: 'warn' });

  const stack = await startStack({ seed: true });
  globalThis.__backofficeE2eStack = stack;
  writeFileSync(
    stackFilePath(),
    JSON.stringify({
      appUrl: stack.appUrl,
      diditSandboxUrl: stack.diditSandboxUrl,
      diditApiKey: stack.diditApiKey,
      kryptogoSandboxUrl: stack.kryptogoSandboxUrl,
      kryptogoApiKey: stack.kryptogoApiKey,
      dittoSandboxUrl: stack.dittoSandboxUrl,
      dittoControlKey: stack.dittoControlKey,
    }),
  );
}
