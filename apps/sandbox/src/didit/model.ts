import type { SimulatedPerson } from './people.js';
import type { ScenarioName, ScenarioSignals } from './scenarios.js';

/**
 * Didit's session statuses, written here independently of the client's list in
 * `packages/providers/src/didit/schemas.ts` on purpose: the sandbox must not share wire code with the API,
 * or a mistake in one copy would pass the tests on both sides.
 */
export const SESSION_STATUSES = [
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
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** The status the session shows on the wire: its undocumented override when one is set. */
export const reportedStatus = (session: { status: SessionStatus; undocumentedStatus: string | null }) =>
  session.undocumentedStatus ?? session.status;

/** Statuses whose webhooks carry the decision object (docs/providers/didit.md §1.7). */
export const STATUSES_WITH_DECISION: readonly SessionStatus[] = [
  'Approved',
  'Declined',
  'In Review',
  'Abandoned',
];

export const WORKFLOW_FEATURE_CODES = [
  'OCR',
  'NFC',
  'LIVENESS',
  'FACE_MATCH',
  'PROOF_OF_ADDRESS',
  'QUESTIONNAIRE',
  'PHONE_VERIFICATION',
  'EMAIL_VERIFICATION',
  'DATABASE_VALIDATION',
  'AML',
  'IP_ANALYSIS',
  'AGE_ESTIMATION',
] as const;
export type WorkflowFeatureCode = (typeof WORKFLOW_FEATURE_CODES)[number];

/** Node id and decision label of each workflow feature (single-instance defaults). */
export const FEATURE_NODES: Record<WorkflowFeatureCode, { nodeId: string; label: string }> = {
  OCR: { nodeId: 'feature_ocr', label: 'ID_VERIFICATION' },
  NFC: { nodeId: 'feature_nfc', label: 'NFC' },
  LIVENESS: { nodeId: 'feature_liveness', label: 'LIVENESS' },
  FACE_MATCH: { nodeId: 'feature_face_match', label: 'FACE_MATCH' },
  PROOF_OF_ADDRESS: { nodeId: 'feature_proof_of_address', label: 'POA' },
  QUESTIONNAIRE: { nodeId: 'feature_questionnaire', label: 'QUESTIONNAIRE' },
  PHONE_VERIFICATION: { nodeId: 'feature_phone_verification', label: 'PHONE' },
  EMAIL_VERIFICATION: { nodeId: 'feature_email_verification', label: 'EMAIL_VERIFICATION' },
  DATABASE_VALIDATION: { nodeId: 'feature_database_validation', label: 'DATABASE_VALIDATION' },
  AML: { nodeId: 'feature_aml', label: 'AML' },
  IP_ANALYSIS: { nodeId: 'feature_ip_analysis', label: 'IP_ANALYSIS' },
  AGE_ESTIMATION: { nodeId: 'feature_age_estimation', label: 'AGE_ESTIMATION' },
};

export interface WorkflowThresholds {
  face_liveness_method: 'passive' | 'active_3d' | 'flashing';
  face_liveness_score_decline_threshold: number;
  face_match_score_decline_threshold: number;
  face_match_score_review_threshold: number;
  aml_review_threshold: number;
  aml_decline_threshold: number;
  aml_match_score_threshold: number;
}

export interface WorkflowFeature {
  feature: WorkflowFeatureCode;
  config: Record<string, unknown>;
  label: string | null;
}

export interface Workflow {
  uuid: string;
  workflow_label: string;
  workflow_type: string;
  is_default: boolean;
  status: 'draft' | 'published';
  features: WorkflowFeature[];
  thresholds: WorkflowThresholds;
  max_retry_attempts: number;
  retry_window_days: number;
  /** Seconds; `null` uses the default session life. */
  session_expiration_time: number | null;
  documents_allowed: Record<string, unknown>;
  duplicated_user_action: 'no_action' | 'review' | 'decline';
  is_white_label_enabled: boolean;
  is_desktop_allowed: boolean;
  version: number;
  created_at: number;
  /** Deleted workflows stay readable by their existing sessions but vanish from the API. */
  deleted: boolean;
}

export type WarningLogType = 'error' | 'warning' | 'information';
export type ReportStatus = 'Approved' | 'Declined' | 'In Review' | 'Not Finished';

export interface DiditWarning {
  feature: string;
  risk: string;
  additional_data: unknown;
  log_type: WarningLogType;
  short_description: string;
  long_description: string;
  node_id: string | null;
}

export interface Review {
  id: number;
  action: string;
  old_status: string;
  new_status: string;
  note: string;
  created_at: string;
}

/** What happened when the simulated user went through the flow, fixed once the session is completed. */
export interface SessionOutcome {
  person: SimulatedPerson;
  signals: ScenarioSignals;
  /** Evaluated per feature against the workflow thresholds at completion time. */
  reports: Partial<Record<WorkflowFeatureCode, { status: ReportStatus; warnings: DiditWarning[] }>>;
  completedAt: number;
}

export interface Session {
  id: string;
  number: number;
  token: string;
  workflowId: string;
  workflowVersion: number;
  vendorData: string | null;
  /** As sent: an object or a JSON string (echoed back unchanged). */
  metadata: unknown;
  callback: string | null;
  callbackMethod: string;
  language: string | null;
  contactDetails: Record<string, unknown> | null;
  expectedDetails: Record<string, unknown> | null;
  scenario: ScenarioName;
  /** Same seed → same person, face and document: how blocklisting reaches a user's later sessions. */
  personSeed: string;
  status: SessionStatus;
  /**
   * A status Didit does not document that the session reports instead of `status` (set by the control
   * endpoint to test clients against statuses added after they were written); cleared by any real change.
   */
  undocumentedStatus: string | null;
  createdAt: number;
  updatedAt: number;
  /** Bumped on every status change so timers armed for an older state do nothing. */
  generation: number;
  outcome: SessionOutcome | null;
  /** Reviewer corrections to the ID data (update-data), applied over the extracted values. */
  idDataEdits: Record<string, string | null>;
  reviews: Review[];
  /** Features the user must redo after a `Resubmitted` status. */
  resubmittedFeatures: WorkflowFeatureCode[];
  lastBackendResubmitAt: number | null;
}
