import { DashboardQuery, DashboardResponse, ROUTES } from '@backoffice/contracts';
import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/deps';
import { createRouter, errorResponses, jsonContent } from '../../platform/openapi';
import { apiRoute } from '../../platform/routes';
import { buildDashboard } from './service';

const dashboardRoute = createRoute({
  ...apiRoute(ROUTES.dashboard),
  tags: ['Supervision'],
  summary: 'Supervision figures for a range of UTC days (at most 366): flow, backlog, decisions, health',
  request: { query: DashboardQuery },
  responses: {
    200: jsonContent(DashboardResponse.meta({ id: 'DashboardResponse' }), 'Dashboard figures'),
    400: errorResponses[400],
  },
});

export function dashboardRoutes(deps: AppDeps) {
  return createRouter().openapi(dashboardRoute, (c) =>
    c.json(buildDashboard(deps, c.req.valid('query')), 200),
  );
}
