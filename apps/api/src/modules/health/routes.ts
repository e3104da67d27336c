import { roleHas } from '@backoffice/contracts';
import type { AppDeps } from '../../platform/deps';
import { createRouter } from '../../platform/openapi';
import { apiRoute } from '../../platform/routes';

export function healthRoutes(deps: AppDeps) {
  return createRouter().openapi(apiRoute('health'), (c) => {
    deps.db.sqlite.prepare('SELECT 1').get();
    // The route is public (load balancers probe it); where the providers live is for admins only.
    const user = c.get('user');
    const showUrls = user != null && roleHas(user.role, 'settings:manage');
    return c.json(
      {
        status: 'ok' as const,
        version: deps.version,
        database: { migrations: deps.migrations },
        providers: {
          didit: {
            mode: deps.env.PROVIDER_MODE,
            ...(showUrls ? { baseUrl: deps.env.DIDIT_BASE_URL } : {}),
          },
        },
      },
      200,
    );
  });
}
