import {
  DiditWhatIfQuery,
  UpdateWorkflowSettingsRequest,
  WhatIfResult,
  WhatIfSaveQuery,
  WorkflowSettings,
} from '@backoffice/contracts';
import { createRoute, z } from '@hono/zod-openapi';
import { requestContext } from '../../modules/auth/middleware';
import type { AppDeps } from '../../platform/deps';
import { createRouter, currentUser, errorResponses, jsonContent } from '../../platform/openapi';
import { listWorkflowSettings, updateWorkflowSettings } from './workflows-service';
import { diditWhatIf } from './workflows-whatif';

const WorkflowSettingsSchema = WorkflowSettings.meta({ id: 'WorkflowSettings' });
const providerDown = {
  description: 'Didit answered badly or not at all; the message says which',
  content: errorResponses[400].content,
};

const listRoute = createRoute({
  method: 'get',
  path: '/workflows',
  tags: ['Workflows'],
  summary: 'Didit workflows with their thresholds and feature switches, read live from Didit',
  responses: {
    200: jsonContent(z.array(WorkflowSettingsSchema), 'Every workflow of the Didit application'),
    502: providerDown,
    503: providerDown,
  },
});

const updateRoute = createRoute({
  method: 'patch',
  path: '/workflows/{id}',
  tags: ['Workflows'],
  summary: 'Changes thresholds and feature switches at Didit, then audits the values Didit confirms',
  request: {
    params: z.object({ id: z.string().min(1).max(100) }),
    query: WhatIfSaveQuery,
    body: {
      content: { 'application/json': { schema: UpdateWorkflowSettingsRequest } },
      required: true,
    },
  },
  responses: {
    200: jsonContent(WorkflowSettingsSchema, 'The workflow as Didit now holds it'),
    400: errorResponses[400],
    404: errorResponses[404],
    502: providerDown,
    503: providerDown,
  },
});

const whatIfRoute = createRoute({
  method: 'get',
  path: '/workflows/{id}/what-if',
  tags: ['Workflows'],
  summary:
    'Replays the stored scores of the last N days under proposed thresholds: outcome changes, queue delta, flips',
  request: {
    params: z.object({ id: z.string().min(1).max(100) }),
    query: DiditWhatIfQuery,
  },
  responses: {
    200: jsonContent(WhatIfResult.meta({ id: 'WhatIfResult' }), 'What the proposal would have done'),
    400: errorResponses[400],
    404: errorResponses[404],
    502: providerDown,
    503: providerDown,
  },
});

export function workflowRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(listRoute, async (c) => c.json(await listWorkflowSettings(deps), 200))
    .openapi(updateRoute, async (c) => {
      const settings = await updateWorkflowSettings(
        deps,
        c.req.valid('param').id,
        c.req.valid('json'),
        currentUser(c),
        requestContext(c),
        c.req.valid('query').whatIfDays,
      );
      return c.json(settings, 200);
    })
    .openapi(whatIfRoute, async (c) =>
      c.json(await diditWhatIf(deps, c.req.valid('param').id, c.req.valid('query')), 200),
    );
}
