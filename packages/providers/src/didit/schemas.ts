import { z } from 'zod';

/*
 * What Didit sends us. Deliberately lenient (docs/providers/didit.md §1.6): every object is loose so new fields
 * survive, fields the docs allow to be null or absent are `nullish`, and statuses / enum-like fields
 * are plain strings so an unknown value is kept and shown instead of failing the whole payload.
 * Field names are the real v3 ones; the seed's aliases (issuing_country, expiry_date) are accepted (C9).
 */

const text = z.string().nullish();
const numeric = z.number().nullish();
const flag = z.boolean().nullish();
const listOf = <T extends z.ZodType>(item: T) => z.array(item).nullish();

/** Didit echoes metadata as an object or as the JSON string it was given (C13). */
export const DiditMetadata = z.union([z.record(z.string(), z.unknown()), z.string()]).nullish();

export const DiditRawWarning = z.looseObject({
  feature: text,
  risk: text,
  additional_data: z.unknown(),
  log_type: text,
  short_description: text,
  long_description: text,
  node_id: text,
});
export type DiditRawWarning = z.infer<typeof DiditRawWarning>;

const reportFields = {
  status: text,
  node_id: text,
  warnings: listOf(DiditRawWarning),
};

/** Any feature report we do not model field by field (NFC, phone, email, POA, …). */
export const DiditRawReport = z.looseObject(reportFields);
export type DiditRawReport = z.infer<typeof DiditRawReport>;

export const DiditRawIdVerification = z.looseObject({
  ...reportFields,
  document_type: text,
  document_number: text,
  personal_number: text,
  first_name: text,
  last_name: text,
  full_name: text,
  date_of_birth: text,
  age: numeric,
  gender: text,
  nationality: text,
  issuing_state: text,
  /** Seed alias of issuing_state. */
  issuing_country: text,
  issuing_state_name: text,
  expiration_date: text,
  /** Seed alias of expiration_date. */
  expiry_date: text,
  date_of_issue: text,
  place_of_birth: text,
  marital_status: text,
  address: text,
  formatted_address: text,
  /** A string in the seed example, an object in standalone OCR results. */
  mrz: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
  portrait_image: text,
  front_image: text,
  back_image: text,
  full_front_image: text,
  full_back_image: text,
  front_video: text,
  back_video: text,
});
export type DiditRawIdVerification = z.infer<typeof DiditRawIdVerification>;

export const DiditRawLivenessCheck = z.looseObject({
  ...reportFields,
  method: text,
  score: numeric,
  reference_image: text,
  video_url: text,
  age_estimation: numeric,
  face_quality: numeric,
  face_luminance: numeric,
});
export type DiditRawLivenessCheck = z.infer<typeof DiditRawLivenessCheck>;

export const DiditRawFaceMatch = z.looseObject({
  ...reportFields,
  score: numeric,
  source_image: text,
  target_image: text,
  source_image_session_id: text,
});
export type DiditRawFaceMatch = z.infer<typeof DiditRawFaceMatch>;

export const DiditRawAmlHit = z.looseObject({
  id: z.union([z.string(), z.number()]).nullish(),
  url: text,
  caption: text,
  match: flag,
  /** 0–1 */
  score: numeric,
  /** 0–100 similarity to the screened person. */
  match_score: numeric,
  /** 0–100 risk of the hit itself. */
  risk_score: numeric,
  review_status: text,
  datasets: listOf(z.string()),
  first_seen: text,
  last_seen: text,
  rca_name: text,
  /** OpenSanctions-style property bag: name, alias, birthDate, country, position, … */
  properties: z.record(z.string(), z.array(z.unknown()).nullish()).nullish(),
});
export type DiditRawAmlHit = z.infer<typeof DiditRawAmlHit>;

export const DiditRawAmlScreening = z.looseObject({
  ...reportFields,
  entity_type: text,
  total_hits: numeric,
  score: numeric,
  screened_data: z.record(z.string(), z.unknown()).nullish(),
  is_ongoing_monitoring_enabled: flag,
  hits: listOf(DiditRawAmlHit),
});
export type DiditRawAmlScreening = z.infer<typeof DiditRawAmlScreening>;

const DiditDistance = z.looseObject({ distance: numeric, direction: text }).nullish();

export const DiditRawIpAnalysis = z.looseObject({
  ...reportFields,
  ip_address: text,
  ip_country: text,
  ip_country_code: text,
  ip_state: text,
  ip_city: text,
  latitude: numeric,
  longitude: numeric,
  time_zone: text,
  isp: text,
  organization: text,
  is_vpn_or_tor: flag,
  is_data_center: flag,
  browser_family: text,
  os_family: text,
  platform: text,
  device_brand: text,
  device_model: text,
  device_fingerprint: text,
  ip: z
    .looseObject({ distance_from_id_document: DiditDistance, distance_from_poa_document: DiditDistance })
    .nullish(),
});
export type DiditRawIpAnalysis = z.infer<typeof DiditRawIpAnalysis>;

export const DiditRawReview = z.looseObject({
  id: z.union([z.number(), z.string()]).nullish(),
  action: text,
  old_status: text,
  new_status: text,
  note: text,
  created_at: text,
});
export type DiditRawReview = z.infer<typeof DiditRawReview>;

export const DiditDecision = z.looseObject({
  session_id: z.string(),
  session_number: numeric,
  session_url: text,
  status: z.string(),
  workflow_id: text,
  features: listOf(z.string()),
  vendor_data: text,
  metadata: DiditMetadata,
  callback: text,
  contact_details: z.record(z.string(), z.unknown()).nullish(),
  expected_details: z.record(z.string(), z.unknown()).nullish(),
  created_at: text,
  id_verifications: listOf(DiditRawIdVerification),
  nfc_verifications: listOf(DiditRawReport),
  liveness_checks: listOf(DiditRawLivenessCheck),
  face_matches: listOf(DiditRawFaceMatch),
  poa_verifications: listOf(DiditRawReport),
  phone_verifications: listOf(DiditRawReport),
  email_verifications: listOf(DiditRawReport),
  aml_screenings: listOf(DiditRawAmlScreening),
  ip_analyses: listOf(DiditRawIpAnalysis),
  database_validations: listOf(DiditRawReport),
  questionnaire_responses: listOf(DiditRawReport),
  reviews: listOf(DiditRawReview),
});
export type DiditDecision = z.infer<typeof DiditDecision>;

/** v3 webhook body (§1.7). Only `timestamp` is required: it is what freshness is checked on. */
export const DiditWebhookEnvelope = z.looseObject({
  event_id: text,
  webhook_type: text,
  timestamp: z.number().int(),
  created_at: numeric,
  application_id: text,
  environment: text,
  session_id: text,
  status: text,
  workflow_id: text,
  workflow_version: numeric,
  vendor_data: text,
  metadata: DiditMetadata,
  decision: DiditDecision.nullish(),
});
export type DiditWebhookEnvelope = z.infer<typeof DiditWebhookEnvelope>;

/** Row of `GET /v3/sessions/`; only the documented columns are required, the rest is [assumed]. */
export const DiditSessionRow = z.looseObject({
  session_id: z.string(),
  session_kind: text,
  session_number: numeric,
  status: z.string(),
  vendor_data: text,
  created_at: text,
  updated_at: text,
  workflow_id: text,
  features: listOf(z.string()),
  full_name: text,
  issuing_state: text,
  document_type: text,
  country: text,
});
export type DiditSessionRow = z.infer<typeof DiditSessionRow>;

/** Django REST Framework limit/offset page. */
export const drfPage = <T extends z.ZodType>(row: T) =>
  z.looseObject({ count: z.number().int(), next: text, previous: text, results: z.array(row) });

export const DiditSessionList = drfPage(DiditSessionRow);
export type DiditSessionList = z.infer<typeof DiditSessionList>;

/** Some list endpoints are documented as a bare array, others may be paginated: accept both. */
const arrayOrPage = <T extends z.ZodType>(row: T) =>
  z.union([z.array(row), drfPage(row)]).transform((value) => (Array.isArray(value) ? value : value.results));

export const DiditCreateSessionResponse = z.looseObject({
  session_id: z.string(),
  session_number: numeric,
  /** null when the API key lacks session-write scope. */
  session_token: text,
  url: text,
  vendor_data: text,
  metadata: DiditMetadata,
  status: z.string(),
  workflow_id: text,
  callback: text,
});
export type DiditCreateSessionResponse = z.infer<typeof DiditCreateSessionResponse>;

export const DiditWorkflowFeature = z.looseObject({
  feature: z.string(),
  config: z.record(z.string(), z.unknown()).nullish(),
  label: text,
});
export type DiditWorkflowFeature = z.infer<typeof DiditWorkflowFeature>;

/** A workflow's score thresholds: flat fields, or the same names inside feature configs (C1). */
export const DIDIT_WORKFLOW_THRESHOLD_FIELDS = [
  'face_liveness_score_decline_threshold',
  'face_match_score_decline_threshold',
  'face_match_score_review_threshold',
  'aml_decline_threshold',
  'aml_review_threshold',
] as const;
export type DiditWorkflowThresholdField = (typeof DIDIT_WORKFLOW_THRESHOLD_FIELDS)[number];

/** One flat field per workflow threshold, all with the same schema. */
const workflowThresholdFields = <Field extends z.ZodType>(field: Field) =>
  Object.fromEntries(DIDIT_WORKFLOW_THRESHOLD_FIELDS.map((name) => [name, field])) as Record<
    DiditWorkflowThresholdField,
    Field
  >;

/** Flat threshold fields (seed / older API) and the features[] form (newer API), see C1. */
export const DiditWorkflow = z.looseObject({
  uuid: z.string(),
  workflow_label: text,
  workflow_type: text,
  is_default: flag,
  /** Lower-case strings in the seed, objects in the newer form. */
  features: listOf(z.union([z.string(), DiditWorkflowFeature])),
  total_price: z.union([z.string(), z.number()]).nullish(),
  workflow_url: text,
  face_liveness_method: text,
  ...workflowThresholdFields(numeric),
  max_retry_attempts: numeric,
  retry_window_days: numeric,
});
export type DiditWorkflow = z.infer<typeof DiditWorkflow>;

export const DiditWorkflowList = arrayOrPage(DiditWorkflow);

export const DiditUpdateStatusResponse = z.looseObject({ session_id: z.string() });

/** Add/remove answers are only documented to carry a message; the rest is [assumed]. */
export const DiditBlocklistResponse = z.looseObject({
  message: text,
  blocked: z.record(z.string(), z.boolean()).nullish(),
});
export type DiditBlocklistResponse = z.infer<typeof DiditBlocklistResponse>;

export const DiditBlocklistEntry = z.looseObject({
  uuid: text,
  item_type: text,
  value_preview: text,
  session_id: text,
  created_at: text,
});
export type DiditBlocklistEntry = z.infer<typeof DiditBlocklistEntry>;

export const DiditBlocklistList = arrayOrPage(DiditBlocklistEntry);

export const DiditReviewList = arrayOrPage(DiditRawReview);

export const DiditWebhookConfig = z.looseObject({
  webhook_url: text,
  webhook_version: text,
  secret_shared_key: text,
  capture_method: text,
  data_retention_months: numeric,
});
export type DiditWebhookConfig = z.infer<typeof DiditWebhookConfig>;

/* ---------------------------------------------------------------- what we send */

export const DiditSessionStatusValues = [
  'Not Started',
  'In Progress',
  'In Review',
  'Approved',
  'Declined',
  'Expired',
  'Abandoned',
  'Resubmitted',
  'Kyc Expired',
  'Awaiting User',
] as const;
export type DiditSessionStatus = (typeof DiditSessionStatusValues)[number];

export const DiditCreateSessionRequest = z.object({
  workflow_id: z.string().min(1),
  vendor_data: z.string().optional(),
  callback: z.url().optional(),
  callback_method: z.enum(['initiator', 'completer', 'both']).optional(),
  /** Sent as an object (C13). */
  metadata: z.record(z.string(), z.unknown()).optional(),
  language: z.string().optional(),
  contact_details: z
    .object({
      email: z.string().optional(),
      phone: z.string().optional(),
      send_notification_emails: z.boolean().optional(),
      email_lang: z.string().optional(),
    })
    .optional(),
  expected_details: z
    .object({
      first_name: z.string().optional(),
      last_name: z.string().optional(),
      date_of_birth: z.string().optional(),
      gender: z.enum(['M', 'F']).nullable().optional(),
      nationality: z.string().optional(),
      id_country: z.string().optional(),
      poa_country: z.string().optional(),
      address: z.string().optional(),
      identification_number: z.string().optional(),
      ip_address: z.string().optional(),
      country: z.string().optional(),
    })
    .optional(),
  portrait_image: z.string().optional(),
});
export type DiditCreateSessionRequest = z.infer<typeof DiditCreateSessionRequest>;

export const DiditManualStatus = z.enum(['Approved', 'Declined', 'Resubmitted']);
export type DiditManualStatus = z.infer<typeof DiditManualStatus>;

/** A step to redo; the object form is the documented one (C7). */
export const DiditNodeToResubmit = z.object({ node_id: z.string().min(1), feature: z.string().min(1) });
export type DiditNodeToResubmit = z.infer<typeof DiditNodeToResubmit>;

export const DiditUpdateStatusRequest = z
  .object({
    new_status: DiditManualStatus,
    comment: z.string().optional(),
    nodes_to_resubmit: z.array(DiditNodeToResubmit).min(1).optional(),
    send_email: z.boolean().optional(),
    email_address: z.string().optional(),
    email_language: z.string().optional(),
  })
  .refine((body) => body.new_status !== 'Resubmitted' || body.nodes_to_resubmit !== undefined, {
    message: 'nodes_to_resubmit is required when new_status is Resubmitted',
    path: ['nodes_to_resubmit'],
  })
  .refine((body) => body.send_email !== true || (body.email_address ?? '') !== '', {
    message: 'email_address is required when send_email is true',
    path: ['email_address'],
  });
export type DiditUpdateStatusRequest = z.infer<typeof DiditUpdateStatusRequest>;

export const DiditBlocklistItemType = z.enum(['face', 'document', 'phone', 'email']);
export type DiditBlocklistItemType = z.infer<typeof DiditBlocklistItemType>;

/** One optional switch per blocklist item type (`<prefix>_face` … `<prefix>_email`): the items a call covers. */
const blocklistItemSwitches = <Prefix extends string>(prefix: Prefix) =>
  Object.fromEntries(
    DiditBlocklistItemType.options.map((item) => [`${prefix}_${item}`, z.boolean().optional()]),
  ) as Record<`${Prefix}_${DiditBlocklistItemType}`, z.ZodOptional<z.ZodBoolean>>;

export const DiditBlocklistAddRequest = z.object({
  session_id: z.string().min(1),
  ...blocklistItemSwitches('blocklist'),
});
export type DiditBlocklistAddRequest = z.infer<typeof DiditBlocklistAddRequest>;

export const DiditBlocklistRemoveRequest = z.object({
  session_id: z.string().min(1),
  ...blocklistItemSwitches('unblock'),
});
export type DiditBlocklistRemoveRequest = z.infer<typeof DiditBlocklistRemoveRequest>;

export const DiditWorkflowUpdateRequest = z.object({
  workflow_label: z.string().max(50).optional(),
  is_default: z.boolean().optional(),
  features: z
    .array(
      z.object({
        feature: z.string(),
        config: z.record(z.string(), z.unknown()).optional(),
        label: z.string().optional(),
      }),
    )
    .optional(),
  ...workflowThresholdFields(z.number().min(0).max(100).optional()),
  max_retry_attempts: z.number().int().min(0).optional(),
  retry_window_days: z.number().int().min(0).optional(),
  /** Flat-form feature switches; a features[]-form workflow adds or removes list entries instead. */
  is_liveness_enabled: z.boolean().optional(),
  is_face_match_enabled: z.boolean().optional(),
  is_aml_enabled: z.boolean().optional(),
  is_ip_analysis_enabled: z.boolean().optional(),
});
export type DiditWorkflowUpdateRequest = z.infer<typeof DiditWorkflowUpdateRequest>;

export const DiditReviewCreateRequest = z.object({
  new_status: z.string().optional(),
  comment: z.string(),
});
export type DiditReviewCreateRequest = z.infer<typeof DiditReviewCreateRequest>;

export const DiditWebhookConfigUpdateRequest = z.object({
  webhook_url: z.url().nullable().optional(),
  webhook_version: z.enum(['v1', 'v2', 'v3']).optional(),
  capture_method: z.enum(['mobile', 'desktop', 'both']).optional(),
  data_retention_months: z.number().int().nullable().optional(),
  /** Invalidates the old secret immediately on Didit's side. */
  rotate_secret_key: z.boolean().optional(),
});
export type DiditWebhookConfigUpdateRequest = z.infer<typeof DiditWebhookConfigUpdateRequest>;
