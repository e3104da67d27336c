import type { DiditThresholds } from '@backoffice/contracts';
import { badRequest } from '../../platform/errors';

/** Each pair a workflow must keep in order: the decline cut never on the lenient side of the review cut. */
const ORDERED_PAIRS = [
  {
    low: 'faceMatchDecline',
    high: 'faceMatchReview',
    message: 'The face-match decline threshold must not be above the review threshold.',
    detail: (low: number, high: number) => `Decline ${low} would be above review ${high}.`,
  },
  {
    low: 'amlReview',
    high: 'amlDecline',
    message: 'The AML review threshold must not be above the decline threshold.',
    detail: (low: number, high: number) => `Review ${low} would be above decline ${high}.`,
  },
] as const;

/**
 * Refuses (400) thresholds that would be out of order once the change is applied, before Didit is
 * called (its own check answers with less detail); names the field the caller asked to move.
 */
export function assertThresholdOrder(
  next: DiditThresholds,
  asked: Partial<Record<keyof DiditThresholds, unknown>>,
) {
  for (const pair of ORDERED_PAIRS) {
    const low = next[pair.low];
    const high = next[pair.high];
    if (low !== null && high !== null && low > high) {
      throw badRequest(pair.message, [
        {
          path: asked[pair.low] !== undefined ? pair.low : pair.high,
          message: pair.detail(low, high),
        },
      ]);
    }
  }
}
