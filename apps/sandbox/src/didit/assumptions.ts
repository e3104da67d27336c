/**
 * Every detail of the Didit contract that docs/providers/didit.md marks `[assumed]` (not found in public material) lives
 * here, so it can be corrected in one place once the real behaviour is known. Documented facts are coded
 * where they are used; guesses are not. Nothing here is imported from the client (`packages/providers`),
 * on purpose: were the sandbox to share the client's values, a wrong one would pass the tests on both sides.
 */

/** 403 body when no `x-api-key` header is sent (text assumed, DRF default wording). */
export const MISSING_CREDENTIALS_DETAIL = 'Authentication credentials were not provided.';
/** 401 body for a wrong key (text assumed, DRF default wording). */
export const INVALID_CREDENTIALS_DETAIL = 'Incorrect authentication credentials.';
export const NOT_FOUND_DETAIL = 'Not found.';
export const THROTTLED_DETAIL = (retryAfterSeconds: number) =>
  `Request was throttled. Expected available in ${retryAfterSeconds} seconds.`;
export const SERVER_ERROR_DETAIL = 'A server error occurred.';
/** Transition refusals are answered as `{"detail": ...}`; only the same-status text is documented. */
export const SAME_STATUS_DETAIL = 'The new status is the same as the current status.';
export const TRANSITION_NOT_ALLOWED_DETAIL = (from: string, to: string) =>
  `Cannot change the status of a session from '${from}' to '${to}'.`;

/** The first webhook of a session is sent when it enters `In Progress`, not at creation (`Not Started`). */
export const WEBHOOK_ON_SESSION_CREATED = false;
/** `environment` in webhook envelopes ("live" is the only value seen publicly). */
export const WEBHOOK_ENVIRONMENT = 'live';
/** Delays between delivery attempts: first retry after 1 min, second after 4 more minutes. */
export const WEBHOOK_RETRY_DELAYS_SECONDS = [60, 240] as const;
/** Statuses that are retried besides 5xx (404 is documented; timeouts/connection errors are assumed). */
export const WEBHOOK_RETRY_ON_STATUS = (status: number) => status >= 500 || status === 404;
/** How long the sandbox waits for the receiver before counting the attempt as a timeout (real time). */
export const WEBHOOK_DELIVERY_TIMEOUT_MS = 10_000;
/** How far in the past a `stale` webhook fault dates the body `timestamp` (beyond the 300 s window). */
export const STALE_WEBHOOK_AGE_SECONDS = 600;
/** Delivery-log field names besides the documented `uuid`, `request_header`, `request_body`. */
export const DELIVERY_LOG_FIELDS = [
  'uuid',
  'session_id',
  'event_id',
  'webhook_type',
  'url',
  'attempt',
  'status_code',
  'response_body',
  'error',
  'request_header',
  'request_body',
  'created_at',
] as const;

/** Default session life when the workflow does not set `session_expiration_time`. */
export const DEFAULT_SESSION_LIFE_SECONDS = 7 * 24 * 3600;
/** The unit of a workflow's `session_expiration_time` is undocumented; read as seconds. */
export const SESSION_EXPIRATION_TIME_UNIT_SECONDS = 1;
/** Largest accepted request body (room for a 1 MB base64 `portrait_image`); larger → 413. */
export const MAX_REQUEST_BODY_BYTES = 2 * 1024 * 1024;
/** `In Progress` sessions without completion become `Abandoned` after this long. */
export const DEFAULT_ABANDON_AFTER_SECONDS = 24 * 3600;
/** Presigned media URLs stop working after this long (documented as "~60 min"). */
export const MEDIA_URL_LIFETIME_SECONDS = 60 * 60;
/** Repeating a backend-only resubmission sooner than this is answered with 429 (documented: 30 s). */
export const BACKEND_RESUBMIT_COOLDOWN_SECONDS = 30;
/** Features whose resubmission Didit re-runs itself, without the user. */
export const BACKEND_ONLY_FEATURES = ['AML', 'DATABASE_VALIDATION', 'IP_ANALYSIS'] as const;

/** List pagination: default documented (20), the maximum is assumed. */
export const LIST_DEFAULT_LIMIT = 20;
export const LIST_MAX_LIMIT = 100;

/** Workflow defaults (documented) and the AML defaults chosen for conflict C12 (review 80 / decline 100). */
export const WORKFLOW_DEFAULTS = {
  face_liveness_method: 'passive',
  face_liveness_score_decline_threshold: 50,
  face_match_score_decline_threshold: 50,
  face_match_score_review_threshold: 70,
  aml_review_threshold: 80,
  aml_decline_threshold: 100,
  aml_match_score_threshold: 93,
  max_retry_attempts: 3,
  retry_window_days: 7,
  duplicated_user_action: 'no_action',
} as const;
/** Per-feature price used to compute a workflow's `total_price` string (Didit's price list is not public). */
export const FEATURE_PRICES_USD: Record<string, number> = {
  OCR: 0.1,
  NFC: 0.05,
  LIVENESS: 0.05,
  FACE_MATCH: 0.05,
  PROOF_OF_ADDRESS: 0.2,
  QUESTIONNAIRE: 0,
  PHONE_VERIFICATION: 0.05,
  EMAIL_VERIFICATION: 0.02,
  DATABASE_VALIDATION: 0.15,
  AML: 0.2,
  IP_ANALYSIS: 0,
  AGE_ESTIMATION: 0.05,
};
/** Features of a flat-form `kyc` workflow before its `is_*_enabled` flags are applied (seed response). */
export const FLAT_KYC_DEFAULT_FEATURES = ['OCR', 'LIVENESS', 'FACE_MATCH'] as const;
/** Label of the workflow the sandbox creates at startup and uses when a control call names none. */
export const DEFAULT_WORKFLOW_LABEL = 'KYC Onboarding';

/** Action a workflow takes on a warning when the risk is not one of the threshold-driven ones. */
export const DEFAULT_RISK_ACTIONS: Record<string, 'decline' | 'review' | 'approve'> = {
  FULL_NAME_MISMATCH_WITH_PROVIDED: 'review',
  DOB_MISMATCH_WITH_PROVIDED: 'review',
  NATIONALITY_MISMATCH_WITH_PROVIDED: 'review',
  GENDER_MISMATCH_WITH_PROVIDED: 'review',
  IDENTIFICATION_NUMBER_MISMATCH_WITH_PROVIDED: 'review',
  IP_COUNTRY_MISMATCH: 'review',
  VPN_OR_TOR_DETECTED: 'review',
  DUPLICATED_IP_ADDRESS: 'approve',
};
/**
 * IP analysis risk codes are not published; these two names are ours (docs/providers/didit.md §1.3 suggests reading
 * the `is_vpn_or_tor` boolean instead of a code).
 */
export const IP_COUNTRY_MISMATCH_RISK = 'IP_COUNTRY_MISMATCH';
export const VPN_OR_TOR_RISK = 'VPN_OR_TOR_DETECTED';

/** Scenario selection: `metadata.sim_scenario`, else a `vendor_data` ending in `:<scenario>`. */
export const VENDOR_DATA_SCENARIO_SEPARATOR = ':';
/** Blocklist add/list response shapes are assumed (only `message` is documented). */
export const BLOCKLIST_ADDED_MESSAGE = 'Items added to blocklist';
export const BLOCKLIST_REMOVED_MESSAGE = 'Items removed from blocklist';

/** Rate-limit scopes (documented per-minute limits, newest page version: GET 600, PDF 50). */
export const DEFAULT_RATE_LIMITS = {
  generic_get: 600,
  generic_write: 300,
  session_create: 600,
  decision: 100,
  pdf: 50,
  update_data: 10,
} as const;
export const RATE_LIMIT_WINDOW_SECONDS = 60;
/** Successful responses also carry the `X-RateLimit-*` headers of the tightest scope (assumed). */
export const RATE_LIMIT_HEADERS_ON_SUCCESS = true;

/** Webhook destination URLs: the docs say https; localhost receivers need http, so both are accepted. */
export const DESTINATION_URL_REQUIRES_HTTPS = false;
/** Hosted verification pages are served by the sandbox itself under this prefix. */
export const HOSTED_SESSION_PATH = '/session/';

/**
 * Lists API details no public source confirms (the paths, list kinds, entry types and add body are
 * published): the names of the system blocklists, the duplicate-entry answer, the row fields, the
 * DRF-style entry paging and `search` over value, label and comment (docs/providers/didit.md, "Lists").
 */
export const SYSTEM_BLOCKLIST_NAMES = {
  face: 'Face blocklist',
  document: 'Document blocklist',
  phone: 'Phone blocklist',
  email: 'Email blocklist',
  ip_address: 'IP address blocklist',
  device_fingerprint: 'Device blocklist',
} as const;
export const DUPLICATE_LIST_ENTRY_DETAIL = 'This value is already in the list.';
export const LIST_ENTRIES_DEFAULT_LIMIT = 20;
export const LIST_ENTRIES_MAX_LIMIT = 100;

/**
 * Didit names a blocklist warning code for faces, documents, phones and e-mails only; these two, and the
 * decline they cause, are ours for a blocklisted IP address or device (reported in the IP analysis,
 * whose report carries both the IP and the device fingerprint).
 */
export const IP_IN_BLOCKLIST_RISK = 'IP_ADDRESS_IN_BLOCKLIST';
export const DEVICE_IN_BLOCKLIST_RISK = 'DEVICE_IN_BLOCKLIST';
/**
 * What an allowlisted value lets through: Didit publishes allowlists but not which warnings an entry
 * clears. Assumed: the warnings about that same value (a blocklist hit, a duplicate, IP risk signals),
 * so a session that would be declined or flagged only for them passes.
 */
export const ALLOWLIST_CLEARS = {
  face: ['FACE_IN_BLOCKLIST', 'POSSIBLE_FACE_IN_BLOCKLIST', 'DUPLICATED_FACE', 'POSSIBLE_DUPLICATED_FACE'],
  document: ['ID_DOCUMENT_IN_BLOCKLIST', 'POSSIBLE_DUPLICATED_USER'],
  phone: ['PHONE_NUMBER_IN_BLOCKLIST'],
  email: ['EMAIL_IN_BLOCKLIST'],
  ip_address: [IP_IN_BLOCKLIST_RISK, IP_COUNTRY_MISMATCH_RISK, VPN_OR_TOR_RISK, 'DUPLICATED_IP_ADDRESS'],
  device_fingerprint: [DEVICE_IN_BLOCKLIST_RISK],
} as const;
