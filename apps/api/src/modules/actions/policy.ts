import { CaseActionType, type CaseKind, type FourEyesSettings, type Provider } from '@backoffice/contracts';
import { updateStatusOutcome } from '@backoffice/providers/didit';
import { escalationVerdict, isEscalationType } from './escalation';

/** The Didit `new_status` each status-changing action asks for (docs/providers/didit.md §1.5.6). */
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
const BLOCKLISTABLE_CASE_STATUSES = new Set(['approved', 'rejected', 'needs_review', 'escalated']);

export interface ActionableCase {
  provider: string;
  kind: string;
  status: string;
  providerStatus: string;
  riskScore: number | null;
}

export type TransitionVerdict = { allowed: true } | { allowed: false; reason: string };

/**
 * How a case's decisions are carried out: through the outbox to Didit or to KryptoGO (DD tasks only), or
 * locally: Ditto ID has no decision API (docs/providers/ditto.md §3), and the KYABC contract has no endpoint to
 * audit an IDV task or decide on a KYA task (§2.3), so those are decided here and never sent to KryptoGO.
 * `none` is what an unknown (provider, kind) pair gets: no decision at all.
 */
export type DecisionChannel = 'didit' | 'kryptogo_dd' | 'local' | 'none';

/** Every (provider, kind) pair the product knows and how it is decided: one place, walked by the tests. */
export const DECISION_CHANNELS: Readonly<
  Record<Provider, Partial<Record<CaseKind, Exclude<DecisionChannel, 'none'>>>>
> = {
  didit: { kyc_session: 'didit' },
  kryptogo: { dd_task: 'kryptogo_dd', kya_task: 'local', idv_task: 'local' },
  ditto: { kyc_submission: 'local' },
};

export function decisionChannelOf(target: Pick<ActionableCase, 'provider' | 'kind'>): DecisionChannel {
  const byKind: Partial<Record<string, Exclude<DecisionChannel, 'none'>>> | undefined =
    DECISION_CHANNELS[target.provider as Provider];
  return byKind?.[target.kind] ?? 'none';
}

/** The case status a local decision (Ditto ID, KryptoGO KYA and IDV) puts the case in. */
export const LOCAL_DECISION_STATUS = { approve: 'approved', decline: 'rejected' } as const;
export type LocalDecisionType = keyof typeof LOCAL_DECISION_STATUS;
export const isLocalDecisionType = (type: CaseActionType): type is LocalDecisionType =>
  Object.hasOwn(LOCAL_DECISION_STATUS, type);

/**
 * The provider status the KryptoGO mapping (`ddCaseStatus`) gives a DD task whose search is complete
 * (progress 100) and whose audit is still pending: the only state in which D4 accepts a decision.
 */
export const KRYPTOGO_DD_AWAITING_REVIEW = 'awaiting review';

const allowed: TransitionVerdict = { allowed: true };
const refused = (reason: string): TransitionVerdict => ({ allowed: false, reason });
const DECISION_IN_FLIGHT = refused(
  'Another decision on this case is still on its way (or awaiting a second person); wait for it to finish.',
);

function diditVerdict(target: ActionableCase, type: CaseActionType, hasOpen: boolean): TransitionVerdict {
  if (type === 'provider_comment') return allowed;
  if (type === 'provider_metadata') return refused('Didit sessions have no provider metadata to set.');
  if (type === 'blocklist') {
    return BLOCKLISTABLE_CASE_STATUSES.has(target.status)
      ? allowed
      : refused('Only a decided case or one in review can be blocklisted.');
  }
  if (!isStatusAction(type)) return refused(`Didit sessions take no ${type}.`);
  const next = DIDIT_TARGET_STATUS[type];
  if (hasOpen) return DECISION_IN_FLIGHT;
  const outcome = updateStatusOutcome(target.providerStatus, next);
  if (outcome === 'noop') return refused(`The session is already ${next}; there is nothing to change.`);
  if (outcome === 'forbidden') {
    return refused(`Didit does not allow ${next} on a session that is ${target.providerStatus}.`);
  }
  return allowed;
}

/** D4 answers 409 once a task is audited, so a decision is only offered on a complete, unaudited task. */
function kryptogoDdVerdict(
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
  switch (decisionChannelOf(target)) {
    case 'didit':
      return diditVerdict(target, type, hasOpenStatusAction);
    case 'kryptogo_dd':
      return kryptogoDdVerdict(target, type, hasOpenStatusAction);
    case 'local':
      return localVerdict(target, type, hasOpenStatusAction);
    case 'none':
      return refused(`Actions on ${target.provider} ${target.kind} cases are not supported.`);
  }
}

/**
 * True when the case already shows what this status action asks for. For a manager's retry of a failed
 * action that means the earlier attempt probably landed: the retry goes ahead and the worker's re-read
 * records it as applied instead of sending it again.
 */
export function showsActionEffect(target: ActionableCase, type: CaseActionType): boolean {
  switch (decisionChannelOf(target)) {
    case 'didit':
      return isStatusAction(type) && target.providerStatus === DIDIT_TARGET_STATUS[type];
    case 'kryptogo_dd':
      return (
        (type === 'approve' && target.status === 'approved') ||
        (type === 'decline' && target.status === 'rejected')
      );
    default:
      return false;
  }
}

/** What the case page offers; the server refuses the rest with the same rules. */
export function allowedActionsFor(target: ActionableCase, hasOpenStatusAction: boolean): CaseActionType[] {
  return CaseActionType.options.filter(
    (type) => transitionVerdict(target, type, hasOpenStatusAction).allowed,
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
