import { ReasonCode, ReasonCodeKey, ROUTES, SaveReasonCodeRequest } from '@backoffice/contracts';
import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/deps';
import { createRouter, jsonBody, jsonContent, refusals } from '../../platform/openapi';
import { routeDefiner } from '../../platform/routes';
import { requestActor } from '../auth/middleware';
import { saveReasonCode } from './service';

const route = routeDefiner('Settings');

const saveRoute = route(
  ROUTES.reasonCodeSave,
  'Create or change a decision reason (retire it with active: false; codes are never deleted)',
  {
    request: {
      params: z.object({ code: ReasonCodeKey }),
      body: jsonBody(SaveReasonCodeRequest),
    },
    responses: {
      200: jsonContent(ReasonCode, 'The reason as saved'),
      ...refusals(400, 401, 403),
    },
  },
);

export function reasonCodeRoutes(deps: AppDeps) {
  return createRouter().openapi(saveRoute, (c) => {
    const saved = saveReasonCode(deps, requestActor(c), c.req.valid('param').code, c.req.valid('json'));
    return c.json(saved, 200);
  });
}
