import {
  CaseDetail,
  type CaseListQueryInput,
  CaseListResponse,
  type DiditMediaKey,
  Health,
  type LoginRequest,
  Me,
  ReconcileResult,
} from '@backoffice/contracts';
import { apiRequest, NoContent, withQuery } from './client';

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

export function caseMediaUrl(caseId: number, key: DiditMediaKey): string {
  return `/api/cases/${caseId}/media/${encodeURIComponent(key)}`;
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
