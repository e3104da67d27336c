import { ReconcileResult, ROUTES, SyncStatus } from '@backoffice/contracts';
import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/deps';
import { createRouter, errorResponses, jsonContent } from '../../platform/openapi';
import { routeDefiner } from '../../platform/routes';
import { reconcileAll } from './service';
import { syncStatusOf } from './sync-status';

const route = routeDefiner('System');

const reconcileRoute = route(
  ROUTES.reconcile,
  'Re-read provider state for cases whose webhooks may have been missed',
  {
    request: {
      body: { content: { 'application/json': { schema: z.object({}).strict() } }, required: false },
    },
    responses: {
      200: jsonContent(
        z.array(ReconcileResult.meta({ id: 'ReconcileResult' })),
        'What each provider run did',
      ),
      400: errorResponses[400],
    },
  },
);

const syncStatusRoute = route(
  ROUTES.syncStatus,
  'Durable re-reads still queued or given up, and the last reconciliation, per provider',
  { responses: { 200: jsonContent(SyncStatus.meta({ id: 'SyncStatus' }), 'Ingestion state per provider') } },
);

export function reconcileRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(reconcileRoute, async (c) => c.json(await reconcileAll(deps, c.get('requestId')), 200))
    .openapi(syncStatusRoute, (c) => {
      const providers = syncStatusOf(deps);
      return c.json({ providers }, 200);
    });
}
