import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { applyMigrations, openDatabase } from '@backoffice/db';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { diditMediaHosts, type Env } from './env';
import { deleteExpiredSessions } from './modules/auth/repo';
import { seedDemoUsers } from './modules/auth/service';
import { startRefusalFlush } from './modules/ingress/refusals';
import { startOutboxWorker } from './modules/outbox/worker';
import { startQaSampler } from './modules/qa/service';
import { seedReasonCodes } from './modules/reason-codes/defaults';
import { startIngestJobWorker } from './modules/reconcile/jobs';
import { reconcileAll, startPeriodicReconciliation } from './modules/reconcile/service';
import { compileTrustedProxies } from './platform/client-address';
import type { AppDeps } from './platform/deps';
import { EventBus } from './platform/events';
import { createLogger, type Logger } from './platform/logger';
import { createDiditGateway } from './providers/didit/gateway';
import { createDittoGateway } from './providers/ditto/gateway';
import { seedDittoScores } from './providers/ditto/score-settings';
import { createKryptogoGateway } from './providers/kryptogo/gateway';

const VERSION = '0.1.0';
const SESSION_PURGE_INTERVAL_MS = 3_600_000;

export function buildDeps(env: Env, options: { logger?: Logger; now?: () => number } = {}): AppDeps {
  const logger = options.logger ?? createLogger(env.LOG_LEVEL);
  const now = options.now ?? Date.now;
  if (env.DATABASE_FILE !== ':memory:') mkdirSync(dirname(env.DATABASE_FILE), { recursive: true });
  const db = openDatabase(env.DATABASE_FILE);
  const migrations = applyMigrations(db);
  return {
    db,
    logger,
    now,
    events: new EventBus(),
    migrations,
    version: VERSION,
    env: {
      PROVIDER_MODE: env.PROVIDER_MODE,
      DIDIT_BASE_URL: env.DIDIT_BASE_URL,
      WEB_DIST_DIR: env.WEB_DIST_DIR,
      PUBLIC_BASE_URL: env.PUBLIC_BASE_URL,
    },
    trustedProxies: env.TRUSTED_PROXIES.length > 0 ? compileTrustedProxies(env.TRUSTED_PROXIES) : null,
    didit: createDiditGateway({
      baseUrl: env.DIDIT_BASE_URL,
      apiKey: env.DIDIT_API_KEY,
      webhookSecrets: env.DIDIT_WEBHOOK_SECRETS,
      timeoutMs: env.DIDIT_TIMEOUT_MS,
      mediaHosts: diditMediaHosts(env),
      logger,
      now,
    }),
    ditto: createDittoGateway(env, now),
    kryptogo:
      env.KRYPTOGO_BASE_URL && env.KRYPTOGO_API_KEY
        ? createKryptogoGateway({
            baseUrl: env.KRYPTOGO_BASE_URL,
            apiKey: env.KRYPTOGO_API_KEY,
            apiKeyHeader: env.KRYPTOGO_API_KEY_HEADER,
            timeoutMs: env.KRYPTOGO_TIMEOUT_MS,
            kycSearchSettingId: env.KRYPTOGO_KYC_SEARCH_SETTING_ID ?? null,
            kybSearchSettingId: env.KRYPTOGO_KYB_SEARCH_SETTING_ID ?? null,
            publicBaseUrl: env.PUBLIC_BASE_URL ?? null,
          })
        : null,
  };
}

export interface StartedApi {
  url: string;
  deps: AppDeps;
  /** Resolves when the start-up reconciliation has finished (or failed and been logged). */
  initialReconciliation: Promise<void>;
  close(): Promise<void>;
}

export async function startApi(
  env: Env,
  options: { logger?: Logger; now?: () => number } = {},
): Promise<StartedApi> {
  const deps = buildDeps(env, options);
  if (env.DEMO_MODE) await seedDemoUsers(deps);
  seedReasonCodes(deps);
  seedDittoScores(deps);
  const app = createApp(deps);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const url = `http://${env.HOST}:${port}`;
  // Callback URLs given to KryptoGO point here unless PUBLIC_BASE_URL says otherwise.
  deps.kryptogo?.adoptListeningUrl(url);
  // Milliseconds since the process started (module loading, migrations and seeding included), so an
  // operator reads the start time from the log and a slower release shows there first.
  deps.logger.info(
    { url, mode: env.PROVIDER_MODE, startedInMs: Math.round(performance.now()) },
    'API listening',
  );
  const outboxWorker = startOutboxWorker(deps);
  const ingestJobWorker = startIngestJobWorker(deps);
  const periodicReconciliation = startPeriodicReconciliation(deps, env.RECONCILE_INTERVAL_SECONDS * 1000);
  const qaSampler = startQaSampler(deps, env.QA_SAMPLER_INTERVAL_SECONDS * 1000);
  const refusalFlush = startRefusalFlush(deps);
  // Expired sessions are refused when presented; this only keeps the table from growing for ever.
  const purgeSessions = () => deleteExpiredSessions(deps.db, deps.now());
  purgeSessions();
  const sessionPurge = setInterval(purgeSessions, SESSION_PURGE_INTERVAL_MS);
  sessionPurge.unref();
  const initialReconciliation = env.RECONCILE_ON_START
    ? reconcileAll(deps, 'startup').then(
        (results) => deps.logger.info({ results }, 'start-up reconciliation finished'),
        (error) => deps.logger.warn({ err: error }, 'start-up reconciliation failed; webhooks still apply'),
      )
    : Promise.resolve();
  return {
    url,
    deps,
    initialReconciliation,
    close: async () => {
      await initialReconciliation;
      clearInterval(sessionPurge);
      qaSampler.stop();
      refusalFlush.stop();
      await outboxWorker.stop();
      await periodicReconciliation.stop();
      await ingestJobWorker.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // SSE streams keep sockets open; do not wait for browsers to hang up.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      deps.db.close();
    },
  };
}
