import {
  QaItemDetail,
  type QaListQueryInput,
  QaListResponse,
  type QaOutcomeRequest,
  QaSamplerRun,
  QaSamplingSettings,
} from '@backoffice/contracts';
import { apiRequest, withQuery } from '../../api/client';

/** `QaListQuery` as it travels in a query string. */
export type QaSearch = { [K in keyof QaListQueryInput]?: string };

export const qaKeys = {
  all: ['qa'] as const,
  list: (search: QaSearch) => [...qaKeys.all, 'list', search] as const,
  settings: ['qa', 'settings'] as const,
};

export const fetchQaItems = (search: QaSearch, signal?: AbortSignal) =>
  apiRequest(withQuery('/api/qa/items', search), QaListResponse, { signal });

export const postQaOutcome = (id: number, body: QaOutcomeRequest, idempotencyKey: string) =>
  apiRequest(`/api/qa/items/${id}/outcome`, QaItemDetail, {
    method: 'POST',
    body,
    headers: { 'idempotency-key': idempotencyKey },
  });

export const fetchQaSampling = (signal?: AbortSignal) =>
  apiRequest('/api/qa/settings', QaSamplingSettings, { signal });

export const putQaSampling = (body: QaSamplingSettings) =>
  apiRequest('/api/qa/settings', QaSamplingSettings, { method: 'PUT', body });

export const postQaSamplerRun = () =>
  apiRequest('/api/qa/sampler/run', QaSamplerRun, { method: 'POST', body: {} });
