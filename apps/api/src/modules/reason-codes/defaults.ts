import type { CaseActionRequest, ReasonCode } from '@backoffice/contracts';
import { writeTransaction } from '@backoffice/db';
import type { AppDeps } from '../../platform/deps';
import { insertReasonCodesIfEmpty, listReasonCodes, reasonCodeAppliesTo } from '../actions/repo';

const DEFAULT_REASON_CODES: { code: string; label: string; appliesTo: CaseActionRequest['type'][] }[] = [
  { code: 'documents_verified', label: 'Documents verified', appliesTo: ['approve'] },
  { code: 'manual_review_cleared', label: 'Manual review cleared', appliesTo: ['approve'] },
  { code: 'false_positive_aml', label: 'AML hit is a false positive', appliesTo: ['approve'] },
  { code: 'document_expired', label: 'Document expired', appliesTo: ['decline'] },
  { code: 'document_forged', label: 'Document forged or tampered', appliesTo: ['decline', 'blocklist'] },
  { code: 'face_mismatch', label: 'Face does not match the document', appliesTo: ['decline'] },
  { code: 'liveness_failed', label: 'Liveness check failed', appliesTo: ['decline'] },
  { code: 'sanctions_match', label: 'Confirmed sanctions match', appliesTo: ['decline'] },
  { code: 'pep_unacceptable_risk', label: 'PEP with unacceptable risk', appliesTo: ['decline'] },
  { code: 'duplicate_identity', label: 'Duplicate identity', appliesTo: ['decline', 'blocklist'] },
  {
    code: 'other',
    label: 'Other (explain in the note)',
    appliesTo: ['approve', 'decline', 'request_resubmission', 'escalate'],
  },
  { code: 'blurry_document', label: 'Blurry document', appliesTo: ['request_resubmission'] },
  { code: 'glare', label: 'Glare on the document', appliesTo: ['request_resubmission'] },
  { code: 'incomplete_capture', label: 'Incomplete capture', appliesTo: ['request_resubmission'] },
  { code: 'wrong_document', label: 'Wrong document type', appliesTo: ['request_resubmission'] },
  { code: 'confirmed_fraud', label: 'Confirmed fraud', appliesTo: ['blocklist', 'decline'] },
  { code: 'synthetic_identity', label: 'Synthetic identity', appliesTo: ['blocklist', 'decline'] },
  { code: 'needs_manager_opinion', label: "Needs a manager's opinion", appliesTo: ['escalate'] },
  { code: 'suspected_fraud', label: 'Suspected fraud', appliesTo: ['escalate'] },
  { code: 'high_risk_relationship', label: 'High-risk relationship', appliesTo: ['escalate'] },
];

/** Fills an empty reason-code table with the defaults once; an edited list is never touched again. */
export function seedReasonCodes(deps: AppDeps): number {
  const inserted = writeTransaction(deps.db, (tx) =>
    insertReasonCodesIfEmpty(
      tx,
      DEFAULT_REASON_CODES.map((reason, index) => ({
        code: reason.code,
        label: reason.label,
        appliesTo: JSON.stringify(reason.appliesTo),
        active: true,
        sortOrder: index,
      })),
    ),
  );
  if (inserted > 0) deps.logger.info({ inserted }, 'seeded the default reason codes');
  return inserted;
}

export function reasonCodeViews(deps: AppDeps): ReasonCode[] {
  return listReasonCodes(deps.db.orm).map((row) => ({
    code: row.code,
    label: row.label,
    appliesTo: reasonCodeAppliesTo(row),
    active: row.active,
  }));
}
