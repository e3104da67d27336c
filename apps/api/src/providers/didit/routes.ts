import { ROUTES } from '@backoffice/contracts';
import { errorResponse, errorResponses, jsonContent } from '@backoffice/contracts/route-docs';
import { z } from '@hono/zod-openapi';
import { connectionAddress } from '../../modules/auth/middleware';
import { payloadBodyLimit } from '../../platform/body-limit';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { failureThrottle } from '../../platform/failure-throttle';
import { createRouter } from '../../platform/openapi';
import { addRequestLogFields } from '../../platform/request-log';
import { webhookRoute } from '../../platform/routes';
import { receiveDiditWebhook } from './webhook-service';

/** Decisions with many AML hits are large, but nothing legitimate comes near this. */
export const WEBHOOK_MAX_BYTES = 2 * 1024 * 1024;

/**
 * Refused deliveries (bad or missing signature, malformed, too complex) allowed per source address and
 * window. Didit sends from one static address and its deliveries verify, so they never count; a sender
 * forcing the canonical (V2) check over and over gets 429 instead of CPU time.
 */
export const WEBHOOK_FAILURES_PER_WINDOW = 100;
export const WEBHOOK_FAILURE_WINDOW_MS = 60_000;

const WebhookReceipt = z
  .object({ received: z.literal(true), outcome: z.string() })
  .meta({ id: 'WebhookReceipt' });

const diditWebhookRoute = webhookRoute(ROUTES.diditWebhook, {
  tag: 'Webhooks',
  summary: 'Didit v3 webhook (status.updated, data.updated), verified on the raw body',
  description:
    'Accepts X-Signature-V2 (canonical JSON) or X-Signature (raw body), never X-Signature-Simple alone; ' +
    'the signed body `timestamp` must be within 300 s. Answers 2xx only after the change is committed; ' +
    'a repeated event_id is acknowledged without a second effect.',
  responses: {
    200: jsonContent(WebhookReceipt, 'Accepted (applied, duplicate, stale or unchanged)'),
    400: errorResponses[400],
    401: errorResponse('Signature or freshness check failed'),
    413: { description: 'Body too large' },
    429: { description: 'Too many refused deliveries from this address' },
  },
});

export function webhookRoutes(deps: AppDeps) {
  const router = createRouter();
  router.use(
    '/didit',
    failureThrottle({
      windowMs: WEBHOOK_FAILURE_WINDOW_MS,
      limit: WEBHOOK_FAILURES_PER_WINDOW,
      // Only verification refusals count: a 5xx of ours (Didit will retry it) must not lock Didit out.
      requestWasSuccessful: (c) => c.res.status !== 400 && c.res.status !== 401,
      key: (c) => connectionAddress(c) ?? 'unknown',
      refusal: () =>
        new AppError(429, 'too_many_failures', 'Too many refused webhook deliveries from this address.'),
    }),
  );
  router.use('/didit', payloadBodyLimit(WEBHOOK_MAX_BYTES, 'webhook body'));
  return router.openapi(diditWebhookRoute, async (c) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const delivery = await receiveDiditWebhook(deps, raw, c.req.raw.headers, c.get('requestId'));
    addRequestLogFields(c, delivery.log);
    return c.json(delivery.receipt, 200);
  });
}
