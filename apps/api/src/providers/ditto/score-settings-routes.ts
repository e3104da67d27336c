import {
  DittoScoreSettings,
  DittoWhatIfQuery,
  ROUTES,
  UpdateDittoScoreSettingsRequest,
  WhatIfResult,
  WhatIfSaveQuery,
} from '@backoffice/contracts';
import { requestActor } from '../../modules/auth/middleware';
import type { AppDeps } from '../../platform/deps';
import { createRouter, errorResponses, jsonBody, jsonContent } from '../../platform/openapi';
import { queryRead, routeDefiner } from '../../platform/routes';
import { dittoWhatIf, getDittoScores, updateDittoScores } from './score-settings';

const route = routeDefiner('Settings');

const DittoScoreSettingsSchema = DittoScoreSettings.meta({ id: 'DittoScoreSettings' });

const getRoute = route(ROUTES.dittoScoreSettings, "Ditto's minimum liveness and face-match scores in force", {
  responses: { 200: jsonContent(DittoScoreSettingsSchema, 'The minimum scores') },
});

const saveRoute = route(
  ROUTES.dittoScoreSettingsSave,
  "Changes Ditto's minimum scores; audited old → new with the what-if counts of the last N days",
  {
    request: {
      query: WhatIfSaveQuery,
      body: jsonBody(UpdateDittoScoreSettingsRequest),
    },
    responses: {
      200: jsonContent(DittoScoreSettingsSchema, 'The minimum scores now in force'),
      400: errorResponses[400],
    },
  },
);

const whatIfRoute = route(
  ROUTES.dittoWhatIf,
  'Replays the stored Ditto scores of the last N days under proposed minimums',
  queryRead(DittoWhatIfQuery, jsonContent(WhatIfResult, 'What the proposal would have done')),
);

export function dittoScoreRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(getRoute, (c) => c.json(getDittoScores(deps), 200))
    .openapi(saveRoute, (c) =>
      c.json(
        updateDittoScores(deps, requestActor(c), c.req.valid('json'), c.req.valid('query').whatIfDays),
        200,
      ),
    )
    .openapi(whatIfRoute, (c) => c.json(dittoWhatIf(deps, c.req.valid('query')), 200));
}
