import type { CaseActionType, CaseDetail, FourEyesSettings } from '@backoffice/contracts';
import { useQuery } from '@tanstack/react-query';
import { fetchFourEyesSettings } from '../../api/endpoints';
import { settingsKeys } from '../../app/queryKeys';

export function useFourEyesSettings() {
  return useQuery({
    queryKey: settingsKeys.fourEyes,
    queryFn: ({ signal }) => fetchFourEyesSettings(signal),
    staleTime: 60_000,
    retry: false,
  });
}

/** The outcomes the case has reached: its status now and every status its history shows. */
function reachedOutcomes(detail: Pick<CaseDetail, 'status' | 'history'>): Set<string> {
  // A detail built without its history (older cached pages, test fixtures) still has its status.
  const history = detail.history ?? [];
  const reached = new Set([detail.status, ...history.map((entry) => entry.toStatus)]);
  return new Set([...reached].filter((status) => status === 'approved' || status === 'rejected'));
}

/**
 * Whether the action can undo an outcome the case has ever reached (the server's rule, so the dialog
 * warns before sending): approve after a rejection, decline after an approval, and a resubmission request
 * on a case decided either way, since it reopens it.
 */
export function isReversal(type: CaseActionType, detail: Pick<CaseDetail, 'status' | 'history'>): boolean {
  const reached = reachedOutcomes(detail);
  if (type === 'approve') return reached.has('rejected');
  if (type === 'decline') return reached.has('approved');
  if (type === 'request_resubmission') return reached.size > 0;
  return false;
}

/** Why this action will wait for a second person, or null when it will not. */
export function fourEyesReason(
  type: CaseActionType,
  detail: Pick<CaseDetail, 'status' | 'riskScore' | 'history'>,
  settings: FourEyesSettings,
): string | null {
  if (settings.actions.includes(type)) return 'this kind of action always needs a second person';
  if (settings.reversals && isReversal(type, detail)) return 'it reverses an earlier decision';
  if (
    settings.riskScoreAtLeast !== null &&
    detail.riskScore !== null &&
    detail.riskScore >= settings.riskScoreAtLeast &&
    type !== 'provider_comment'
  ) {
    return `the case's risk score is ${detail.riskScore} (rule: ${settings.riskScoreAtLeast} or higher)`;
  }
  return null;
}
