import type { DiditThresholds } from '@backoffice/contracts';

/** The scores of a Didit session that its workflow thresholds judge; null when the check did not run. */
export interface DiditScores {
  faceMatch: number | null;
  liveness: number | null;
  /** Highest risk among AML hits that are not false positives (the case's risk score). */
  aml: number | null;
}

export type DiditScoreOutcome = 'approve' | 'review' | 'decline';

/**
 * What Didit's score checks alone decide for these scores under these thresholds (docs/providers/didit.md
 * §1.5.1): face match and liveness are similarities ("below decline → decline, below review → review"),
 * the AML score is a risk ("at or above decline → decline", "at or above review → review"). A check without a score or without a
 * threshold decides nothing. Didit's other checks (document, blocklists, IP, duplicates) are not here:
 * `approve` means "passes the score checks", not "Didit approves".
 */
export function diditScoreOutcome(scores: DiditScores, thresholds: DiditThresholds): DiditScoreOutcome {
  const below = (score: number | null, threshold: number | null) =>
    score !== null && threshold !== null && score < threshold;
  if (below(scores.liveness, thresholds.livenessDecline)) return 'decline';
  if (below(scores.faceMatch, thresholds.faceMatchDecline)) return 'decline';
  if (scores.aml !== null && thresholds.amlDecline !== null && scores.aml >= thresholds.amlDecline) {
    return 'decline';
  }
  if (below(scores.faceMatch, thresholds.faceMatchReview)) return 'review';
  if (scores.aml !== null && thresholds.amlReview !== null && scores.aml >= thresholds.amlReview) {
    return 'review';
  }
  return 'approve';
}
