import {
  ActionDecisionRequest,
  CaseActionRequest,
  CaseActionStatus,
  CaseActionView,
  CaseSummary,
  FourEyesSettings,
  ReasonCode,
  ROUTES,
} from '@backoffice/contracts';
import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../../platform/deps';
import { idempotencyKeyOf, replayAwareBody } from '../../platform/idempotency';
import {
  createRouter,
  errorResponses,
  IdempotencyKeyValue,
  IdParam,
  IfMatchValue,
  jsonBody,
  jsonContent,
} from '../../platform/openapi';
import { jsonChange, queryRead, routeDefiner, settingsRoutes } from '../../platform/routes';
import { requestActor } from '../auth/middleware';
import { checklistForRequest } from '../checklist/service';
import { reasonCodeViews } from '../reason-codes/defaults';
import { decideAction } from './decide-action';
import { getFourEyes, setFourEyes } from './four-eyes-settings';
import { listActionInbox } from './inbox';
import { parseIfMatch, requestCaseAction } from './request-action';

const route = routeDefiner('Actions');

const CaseActionViewSchema = CaseActionView.meta({ id: 'CaseActionView' });
const FourEyesSchema = FourEyesSettings.meta({ id: 'FourEyesSettings' });
const ActionAccepted = z
  .object({ action: CaseActionViewSchema, case: CaseSummary })
  .meta({ id: 'ActionAccepted' });

const ActionHeaders = z.object({
  'if-match': IfMatchValue.meta({
    description: 'The case version the reviewer saw (required; 428 without it).',
  }),
  'idempotency-key': IdempotencyKeyValue.meta({
    description: 'A new UUID per intended action (required; 400 without it).',
  }),
});

const InboxQuery = z.object({
  status: z
    .string()
    .default('awaiting_approval,failed,retrying')
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(CaseActionStatus).min(1)),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const reasonCodesRoute = route(
  ROUTES.reasonCodeList,
  'The configurable decision reasons reviewers pick from',
  {
    responses: {
      200: jsonContent(z.array(ReasonCode.meta({ id: 'ReasonCode' })), 'Every reason code, active or not'),
    },
  },
);

const requestActionRoute = route(
  ROUTES.caseActionCreate,
  'Decide a case (approve, decline, resubmit, blocklist, comment or metadata to the provider)',
  {
    description:
      'Checked against the case version (If-Match), the provider transition table, the reason code and four-eyes. ' +
      'Didit sessions and KryptoGO DD tasks (accept/reject with a comment, metadata) are queued: the provider is ' +
      'called afterwards and the action moves to applied, retrying or failed. Ditto ID submissions are decided ' +
      'locally: the action is applied in the same request (status `applied`). KryptoGO IDV and KYA tasks take no ' +
      'action (KryptoGO has no decision endpoint for them). The case lists what it allows in `allowedActions`.',
    request: {
      params: IdParam,
      headers: ActionHeaders,
      body: jsonBody(CaseActionRequest.meta({ id: 'CaseActionRequest' })),
    },
    responses: {
      202: jsonContent(
        ActionAccepted,
        'Accepted: queued for the provider, awaiting a second person, or (local decisions) already applied',
      ),
      ...errorResponses,
      428: errorResponses[400],
    },
  },
);

const decisionRoute = route(
  ROUTES.actionDecision,
  'Approve or reject a four-eyes request (another person), or retry or abandon a failed action',
  jsonChange(
    z.object({ actionId: z.coerce.number().int().positive() }),
    ActionDecisionRequest.meta({ id: 'ActionDecisionRequest' }),
    jsonContent(CaseActionViewSchema, 'The action after the decision'),
  ),
);

const inboxRoute = route(
  ROUTES.actionList,
  "The managers' inbox: actions awaiting approval, failing or failed, newest first",
  queryRead(InboxQuery, jsonContent(z.array(CaseActionViewSchema), 'Matching actions')),
);

const fourEyes = settingsRoutes(
  route,
  FourEyesSchema,
  {
    route: ROUTES.fourEyesSettings,
    summary: 'Which actions need a second person',
    inForce: 'The current four-eyes policy',
  },
  {
    route: ROUTES.fourEyesSettingsSave,
    summary: 'Change which actions need a second person (audited)',
    saved: jsonContent(FourEyesSchema, 'The new four-eyes policy'),
  },
);

export function actionRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(reasonCodesRoute, (c) => c.json(reasonCodeViews(deps), 200))
    .openapi(requestActionRoute, async (c) => {
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
    .openapi(decisionRoute, (c) =>
      c.json(decideAction(deps, requestActor(c), c.req.valid('param').actionId, c.req.valid('json')), 200),
    )
    .openapi(inboxRoute, (c) => {
      const query = c.req.valid('query');
      return c.json(listActionInbox(deps, query.status, query.limit), 200);
    })
    .openapi(fourEyes.readRoute, (c) => c.json(getFourEyes(deps), 200))
    .openapi(fourEyes.saveRoute, (c) => c.json(setFourEyes(deps, requestActor(c), c.req.valid('json')), 200));
}
