import { ReconcileResult, SyncStatus } from '@backoffice/contracts';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/deps';
import { createRouter, errorResponses, jsonContent } from '../../platform/openapi';
import { reconcileAll } from './service';
import { syncStatusOf } from './sync-status';

const reconcileRoute = createRoute({
  method: 'post',
  path: '/reconcile',
  tags: ['System'],
  summary: 'Re-read provider state for cases whose webhooks may have been missed',
  request: { body: { content: { 'application/json': { schema: z.object({}).strict() } }, required: false } },
  responses: {
    200: jsonContent(z.array(ReconcileResult.meta({ id: 'ReconcileResult' })), 'What each provider run did'),
    400: errorResponses[400],
  },
});

const syncStatusRoute = createRoute({
  method: 'get',
  path: '/sync/status',
  tags: ['System'],
  summary: 'Durable re-reads still queued or given up, and the last reconciliation, per provider',
  responses: { 200: jsonContent(SyncStatus.meta({ id: 'SyncStatus' }), 'Ingestion state per provider') },
});

export function reconcileRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(reconcileRoute, async (c) => c.json(await reconcileAll(deps, c.get('requestId')), 200))
    .openapi(syncStatusRoute, (c) => {
      const providers = syncStatusOf(deps);
      return c.json({ providers }, 200);
    });
}
