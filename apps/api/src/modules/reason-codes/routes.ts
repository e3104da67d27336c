import { ReasonCode, ReasonCodeKey, ROUTES, SaveReasonCodeRequest } from '@backoffice/contracts';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/deps';
import { createRouter, currentUser, errorResponses, jsonContent } from '../../platform/openapi';
import { apiRoute } from '../../platform/routes';
import { requestContext } from '../auth/middleware';
import { saveReasonCode } from './service';

const saveRoute = createRoute({
  ...apiRoute(ROUTES.reasonCodeSave),
  tags: ['Settings'],
  summary: 'Create or change a decision reason (retire it with active: false; codes are never deleted)',
  request: {
    params: z.object({ code: ReasonCodeKey }),
    body: { content: { 'application/json': { schema: SaveReasonCodeRequest } }, required: true },
  },
  responses: {
    200: jsonContent(ReasonCode, 'The reason as saved'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

export function reasonCodeRoutes(deps: AppDeps) {
  return createRouter().openapi(saveRoute, (c) => {
    const user = currentUser(c);
    const saved = saveReasonCode(
      deps,
      { user, context: requestContext(c) },
      c.req.valid('param').code,
      c.req.valid('json'),
    );
    return c.json(saved, 200);
  });
}
