import type { SyncStatus } from '@backoffice/contracts';
import type { Db } from '@backoffice/db';
import type { AppDeps } from '../../platform/deps';
import { registeredProviders } from '../../providers/registry';
import { summarizeJobs } from './jobs-repo';

const iso = (ms: number | null) => (ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString());

/** Queued and given-up re-reads and the last reconciliation of every provider this server re-reads. */
export function syncStatusOf(deps: AppDeps, db: Db = deps.db): SyncStatus['providers'] {
  return registeredProviders()
    .filter((adapter) => adapter.reconcile?.enabled(deps))
    .map((adapter) => {
      const jobs = summarizeJobs(db, adapter.provider);
      return {
        provider: adapter.provider,
        lastReconciledAt: iso(adapter.reconcile?.lastReconciledAt?.(db) ?? null),
        pendingRereads: jobs.pending,
        oldestPendingRereadAt: iso(jobs.oldestPendingAt),
        failedRereads: jobs.failed,
      };
    });
}
