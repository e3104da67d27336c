/**
 * The API under test, in its own process: the real app (every middleware, the session gate, logging
 * at the production level) on the benchmark's working copy. Prints `{"url": ...}` once listening.
 * argv: <database file> <webhook secret> [built SPA folder, served at / as in production]
 *       [Didit sandbox URL and key, for the what-if's workflow read; else Didit is unreachable]
 */
import pino from 'pino';
import { loadEnv } from '../src/env';
import { createLogger } from '../src/platform/logger';
import { startApi } from '../src/server';

const [file, webhookSecret, webDist, diditUrl, diditKey] = process.argv.slice(2);
if (!file || !webhookSecret) throw new Error('usage: api-process <database file> <webhook secret>');
const env = loadEnv({
  HOST: '127.0.0.1',
  PORT: '0',
  DATABASE_FILE: file,
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
  DIDIT_BASE_URL: diditUrl || 'http://127.0.0.1:9',
  DIDIT_API_KEY: diditKey || 'bench-not-used',
  DIDIT_WEBHOOK_SECRETS: webhookSecret,
  RECONCILE_ON_START: 'false',
  DEMO_MODE: 'true',
  ...(webDist ? { WEB_DIST_DIR: webDist } : {}),
});
// Same logger and level as production, written to /dev/null: the cost stays, stdout stays ours.
const logger = createLogger(env.LOG_LEVEL, pino.destination({ dest: '/dev/null', sync: true }));
const api = await startApi(env, { logger });
process.stdout.write(`${JSON.stringify({ url: api.url })}\n`);
process.on('SIGTERM', () => {
  void api.close().then(() => process.exit(0));
});
