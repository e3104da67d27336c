import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnv } from '../../env';
import { createLogger } from '../../platform/logger';
import { type StartedApi, startApi } from '../../server';
import { capturedLogs } from '../../test/captured-logs';

export interface DittoTestApi {
  api: StartedApi;
  url: string;
  clientId: string;
  clientSecret: string;
  logs: string[];
  close(): Promise<void>;
}

/**
 * The real API on a temporary SQLite file with Ditto configured. The shared harness does not set the Ditto
 * variables, and they are read once at start, so Ditto tests start their own API (no Didit calls are made).
 */
export async function startDittoTestApi(
  extraEnv: Record<string, string> = {},
  options: { now?: () => number } = {},
): Promise<DittoTestApi> {
  const dir = mkdtempSync(join(tmpdir(), 'ditto-test-'));
  const clientId = 'ditto-idv-server';
  const clientSecret = `secret_${randomBytes(16).toString('hex')}`;
  const { logs, sink } = capturedLogs();
  const env = loadEnv({
    PORT: '0',
    DATABASE_FILE: join(dir, 'test.sqlite'),
    LOG_LEVEL: 'debug',
    DIDIT_BASE_URL: 'http://127.0.0.1:9',
    DIDIT_API_KEY: 'unused-in-ditto-tests',
    DIDIT_WEBHOOK_SECRETS: 'unused-in-ditto-tests',
    RECONCILE_ON_START: 'false',
    DITTO_CLIENT_ID: clientId,
    DITTO_CLIENT_SECRET: clientSecret,
    ...extraEnv,
  });
  const api = await startApi(env, {
    logger: createLogger('debug', sink),
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    api,
    url: api.url,
    clientId,
    clientSecret,
    logs,
    async close() {
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
