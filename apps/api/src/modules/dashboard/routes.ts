import type { AppDeps } from '../../platform/deps';
import { createRouter } from '../../platform/openapi';
import { apiRoute } from '../../platform/routes';
import { buildDashboard } from './service';

export function dashboardRoutes(deps: AppDeps) {
  return createRouter().openapi(apiRoute('dashboard'), (c) =>
    c.json(buildDashboard(deps, c.req.valid('query')), 200),
  );
}
