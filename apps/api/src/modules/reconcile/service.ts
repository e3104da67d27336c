import type { ReconcileResult } from '@backoffice/contracts';
import type { AppDeps } from '../../platform/deps';
import { registeredProviders } from '../../providers/registry';
import type { ProviderReconcile } from '../../providers/types';

const running = new WeakMap<AppDeps, Promise<ReconcileResult[]>>();

/** One reconciliation at a time: a second caller waits for the run in progress instead of doubling the load. */
export function reconcileAll(deps: AppDeps, requestId: string): Promise<ReconcileResult[]> {
  const current = running.get(deps);
  if (current) return current;
  const run = (async () => {
    try {
      // Providers run side by side; a run that fails fails the whole reconciliation, as it did before
      // the registry (KryptoGO's run never throws: its failures are counted in its result).
      return await Promise.all(
        registeredProviders()
          .filter((adapter) => adapter.reconcile?.enabled(deps))
          .map((adapter) => (adapter.reconcile as ProviderReconcile).run(deps, requestId)),
      );
    } finally {
      running.delete(deps);
    }
  })();
  running.set(deps, run);
  return run;
}

/**
 * Re-reads every provider that can be re-read, every `intervalMs` after the previous run finished (so runs
 * never overlap, and a slow or rate-limited run pushes the next one back instead of piling up). Catches
 * webhooks and callbacks that were never delivered. `intervalMs` 0 turns it off.
 */
export function startPeriodicReconciliation(deps: AppDeps, intervalMs: number): { stop(): Promise<void> } {
  if (intervalMs <= 0) return { stop: async () => {} };
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<unknown> = Promise.resolve();
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = reconcileAll(deps, 'periodic-reconciliation')
        .then(
          (results) => deps.logger.info({ results }, 'periodic reconciliation finished'),
          (error) => deps.logger.warn({ err: error }, 'periodic reconciliation failed; the next run retries'),
        )
        .finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
