import type { AppDeps } from '../../platform/deps';
import { idempotencyKeyOf, replayAwareBody } from '../../platform/idempotency';
import { createRouter } from '../../platform/openapi';
import { apiRoute } from '../../platform/routes';
import { requestActor } from '../auth/middleware';
import { checklistForRequest } from '../checklist/service';
import { reasonCodeViews } from '../reason-codes/defaults';
import { decideAction } from './decide-action';
import { getFourEyes, setFourEyes } from './four-eyes-settings';
import { listActionInbox } from './inbox';
import { parseIfMatch, requestCaseAction } from './request-action';

export function actionRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(apiRoute('reasonCodeList'), (c) => c.json(reasonCodeViews(deps), 200))
    .openapi(apiRoute('caseActionCreate'), async (c) => {
      const headers = c.req.valid('header');
      const idempotencyKey = idempotencyKeyOf(headers['idempotency-key'], true);
      const ifMatch = parseIfMatch(headers['if-match']);
      const caseId = c.req.valid('param').id;
      const request = c.req.valid('json');
      const checklist = await checklistForRequest(deps, caseId, request);
      const result = requestCaseAction(deps, requestActor(c), {
        caseId,
        ifMatch,
        idempotencyKey,
        request,
        checklist,
      });
      return c.json(replayAwareBody(c, result), 202);
    })
    .openapi(apiRoute('actionDecision'), (c) =>
      c.json(decideAction(deps, requestActor(c), c.req.valid('param').actionId, c.req.valid('json')), 200),
    )
    .openapi(apiRoute('actionList'), (c) => {
      const query = c.req.valid('query');
      return c.json(listActionInbox(deps, query.status, query.limit), 200);
    })
    .openapi(apiRoute('fourEyesSettings'), (c) => c.json(getFourEyes(deps), 200))
    .openapi(apiRoute('fourEyesSettingsSave'), (c) =>
      c.json(setFourEyes(deps, requestActor(c), c.req.valid('json')), 200),
    );
}
