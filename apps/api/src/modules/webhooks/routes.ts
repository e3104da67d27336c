import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { createRouter, errorResponses, jsonContent } from '../../platform/openapi';
import { receiveDiditWebhook } from './didit-service';

/** Decisions with many AML hits are large, but nothing legitimate comes near this. */
export const WEBHOOK_MAX_BYTES = 2 * 1024 * 1024;

const WebhookReceipt = z
  .object({ received: z.literal(true), outcome: z.string() })
  .meta({ id: 'WebhookReceipt' });

const diditWebhookRoute = createRoute({
  method: 'post',
  path: '/didit',
  tags: ['Webhooks'],
  summary: 'Didit v3 webhook (status.updated, data.updated), verified on the raw body',
  description:
    'Accepts X-Signature-V2 (canonical JSON) or X-Signature (raw body), never X-Signature-Simple alone; ' +
    'the signed body `timestamp` must be within 300 s. Answers 2xx only after the change is committed; ' +
    'a repeated event_id is acknowledged without a second effect.',
  responses: {
    200: jsonContent(WebhookReceipt, 'Accepted (applied, duplicate, stale or unchanged)'),
    400: errorResponses[400],
    401: {
      description: 'Signature or freshness check failed',
      content: { 'application/json': { schema: errorResponses[400].content['application/json'].schema } },
    },
    413: { description: 'Body too large' },
  },
});

export function webhookRoutes(deps: AppDeps) {
  const router = createRouter();
  router.use(
    '/didit',
    bodyLimit({
      maxSize: WEBHOOK_MAX_BYTES,
      onError: (c) => {
        // The rest of the body is never read, so this connection cannot carry another request.
        c.header('Connection', 'close');
        throw new AppError(413, 'payload_too_large', 'The webhook body is larger than accepted.');
      },
    }),
  );
  return router.openapi(diditWebhookRoute, async (c) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    return c.json(receiveDiditWebhook(deps, raw, c.req.raw.headers, c.get('requestId')), 200);
  });
}
