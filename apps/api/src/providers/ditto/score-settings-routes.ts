import { requestActor } from '../../modules/auth/middleware';
import type { AppDeps } from '../../platform/deps';
import { createRouter } from '../../platform/openapi';
import { apiRoute } from '../../platform/routes';
import { dittoWhatIf, getDittoScores, updateDittoScores } from './score-settings';

export function dittoScoreRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(apiRoute('dittoScoreSettings'), (c) => c.json(getDittoScores(deps), 200))
    .openapi(apiRoute('dittoScoreSettingsSave'), (c) =>
      c.json(
        updateDittoScores(deps, requestActor(c), c.req.valid('json'), c.req.valid('query').whatIfDays),
        200,
      ),
    )
    .openapi(apiRoute('dittoWhatIf'), (c) => c.json(dittoWhatIf(deps, c.req.valid('query')), 200));
}
