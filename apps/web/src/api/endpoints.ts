import {
  type ActionDecisionRequest,
  type AddListEntryRequest,
  AuditListResponse,
  AuditVerifyResponse,
  type CaseActionRequest,
  type CaseActionStatus,
  CaseActionView,
  CaseComment,
  CaseDetail,
  type CaseFlagClearReason,
  type CaseListQueryInput,
  CaseListResponse,
  type CreateUserRequest,
  type DiditMediaKey,
  type DiditWhatIfQuery,
  type DittoMediaKey,
  DittoScoreSettings,
  type DittoWhatIfQuery,
  FourEyesSettings,
  Health,
  type KryptogoScreeningRequest,
  KryptogoScreeningResponse,
  ListEntryPage,
  ListView,
  type LoginRequest,
  Me,
  MetadataEntry,
  ReasonCode,
  ReconcileResult,
  type RemoveListEntryRequest,
  ROUTES,
  routePath,
  type SaveReasonCodeRequest,
  type SetMetadataRequest,
  type UpdateDittoScoreSettingsRequest,
  type UpdateUserRequest,
  type UpdateWorkflowSettingsRequest,
  UserRef,
  UserView,
  WhatIfResult,
  WorkflowSettings,
} from '@backoffice/contracts';
import { apiRequest, idempotentWrite, NoContent, type ResponseSchema, withQuery } from './client';

/** `CaseListQuery` as it travels in a query string: every value already a string. */
export type CaseListSearch = { [K in keyof CaseListQueryInput]?: string };

export function fetchCaseList(query: CaseListSearch, signal?: AbortSignal): Promise<CaseListResponse> {
  return apiRequest(withQuery(routePath(ROUTES.caseList), query), CaseListResponse, { signal });
}

export function fetchCaseDetail(id: number, signal?: AbortSignal): Promise<CaseDetail> {
  return apiRequest(routePath(ROUTES.caseDetail, { id }), CaseDetail, { signal });
}

export function fetchHealth(signal?: AbortSignal): Promise<Health> {
  return apiRequest(routePath(ROUTES.health), Health, { signal });
}

const ReconcileResults = ReconcileResult.array();
export function postReconcile(): Promise<ReconcileResult[]> {
  return apiRequest(routePath(ROUTES.reconcile), ReconcileResults, { method: 'POST', body: {} });
}

/** Image keys served by `GET /api/cases/:id/media/:key` (Didit sessions and Ditto submissions). */
export type CaseMediaKey = DiditMediaKey | DittoMediaKey;

export function caseMediaUrl(caseId: number, key: CaseMediaKey): string {
  return routePath(ROUTES.caseMedia, { id: caseId, key });
}

/** Starts a KryptoGO DD or KYA screening; the answer names the case opened for it. */
export function postKryptogoScreening(request: KryptogoScreeningRequest): Promise<KryptogoScreeningResponse> {
  return apiRequest(routePath(ROUTES.kryptogoScreeningCreate), KryptogoScreeningResponse, {
    method: 'POST',
    body: request,
  });
}

export function fetchMe(signal?: AbortSignal): Promise<Me> {
  return apiRequest(routePath(ROUTES.me), Me, { signal });
}

export function postLogin(credentials: LoginRequest): Promise<Me> {
  return apiRequest(routePath(ROUTES.login), Me, { method: 'POST', body: credentials });
}

export function postLogout(): Promise<void> {
  return apiRequest(routePath(ROUTES.logout), NoContent, { method: 'POST', body: {} });
}

// ---- Reviewer actions ----------------------------------------------------------------------------

const ReasonCodes = ReasonCode.array();
export function fetchReasonCodes(signal?: AbortSignal): Promise<ReasonCode[]> {
  return apiRequest(routePath(ROUTES.reasonCodeList), ReasonCodes, { signal });
}

export function putReasonCode(code: string, body: SaveReasonCodeRequest): Promise<ReasonCode> {
  return apiRequest(routePath(ROUTES.reasonCodeSave, { code }), ReasonCode, { method: 'PUT', body });
}

/**
 * `202 {action, case}` of `POST /api/cases/:id/actions`. The contracts name no schema for this
 * envelope, so it is composed here from the two schemas they do define; `case` is only used to seed
 * the cache when it parses as a full `CaseDetail`, otherwise the case is refetched.
 */
export interface CaseActionAccepted {
  action: CaseActionView;
  case: CaseDetail | null;
}
const CaseActionAccepted: ResponseSchema<CaseActionAccepted> = {
  safeParse(data) {
    const envelope = (data ?? {}) as { action?: unknown; case?: unknown };
    const action = CaseActionView.safeParse(envelope.action);
    if (!action.success) {
      return {
        success: false,
        error: {
          issues: action.error.issues.map((issue) => ({ ...issue, path: ['action', ...issue.path] })),
        },
      };
    }
    const detail = CaseDetail.safeParse(envelope.case);
    return { success: true, data: { action: action.data, case: detail.success ? detail.data : null } };
  },
};

export function postCaseAction(
  caseId: number,
  request: CaseActionRequest,
  { version, idempotencyKey }: { version: number; idempotencyKey: string },
): Promise<CaseActionAccepted> {
  return apiRequest(routePath(ROUTES.caseActionCreate, { id: caseId }), CaseActionAccepted, {
    method: 'POST',
    body: request,
    headers: { 'if-match': String(version), 'idempotency-key': idempotencyKey },
  });
}

export function postActionDecision(
  actionId: number,
  request: ActionDecisionRequest,
  idempotencyKey: string,
): Promise<CaseActionView> {
  return apiRequest(
    routePath(ROUTES.actionDecision, { actionId }),
    CaseActionView,
    idempotentWrite('POST', request, idempotencyKey),
  );
}

const CaseActionViews = CaseActionView.array();
export function fetchActions(statuses: CaseActionStatus[], signal?: AbortSignal): Promise<CaseActionView[]> {
  return apiRequest(
    withQuery(routePath(ROUTES.actionList), { status: statuses.join(',') }),
    CaseActionViews,
    { signal },
  );
}

export function caseReportUrl(caseId: number): string {
  return routePath(ROUTES.caseReport, { id: caseId });
}

// ---- Local case data: comments, metadata, assignee -----------------------------------------------

export function postComment(caseId: number, body: string, idempotencyKey: string): Promise<CaseComment> {
  return apiRequest(
    routePath(ROUTES.caseCommentCreate, { id: caseId }),
    CaseComment,
    idempotentWrite('POST', { body }, idempotencyKey),
  );
}

const MetadataEntries = MetadataEntry.array();
export function putMetadata(
  caseId: number,
  request: SetMetadataRequest,
  idempotencyKey: string,
): Promise<MetadataEntry[]> {
  return apiRequest(
    routePath(ROUTES.caseMetadataSet, { id: caseId }),
    MetadataEntries,
    idempotentWrite('PUT', request, idempotencyKey),
  );
}

/** The answer is not used: the case is refetched, so any body (or none) is accepted. */
const AnyBody: ResponseSchema<unknown> = { safeParse: (data) => ({ success: true, data }) };
export function putAssignee(
  caseId: number,
  assigneeId: string | null,
  idempotencyKey: string,
): Promise<unknown> {
  return apiRequest(
    routePath(ROUTES.caseAssigneeSet, { id: caseId }),
    AnyBody,
    idempotentWrite('PUT', { assigneeId }, idempotencyKey),
  );
}

/** Takes an unassigned case at the version on screen; the case is refetched afterwards. */
export function postClaim(caseId: number, version: number): Promise<unknown> {
  return apiRequest(routePath(ROUTES.caseClaim, { id: caseId }), AnyBody, {
    method: 'POST',
    body: {},
    headers: { 'if-match': String(version) },
  });
}

/** Clears the case's flag at the version on screen (managers). */
export function postClearFlag(
  caseId: number,
  version: number,
  reason: CaseFlagClearReason,
): Promise<unknown> {
  return apiRequest(routePath(ROUTES.caseFlagClear, { id: caseId }), AnyBody, {
    method: 'POST',
    body: { reason },
    headers: { 'if-match': String(version) },
  });
}

const UserRefs = UserRef.array();
export function fetchAssignableUsers(signal?: AbortSignal): Promise<UserRef[]> {
  return apiRequest(routePath(ROUTES.assignableUsers), UserRefs, { signal });
}

// ---- Settings, audit, workflows, users -----------------------------------------------------------

export function fetchFourEyesSettings(signal?: AbortSignal): Promise<FourEyesSettings> {
  return apiRequest(routePath(ROUTES.fourEyesSettings), FourEyesSettings, { signal });
}

export function putFourEyesSettings(
  settings: FourEyesSettings,
  idempotencyKey: string,
): Promise<FourEyesSettings> {
  return apiRequest(
    routePath(ROUTES.fourEyesSettingsSave),
    FourEyesSettings,
    idempotentWrite('PUT', settings, idempotencyKey),
  );
}

/** Audit filters as they travel in the query string (the page's URL and the API's are the same). */
export interface AuditSearch {
  actorId?: string;
  action?: string;
  caseId?: string;
  provider?: string;
  from?: string;
  to?: string;
}

export function fetchAudit(
  search: AuditSearch & { before?: string; limit?: string },
  signal?: AbortSignal,
): Promise<AuditListResponse> {
  return apiRequest(withQuery(routePath(ROUTES.auditList), { ...search }), AuditListResponse, { signal });
}

export function auditExportUrl(search: AuditSearch): string {
  return withQuery(routePath(ROUTES.auditExport), { ...search });
}

export function fetchAuditVerify(signal?: AbortSignal): Promise<AuditVerifyResponse> {
  return apiRequest(routePath(ROUTES.auditVerify), AuditVerifyResponse, { signal });
}

const Workflows = WorkflowSettings.array();
export function fetchWorkflows(signal?: AbortSignal): Promise<WorkflowSettings[]> {
  return apiRequest(routePath(ROUTES.workflowList), Workflows, { signal });
}

/** A what-if query as it travels: numbers as strings, unset values left out. */
const asQuery = (query: Record<string, string | number | undefined>) =>
  Object.fromEntries(
    Object.entries(query).map(([key, value]) => [key, value === undefined ? undefined : String(value)]),
  );

export function fetchWorkflowWhatIf(
  workflowId: string,
  query: Partial<DiditWhatIfQuery>,
  signal?: AbortSignal,
): Promise<WhatIfResult> {
  return apiRequest(
    withQuery(routePath(ROUTES.workflowWhatIf, { id: workflowId }), asQuery(query)),
    WhatIfResult,
    { signal },
  );
}

export function fetchDittoScores(signal?: AbortSignal): Promise<DittoScoreSettings> {
  return apiRequest(routePath(ROUTES.dittoScoreSettings), DittoScoreSettings, { signal });
}

export function fetchDittoWhatIf(
  query: Partial<DittoWhatIfQuery>,
  signal?: AbortSignal,
): Promise<WhatIfResult> {
  return apiRequest(withQuery(routePath(ROUTES.dittoWhatIf), asQuery(query)), WhatIfResult, { signal });
}

export function patchDittoScores(
  request: UpdateDittoScoreSettingsRequest,
  whatIfDays: number,
  idempotencyKey: string,
): Promise<DittoScoreSettings> {
  return apiRequest(
    withQuery(routePath(ROUTES.dittoScoreSettingsSave), { whatIfDays: String(whatIfDays) }),
    DittoScoreSettings,
    idempotentWrite('PATCH', request, idempotencyKey),
  );
}

export function patchWorkflow(
  workflowId: string,
  request: UpdateWorkflowSettingsRequest,
  idempotencyKey: string,
  whatIfDays?: number,
): Promise<WorkflowSettings> {
  const path = routePath(ROUTES.workflowUpdate, { id: workflowId });
  return apiRequest(
    whatIfDays ? withQuery(path, { whatIfDays: String(whatIfDays) }) : path,
    WorkflowSettings,
    idempotentWrite('PATCH', request, idempotencyKey),
  );
}

const Users = UserView.array();
export function fetchUsers(signal?: AbortSignal): Promise<UserView[]> {
  return apiRequest(routePath(ROUTES.userList), Users, { signal });
}

export function postUser(request: CreateUserRequest, idempotencyKey: string): Promise<UserView> {
  return apiRequest(routePath(ROUTES.userCreate), UserView, idempotentWrite('POST', request, idempotencyKey));
}

export function patchUser(id: string, request: UpdateUserRequest, idempotencyKey: string): Promise<UserView> {
  return apiRequest(
    routePath(ROUTES.userUpdate, { id }),
    UserView,
    idempotentWrite('PATCH', request, idempotencyKey),
  );
}

const ListViews = ListView.array();
export function fetchLists(signal?: AbortSignal): Promise<ListView[]> {
  return apiRequest(routePath(ROUTES.listList), ListViews, { signal });
}

export function fetchListEntries(
  listUuid: string,
  query: { search?: string; offset: number; limit: number },
  signal?: AbortSignal,
): Promise<ListEntryPage> {
  return apiRequest(
    withQuery(routePath(ROUTES.listEntries, { listUuid }), {
      search: query.search || undefined,
      offset: String(query.offset),
      limit: String(query.limit),
    }),
    ListEntryPage,
    { signal },
  );
}

export function postListEntry(
  listUuid: string,
  request: AddListEntryRequest,
  idempotencyKey: string,
): Promise<CaseActionView> {
  return apiRequest(
    routePath(ROUTES.listEntryAdd, { listUuid }),
    CaseActionView,
    idempotentWrite('POST', request, idempotencyKey),
  );
}

export function postListEntryRemoval(
  listUuid: string,
  entryUuid: string,
  request: RemoveListEntryRequest,
  idempotencyKey: string,
): Promise<CaseActionView> {
  return apiRequest(
    routePath(ROUTES.listEntryRemoval, { listUuid, entryUuid }),
    CaseActionView,
    idempotentWrite('POST', request, idempotencyKey),
  );
}
