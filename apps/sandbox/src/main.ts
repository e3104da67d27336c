import { loadEnv } from './env.js';
import { startDiditSandbox, startDittoSandbox, startKryptogoSandbox } from './index.js';

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
  const ditto =
    env.DITTO_CONTROL_API_KEY && env.DITTO_TARGET_BASE_URL && env.DITTO_CLIENT_ID && env.DITTO_CLIENT_SECRET
      ? await startDittoSandbox({
          port: env.DITTO_SANDBOX_PORT,
          host: env.DIDIT_SANDBOX_HOST,
          controlApiKey: env.DITTO_CONTROL_API_KEY,
          target: {
            kycUrl: `${env.DITTO_TARGET_BASE_URL}/ditto/kyc`,
            tokenUrl: `${env.DITTO_TARGET_BASE_URL}/ditto/token`,
            clientId: env.DITTO_CLIENT_ID,
            clientSecret: env.DITTO_CLIENT_SECRET,
          },
          log: (line) => console.log(`[ditto-sandbox] ${line}`),
        })
      : null;
  if (ditto) console.log(`[ditto-sandbox] listening on ${ditto.url}`);
  const shutdown = () => void Promise.all([didit.close(), kryptogo?.close()]).then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
