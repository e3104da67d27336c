/**
 * Every KryptoGO detail that docs/providers/kryptogo.md marks `[assumed]` (not shown in the seed OpenAPI page) lives
 * here, so correcting one against the real provider touches this file only. The client keeps its own
 * mirror in `packages/providers/src/kryptogo/assumptions.ts`; change both together. The two copies are
 * independent on purpose: were the sandbox to import the client's values, a wrong value would pass the
 * tests on both sides.
 */

/** [assumed] The seed names `ApiKeyAuth` but not the header; KryptoGO Studio uses `X-STUDIO-API-KEY`. */
export const DEFAULT_API_KEY_HEADER = 'X-API-KEY';

/**
 * Hono route patterns. Only `/kya/detail/:kyaId`, `/task/:taskId/accepted`, `/idv/init` and
 * `/idv/account` appear in the seed; the rest are [assumed].
 */
export const KRYPTOGO_ROUTES = {
  kyaCreate: '/kya',
  kyaDetail: '/kya/detail/:kyaId',
  kyaInfo: '/kya/info',
  ddCreate: '/task',
  ddHistory: '/task/history',
  ddSummary: '/task/:taskId/summary',
  ddDetails: '/task/:taskId',
  ddAccepted: '/task/:taskId/accepted',
  ddMetadata: '/task/:taskId/metadata',
  idvCreate: '/idv',
  idvWebInit: '/idv/init',
  idvMobileInit: '/idv/account',
  idvDetail: '/idv/:idvId',
} as const;

/** [assumed] DD task `audit_status` integers; only `0` appears in the seed (on an unaudited task). */
export const DD_AUDIT_STATUS = { pending: 0, accepted: 1, rejected: 2 } as const;

/** [assumed] `task_origin` integers; the seed shows `1` on a task created through the API. */
export const DD_TASK_ORIGIN = { console: 0, api: 1, idv: 2 } as const;

/**
 * [assumed] IDV `state` integers. The seed sample shows `0` together with mismatching expected values
 * (conflict C16), so this mapping is the least certain of all.
 */
export const IDV_STATE = { accept: 0, review: 1, reject: 2 } as const;
/** [assumed] An IDV task without a result yet has no state. */
export const IDV_STATE_IN_PROGRESS = null;

/** [seed] `"Accepted"` only; `Pending` and `Rejected` are [assumed]. */
export const IDV_AUDIT_STATUS = { pending: 'Pending', accepted: 'Accepted', rejected: 'Rejected' } as const;

/** [assumed] Who "audited" an IDV result that was decided automatically (accept / reject). */
export const IDV_AUTO_AUDITOR_ACCOUNT = 'system';

/** [assumed] `id_sub_type` per `id_type`; the seed shows NATIONAL_ID for an ID_CARD. */
export const IDV_ID_SUB_TYPE: Record<string, string | null> = {
  ID_CARD: 'NATIONAL_ID',
  PASSPORT: 'PASSPORT',
  DRIVING_LICENSE: 'DRIVING_LICENSE',
};

/** [assumed] String codes in `review_reasons` / `reject_reasons`. */
export const IDV_REASON = {
  nameMismatch: 'NAME_MISMATCH',
  birthdayMismatch: 'BIRTHDAY_MISMATCH',
  idNumberMismatch: 'ID_NUMBER_MISMATCH',
  issuingDateMismatch: 'ISSUING_DATE_MISMATCH',
  expiryDateMismatch: 'EXPIRY_DATE_MISMATCH',
  genderMismatch: 'GENDER_MISMATCH',
  documentExpired: 'DOCUMENT_EXPIRED',
  documentTampered: 'DOCUMENT_TAMPERED',
  faceMismatch: 'FACE_MISMATCH',
  livenessFailed: 'LIVENESS_FAILED',
} as const;

/** [assumed] The web IDV init response names its URL field `url` (the seed only says "a URL"). */
export const IDV_WEB_INIT_URL_FIELD = 'url';

/**
 * [seed] "There must be more than 500 points remaining" for web/mobile init; [assumed] the price of one
 * upload and the starting balance of a sandbox account.
 */
export const IDV_POINTS = { initRequiresMoreThan: 500, uploadCost: 100, initialBalance: 10_000 } as const;

/** [assumed] Error body codes; the seed only documents success as `{"code": 0}`. */
export const ERROR_CODE = {
  invalidBody: 4000,
  invalidQuery: 4001,
  invalidImage: 4002,
  unauthorized: 4010,
  insufficientPoints: 4030,
  notOwner: 4031,
  notFound: 4040,
  alreadyAudited: 4090,
  payloadTooLarge: 4130,
  rateLimited: 4290,
  internal: 5000,
  unavailable: 5030,
} as const;

/** [assumed] Callback retry policy (KryptoGO documents none): three retries, in sandbox-clock seconds. */
export const CALLBACK_RETRY_DELAYS_SECONDS = [10, 60, 300] as const;

/** [assumed] Timings of the simulated work, in sandbox-clock seconds. */
export const TIMING = {
  /** One search source completes per tick. */
  ddSourceTickSeconds: 10,
  /** Time between the images being uploaded and the IDV result. */
  idvProcessingSeconds: 30,
  /** `next_review_at` = completion + this (periodic re-screening). */
  ddReviewIntervalSeconds: 365 * 24 * 3600,
} as const;

/** [seed] Search sources; [assumed] a missing or empty `search_source` means "all". */
export const SEARCH_SOURCES = [0, 1, 2, 3, 4] as const;
export const SEARCH_SOURCE_NAME: Record<number, string> = {
  0: 'negative news',
  1: 'Dow Jones database',
  2: 'Taiwan company',
  3: 'Taiwan verdict',
  4: 'sanction list',
};
export const SANCTION_SOURCE = 4;

/** [assumed] `search_setting` objects are `{id, name}`; the type decides which target shape is valid. */
export type SearchSettingType = 'KYC' | 'KYB';
export interface SearchSetting {
  id: number;
  name: string;
  type: SearchSettingType;
}
/** 120 is the id used in the seed's request samples. */
export const DEFAULT_SEARCH_SETTINGS: readonly SearchSetting[] = [
  { id: 1, name: 'Default KYC screening', type: 'KYC' },
  { id: 2, name: 'Default KYB screening', type: 'KYB' },
  { id: 120, name: 'Onboarding KYC screening', type: 'KYC' },
];

/** [assumed] Limits the seed does not state. */
export const LIMITS = {
  ddCreateMaxItems: 100,
  historyMaxPageSize: 100,
  customerReferenceMaxLength: 100,
  metadataMaxItems: 100,
} as const;

/** [seed] Image rules for IDV uploads. */
export const IMAGE_RULES = {
  maxBytes: 15 * 1024 * 1024,
  maxSideExclusive: 8000,
  minLongestSideExclusive: 300,
  mimeTypes: ['image/jpeg', 'image/png'] as const,
  defaultMimeType: 'image/jpeg',
} as const;

/** [seed] Web IDV workflows and locales; mobile IDV supports workflow 3 with ID_CARD only. */
export const WEB_IDV_WORKFLOW_IDS = [100, 101, 102, 200, 201, 202] as const;
export const MOBILE_IDV_WORKFLOW_IDS = [3] as const;
export const ID_TYPES = ['PASSPORT', 'DRIVING_LICENSE', 'ID_CARD'] as const;
export const WEB_IDV_LOCALES = [
  'ar',
  'bg',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'en-GB',
  'es',
  'es-MX',
  'et',
  'fi',
  'fr',
  'he',
  'hr',
  'hu',
  'hy',
  'id',
  'it',
  'ja',
  'ka',
  'km',
  'ko',
  'lt',
  'ms',
  'nl',
  'no',
  'pl',
  'pt',
  'pt-BR',
  'ro',
  'ru',
  'sk',
  'sv',
  'sw',
  'th',
  'tr',
  'vi',
  'zh-CN',
  'zh-HK',
] as const;
/** [seed] Taiwan ID issue-site codes (MOI table). */
export const TW_ID_ISSUE_SITE_IDS = [
  '10001',
  '10002',
  '10003',
  '10004',
  '10005',
  '10006',
  '10007',
  '10008',
  '10009',
  '10010',
  '10011',
  '10012',
  '10013',
  '10014',
  '10015',
  '10016',
  '10017',
  '10018',
  '10019',
  '10020',
  '09007',
  '09020',
  '63000',
  '64000',
  '65000',
  '66000',
  '67000',
  '68000',
] as const;
