import type { UpdateWorkflowSettingsRequest, WorkflowSettings } from '@backoffice/contracts';
import {
  type DiditWorkflow,
  type DiditWorkflowUpdateRequest,
  thresholdsToWorkflowUpdate,
  workflowToThresholds,
} from '@backoffice/providers/didit';

type FeatureKey = keyof WorkflowSettings['features'];

/** Each switch the admin page offers: its flat-form flag and its code in the features[] form. */
const FEATURE_SWITCHES = {
  liveness: { flag: 'is_liveness_enabled', code: 'LIVENESS' },
  faceMatch: { flag: 'is_face_match_enabled', code: 'FACE_MATCH' },
  aml: { flag: 'is_aml_enabled', code: 'AML' },
  ipAnalysis: { flag: 'is_ip_analysis_enabled', code: 'IP_ANALYSIS' },
} as const satisfies Record<FeatureKey, { flag: keyof DiditWorkflowUpdateRequest; code: string }>;

const FEATURE_KEYS = Object.keys(FEATURE_SWITCHES) as FeatureKey[];

const featureCodeOf = (entry: NonNullable<DiditWorkflow['features']>[number]) =>
  (typeof entry === 'string' ? entry : entry.feature).toUpperCase();

function hasFeatureObjects(workflow: DiditWorkflow): boolean {
  return (workflow.features ?? []).some((entry) => typeof entry !== 'string');
}

/** A flag wins when the provider sends one (flat form); otherwise the feature list decides. */
function featureEnabled(workflow: DiditWorkflow, key: FeatureKey): boolean {
  const { flag, code } = FEATURE_SWITCHES[key];
  const flat = (workflow as Record<string, unknown>)[flag];
  if (typeof flat === 'boolean') return flat;
  return (workflow.features ?? []).some((entry) => featureCodeOf(entry) === code);
}

export function toWorkflowSettings(workflow: DiditWorkflow): WorkflowSettings {
  const thresholds = workflowToThresholds(workflow);
  return {
    workflowId: workflow.uuid,
    label: workflow.workflow_label ?? '',
    isDefault: workflow.is_default ?? false,
    faceMatchDecline: thresholds.faceMatchDecline,
    faceMatchReview: thresholds.faceMatchReview,
    livenessDecline: thresholds.livenessDecline,
    amlDecline: thresholds.amlDecline,
    amlReview: thresholds.amlReview,
    maxRetryAttempts: workflow.max_retry_attempts ?? null,
    features: Object.fromEntries(
      FEATURE_KEYS.map((key) => [key, featureEnabled(workflow, key)]),
    ) as WorkflowSettings['features'],
  };
}

/**
 * The PATCH body for a change, in the shape the workflow was read in (conflict C1): flat fields and
 * `is_*_enabled` flags for a flat workflow; for a features[] workflow the thresholds go into each
 * feature's config and switches add or remove list entries (new ones at the end, after OCR).
 */
export function workflowUpdateFor(
  workflow: DiditWorkflow,
  change: UpdateWorkflowSettingsRequest,
): DiditWorkflowUpdateRequest {
  const body: DiditWorkflowUpdateRequest = thresholdsToWorkflowUpdate(workflow, {
    ...(change.faceMatchDecline !== undefined ? { faceMatchDecline: change.faceMatchDecline } : {}),
    ...(change.faceMatchReview !== undefined ? { faceMatchReview: change.faceMatchReview } : {}),
    ...(change.livenessDecline !== undefined ? { livenessDecline: change.livenessDecline } : {}),
    ...(change.amlDecline !== undefined ? { amlDecline: change.amlDecline } : {}),
    ...(change.amlReview !== undefined ? { amlReview: change.amlReview } : {}),
  });
  if (change.maxRetryAttempts !== undefined) body.max_retry_attempts = change.maxRetryAttempts;
  const switches = FEATURE_KEYS.flatMap((key) => {
    const enabled = change.features?.[key];
    return enabled === undefined ? [] : [{ key, enabled }];
  });
  if (switches.length === 0) return body;
  if (!hasFeatureObjects(workflow)) {
    for (const { key, enabled } of switches) body[FEATURE_SWITCHES[key].flag] = enabled;
    return body;
  }
  let features = body.features ?? [];
  for (const { key, enabled } of switches) {
    const { code } = FEATURE_SWITCHES[key];
    const present = features.some((entry) => entry.feature.toUpperCase() === code);
    if (enabled && !present) features = [...features, { feature: code }];
    if (!enabled) features = features.filter((entry) => entry.feature.toUpperCase() !== code);
  }
  body.features = features;
  return body;
}

/** Flat `field → value` view of the settings, so a change can be audited field by field. */
export function flattenSettings(settings: WorkflowSettings): Record<string, number | boolean | null> {
  const { features, workflowId: _id, label: _label, isDefault: _default, ...values } = settings;
  return {
    ...values,
    ...Object.fromEntries(FEATURE_KEYS.map((key) => [`features.${key}`, features[key]])),
  };
}

/** The fields the request asks to set, under the names flattenSettings uses. */
export function requestedFields(change: UpdateWorkflowSettingsRequest): string[] {
  const { features, ...values } = change;
  return [
    ...Object.entries(values)
      .filter(([, value]) => value !== undefined)
      .map(([key]) => key),
    ...FEATURE_KEYS.filter((key) => features?.[key] !== undefined).map((key) => `features.${key}`),
  ];
}
