import {
  DriftDecisionRequest,
  DriftListQuery,
  DriftListResponse,
  DriftResolveRequest,
  DriftView,
  ROUTES,
} from '@backoffice/contracts';
import type { AppDeps } from '../../platform/deps';
import { idempotencyKeyOf, replayAwareBody } from '../../platform/idempotency';
import { createRouter, IdParam, jsonContent } from '../../platform/openapi';
import { idempotentChange, jsonChange, queryRead, routeDefiner } from '../../platform/routes';
import { requestActor } from '../auth/middleware';
import { decideDrift, listDriftViews, resolveDrift } from './service';

const route = routeDefiner('Supervision');
const DriftViewSchema = DriftView.meta({ id: 'DriftView' });

const listRoute = route(
  ROUTES.driftList,
  'Cases whose provider state diverges from our decision, newest first',
  queryRead(
    DriftListQuery,
    jsonContent(DriftListResponse.meta({ id: 'DriftListResponse' }), 'A page of drifts'),
  ),
);

const resolveRoute = route(
  ROUTES.driftResolve,
  "Accept the provider's state, or push our decision to the provider again (audited)",
  {
    description:
      'A resolution that reverses a decision (four-eyes settings) waits for a second manager ' +
      '(`awaiting_approval`). Pushing ours is refused with 409 `transition_not_allowed` where the provider cannot ' +
      'take it (a local decision; an audited KryptoGO DD task). Needs an Idempotency-Key.',
    ...idempotentChange(
      IdParam,
      DriftResolveRequest,
      jsonContent(DriftViewSchema, 'The drift after the request'),
    ),
  },
);

const decisionRoute = route(
  ROUTES.driftDecision,
  'A second manager approves or rejects a resolution awaiting approval',
  jsonChange(IdParam, DriftDecisionRequest, jsonContent(DriftViewSchema, 'The drift after the decision')),
);

export function driftRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(listRoute, (c) => c.json(listDriftViews(deps, c.req.valid('query')), 200))
    .openapi(resolveRoute, (c) => {
      const result = resolveDrift(deps, requestActor(c), {
        id: c.req.valid('param').id,
        idempotencyKey: idempotencyKeyOf(c.req.valid('header')['idempotency-key'], true),
        request: c.req.valid('json'),
      });
      return c.json(replayAwareBody(c, result), 200);
    })
    .openapi(decisionRoute, (c) =>
      c.json(decideDrift(deps, requestActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
    );
}
