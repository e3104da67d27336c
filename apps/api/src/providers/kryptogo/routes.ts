import { ROUTES } from '@backoffice/contracts';
import { errorResponse, jsonContent, refusals } from '@backoffice/contracts/route-docs';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import { connectionAddress, requestActor } from '../../modules/auth/middleware';
import { payloadBodyLimit } from '../../platform/body-limit';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { type AppEnv, createRouter } from '../../platform/openapi';
import { apiRoute, webhookRoute } from '../../platform/routes';
import { receiveKryptogoCallback } from './callback-service';
import { startKryptogoScreening } from './screenings';

/** A DD summary or IDV detail with its embedded DD summaries is a few kilobytes; this leaves ample room. */
export const KRYPTOGO_CALLBACK_MAX_BYTES = 256 * 1024;

/**
 * Callbacks are unauthenticated and each one costs KryptoGO reads, which share the circuit breaker with
 * queued decisions: a flood must be refused before it reads anything. Every call counts (not only failures),
 * per connection address and across all addresses. KryptoGO's own delivery rate is not documented; a
 * screening batch finishing at once stays well under these, and a refused callback is recovered by
 * reconciliation, which re-reads DD tasks anyway.
 */
const CALLBACK_WINDOW_MS = 60_000;
export const KRYPTOGO_CALLBACKS_PER_ADDRESS_PER_MINUTE = 120;
export const KRYPTOGO_CALLBACKS_PER_MINUTE = 600;

function callbackThrottle(limit: number, key: (c: Context<AppEnv>) => string) {
  return rateLimiter<AppEnv>({
    windowMs: CALLBACK_WINDOW_MS,
    limit,
    // Sets RateLimit and, once over, Retry-After (seconds until this window resets).
    standardHeaders: 'draft-6',
    keyGenerator: key,
    handler: () => {
      throw new AppError(
        429,
        'too_many_requests',
        'Too many callbacks; retry after the time in Retry-After.',
      );
    },
  });
}

const callbackRoute = webhookRoute(ROUTES.kryptogoCallback, {
  tag: 'Webhooks',
  summary: 'KryptoGO DD/IDV task callback: a hint, acted on only after re-reading the task',
  description:
    'KryptoGO signs nothing, so the body only names the task. The task is re-read with our API key ' +
    '(D2 for DD tasks, I1 for IDV tasks) and that state is applied once (deduplicated on its hash). ' +
    'A task our key cannot read is acknowledged and nothing is stored. 503 when KryptoGO cannot be read.',
  responses: {
    200: jsonContent(
      z.object({}).strict(),
      'Applied, unchanged, duplicate or not ours; nothing more to send',
    ),
    ...refusals(400, 429),
    413: { description: 'Body too large' },
    503: errorResponse('KryptoGO is not configured or could not be read; retry later'),
  },
});

/** Mounted under `/webhooks`. */
export function kryptogoCallbackRoutes(deps: AppDeps) {
  const router = createRouter();
  router.use(
    '/kryptogo',
    callbackThrottle(KRYPTOGO_CALLBACKS_PER_ADDRESS_PER_MINUTE, (c) => connectionAddress(c) ?? 'unknown'),
    callbackThrottle(KRYPTOGO_CALLBACKS_PER_MINUTE, () => 'all'),
    payloadBodyLimit(KRYPTOGO_CALLBACK_MAX_BYTES, 'callback body'),
  );
  return router.openapi(callbackRoute, async (c) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    return c.json(await receiveKryptogoCallback(deps, raw, c.get('requestId')), 200);
  });
}

/** Mounted under `/api`. */
export function kryptogoRoutes(deps: AppDeps) {
  return createRouter().openapi(apiRoute('kryptogoScreeningCreate'), async (c) =>
    c.json(await startKryptogoScreening(deps, requestActor(c), c.req.valid('json')), 201),
  );
}
