import { CaseActionType, LIST_ACTION_TYPES } from '@backoffice/contracts';
import { adapterFor } from '../../providers/registry';
import type { DecisionChannel } from '../../providers/types';
import { isLocalDecisionType, LOCAL_DECISION_STATUS } from './action-types';
import { escalationVerdict, isEscalationType } from './escalation';
import { type ActionableCase, allowed, DECISION_IN_FLIGHT, refused, type TransitionVerdict } from './verdict';

/** How this case's decisions are carried out; null: its (provider, kind) takes no decision at all. */
export function decisionChannelOf(target: Pick<ActionableCase, 'provider' | 'kind'>): DecisionChannel | null {
  return adapterFor(target.provider)?.decisionChannels[target.kind] ?? null;
}

/** Local decisions are ours alone, so a decision can be reversed (four-eyes permitting). */
function localVerdict(target: ActionableCase, type: CaseActionType, hasOpen: boolean): TransitionVerdict {
  if (!isLocalDecisionType(type)) {
    return refused(
      `This case is approved or declined here (the provider takes no decision); there is no provider to send ${type} to.`,
    );
  }
  if (hasOpen) return DECISION_IN_FLIGHT;
  const next = LOCAL_DECISION_STATUS[type];
  if (target.status === next) return refused(`The case is already ${next}; there is nothing to change.`);
  if (target.status === 'pending' || target.status === 'expired') {
    return refused(`The case is ${target.status}; there is nothing to decide yet.`);
  }
  return allowed;
}

/**
 * Whether this action may be taken on the case as it stands (docs/reliability.md R10). Checked before anything is
 * queued or applied, so a refused action never reaches the provider.
 */
export function transitionVerdict(
  target: ActionableCase,
  type: CaseActionType,
  hasOpenStatusAction: boolean,
): TransitionVerdict {
  if (isEscalationType(type)) return escalationVerdict(target, type, hasOpenStatusAction);
  const channel = decisionChannelOf(target);
  if (channel === 'local') return localVerdict(target, type, hasOpenStatusAction);
  const verdict = channel === 'provider' ? adapterFor(target.provider)?.verdict : undefined;
  if (!verdict) return refused(`Actions on ${target.provider} ${target.kind} cases are not supported.`);
  return verdict(target, type, hasOpenStatusAction);
}

/**
 * True when the case already shows what this status action asks for. For a manager's retry of a failed
 * action that means the earlier attempt probably landed: the retry goes ahead and the worker's re-read
 * records it as applied instead of sending it again.
 */
export function showsActionEffect(target: ActionableCase, type: CaseActionType): boolean {
  if (decisionChannelOf(target) !== 'provider') return false;
  return adapterFor(target.provider)?.showsActionEffect?.(target, type) ?? false;
}

/** What the case page offers; the server refuses the rest with the same rules. */
export function allowedActionsFor(target: ActionableCase, hasOpenStatusAction: boolean): CaseActionType[] {
  return CaseActionType.options.filter(
    (type) =>
      !LIST_ACTION_TYPES.includes(type) && transitionVerdict(target, type, hasOpenStatusAction).allowed,
  );
}
