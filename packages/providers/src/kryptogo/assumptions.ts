/**
 * Every KryptoGO detail docs/providers/kryptogo.md marks `[assumed]`, in one place so it can be corrected against the
 * real provider without touching the client, schemas or mapping. The sandbox keeps its own mirror in
 * `apps/sandbox/src/kryptogo/assumptions.ts`; change both together.
 */

/** [assumed] The seed names `ApiKeyAuth` but not the header. */
export const KRYPTOGO_API_KEY_HEADER = 'X-API-KEY';

/** Ids are path-encoded integers so a crafted id cannot reach another route. */
const idSegment = (id: number | string): string => {
  const text = String(id);
  if (!/^[1-9]\d{0,15}$/.test(text)) throw new TypeError('a KryptoGO id must be a positive integer');
  return text;
};

/**
 * Route table. Only `/kya/detail/{id}`, `/task/{id}/accepted`, `/idv/init` and `/idv/account` appear in
 * the seed; the rest are [assumed].
 */
export const KRYPTOGO_PATHS = {
  kyaCreate: '/kya',
  kyaDetail: (kyaId: number | string) => `/kya/detail/${idSegment(kyaId)}`,
  kyaInfo: '/kya/info',
  ddCreate: '/task',
  ddHistory: '/task/history',
  ddSummary: (taskId: number | string) => `/task/${idSegment(taskId)}/summary`,
  ddDetails: (taskId: number | string) => `/task/${idSegment(taskId)}`,
  ddAccepted: (taskId: number | string) => `/task/${idSegment(taskId)}/accepted`,
  ddMetadata: (taskId: number | string) => `/task/${idSegment(taskId)}/metadata`,
  idvCreate: '/idv',
  idvDetail: (idvId: number | string) => `/idv/${idSegment(idvId)}`,
  idvWebInit: '/idv/init',
  idvMobileInit: '/idv/account',
} as const;

/** [assumed] DD task `audit_status` integers (only `0`, unaudited, is in the seed). */
export const KRYPTOGO_DD_AUDIT_STATUS = { pending: 0, accepted: 1, rejected: 2 } as const;

/** [assumed] `task_origin` integers (the seed shows `1` for an API-created task). */
export const KRYPTOGO_TASK_ORIGIN = { console: 0, api: 1, idv: 2 } as const;

/** [assumed] IDV `state` integers; conflict C16 makes this the least certain mapping. */
export const KRYPTOGO_IDV_STATE = { accept: 0, review: 1, reject: 2 } as const;

/** [seed] `Accepted`; [assumed] `Pending`, `Rejected`. Compared case-insensitively. */
export const KRYPTOGO_IDV_AUDIT_STATUS = {
  pending: 'Pending',
  accepted: 'Accepted',
  rejected: 'Rejected',
} as const;

/** [assumed] Field of the web IDV init response holding the URL to show the user. */
export const KRYPTOGO_IDV_WEB_URL_FIELD = 'url';

/** [seed] progress is 0–100; 100 means the search results are generated. */
export const KRYPTOGO_DD_COMPLETE_PROGRESS = 100;

/** [seed] Sanction list search source (sanction_matched comes from it). */
export const KRYPTOGO_SANCTION_SOURCE = 4;

/**
 * How KryptoGO ties tasks to a customer and to each other (docs/providers/kryptogo.md §2.7).
 * [seed] D2 `from_idv_id` names the IDV that created a DD task, `0` when none; I1 carries
 * `created_search_task_id` and `dd_tasks`.
 * [assumed] `created_search_task_id` is 0 or absent when the IDV created none; `dd_tasks` are D1 summaries of
 * every DD task naming the IDV, including ones created later through D3 with `from_idv_id`; a customer
 * reference is one customer and is compared exactly (case and spaces count), as D6's filter is taken to.
 */
export const KRYPTOGO_TASK_LINKS = {
  noIdvId: 0,
  customerReferenceMatch: 'exact',
} as const;
