import { z } from 'zod';
import {
  AssignRequest,
  CaseComment,
  CreateCommentRequest,
  MetadataEntry,
  SetMetadataRequest,
  UserRef,
} from '../actions';
import { BulkCaseRequest, BulkCaseResponse } from '../bulk';
import { CaseListQuery, CaseListResponse, CaseSummary } from '../case';
import { CaseDetail } from '../case-detail';
import { ClearCaseFlagRequest } from '../case-flags';
import { KryptogoScreeningRequest, KryptogoScreeningResponse } from '../kryptogo';
import { CreateTagRequest, Tag, UpdateTagRequest } from '../tags';
import { CreateSavedViewRequest, SavedView } from '../views';
import {
  errorResponse,
  errorResponses,
  IdParam,
  IfMatchHeader,
  jsonBody,
  jsonChange,
  jsonContent,
  jsonCreate,
  jsonCreateIn,
  pathOnly,
  pathQueryRead,
  pathRead,
  queryRead,
  refusals,
} from './shapes';

/** A change to the case at the version the caller saw (If-Match), and how such a change is refused. */
const versionedChange = { params: IdParam, headers: IfMatchHeader };
const versionedChangeRefusals = { ...refusals(400, 404, 409), 428: errorResponse('If-Match is missing') };

const TagSchema = Tag.meta({ id: 'Tag' });
const CaseTagParams = IdParam.extend({ tagId: z.coerce.number().int().positive() });
const SavedViewSchema = SavedView.meta({ id: 'SavedView' });

/** Cases: the queue, one case, its notes, tags and evidence, saved views, bulk actions, live events. */
export const caseRouteDocs = {
  caseList: {
    tag: 'Cases',
    summary: 'The review queue: filter, sort and page (keyset cursor) over cases of every provider',
    ...queryRead(
      CaseListQuery,
      jsonContent(CaseListResponse.meta({ id: 'CaseListResponse' }), 'One page of cases'),
    ),
  },
  caseDetail: {
    tag: 'Cases',
    summary:
      'Everything a reviewer needs to decide one case (the first opening within a few minutes is audited)',
    ...pathRead(
      IdParam,
      jsonContent(CaseDetail.meta({ id: 'CaseDetail' }), 'The case'),
      refusals(400, 403, 404),
    ),
  },
  caseMedia: {
    tag: 'Cases',
    summary: 'A document or selfie image of the case, fetched fresh from the provider',
    ...pathRead(
      IdParam.extend({ key: z.string().max(64) }),
      {
        description: 'Image bytes',
        content: { 'image/png': { schema: z.string() }, 'image/jpeg': { schema: z.string() } },
      },
      {
        ...refusals(400, 404),
        502: errorResponse('The provider cannot serve the image, or its URL is not an allowed media host'),
      },
    ),
  },
  caseReport: {
    tag: 'Cases',
    summary: "The provider's PDF report of the case (each download is audited)",
    ...pathRead(
      IdParam,
      { description: 'PDF bytes', content: { 'application/pdf': { schema: z.string() } } },
      { ...refusals(400, 404), 502: errorResponse('The provider could not produce the report') },
    ),
  },
  caseClaim: {
    tag: 'Cases',
    summary: 'Take an unassigned case to work on it (If-Match: the case version seen; audited)',
    request: versionedChange,
    responses: {
      200: jsonContent(CaseSummary, 'The case, now assigned to the caller'),
      ...versionedChangeRefusals,
    },
  },
  caseFlagClear: {
    tag: 'Cases',
    summary: "Clear the case's flag with a reason (managers; If-Match: the case version seen; audited)",
    request: {
      ...versionedChange,
      body: { ...jsonBody(ClearCaseFlagRequest), description: 'Why the flag is cleared' },
    },
    responses: {
      200: jsonContent(CaseSummary, 'The case, without its flag'),
      ...versionedChangeRefusals,
      ...refusals(403),
    },
  },

  caseCommentCreate: {
    tag: 'Case notes',
    summary: 'Add a comment to the case thread (local, not sent to the provider)',
    ...jsonCreateIn(
      IdParam,
      CreateCommentRequest,
      jsonContent(CaseComment.meta({ id: 'CaseComment' }), 'The comment'),
    ),
  },
  caseMetadataSet: {
    tag: 'Case notes',
    summary: 'Set or (with value null) remove metadata keys of the case',
    ...jsonChange(
      IdParam,
      SetMetadataRequest,
      jsonContent(z.array(MetadataEntry.meta({ id: 'MetadataEntry' })), 'All metadata of the case'),
    ),
  },
  caseAssigneeSet: {
    tag: 'Case notes',
    summary: 'Assign the case to an active user, or unassign it (null)',
    ...jsonChange(IdParam, AssignRequest, jsonContent(CaseSummary, 'The case')),
  },
  assignableUsers: {
    tag: 'Case notes',
    summary: 'Active users a case can be assigned to',
    responses: { 200: jsonContent(z.array(UserRef), 'Active users by name') },
  },

  tagList: {
    tag: 'Tags',
    summary: 'Every tag, retired ones included (they stay on old cases)',
    responses: { 200: jsonContent(z.array(TagSchema), 'Tags by name') },
  },
  tagCreate: {
    tag: 'Tags',
    summary: 'Define a tag (managers; audited)',
    ...jsonCreate(CreateTagRequest, jsonContent(TagSchema, 'The tag')),
  },
  tagUpdate: {
    tag: 'Tags',
    summary: 'Rename, recolour, retire or restore a tag (managers; audited)',
    ...jsonChange(IdParam, UpdateTagRequest, jsonContent(TagSchema, 'The tag')),
  },
  caseTags: {
    tag: 'Tags',
    summary: "The case's tags",
    ...pathOnly(IdParam, jsonContent(z.array(TagSchema), 'Tags of the case')),
  },
  caseTagAdd: {
    tag: 'Tags',
    summary: 'Put a tag on the case (a retired tag is refused with 409 tag_retired; audited)',
    ...pathOnly(CaseTagParams, jsonContent(z.array(TagSchema), 'Tags of the case')),
  },
  caseTagRemove: {
    tag: 'Tags',
    summary: 'Take a tag off the case (audited)',
    ...pathOnly(CaseTagParams, jsonContent(z.array(TagSchema), 'Tags of the case')),
  },

  viewList: {
    tag: 'Saved views',
    summary: "The caller's saved queue views and the team's shared ones",
    responses: { 200: jsonContent(z.array(SavedViewSchema), 'Views') },
  },
  viewDetail: {
    tag: 'Saved views',
    summary: 'One view the caller owns or that is shared (the target of /queue?view=id)',
    ...pathOnly(IdParam, jsonContent(SavedViewSchema, 'The view')),
  },
  viewCreate: {
    tag: 'Saved views',
    summary: 'Save the current filters, sort and columns under a name (sharing: managers; audited)',
    ...jsonCreate(CreateSavedViewRequest, jsonContent(SavedViewSchema, 'The view')),
  },
  viewDelete: {
    tag: 'Saved views',
    summary: 'Delete a view (its owner; a shared one also a manager; audited when shared)',
    request: { params: IdParam },
    responses: { 204: { description: 'Deleted' }, ...errorResponses },
  },

  caseBulk: {
    tag: 'Cases',
    summary:
      'Assign, unassign, tag or untag up to 200 cases; every case is applied on its own and reported (applied, unchanged, or refused with its error code)',
    request: { body: jsonBody(BulkCaseRequest) },
    responses: {
      200: jsonContent(BulkCaseResponse.meta({ id: 'BulkCaseResponse' }), 'One result per case'),
      ...errorResponses,
    },
  },
  reviewerList: {
    tag: 'Cases',
    summary: 'Active analysts and managers: who a case can be assigned to, and the assignee filter',
    responses: { 200: jsonContent(z.array(UserRef), 'People by name') },
  },

  events: {
    tag: 'Cases',
    summary:
      'Server-Sent Events: `case.changed` with {id, status, version} after every committed change; `session.ended` then end of stream when the session ends',
    responses: {
      200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
    },
  },

  caseEvidencePack: {
    tag: 'Cases',
    summary:
      'The evidence pack of a case: our PDF (with the JSON bundle attached) or the JSON bundle alone, ' +
      'checkable offline with `pnpm evidence:verify` (each export is audited)',
    ...pathQueryRead(
      IdParam,
      z.object({ format: z.enum(['pdf', 'json']).default('pdf') }),
      {
        description: 'The pack',
        content: { 'application/pdf': { schema: z.string() }, 'application/json': { schema: z.string() } },
      },
      refusals(400, 403, 404),
    ),
  },

  kryptogoScreeningCreate: {
    tag: 'KryptoGO',
    summary: 'Start a KryptoGO screening: DD for a person or company, or KYA for a BTC/ETH address',
    description:
      'DD tasks open as pending and are completed by KryptoGO callbacks; KYA results are synchronous, so ' +
      'the KYA case is ready for review at once. Audited as the signed-in reviewer.',
    request: {
      body: jsonBody(KryptogoScreeningRequest.meta({ id: 'KryptogoScreeningRequest' })),
    },
    responses: {
      201: jsonContent(
        KryptogoScreeningResponse.meta({ id: 'KryptogoScreeningResponse' }),
        'The case opened',
      ),
      ...refusals(400),
      502: errorResponse('KryptoGO answered badly'),
      503: errorResponse('KryptoGO is not configured or could not be read; retry later'),
    },
  },
};
