import { z } from 'zod';
import { Health, ReconcileResult, SyncStatus } from '../error';
import { errorResponses, jsonContent } from './shapes';

/** The system: readiness, reconciliation with the providers, and its status. */
export const systemRouteDocs = {
  health: {
    tag: 'System',
    summary: 'Readiness: the database is open and migrated',
    description: 'Public. Provider base URLs are shown only to a signed-in user allowed to manage settings.',
    responses: { 200: jsonContent(Health.meta({ id: 'Health' }), 'The API is ready') },
  },
  reconcile: {
    tag: 'System',
    summary: 'Re-read provider state for cases whose webhooks may have been missed',
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
  syncStatus: {
    tag: 'System',
    summary: 'Durable re-reads still queued or given up, and the last reconciliation, per provider',
    responses: { 200: jsonContent(SyncStatus.meta({ id: 'SyncStatus' }), 'Ingestion state per provider') },
  },
};
