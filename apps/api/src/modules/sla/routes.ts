import { ROUTES, SlaPolicy, SlaPolicyChange } from '@backoffice/contracts';
import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/deps';
import { createRouter, currentUser, errorResponses, jsonContent } from '../../platform/openapi';
import { apiRoute } from '../../platform/routes';
import { requestContext } from '../auth/middleware';
import { getSlaPolicy, setSlaPolicy } from './service';

const SlaPolicySchema = SlaPolicy.meta({ id: 'SlaPolicy' });

const getRoute = createRoute({
  ...apiRoute(ROUTES.slaSettings),
  tags: ['Settings'],
  summary: 'Time to decide a case in review, per provider, kind and risk band',
  responses: { 200: jsonContent(SlaPolicySchema, 'The due-time policy in force') },
});

const putRoute = createRoute({
  ...apiRoute(ROUTES.slaSettingsSave),
  tags: ['Settings'],
  summary: 'Replace the due-time policy; open cases get their due time recomputed (audited)',
  request: { body: { content: { 'application/json': { schema: SlaPolicySchema } }, required: true } },
  responses: {
    200: jsonContent(SlaPolicyChange.meta({ id: 'SlaPolicyChange' }), 'The new policy'),
    400: errorResponses[400],
  },
});

export function slaRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(getRoute, (c) => c.json(getSlaPolicy(deps), 200))
    .openapi(putRoute, (c) =>
      c.json(
        setSlaPolicy(deps, { user: currentUser(c), context: requestContext(c) }, c.req.valid('json')),
        200,
      ),
    );
}
