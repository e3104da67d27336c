import type { CaseDetail } from '@backoffice/contracts';
import type { Db } from '@backoffice/db';
import { adapterFor } from '../../providers/registry';
import type { ThresholdsAtDecision } from '../../providers/types';

export type { ScoreLine, ThresholdsAtDecision } from '../../providers/types';

/**
 * The thresholds in force when the case was decided, as its provider's adapter reconstructs them
 * (`evidence.thresholds`); otherwise only the risk score, with the provider's reason why.
 */
export function thresholdsAtDecision(db: Db, detail: CaseDetail, exportedAt: string): ThresholdsAtDecision {
  const asOf = detail.decidedAt ?? exportedAt;
  const evidence = adapterFor(detail.provider)?.evidence;
  const given = evidence?.thresholds?.(db, detail, asOf);
  if (given) return given;
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
    source: evidence?.noThresholdsReason ?? 'No provider view is stored for this case; no thresholds apply.',
  };
}
