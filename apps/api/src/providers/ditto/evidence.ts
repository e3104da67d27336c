import type { CaseDetail } from '@backoffice/contracts';
import type { Db } from '@backoffice/db';
import type { ProviderEvidence, ThresholdsAtDecision } from '../types';

/** Ditto's thresholds are this server's settings, shown as in force at export. */
function dittoThresholds(_db: Db, detail: CaseDetail, asOf: string): ThresholdsAtDecision | null {
  const view = detail.view;
  if (view?.type !== 'ditto_submission') return null;
  return {
    asOf,
    values: { livenessMinScore: view.liveness.minScore, faceMatchMinPercent: view.faceMatch.minPercent },
    scores: [
      {
        label: 'Liveness',
        score: view.liveness.score,
        threshold: view.liveness.minScore,
        rule: 'at least',
      },
      {
        label: 'Face match (%)',
        score: view.faceMatch.scorePercent,
        threshold: view.faceMatch.minPercent,
        rule: 'at least',
      },
    ],
    source:
      "Ditto's minimum scores in force at export (admin settings; every change is in the audit log as " +
      'settings.ditto_scores_changed, so their value at decision time can be read there).',
  };
}

export const dittoEvidence: ProviderEvidence = {
  images: (detail) => (detail.view?.type === 'ditto_submission' ? detail.view.media : []),
  thresholds: dittoThresholds,
};
