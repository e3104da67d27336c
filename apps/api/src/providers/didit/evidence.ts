import { type CaseDetail, DIDIT_THRESHOLD_KEYS, DiditMediaKey } from '@backoffice/contracts';
import type { Db } from '@backoffice/db';
import { auditBeforeValuesSince } from '../../modules/evidence/repo';
import type { ProviderEvidence, ThresholdsAtDecision } from '../types';

const DIDIT_IMAGE_LABELS: Record<DiditMediaKey, string> = {
  front_image: 'Document, front',
  back_image: 'Document, back',
  portrait_image: 'Document portrait',
  liveness_reference_image: 'Liveness reference (selfie)',
  face_match_source_image: 'Face match, source',
  face_match_target_image: 'Face match, target',
};

const THRESHOLDS_CHANGED = 'workflow.thresholds_changed';

/**
 * Didit thresholds live in the provider's workflow and every change made from the back-office is audited
 * with its before values, so the values at decision time are the current ones with each later audited
 * change undone, newest first. A change made in Didit's own console is not in our log and cannot be undone.
 */
function diditThresholds(db: Db, detail: CaseDetail, asOf: string): ThresholdsAtDecision | null {
  const view = detail.view;
  if (view?.type !== 'didit_session') return null;
  const values: Record<string, number | null> | null = view.thresholds ? { ...view.thresholds } : null;
  let undone = 0;
  if (values && view.workflowId) {
    const later = auditBeforeValuesSince(db, THRESHOLDS_CHANGED, Date.parse(asOf));
    for (const { before } of later) {
      const previous = before ? (JSON.parse(before) as Record<string, unknown>) : {};
      if (previous.workflowId !== view.workflowId) continue;
      for (const field of DIDIT_THRESHOLD_KEYS) {
        const value = previous[field];
        if (field in previous && (typeof value === 'number' || value === null)) values[field] = value;
      }
      undone += 1;
    }
  }
  return {
    asOf,
    values,
    scores: [
      {
        label: 'Face match',
        score: view.faceMatch?.score ?? null,
        threshold: values?.faceMatchDecline ?? null,
        rule: `declined below; review below ${values?.faceMatchReview ?? '—'}`,
      },
      {
        label: 'Liveness',
        score: view.liveness?.score ?? null,
        threshold: values?.livenessDecline ?? null,
        rule: 'declined below',
      },
      {
        label: 'AML',
        score: view.aml?.score ?? null,
        threshold: values?.amlDecline ?? null,
        rule: `declined at or above; review at or above ${values?.amlReview ?? '—'}`,
      },
    ],
    source: values
      ? `Didit workflow ${view.workflowId ?? '—'} as read from Didit at export, with ${undone} audited ` +
        'threshold change(s) made after this time undone. Changes made in the Didit console are not in the audit log.'
      : 'The Didit workflow could not be read at export; no thresholds are given.',
  };
}

export const diditEvidence: ProviderEvidence = {
  images: () => DiditMediaKey.options.map((key) => ({ key, label: DIDIT_IMAGE_LABELS[key] })),
  thresholds: diditThresholds,
};
