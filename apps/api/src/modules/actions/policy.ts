import { CaseActionType, type FourEyesSettings, LIST_ACTION_TYPES } from '@backoffice/contracts';
import { adapterFor } from '../../providers/registry';
import type { DecisionChannel } from '../../providers/types';
import { escalationVerdict, isEscalationType } from './escalation';
import { type ActionableCase, allowed, DECISION_IN_FLIGHT, refused, type TransitionVerdict } from './verdict';

export {
  type ActionableCase,
  allowed,
  DECISION_IN_FLIGHT,
  refused,
  type TransitionVerdict,
} from './verdict';

/** The actions that change a case's status: while one is open, no second one may start. */
const STATUS_ACTIONS = new Set<CaseActionType>(['approve', 'decline', 'request_resubmission']);

export const isStatusAction = (type: CaseActionType): boolean => STATUS_ACTIONS.has(type);

/** Actions still on their way to the provider: while one changes the status, no second one may start. */
export const OPEN_ACTION_STATUSES = ['awaiting_approval', 'pending', 'retrying'] as const;

/** How this case's decisions are carried out; null: its (provider, kind) takes no decision at all. */
export function decisionChannelOf(target: Pick<ActionableCase, 'provider' | 'kind'>): DecisionChannel | null {
  return adapterFor(target.provider)?.decisionChannels[target.kind] ?? null;
}

/** The case status a local decision (Ditto ID, KryptoGO KYA and IDV) puts the case in. */
export const LOCAL_DECISION_STATUS = { approve: 'approved', decline: 'rejected' } as const;
export type LocalDecisionType = keyof typeof LOCAL_DECISION_STATUS;
export const isLocalDecisionType = (type: CaseActionType): type is LocalDecisionType =>
  Object.hasOwn(LOCAL_DECISION_STATUS, type);

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

/** The two outcomes a decision can have; a case that reached either has been decided. */
export type DecidedOutcome = 'approved' | 'rejected';

/**
 * What a case went through, for four-eyes along paths: every outcome it has ever reached (from its audit
 * trail, so provider decisions count too) and who took part in our own decisions (requester or approver).
 */
export interface DecisionHistory {
  outcomes: ReadonlySet<DecidedOutcome>;
  deciders: ReadonlyMap<DecidedOutcome, ReadonlySet<string>>;
}

export const NO_DECISION_HISTORY: DecisionHistory = { outcomes: new Set(), deciders: new Map() };

/** The outcomes an action would lead away from: approve reverses a rejection, decline an approval. */
const OPPOSED_OUTCOMES: Partial<Record<CaseActionType, readonly DecidedOutcome[]>> = {
  approve: ['rejected'],
  decline: ['approved'],
  // A resubmission reopens the case, and the next decision on it can be either.
  request_resubmission: ['approved', 'rejected'],
};

/**
 * The earlier outcomes this action can undo (empty: not a reversal). Checked against the whole history,
 * not only the current status: decline, request resubmission, approve is a reversal at its last step as
 * much as approving a declined case directly.
 */
export function reversedOutcomes(
  history: DecisionHistory,
  target: Pick<ActionableCase, 'status'>,
  type: CaseActionType,
): DecidedOutcome[] {
  const reached = new Set(history.outcomes);
  if (target.status === 'approved' || target.status === 'rejected') reached.add(target.status);
  return (OPPOSED_OUTCOMES[type] ?? []).filter((outcome) => reached.has(outcome));
}

/**
 * Who may not be the second person on this action: its requester, and for a reversal everyone who took
 * part in a decision it would undo (docs/reliability.md R13).
 */
export function excludedApprovers(
  history: DecisionHistory,
  target: Pick<ActionableCase, 'status'>,
  type: CaseActionType,
  requestedBy: string,
): Set<string> {
  const excluded = new Set([requestedBy]);
  for (const outcome of reversedOutcomes(history, target, type)) {
    for (const userId of history.deciders.get(outcome) ?? []) excluded.add(userId);
  }
  return excluded;
}

/**
 * Why this action needs a second person, or null when one is enough (docs/reliability.md R13). A reversal is any
 * status action that can lead to the opposite of an outcome the case has reached at any time.
 */
export function fourEyesReason(
  settings: FourEyesSettings,
  target: ActionableCase,
  type: CaseActionType,
  history: DecisionHistory = NO_DECISION_HISTORY,
): string | null {
  if (settings.actions.includes(type)) return `${type} always needs a second person`;
  const reversed = reversedOutcomes(history, target, type);
  if (settings.reversals && reversed.length > 0) {
    return `the case was ${reversed.join(' and ')} before; reversing a decision needs a second person`;
  }
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
