import { formatScore } from '../../components/format';

export type VerdictOutcome = 'pass' | 'review' | 'decline' | 'no_score';

/**
 * How a score compares to the workflow's thresholds. Didit's semantics (docs/providers/didit.md §1.5.1):
 * face match and liveness are similarities, "below decline → decline, below review → review";
 * the AML score is a risk, "above decline → decline".
 */
export type ScoreDirection = 'higher_is_better' | 'higher_is_worse';

export interface ThresholdInput {
  score: number | null;
  decline: number | null;
  review: number | null;
  direction: ScoreDirection;
}

export interface Verdict {
  outcome: VerdictOutcome;
  /** One line an analyst can read aloud, e.g. "72 — above review threshold 70". */
  text: string;
  /** False when the workflow did not give any threshold, so the outcome is only "score known". */
  thresholdsKnown: boolean;
}

function relation(score: number, threshold: number): 'above' | 'below' | 'at' {
  if (score > threshold) return 'above';
  if (score < threshold) return 'below';
  return 'at';
}

export function thresholdVerdict({ score, decline, review, direction }: ThresholdInput): Verdict {
  const thresholdsKnown = decline !== null || review !== null;
  if (score === null) {
    return { outcome: 'no_score', text: 'No score reported', thresholdsKnown };
  }
  const value = formatScore(score);
  if (!thresholdsKnown) {
    return { outcome: 'pass', text: `${value} — workflow thresholds unavailable`, thresholdsKnown };
  }

  // The bad side of a threshold: below it when higher is better, above it otherwise.
  const higherIsBetter = direction === 'higher_is_better';
  const side = higherIsBetter ? 'below' : 'above';
  const isWorse = (threshold: number | null): threshold is number =>
    threshold !== null && (higherIsBetter ? score < threshold : score > threshold);
  for (const [outcome, threshold] of [
    ['decline', decline],
    ['review', review],
  ] as const) {
    if (isWorse(threshold)) {
      return {
        outcome,
        text: `${value} — ${side} ${outcome} threshold ${formatScore(threshold)}`,
        thresholdsKnown,
      };
    }
  }
  // Report against the strictest threshold passed: the review one when there is one.
  const passed = review ?? decline!;
  const kind = review !== null ? 'review' : 'decline';
  return {
    outcome: 'pass',
    text: `${value} — ${relation(score, passed)} ${kind} threshold ${formatScore(passed)}`,
    thresholdsKnown,
  };
}
