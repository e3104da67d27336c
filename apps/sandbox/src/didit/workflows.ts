import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { FEATURE_PRICES_USD, FLAT_KYC_DEFAULT_FEATURES, WORKFLOW_DEFAULTS } from './assumptions.js';
import { fieldError } from './http.js';
import {
  WORKFLOW_FEATURE_CODES,
  type Workflow,
  type WorkflowFeature,
  type WorkflowFeatureCode,
  type WorkflowThresholds,
} from './model.js';

const WORKFLOW_TYPES = [
  'kyc',
  'adaptive_age_verification',
  'biometric_authentication',
  'address_verification',
  'questionnaire_verification',
  'email_verification',
  'phone_verification',
] as const;

const score = z.number().int().min(0).max(100);
const livenessMethod = z.enum(['passive', 'active_3d', 'flashing', 'PASSIVE', 'ACTIVE_3D', 'FLASHING']);

const thresholdFields = {
  face_liveness_method: livenessMethod.optional(),
  face_liveness_score_decline_threshold: score.optional(),
  face_match_score_decline_threshold: score.optional(),
  face_match_score_review_threshold: score.optional(),
  aml_review_threshold: score.optional(),
  aml_decline_threshold: score.optional(),
  aml_match_score_threshold: score.optional(),
};

/** The flat `is_*_enabled` flags of the older create body and the feature each one switches. */
const FLAG_FEATURES = {
  is_liveness_enabled: 'LIVENESS',
  is_face_match_enabled: 'FACE_MATCH',
  is_aml_enabled: 'AML',
  is_phone_verification_enabled: 'PHONE_VERIFICATION',
  is_email_verification_enabled: 'EMAIL_VERIFICATION',
  is_database_validation_enabled: 'DATABASE_VALIDATION',
  is_ip_analysis_enabled: 'IP_ANALYSIS',
  is_nfc_enabled: 'NFC',
  is_age_restrictions_enabled: 'AGE_ESTIMATION',
} as const satisfies Record<string, WorkflowFeatureCode>;
type FlagName = keyof typeof FLAG_FEATURES;

const flagFields = Object.fromEntries(
  Object.keys(FLAG_FEATURES).map((flag) => [flag, z.boolean().optional()]),
) as Record<FlagName, z.ZodOptional<z.ZodBoolean>>;

const featureEntry = z.object({
  feature: z.preprocess(
    (value) => (typeof value === 'string' ? value.toUpperCase() : value),
    z.enum(WORKFLOW_FEATURE_CODES),
  ),
  config: z.record(z.string(), z.unknown()).optional(),
  label: z.string().max(50).nullable().optional(),
});

const workflowFields = {
  workflow_label: z.string().trim().min(1).max(50),
  workflow_type: z.enum(WORKFLOW_TYPES).optional(),
  is_default: z.boolean().optional(),
  status: z.enum(['draft', 'published']).optional(),
  features: z.array(featureEntry).min(1).optional(),
  is_white_label_enabled: z.boolean().optional(),
  is_desktop_allowed: z.boolean().optional(),
  max_retry_attempts: z.number().int().min(0).max(100).optional(),
  retry_window_days: z.number().int().min(0).max(365).optional(),
  session_expiration_time: z.number().int().positive().nullable().optional(),
  documents_allowed: z.record(z.string(), z.unknown()).optional(),
  duplicated_user_action: z.enum(['no_action', 'review', 'decline']).optional(),
  ...thresholdFields,
  ...flagFields,
};

/** Accepts both documented create shapes (flat flags and ordered `features[]`, conflict C1). */
export const CreateWorkflowBody = z.object(workflowFields);
export const UpdateWorkflowBody = z.object(workflowFields).partial();
export type CreateWorkflowBody = z.infer<typeof CreateWorkflowBody>;
export type UpdateWorkflowBody = z.infer<typeof UpdateWorkflowBody>;

/** NFC and database validation read the document, so OCR must come first in the list. */
function checkFeatureOrder(features: readonly WorkflowFeature[]): void {
  const ocrIndex = features.findIndex((entry) => entry.feature === 'OCR');
  for (const [index, entry] of features.entries()) {
    if (
      (entry.feature === 'NFC' || entry.feature === 'DATABASE_VALIDATION') &&
      (ocrIndex < 0 || ocrIndex > index)
    ) {
      throw fieldError('features', `${entry.feature} requires OCR earlier in the list.`);
    }
  }
  const codes = features.map((entry) => entry.feature);
  if (new Set(codes).size !== codes.length)
    throw fieldError('features', 'Each feature may appear only once.');
}

/** Threshold settings may sit at the top level (flat form) or inside a feature's `config` (assumed). */
function thresholdsFrom(body: UpdateWorkflowBody, base: WorkflowThresholds): WorkflowThresholds {
  const fromConfigs: Record<string, unknown> = {};
  for (const entry of body.features ?? []) Object.assign(fromConfigs, entry.config ?? {});
  const parsedConfig = z.object(thresholdFields).safeParse(fromConfigs);
  if (!parsedConfig.success) throw fieldError('features', 'Invalid threshold in a feature config.');
  const merged = { ...parsedConfig.data, ...stripUndefined(pickThresholds(body)) };
  const thresholds: WorkflowThresholds = {
    ...base,
    ...stripUndefined(merged),
    face_liveness_method: (
      merged.face_liveness_method ?? base.face_liveness_method
    ).toLowerCase() as WorkflowThresholds['face_liveness_method'],
  };
  if (thresholds.face_match_score_decline_threshold > thresholds.face_match_score_review_threshold) {
    throw fieldError(
      'face_match_score_review_threshold',
      'Must be greater than or equal to the decline threshold.',
    );
  }
  if (thresholds.aml_review_threshold > thresholds.aml_decline_threshold) {
    throw fieldError('aml_decline_threshold', 'Must be greater than or equal to the review threshold.');
  }
  return thresholds;
}

function pickThresholds(body: UpdateWorkflowBody) {
  return {
    face_liveness_method: body.face_liveness_method,
    face_liveness_score_decline_threshold: body.face_liveness_score_decline_threshold,
    face_match_score_decline_threshold: body.face_match_score_decline_threshold,
    face_match_score_review_threshold: body.face_match_score_review_threshold,
    aml_review_threshold: body.aml_review_threshold,
    aml_decline_threshold: body.aml_decline_threshold,
    aml_match_score_threshold: body.aml_match_score_threshold,
  };
}

function stripUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}

/** Features from the ordered list, or from the flat flags applied over the current (or default) set. */
function featuresFrom(body: UpdateWorkflowBody, current: readonly WorkflowFeature[]): WorkflowFeature[] {
  if (body.features) {
    return body.features.map((entry) => ({
      feature: entry.feature,
      config: entry.config ?? {},
      label: entry.label ?? null,
    }));
  }
  const features = [...current];
  for (const [flag, feature] of Object.entries(FLAG_FEATURES) as Array<[FlagName, WorkflowFeatureCode]>) {
    const enabled = body[flag];
    if (enabled === undefined) continue;
    const index = features.findIndex((entry) => entry.feature === feature);
    if (enabled && index < 0) features.push({ feature, config: {}, label: null });
    if (!enabled && index >= 0) features.splice(index, 1);
  }
  return features;
}

export function createWorkflow(body: CreateWorkflowBody, now: number): Workflow {
  const initialFeatures: WorkflowFeature[] = body.features
    ? []
    : FLAT_KYC_DEFAULT_FEATURES.map((feature) => ({ feature, config: {}, label: null }));
  const features = featuresFrom(body, initialFeatures);
  checkFeatureOrder(features);
  return {
    uuid: randomUUID(),
    workflow_label: body.workflow_label,
    workflow_type: body.workflow_type ?? 'kyc',
    is_default: body.is_default ?? false,
    status: body.status ?? 'published',
    features,
    thresholds: thresholdsFrom(body, {
      face_liveness_method: WORKFLOW_DEFAULTS.face_liveness_method,
      face_liveness_score_decline_threshold: WORKFLOW_DEFAULTS.face_liveness_score_decline_threshold,
      face_match_score_decline_threshold: WORKFLOW_DEFAULTS.face_match_score_decline_threshold,
      face_match_score_review_threshold: WORKFLOW_DEFAULTS.face_match_score_review_threshold,
      aml_review_threshold: WORKFLOW_DEFAULTS.aml_review_threshold,
      aml_decline_threshold: WORKFLOW_DEFAULTS.aml_decline_threshold,
      aml_match_score_threshold: WORKFLOW_DEFAULTS.aml_match_score_threshold,
    }),
    max_retry_attempts: body.max_retry_attempts ?? WORKFLOW_DEFAULTS.max_retry_attempts,
    retry_window_days: body.retry_window_days ?? WORKFLOW_DEFAULTS.retry_window_days,
    session_expiration_time: body.session_expiration_time ?? null,
    documents_allowed: body.documents_allowed ?? {},
    duplicated_user_action: body.duplicated_user_action ?? WORKFLOW_DEFAULTS.duplicated_user_action,
    is_white_label_enabled: body.is_white_label_enabled ?? false,
    is_desktop_allowed: body.is_desktop_allowed ?? true,
    version: 1,
    created_at: now,
    deleted: false,
  };
}

export function updateWorkflow(workflow: Workflow, body: UpdateWorkflowBody): Workflow {
  const features = featuresFrom(body, workflow.features);
  if (features.length === 0) throw fieldError('features', 'A workflow needs at least one feature.');
  checkFeatureOrder(features);
  return {
    ...workflow,
    ...stripUndefined({
      workflow_label: body.workflow_label,
      workflow_type: body.workflow_type,
      is_default: body.is_default,
      status: body.status,
      max_retry_attempts: body.max_retry_attempts,
      retry_window_days: body.retry_window_days,
      session_expiration_time: body.session_expiration_time,
      documents_allowed: body.documents_allowed,
      duplicated_user_action: body.duplicated_user_action,
      is_white_label_enabled: body.is_white_label_enabled,
      is_desktop_allowed: body.is_desktop_allowed,
    }),
    features,
    thresholds: thresholdsFrom(body, workflow.thresholds),
    version: workflow.version + 1,
  };
}

export function hasFeature(workflow: Workflow, feature: WorkflowFeatureCode): boolean {
  return workflow.features.some((entry) => entry.feature === feature);
}

/** Response shape: the seed's lower-case feature list plus the flat flags and thresholds it was built from. */
export function serializeWorkflow(workflow: Workflow, baseUrl: string) {
  const price = workflow.features.reduce((sum, entry) => sum + (FEATURE_PRICES_USD[entry.feature] ?? 0), 0);
  const flags = Object.fromEntries(
    Object.entries(FLAG_FEATURES).map(([flag, feature]) => [flag, hasFeature(workflow, feature)]),
  );
  return {
    uuid: workflow.uuid,
    workflow_label: workflow.workflow_label,
    workflow_type: workflow.workflow_type,
    workflow_version: workflow.version,
    is_default: workflow.is_default,
    status: workflow.status,
    features: workflow.features.map((entry) => entry.feature.toLowerCase()),
    total_price: price.toFixed(2),
    workflow_url: `${baseUrl}/u/${workflow.uuid}/`,
    ...flags,
    ...workflow.thresholds,
    max_retry_attempts: workflow.max_retry_attempts,
    retry_window_days: workflow.retry_window_days,
    session_expiration_time: workflow.session_expiration_time,
    documents_allowed: workflow.documents_allowed,
    duplicated_user_action: workflow.duplicated_user_action,
    is_white_label_enabled: workflow.is_white_label_enabled,
    is_desktop_allowed: workflow.is_desktop_allowed,
    created_at: new Date(workflow.created_at).toISOString(),
  };
}
