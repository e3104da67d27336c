import { DashboardQuery, DashboardResponse, ROUTES } from '@backoffice/contracts';
import type { AppDeps } from '../../platform/deps';
import { createRouter, jsonContent } from '../../platform/openapi';
import { queryRead, routeDefiner } from '../../platform/routes';
import { buildDashboard } from './service';

const route = routeDefiner('Supervision');

const dashboardRoute = route(
  ROUTES.dashboard,
  'Supervision figures for a range of UTC days (at most 366): flow, backlog, decisions, health',
  queryRead(
    DashboardQuery,
    jsonContent(DashboardResponse.meta({ id: 'DashboardResponse' }), 'Dashboard figures'),
  ),
);

export function dashboardRoutes(deps: AppDeps) {
  return createRouter().openapi(dashboardRoute, (c) =>
    c.json(buildDashboard(deps, c.req.valid('query')), 200),
  );
}
