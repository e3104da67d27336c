import {
  DiditWhatIfQuery,
  ROUTES,
  UpdateWorkflowSettingsRequest,
  WhatIfResult,
  WhatIfSaveQuery,
  WorkflowSettings,
} from '@backoffice/contracts';
import { z } from '@hono/zod-openapi';
import { requestActor } from '../../modules/auth/middleware';
import type { AppDeps } from '../../platform/deps';
import { createRouter, jsonBody, jsonContent } from '../../platform/openapi';
import { pathQueryRead, routeDefiner } from '../../platform/routes';
import { diditDownResponses, diditItemResponses } from './live-failure';
import { listWorkflowSettings, updateWorkflowSettings } from './workflows-service';
import { diditWhatIf } from './workflows-whatif';

const route = routeDefiner('Workflows');
const WorkflowSettingsSchema = WorkflowSettings.meta({ id: 'WorkflowSettings' });
const WorkflowIdParam = z.object({ id: z.string().min(1).max(100) });

const listRoute = route(
  ROUTES.workflowList,
  'Didit workflows with their thresholds and feature switches, read live from Didit',
  {
    responses: {
      200: jsonContent(z.array(WorkflowSettingsSchema), 'Every workflow of the Didit application'),
      ...diditDownResponses,
    },
  },
);

const updateRoute = route(
  ROUTES.workflowUpdate,
  'Changes thresholds and feature switches at Didit, then audits the values Didit confirms',
  {
    request: {
      params: WorkflowIdParam,
      query: WhatIfSaveQuery,
      body: jsonBody(UpdateWorkflowSettingsRequest),
    },
    responses: {
      200: jsonContent(WorkflowSettingsSchema, 'The workflow as Didit now holds it'),
      ...diditItemResponses,
    },
  },
);

const whatIfRoute = route(
  ROUTES.workflowWhatIf,
  'Replays the stored scores of the last N days under proposed thresholds: outcome changes, queue delta, flips',
  pathQueryRead(
    WorkflowIdParam,
    DiditWhatIfQuery,
    jsonContent(WhatIfResult.meta({ id: 'WhatIfResult' }), 'What the proposal would have done'),
    diditItemResponses,
  ),
);

export function workflowRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(listRoute, async (c) => c.json(await listWorkflowSettings(deps), 200))
    .openapi(updateRoute, async (c) => {
      const settings = await updateWorkflowSettings(
        deps,
        requestActor(c),
        c.req.valid('param').id,
        c.req.valid('json'),
        c.req.valid('query').whatIfDays,
      );
      return c.json(settings, 200);
    })
    .openapi(whatIfRoute, async (c) =>
      c.json(await diditWhatIf(deps, c.req.valid('param').id, c.req.valid('query')), 200),
    );
}
