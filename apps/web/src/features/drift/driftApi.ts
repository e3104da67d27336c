import {
  type DriftDecisionRequest,
  DriftListResponse,
  type DriftResolveRequest,
  DriftView,
  ROUTES,
  routePath,
} from '@backoffice/contracts';
import { apiRequest, idempotentWrite, withQuery } from '../../api/client';

export type DriftFilter = 'unresolved' | 'resolved' | 'all';

export const driftKeys = {
  all: ['drift'] as const,
  list: (status: DriftFilter) => [...driftKeys.all, 'list', status] as const,
};

/** Rows per page of the drift view; older pages follow `nextBefore`. */
export const DRIFT_PAGE_SIZE = 100;

export const fetchDrifts = (status: DriftFilter, before: number | undefined, signal?: AbortSignal) =>
  apiRequest(
    withQuery(routePath(ROUTES.driftList), {
      status,
      limit: String(DRIFT_PAGE_SIZE),
      ...(before === undefined ? {} : { before: String(before) }),
    }),
    DriftListResponse,
    { signal },
  );

export const postDriftResolve = (id: number, body: DriftResolveRequest, idempotencyKey: string) =>
  apiRequest(
    routePath(ROUTES.driftResolve, { id }),
    DriftView,
    idempotentWrite('POST', body, idempotencyKey),
  );

export const postDriftDecision = (id: number, body: DriftDecisionRequest) =>
  apiRequest(routePath(ROUTES.driftDecision, { id }), DriftView, { method: 'POST', body });
