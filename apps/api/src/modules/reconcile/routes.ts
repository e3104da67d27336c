import type { AppDeps } from '../../platform/deps';
import { createRouter } from '../../platform/openapi';
import { apiRoute } from '../../platform/routes';
import { reconcileAll } from './service';
import { syncStatusOf } from './sync-status';

export function reconcileRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(apiRoute('reconcile'), async (c) => c.json(await reconcileAll(deps, c.get('requestId')), 200))
    .openapi(apiRoute('syncStatus'), (c) => {
      const providers = syncStatusOf(deps);
      return c.json({ providers }, 200);
    });
}
