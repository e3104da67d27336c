import {
  QaItemDetail,
  type QaListQueryInput,
  QaListResponse,
  type QaOutcomeRequest,
  QaSamplerRun,
  QaSamplingSettings,
  ROUTES,
  routePath,
} from '@backoffice/contracts';
import { apiRequest, idempotentWrite, withQuery } from '../../api/client';

/** `QaListQuery` as it travels in a query string. */
export type QaSearch = { [K in keyof QaListQueryInput]?: string };

export const qaKeys = {
  all: ['qa'] as const,
  list: (search: QaSearch) => [...qaKeys.all, 'list', search] as const,
  settings: ['qa', 'settings'] as const,
};

export const fetchQaItems = (search: QaSearch, signal?: AbortSignal) =>
  apiRequest(withQuery(routePath(ROUTES.qaItemList), search), QaListResponse, { signal });

export const postQaOutcome = (id: number, body: QaOutcomeRequest, idempotencyKey: string) =>
  apiRequest(
    routePath(ROUTES.qaOutcome, { id }),
    QaItemDetail,
    idempotentWrite('POST', body, idempotencyKey),
  );

export const fetchQaSampling = (signal?: AbortSignal) =>
  apiRequest(routePath(ROUTES.qaSettings), QaSamplingSettings, { signal });

export const putQaSampling = (body: QaSamplingSettings) =>
  apiRequest(routePath(ROUTES.qaSettingsSave), QaSamplingSettings, { method: 'PUT', body });

export const postQaSamplerRun = () =>
  apiRequest(routePath(ROUTES.qaSamplerRun), QaSamplerRun, { method: 'POST', body: {} });
