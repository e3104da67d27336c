import type { CaseActionType, FourEyesSettings } from '@backoffice/contracts';
import type { ActionableCase } from './verdict';

/*
 * Four-eyes along paths (docs/reliability.md R13): when an action needs a second person, and who may not be
 * that person, judged on everything the case went through, not only its current status.
 */

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
