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

/** Approving a rejected case or declining an approved one undoes an earlier decision. */
export function isReversal(type: CaseActionType, status: CaseDetail['status']): boolean {
  return (type === 'approve' && status === 'rejected') || (type === 'decline' && status === 'approved');
}

/** Why this action will wait for a second person, or null when it will not. */
export function fourEyesReason(
  type: CaseActionType,
  detail: Pick<CaseDetail, 'status' | 'riskScore'>,
  settings: FourEyesSettings,
): string | null {
  if (settings.actions.includes(type)) return 'this kind of action always needs a second person';
  if (settings.reversals && isReversal(type, detail.status)) return 'it reverses an earlier decision';
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
