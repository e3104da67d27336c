import { z } from 'zod';
import { ErrorCode } from './error-codes';

/** The one error body every API failure returns. */
export const ApiError = z.object({
  code: ErrorCode,
  message: z.string(),
  requestId: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

export const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.object({ migrations: z.number().int() }),
  /** `baseUrl` only for a signed-in admin (`settings:manage`): anonymous callers learn no internal addresses. */
  providers: z.record(
    z.string(),
    z.object({ baseUrl: z.string().optional(), mode: z.enum(['sandbox', 'live']) }),
  ),
});
export type Health = z.infer<typeof Health>;

export const ReconcileResult = z.object({
  provider: z.string(),
  listed: z.number().int(),
  fetched: z.number().int(),
  changed: z.number().int(),
  errors: z.number().int(),
});
export type ReconcileResult = z.infer<typeof ReconcileResult>;

/** Where ingestion stands per provider: durable re-reads still to run or given up, and the last full run. */
export const SyncStatus = z.object({
  providers: z.array(
    z.object({
      provider: z.string(),
      /** Start of the last reconciliation run that finished without errors; null if none is recorded. */
      lastReconciledAt: z.iso.datetime().nullable(),
      /** Re-reads committed with a webhook and not yet done (retried with backoff until the provider answers). */
      pendingRereads: z.number().int(),
      oldestPendingRereadAt: z.iso.datetime().nullable(),
      /** Re-reads the provider refused for good (e.g. the session no longer exists for our key). */
      failedRereads: z.number().int(),
    }),
  ),
});
export type SyncStatus = z.infer<typeof SyncStatus>;
