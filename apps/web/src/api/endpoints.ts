import {
  CaseDetail,
  type CaseListQueryInput,
  CaseListResponse,
  type DiditMediaKey,
  Health,
  ReconcileResult,
} from '@backoffice/contracts';
import { apiRequest, withQuery } from './client';

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
