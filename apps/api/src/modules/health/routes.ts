import { Health, ROUTES, roleHas } from '@backoffice/contracts';
import type { AppDeps } from '../../platform/deps';
import { createRouter, jsonContent } from '../../platform/openapi';
import { routeDefiner } from '../../platform/routes';

const route = routeDefiner('System');

const getHealth = route(ROUTES.health, 'Readiness: the database is open and migrated', {
  description: 'Public. Provider base URLs are shown only to a signed-in user allowed to manage settings.',
  responses: { 200: jsonContent(Health.meta({ id: 'Health' }), 'The API is ready') },
});

export function healthRoutes(deps: AppDeps) {
  return createRouter().openapi(getHealth, (c) => {
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
