import { requestActor } from '../../modules/auth/middleware';
import type { AppDeps } from '../../platform/deps';
import { createRouter } from '../../platform/openapi';
import { apiRoute } from '../../platform/routes';
import { listWorkflowSettings, updateWorkflowSettings } from './workflows-service';
import { diditWhatIf } from './workflows-whatif';

export function workflowRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(apiRoute('workflowList'), async (c) => c.json(await listWorkflowSettings(deps), 200))
    .openapi(apiRoute('workflowUpdate'), async (c) => {
      const settings = await updateWorkflowSettings(
        deps,
        requestActor(c),
        c.req.valid('param').id,
        c.req.valid('json'),
        c.req.valid('query').whatIfDays,
      );
      return c.json(settings, 200);
    })
    .openapi(apiRoute('workflowWhatIf'), async (c) =>
      c.json(await diditWhatIf(deps, c.req.valid('param').id, c.req.valid('query')), 200),
    );
}
