import type { CaseActionType } from '@backoffice/contracts';
import {
  type ActionableCase,
  allowed,
  DECISION_IN_FLIGHT,
  refused,
  type TransitionVerdict,
} from '../../modules/actions/verdict';

/**
 * The provider status the KryptoGO mapping (`ddCaseStatus`) gives a DD task whose search is complete
 * (progress 100) and whose audit is still pending: the only state in which D4 accepts a decision.
 */
export const KRYPTOGO_DD_AWAITING_REVIEW = 'awaiting review';

/** D4 answers 409 once a task is audited, so a decision is only offered on a complete, unaudited task. */
export function kryptogoDdVerdict(
  target: ActionableCase,
  type: CaseActionType,
  hasOpen: boolean,
): TransitionVerdict {
  if (type === 'provider_metadata') return allowed;
  if (type !== 'approve' && type !== 'decline') {
    return refused(`KryptoGO DD tasks can only be accepted, rejected or given metadata, not ${type}.`);
  }
  if (hasOpen) return DECISION_IN_FLIGHT;
  if (target.status === 'approved' || target.status === 'rejected') {
    return refused(
      `The KryptoGO task is already ${target.providerStatus}; KryptoGO never changes an audited decision.`,
    );
  }
  const inReview = target.status === 'needs_review' || target.status === 'escalated';
  if (!inReview || target.providerStatus !== KRYPTOGO_DD_AWAITING_REVIEW) {
    return refused(
      `The KryptoGO task is ${target.providerStatus}; it can be accepted or rejected once its search is complete and before it is audited.`,
    );
  }
  return allowed;
}

export const kryptogoShowsActionEffect = (target: ActionableCase, type: CaseActionType): boolean =>
  (type === 'approve' && target.status === 'approved') ||
  (type === 'decline' && target.status === 'rejected');
