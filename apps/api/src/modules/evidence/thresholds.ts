import type { CaseDetail } from '@backoffice/contracts';
import type { Db } from '@backoffice/db';
import { auditBeforeValuesSince } from './repo';

export interface ScoreLine {
  label: string;
  score: number | null;
  /** The threshold the score is compared with, and how (decline below, review below, at least). */
  threshold: number | null;
  rule: string;
}

/** The scores of a case against the thresholds in force when it was decided, and where those came from. */
export interface ThresholdsAtDecision {
  /** The moment the thresholds are given for: the decision time, or the export time of an undecided case. */
  asOf: string;
  values: Record<string, number | null> | null;
  scores: ScoreLine[];
  source: string;
}

const DIDIT_FIELDS = ['faceMatchDecline', 'faceMatchReview', 'livenessDecline', 'amlDecline'] as const;
const THRESHOLDS_CHANGED = 'workflow.thresholds_changed';

/**
 * Didit thresholds live in the provider's workflow and every change made from the back-office is audited
 * with its before values, so the values at decision time are the current ones with each later audited
 * change undone, newest first. A change made in Didit's own console is not in our log and cannot be undone.
 */
export function thresholdsAtDecision(db: Db, detail: CaseDetail, exportedAt: string): ThresholdsAtDecision {
  const asOf = detail.decidedAt ?? exportedAt;
  const view = detail.view;
  if (view?.type === 'didit_session') {
    const values: Record<string, number | null> | null = view.thresholds ? { ...view.thresholds } : null;
    let undone = 0;
    if (values && view.workflowId) {
      const later = auditBeforeValuesSince(db, THRESHOLDS_CHANGED, Date.parse(asOf));
      for (const { before } of later) {
        const previous = before ? (JSON.parse(before) as Record<string, unknown>) : {};
        if (previous.workflowId !== view.workflowId) continue;
        for (const field of DIDIT_FIELDS) {
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
          rule: 'declined above',
        },
      ],
      source: values
        ? `Didit workflow ${view.workflowId ?? '—'} as read from Didit at export, with ${undone} audited ` +
          'threshold change(s) made after this time undone. Changes made in the Didit console are not in the audit log.'
        : 'The Didit workflow could not be read at export; no thresholds are given.',
    };
  }
  if (view?.type === 'ditto_submission') {
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
        'The DITTO_LIVENESS_MIN_SCORE and DITTO_FACE_MATCH_MIN_PERCENT settings in force at export: they are ' +
        'server configuration, not audited, so their value at decision time cannot be reconstructed.',
    };
  }
  return {
    asOf,
    values: null,
    scores: [
      {
        label: 'Risk score',
        score: detail.riskScore,
        threshold: null,
        rule: `band ${detail.riskBand ?? '—'}`,
      },
    ],
    source:
      detail.provider === 'kryptogo'
        ? 'KryptoGO scores the risk itself; the back-office applies no threshold of its own to KryptoGO cases.'
        : 'No provider view is stored for this case; no thresholds apply.',
  };
}
