import { Health } from '@backoffice/contracts';
import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/deps';
import { createRouter, jsonContent } from '../../platform/openapi';

const getHealth = createRoute({
  method: 'get',
  path: '/health',
  tags: ['System'],
  summary: 'Readiness: the database is open and migrated',
  responses: { 200: jsonContent(Health.meta({ id: 'Health' }), 'The API is ready') },
});

export function healthRoutes(deps: AppDeps) {
  return createRouter().openapi(getHealth, (c) => {
    deps.db.sqlite.prepare('SELECT 1').get();
    return c.json(
      {
        status: 'ok' as const,
        version: deps.version,
        database: { migrations: deps.migrations },
        providers: { didit: { baseUrl: deps.env.DIDIT_BASE_URL, mode: deps.env.PROVIDER_MODE } },
      },
      200,
    );
  });
}
