import { z } from 'zod';
import {
  ActionDecisionRequest,
  CaseActionRequest,
  CaseActionStatus,
  CaseActionView,
  FourEyesSettings,
  ReasonCode,
  ReasonCodeKey,
  SaveReasonCodeRequest,
} from '../actions';
import { CaseSummary } from '../case';
import {
  AddListEntryRequest,
  ListEntriesQuery,
  ListEntryPage,
  ListView,
  RemoveListEntryRequest,
} from '../lists';
import {
  diditDownResponses,
  diditItemResponses,
  errorResponses,
  IdempotencyKeyValue,
  IdParam,
  IfMatchValue,
  jsonBody,
  jsonChange,
  jsonContent,
  pathQueryRead,
  queryRead,
  refusals,
  settingsDocs,
} from './shapes';

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

const fourEyes = settingsDocs(
  'Actions',
  FourEyesSchema,
  {
    summary: 'Which actions need a second person',
    inForce: 'The current four-eyes policy',
  },
  {
    summary: 'Change which actions need a second person (audited)',
    saved: jsonContent(FourEyesSchema, 'The new four-eyes policy'),
  },
);

const ListParam = z.object({ listUuid: z.string().min(1).max(100) });
const EntryParam = ListParam.extend({ entryUuid: z.string().min(1).max(100) });
const ListChangeHeaders = z.object({
  'idempotency-key': IdempotencyKeyValue.meta({
    description: 'Required: a replay returns the stored answer.',
  }),
});

/** The docs of a list change: an idempotent request that answers 202 with the action it queued. */
const listChange = <const P, const B>(params: P, body: B, accepted: string) => ({
  request: { params, headers: ListChangeHeaders, body: jsonBody(body) },
  responses: {
    202: jsonContent(CaseActionViewSchema, accepted),
    ...diditItemResponses,
    ...refusals(409),
  },
});

/** Decisions: actions and their four-eyes approval, reason codes, and the blocklists and allowlists. */
export const decisionRouteDocs = {
  reasonCodeList: {
    tag: 'Actions',
    summary: 'The configurable decision reasons reviewers pick from',
    responses: {
      200: jsonContent(z.array(ReasonCode.meta({ id: 'ReasonCode' })), 'Every reason code, active or not'),
    },
  },
  reasonCodeSave: {
    tag: 'Settings',
    summary: 'Create or change a decision reason (retire it with active: false; codes are never deleted)',
    request: {
      params: z.object({ code: ReasonCodeKey }),
      body: jsonBody(SaveReasonCodeRequest),
    },
    responses: {
      200: jsonContent(ReasonCode, 'The reason as saved'),
      ...refusals(400, 401, 403),
    },
  },

  caseActionCreate: {
    tag: 'Actions',
    summary: 'Decide a case (approve, decline, resubmit, blocklist, comment or metadata to the provider)',
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
  actionDecision: {
    tag: 'Actions',
    summary: 'Approve or reject a four-eyes request (another person), or retry or abandon a failed action',
    ...jsonChange(
      z.object({ actionId: z.coerce.number().int().positive() }),
      ActionDecisionRequest.meta({ id: 'ActionDecisionRequest' }),
      jsonContent(CaseActionViewSchema, 'The action after the decision'),
    ),
  },
  actionList: {
    tag: 'Actions',
    summary: "The managers' inbox: actions awaiting approval, failing or failed, newest first",
    ...queryRead(InboxQuery, jsonContent(z.array(CaseActionViewSchema), 'Matching actions')),
  },
  fourEyesSettings: fourEyes.read,
  fourEyesSettingsSave: fourEyes.save,

  listList: {
    tag: 'Lists',
    summary: "Didit's blocklists, allowlists and custom lists, read live",
    responses: {
      200: jsonContent(z.array(ListView.meta({ id: 'ListView' })), 'Every list of the Didit application'),
      ...diditDownResponses,
    },
  },
  listEntries: {
    tag: 'Lists',
    summary: 'Entries of a list (values masked) with the case of the session each came from',
    ...pathQueryRead(
      ListParam,
      ListEntriesQuery,
      jsonContent(ListEntryPage.meta({ id: 'ListEntryPage' }), 'One page of entries'),
      diditItemResponses,
    ),
  },
  listEntryAdd: {
    tag: 'Lists',
    summary: "Adds a case's session to a list through the outbox (audited; blocklists follow four-eyes)",
    ...listChange(ListParam, AddListEntryRequest, 'The queued (or awaiting-approval) action'),
  },
  listEntryRemoval: {
    tag: 'Lists',
    summary:
      'Requests the removal of an entry; a second manager approves it (POST /api/actions/:id/decision)',
    ...listChange(EntryParam, RemoveListEntryRequest, 'The removal, awaiting approval'),
  },
};
