import {
  DriftDecisionRequest,
  DriftListQuery,
  DriftListResponse,
  DriftResolveRequest,
  DriftView,
  ROUTES,
} from '@backoffice/contracts';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/deps';
import { idempotencyKeyOf } from '../../platform/idempotency';
import {
  createRouter,
  currentUser,
  errorResponses,
  IdempotencyKeyHeader,
  jsonBody,
  jsonContent,
} from '../../platform/openapi';
import { apiRoute } from '../../platform/routes';
import { requestContext } from '../auth/middleware';
import { decideDrift, listDriftViews, resolveDrift } from './service';

const DriftViewSchema = DriftView.meta({ id: 'DriftView' });
const Params = z.object({ id: z.coerce.number().int().positive() });

const listRoute = createRoute({
  ...apiRoute(ROUTES.driftList),
  tags: ['Supervision'],
  summary: 'Cases whose provider state diverges from our decision, newest first',
  request: { query: DriftListQuery },
  responses: {
    200: jsonContent(DriftListResponse.meta({ id: 'DriftListResponse' }), 'A page of drifts'),
    400: errorResponses[400],
  },
});

const resolveRoute = createRoute({
  ...apiRoute(ROUTES.driftResolve),
  tags: ['Supervision'],
  summary: "Accept the provider's state, or push our decision to the provider again (audited)",
  description:
    'A resolution that reverses a decision (four-eyes settings) waits for a second manager ' +
    '(`awaiting_approval`). Pushing ours is refused with 409 `transition_not_allowed` where the provider cannot ' +
    'take it (a local decision; an audited KryptoGO DD task). Needs an Idempotency-Key.',
  request: {
    params: Params,
    headers: IdempotencyKeyHeader,
    body: jsonBody(DriftResolveRequest),
  },
  responses: { 200: jsonContent(DriftViewSchema, 'The drift after the request'), ...errorResponses },
});

const decisionRoute = createRoute({
  ...apiRoute(ROUTES.driftDecision),
  tags: ['Supervision'],
  summary: 'A second manager approves or rejects a resolution awaiting approval',
  request: {
    params: Params,
    body: jsonBody(DriftDecisionRequest),
  },
  responses: { 200: jsonContent(DriftViewSchema, 'The drift after the decision'), ...errorResponses },
});

export function driftRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(listRoute, (c) => c.json(listDriftViews(deps, c.req.valid('query')), 200))
    .openapi(resolveRoute, (c) => {
      const result = resolveDrift(
        deps,
        { user: currentUser(c), context: requestContext(c) },
        {
          id: c.req.valid('param').id,
          idempotencyKey: idempotencyKeyOf(c.req.valid('header')['idempotency-key'], true),
          request: c.req.valid('json'),
        },
      );
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result.body, 200);
    })
    .openapi(decisionRoute, (c) =>
      c.json(
        decideDrift(
          deps,
          { user: currentUser(c), context: requestContext(c) },
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        200,
      ),
    );
}
