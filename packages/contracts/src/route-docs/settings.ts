import { z } from 'zod';
import { SlaPolicy, SlaPolicyChange } from '../sla';
import { UpdateWorkflowSettingsRequest, WorkflowSettings } from '../thresholds';
import {
  DiditWhatIfQuery,
  DittoScoreSettings,
  DittoWhatIfQuery,
  UpdateDittoScoreSettingsRequest,
  WhatIfResult,
  WhatIfSaveQuery,
} from '../whatif';
import {
  diditDownResponses,
  diditItemResponses,
  errorResponses,
  jsonBody,
  jsonContent,
  pathQueryRead,
  queryRead,
  settingsDocs,
} from './shapes';

const SlaPolicySchema = SlaPolicy.meta({ id: 'SlaPolicy' });
const slaPolicy = settingsDocs(
  'Settings',
  SlaPolicySchema,
  {
    summary: 'Time to decide a case in review, per provider, kind and risk band',
    inForce: 'The due-time policy in force',
  },
  {
    summary: 'Replace the due-time policy; open cases get their due time recomputed (audited)',
    saved: jsonContent(SlaPolicyChange.meta({ id: 'SlaPolicyChange' }), 'The new policy'),
  },
);

const WorkflowSettingsSchema = WorkflowSettings.meta({ id: 'WorkflowSettings' });
const WorkflowIdParam = z.object({ id: z.string().min(1).max(100) });
const DittoScoreSettingsSchema = DittoScoreSettings.meta({ id: 'DittoScoreSettings' });

/** Settings an admin tunes: due times, Didit workflows, Ditto's minimum scores. */
export const settingsRouteDocs = {
  slaSettings: slaPolicy.read,
  slaSettingsSave: slaPolicy.save,

  workflowList: {
    tag: 'Workflows',
    summary: 'Didit workflows with their thresholds and feature switches, read live from Didit',
    responses: {
      200: jsonContent(z.array(WorkflowSettingsSchema), 'Every workflow of the Didit application'),
      ...diditDownResponses,
    },
  },
  workflowUpdate: {
    tag: 'Workflows',
    summary: 'Changes thresholds and feature switches at Didit, then audits the values Didit confirms',
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
  workflowWhatIf: {
    tag: 'Workflows',
    summary:
      'Replays the stored scores of the last N days under proposed thresholds: outcome changes, queue delta, flips',
    ...pathQueryRead(
      WorkflowIdParam,
      DiditWhatIfQuery,
      jsonContent(WhatIfResult.meta({ id: 'WhatIfResult' }), 'What the proposal would have done'),
      diditItemResponses,
    ),
  },

  dittoScoreSettings: {
    tag: 'Settings',
    summary: "Ditto's minimum liveness and face-match scores in force",
    responses: { 200: jsonContent(DittoScoreSettingsSchema, 'The minimum scores') },
  },
  dittoScoreSettingsSave: {
    tag: 'Settings',
    summary: "Changes Ditto's minimum scores; audited old → new with the what-if counts of the last N days",
    request: {
      query: WhatIfSaveQuery,
      body: jsonBody(UpdateDittoScoreSettingsRequest),
    },
    responses: {
      200: jsonContent(DittoScoreSettingsSchema, 'The minimum scores now in force'),
      400: errorResponses[400],
    },
  },
  dittoWhatIf: {
    tag: 'Settings',
    summary: 'Replays the stored Ditto scores of the last N days under proposed minimums',
    ...queryRead(DittoWhatIfQuery, jsonContent(WhatIfResult, 'What the proposal would have done')),
  },
};
