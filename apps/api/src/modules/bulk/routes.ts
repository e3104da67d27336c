import { BulkCaseRequest, BulkCaseResponse, ROUTES, UserRef } from '@backoffice/contracts';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/deps';
import { createRouter, currentUser, errorResponses, jsonContent } from '../../platform/openapi';
import { apiRoute } from '../../platform/routes';
import { requestContext } from '../auth/middleware';
import { applyBulk, reviewers } from './service';

const bulkRoute = createRoute({
  ...apiRoute(ROUTES.caseBulk),
  tags: ['Cases'],
  summary:
    'Assign, unassign, tag or untag up to 200 cases; every case is applied on its own and reported (applied, unchanged, or refused with its error code)',
  request: { body: { content: { 'application/json': { schema: BulkCaseRequest } }, required: true } },
  responses: {
    200: jsonContent(BulkCaseResponse.meta({ id: 'BulkCaseResponse' }), 'One result per case'),
    ...errorResponses,
  },
});

const reviewersRoute = createRoute({
  ...apiRoute(ROUTES.reviewerList),
  tags: ['Cases'],
  summary: 'Active analysts and managers: who a case can be assigned to, and the assignee filter',
  responses: { 200: jsonContent(z.array(UserRef), 'People by name') },
});

export function bulkRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(bulkRoute, (c) =>
      c.json(applyBulk(deps, { user: currentUser(c), context: requestContext(c) }, c.req.valid('json')), 200),
    )
    .openapi(reviewersRoute, (c) => c.json(reviewers(deps.db.orm), 200));
}
