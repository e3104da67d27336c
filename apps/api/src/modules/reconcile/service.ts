import type { ReconcileResult } from '@backoffice/contracts';
import type { AppDeps } from '../../platform/deps';
import { reconcileKryptogo } from '../kryptogo/reconcile';
import { reconcileDidit } from './didit';

const running = new WeakMap<AppDeps, Promise<ReconcileResult[]>>();

/** One reconciliation at a time: a second caller waits for the run in progress instead of doubling the load. */
export function reconcileAll(deps: AppDeps, requestId: string): Promise<ReconcileResult[]> {
  const current = running.get(deps);
  if (current) return current;
  const run = (async () => {
    try {
      // Providers run side by side; KryptoGO's run never throws (failures are counted in its result).
      const [didit, kryptogo] = await Promise.all([
        reconcileDidit(deps, requestId),
        deps.kryptogo ? reconcileKryptogo(deps, requestId) : null,
      ]);
      return kryptogo ? [didit, kryptogo] : [didit];
    } finally {
      running.delete(deps);
    }
  })();
  running.set(deps, run);
  return run;
}
