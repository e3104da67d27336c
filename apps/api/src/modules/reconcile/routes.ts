import { ReconcileResult, SyncStatus } from '@backoffice/contracts';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/deps';
import { createRouter, errorResponses, jsonContent } from '../../platform/openapi';
import { DIDIT_SYNC_KEY } from '../../providers/didit/reconcile';
import { readSyncValue, summarizeJobs } from './jobs-repo';
import { reconcileAll } from './service';

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

const iso = (ms: number | null) => (ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString());

export function reconcileRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(reconcileRoute, async (c) => c.json(await reconcileAll(deps, c.get('requestId')), 200))
    .openapi(syncStatusRoute, (c) => {
      const providers = ['didit', ...(deps.kryptogo ? ['kryptogo'] : [])].map((provider) => {
        const jobs = summarizeJobs(deps.db, provider);
        const last = provider === 'didit' ? readSyncValue(deps.db, DIDIT_SYNC_KEY) : null;
        return {
          provider,
          lastReconciledAt: iso(last === null ? null : Number(last)),
          pendingRereads: jobs.pending,
          oldestPendingRereadAt: iso(jobs.oldestPendingAt),
          failedRereads: jobs.failed,
        };
      });
      return c.json({ providers }, 200);
    });
}
