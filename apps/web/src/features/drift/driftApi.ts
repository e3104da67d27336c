import {
  type DriftDecisionRequest,
  DriftListResponse,
  type DriftResolveRequest,
  DriftView,
  ROUTES,
  routePath,
} from '@backoffice/contracts';
import { apiRequest, withQuery } from '../../api/client';

export type DriftFilter = 'unresolved' | 'resolved' | 'all';

export const driftKeys = {
  all: ['drift'] as const,
  list: (status: DriftFilter) => [...driftKeys.all, 'list', status] as const,
};

export const fetchDrifts = (status: DriftFilter, signal?: AbortSignal) =>
  apiRequest(withQuery(routePath(ROUTES.driftList), { status }), DriftListResponse, { signal });

export const postDriftResolve = (id: number, body: DriftResolveRequest, idempotencyKey: string) =>
  apiRequest(routePath(ROUTES.driftResolve, { id }), DriftView, {
    method: 'POST',
    body,
    headers: { 'idempotency-key': idempotencyKey },
  });

export const postDriftDecision = (id: number, body: DriftDecisionRequest) =>
  apiRequest(routePath(ROUTES.driftDecision, { id }), DriftView, { method: 'POST', body });
