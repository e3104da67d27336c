import { loadEnv } from './env.js';
import { startDiditSandbox } from './index.js';

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
  const shutdown = () => void didit.close().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
