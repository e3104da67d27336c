import { BulkCaseRequest, BulkCaseResponse, ROUTES, UserRef } from '@backoffice/contracts';
import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/deps';
import { createRouter, errorResponses, jsonBody, jsonContent } from '../../platform/openapi';
import { routeDefiner } from '../../platform/routes';
import { requestActor } from '../auth/middleware';
import { applyBulk, reviewers } from './service';

const route = routeDefiner('Cases');

const bulkRoute = route(
  ROUTES.caseBulk,
  'Assign, unassign, tag or untag up to 200 cases; every case is applied on its own and reported (applied, unchanged, or refused with its error code)',
  {
    request: { body: jsonBody(BulkCaseRequest) },
    responses: {
      200: jsonContent(BulkCaseResponse.meta({ id: 'BulkCaseResponse' }), 'One result per case'),
      ...errorResponses,
    },
  },
);

const reviewersRoute = route(
  ROUTES.reviewerList,
  'Active analysts and managers: who a case can be assigned to, and the assignee filter',
  {
    responses: { 200: jsonContent(z.array(UserRef), 'People by name') },
  },
);

export function bulkRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(bulkRoute, (c) => c.json(applyBulk(deps, requestActor(c), c.req.valid('json')), 200))
    .openapi(reviewersRoute, (c) => c.json(reviewers(deps.db.orm), 200));
}
