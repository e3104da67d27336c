import type { CaseActionType, FourEyesSettings } from '@backoffice/contracts';
import { updateStatusOutcome } from '@backoffice/providers/didit';

/** The Didit `new_status` each status-changing action asks for (PROVIDERS.md §1.5.6). */
export const DIDIT_TARGET_STATUS = {
  approve: 'Approved',
  decline: 'Declined',
  request_resubmission: 'Resubmitted',
} as const satisfies Partial<Record<CaseActionType, string>>;

export type StatusActionType = keyof typeof DIDIT_TARGET_STATUS;

export const isStatusAction = (type: CaseActionType): type is StatusActionType =>
  Object.hasOwn(DIDIT_TARGET_STATUS, type);

/** Actions still on their way to the provider: while one changes the status, no second one may start. */
export const OPEN_ACTION_STATUSES = ['awaiting_approval', 'pending', 'retrying'] as const;

/** Case statuses on which blocking the person's face or document makes sense: decided or under review. */
const BLOCKLISTABLE_CASE_STATUSES = new Set(['approved', 'rejected', 'needs_review']);

export interface ActionableCase {
  provider: string;
  kind: string;
  status: string;
  providerStatus: string;
  riskScore: number | null;
}

export type TransitionVerdict = { allowed: true } | { allowed: false; reason: string };

/**
 * Whether the provider would accept this action on the case as it stands (RELIABILITY R10). Checked
 * before anything is queued, so a refused action never reaches the provider.
 */
export function transitionVerdict(
  target: ActionableCase,
  type: CaseActionType,
  hasOpenStatusAction: boolean,
): TransitionVerdict {
  if (target.provider !== 'didit' || target.kind !== 'kyc_session') {
    return {
      allowed: false,
      reason: `Actions on ${target.provider} ${target.kind} cases are not supported yet.`,
    };
  }
  if (type === 'provider_comment') return { allowed: true };
  if (type === 'blocklist') {
    return BLOCKLISTABLE_CASE_STATUSES.has(target.status)
      ? { allowed: true }
      : { allowed: false, reason: 'Only a decided case or one in review can be blocklisted.' };
  }
  const next = DIDIT_TARGET_STATUS[type];
  if (hasOpenStatusAction) {
    return {
      allowed: false,
      reason: 'Another decision on this case is still on its way to the provider; wait for it to finish.',
    };
  }
  const outcome = updateStatusOutcome(target.providerStatus, next);
  if (outcome === 'noop') {
    return { allowed: false, reason: `The session is already ${next}; there is nothing to change.` };
  }
  if (outcome === 'forbidden') {
    return {
      allowed: false,
      reason: `Didit does not allow ${next} on a session that is ${target.providerStatus}.`,
    };
  }
  return { allowed: true };
}

/** What the case page offers; the server refuses the rest with the same rules. */
export function allowedActionsFor(target: ActionableCase, hasOpenStatusAction: boolean): CaseActionType[] {
  const all: CaseActionType[] = [
    'approve',
    'decline',
    'request_resubmission',
    'blocklist',
    'provider_comment',
  ];
  return all.filter((type) => transitionVerdict(target, type, hasOpenStatusAction).allowed);
}

/**
 * Why this action needs a second person, or null when one is enough (RELIABILITY R13). A reversal is
 * an approval of a rejected case or a decline of an approved one.
 */
export function fourEyesReason(
  settings: FourEyesSettings,
  target: ActionableCase,
  type: CaseActionType,
): string | null {
  if (settings.actions.includes(type)) return `${type} always needs a second person`;
  const reversal =
    (type === 'approve' && target.status === 'rejected') ||
    (type === 'decline' && target.status === 'approved');
  if (settings.reversals && reversal) return 'reversing a decision needs a second person';
  const decides = type === 'approve' || type === 'decline';
  if (
    decides &&
    settings.riskScoreAtLeast !== null &&
    target.riskScore !== null &&
    target.riskScore >= settings.riskScoreAtLeast
  ) {
    return `risk score ${target.riskScore} is at or above ${settings.riskScoreAtLeast}`;
  }
  return null;
}
