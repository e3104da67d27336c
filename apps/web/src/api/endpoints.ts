import {
  type ActionDecisionRequest,
  AuditListResponse,
  AuditVerifyResponse,
  type CaseActionRequest,
  type CaseActionStatus,
  CaseActionView,
  CaseComment,
  CaseDetail,
  type CaseListQueryInput,
  CaseListResponse,
  type CreateUserRequest,
  type DiditMediaKey,
  type DittoMediaKey,
  FourEyesSettings,
  Health,
  type KryptogoScreeningRequest,
  KryptogoScreeningResponse,
  type LoginRequest,
  Me,
  MetadataEntry,
  ReasonCode,
  ReconcileResult,
  type SaveReasonCodeRequest,
  type SetMetadataRequest,
  type UpdateUserRequest,
  type UpdateWorkflowSettingsRequest,
  UserRef,
  UserView,
  WorkflowSettings,
} from '@backoffice/contracts';
import { apiRequest, NoContent, type ResponseSchema, withQuery } from './client';

/** `CaseListQuery` as it travels in a query string: every value already a string. */
export type CaseListSearch = { [K in keyof CaseListQueryInput]?: string };

export function fetchCaseList(query: CaseListSearch, signal?: AbortSignal): Promise<CaseListResponse> {
  return apiRequest(withQuery('/api/cases', query), CaseListResponse, { signal });
}

export function fetchCaseDetail(id: number, signal?: AbortSignal): Promise<CaseDetail> {
  return apiRequest(`/api/cases/${id}`, CaseDetail, { signal });
}

export function fetchHealth(signal?: AbortSignal): Promise<Health> {
  return apiRequest('/api/health', Health, { signal });
}

const ReconcileResults = ReconcileResult.array();
export function postReconcile(): Promise<ReconcileResult[]> {
  return apiRequest('/api/reconcile', ReconcileResults, { method: 'POST', body: {} });
}

/** Image keys served by `GET /api/cases/:id/media/:key` (Didit sessions and Ditto submissions). */
export type CaseMediaKey = DiditMediaKey | DittoMediaKey;

export function caseMediaUrl(caseId: number, key: CaseMediaKey): string {
  return `/api/cases/${caseId}/media/${encodeURIComponent(key)}`;
}

/** Starts a KryptoGO DD or KYA screening; the answer names the case opened for it. */
export function postKryptogoScreening(request: KryptogoScreeningRequest): Promise<KryptogoScreeningResponse> {
  return apiRequest('/api/kryptogo/screenings', KryptogoScreeningResponse, { method: 'POST', body: request });
}

export function fetchMe(signal?: AbortSignal): Promise<Me> {
  return apiRequest('/api/auth/me', Me, { signal });
}

export function postLogin(credentials: LoginRequest): Promise<Me> {
  return apiRequest('/api/auth/login', Me, { method: 'POST', body: credentials });
}

export function postLogout(): Promise<void> {
  return apiRequest('/api/auth/logout', NoContent, { method: 'POST', body: {} });
}

// ---- Reviewer actions ----------------------------------------------------------------------------

const ReasonCodes = ReasonCode.array();
export function fetchReasonCodes(signal?: AbortSignal): Promise<ReasonCode[]> {
  return apiRequest('/api/reason-codes', ReasonCodes, { signal });
}

export function putReasonCode(code: string, body: SaveReasonCodeRequest): Promise<ReasonCode> {
  return apiRequest(`/api/reason-codes/${encodeURIComponent(code)}`, ReasonCode, { method: 'PUT', body });
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
  return apiRequest(`/api/cases/${caseId}/actions`, CaseActionAccepted, {
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
  return apiRequest(`/api/actions/${actionId}/decision`, CaseActionView, {
    method: 'POST',
    body: request,
    headers: { 'idempotency-key': idempotencyKey },
  });
}

const CaseActionViews = CaseActionView.array();
export function fetchActions(statuses: CaseActionStatus[], signal?: AbortSignal): Promise<CaseActionView[]> {
  return apiRequest(withQuery('/api/actions', { status: statuses.join(',') }), CaseActionViews, { signal });
}

export function caseReportUrl(caseId: number): string {
  return `/api/cases/${caseId}/report.pdf`;
}

// ---- Local case data: comments, metadata, assignee -----------------------------------------------

export function postComment(caseId: number, body: string, idempotencyKey: string): Promise<CaseComment> {
  return apiRequest(`/api/cases/${caseId}/comments`, CaseComment, {
    method: 'POST',
    body: { body },
    headers: { 'idempotency-key': idempotencyKey },
  });
}

const MetadataEntries = MetadataEntry.array();
export function putMetadata(
  caseId: number,
  request: SetMetadataRequest,
  idempotencyKey: string,
): Promise<MetadataEntry[]> {
  return apiRequest(`/api/cases/${caseId}/metadata`, MetadataEntries, {
    method: 'PUT',
    body: request,
    headers: { 'idempotency-key': idempotencyKey },
  });
}

/** The answer is not used: the case is refetched, so any body (or none) is accepted. */
const AnyBody: ResponseSchema<unknown> = { safeParse: (data) => ({ success: true, data }) };
export function putAssignee(
  caseId: number,
  assigneeId: string | null,
  idempotencyKey: string,
): Promise<unknown> {
  return apiRequest(`/api/cases/${caseId}/assignee`, AnyBody, {
    method: 'PUT',
    body: { assigneeId },
    headers: { 'idempotency-key': idempotencyKey },
  });
}

/** Takes an unassigned case at the version on screen; the case is refetched afterwards. */
export function postClaim(caseId: number, version: number): Promise<unknown> {
  return apiRequest(`/api/cases/${caseId}/claim`, AnyBody, {
    method: 'POST',
    body: {},
    headers: { 'if-match': String(version) },
  });
}

const UserRefs = UserRef.array();
export function fetchAssignableUsers(signal?: AbortSignal): Promise<UserRef[]> {
  return apiRequest('/api/users/assignable', UserRefs, { signal });
}

// ---- Settings, audit, workflows, users -----------------------------------------------------------

export function fetchFourEyesSettings(signal?: AbortSignal): Promise<FourEyesSettings> {
  return apiRequest('/api/settings/four-eyes', FourEyesSettings, { signal });
}

export function putFourEyesSettings(
  settings: FourEyesSettings,
  idempotencyKey: string,
): Promise<FourEyesSettings> {
  return apiRequest('/api/settings/four-eyes', FourEyesSettings, {
    method: 'PUT',
    body: settings,
    headers: { 'idempotency-key': idempotencyKey },
  });
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
  return apiRequest(withQuery('/api/audit', { ...search }), AuditListResponse, { signal });
}

export function auditExportUrl(search: AuditSearch): string {
  return withQuery('/api/audit/export.csv', { ...search });
}

export function fetchAuditVerify(signal?: AbortSignal): Promise<AuditVerifyResponse> {
  return apiRequest('/api/audit/verify', AuditVerifyResponse, { signal });
}

const Workflows = WorkflowSettings.array();
export function fetchWorkflows(signal?: AbortSignal): Promise<WorkflowSettings[]> {
  return apiRequest('/api/workflows', Workflows, { signal });
}

export function patchWorkflow(
  workflowId: string,
  request: UpdateWorkflowSettingsRequest,
  idempotencyKey: string,
): Promise<WorkflowSettings> {
  return apiRequest(`/api/workflows/${encodeURIComponent(workflowId)}`, WorkflowSettings, {
    method: 'PATCH',
    body: request,
    headers: { 'idempotency-key': idempotencyKey },
  });
}

const Users = UserView.array();
export function fetchUsers(signal?: AbortSignal): Promise<UserView[]> {
  return apiRequest('/api/users', Users, { signal });
}

export function postUser(request: CreateUserRequest, idempotencyKey: string): Promise<UserView> {
  return apiRequest('/api/users', UserView, {
    method: 'POST',
    body: request,
    headers: { 'idempotency-key': idempotencyKey },
  });
}

export function patchUser(id: string, request: UpdateUserRequest, idempotencyKey: string): Promise<UserView> {
  return apiRequest(`/api/users/${encodeURIComponent(id)}`, UserView, {
    method: 'PATCH',
    body: request,
    headers: { 'idempotency-key': idempotencyKey },
  });
}
