import { loadEnv } from './env.js';
import { startDiditSandbox, startKryptogoSandbox } from './index.js';

try {
  const env = loadEnv();
  const didit = await startDiditSandbox({
    port: env.DIDIT_SANDBOX_PORT,
    host: env.DIDIT_SANDBOX_HOST,
    publicBaseUrl: env.DIDIT_SANDBOX_PUBLIC_URL,
    apiKey: env.DIDIT_API_KEY,
    webhookUrl: env.DIDIT_WEBHOOK_URL ?? null,
    webhookSecret: env.DIDIT_WEBHOOK_SECRET,
    log: (line) => console.log(`[didit-sandbox] ${line}`),
  });
  console.log(`[didit-sandbox] listening on ${didit.url}`);
  const kryptogo = env.KRYPTOGO_API_KEY
    ? await startKryptogoSandbox({
        port: env.KRYPTOGO_SANDBOX_PORT,
        host: env.DIDIT_SANDBOX_HOST,
        apiKeys: [env.KRYPTOGO_API_KEY],
        log: (line) => console.log(`[kryptogo-sandbox] ${line}`),
      })
    : null;
  if (kryptogo) console.log(`[kryptogo-sandbox] listening on ${kryptogo.url}`);
  const shutdown = () => void Promise.all([didit.close(), kryptogo?.close()]).then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
