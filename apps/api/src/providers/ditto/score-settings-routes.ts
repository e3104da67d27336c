import {
  DittoScoreSettings,
  DittoWhatIfQuery,
  ROUTES,
  UpdateDittoScoreSettingsRequest,
  WhatIfResult,
  WhatIfSaveQuery,
} from '@backoffice/contracts';
import { createRoute } from '@hono/zod-openapi';
import { requestContext } from '../../modules/auth/middleware';
import type { AppDeps } from '../../platform/deps';
import { createRouter, currentUser, errorResponses, jsonContent } from '../../platform/openapi';
import { apiRoute } from '../../platform/routes';
import { dittoWhatIf, getDittoScores, updateDittoScores } from './score-settings';

const DittoScoreSettingsSchema = DittoScoreSettings.meta({ id: 'DittoScoreSettings' });

const getRoute = createRoute({
  ...apiRoute(ROUTES.dittoScoreSettings),
  tags: ['Settings'],
  summary: "Ditto's minimum liveness and face-match scores in force",
  responses: { 200: jsonContent(DittoScoreSettingsSchema, 'The minimum scores') },
});

const saveRoute = createRoute({
  ...apiRoute(ROUTES.dittoScoreSettingsSave),
  tags: ['Settings'],
  summary: "Changes Ditto's minimum scores; audited old → new with the what-if counts of the last N days",
  request: {
    query: WhatIfSaveQuery,
    body: {
      content: { 'application/json': { schema: UpdateDittoScoreSettingsRequest } },
      required: true,
    },
  },
  responses: {
    200: jsonContent(DittoScoreSettingsSchema, 'The minimum scores now in force'),
    400: errorResponses[400],
  },
});

const whatIfRoute = createRoute({
  ...apiRoute(ROUTES.dittoWhatIf),
  tags: ['Settings'],
  summary: 'Replays the stored Ditto scores of the last N days under proposed minimums',
  request: { query: DittoWhatIfQuery },
  responses: {
    200: jsonContent(WhatIfResult, 'What the proposal would have done'),
    400: errorResponses[400],
  },
});

export function dittoScoreRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(getRoute, (c) => c.json(getDittoScores(deps), 200))
    .openapi(saveRoute, (c) =>
      c.json(
        updateDittoScores(
          deps,
          c.req.valid('json'),
          currentUser(c),
          requestContext(c),
          c.req.valid('query').whatIfDays,
        ),
        200,
      ),
    )
    .openapi(whatIfRoute, (c) => c.json(dittoWhatIf(deps, c.req.valid('query')), 200));
}
