import type { CaseActionType } from '@backoffice/contracts';

/*
 * What each action type means for a case, whoever decides it: which actions change the status, which
 * action statuses are still open, and where a local decision puts the case. Nothing here asks the
 * provider registry, so ingestion and drift detection (which providers call) can use it without
 * depending on the transition table in policy.ts.
 */

/** The actions that change a case's status: while one is open, no second one may start. */
const STATUS_ACTIONS = new Set<CaseActionType>(['approve', 'decline', 'request_resubmission']);

export const isStatusAction = (type: CaseActionType): boolean => STATUS_ACTIONS.has(type);

/** Actions still on their way to the provider: while one changes the status, no second one may start. */
export const OPEN_ACTION_STATUSES = ['awaiting_approval', 'pending', 'retrying'] as const;

/** The case status a local decision (Ditto ID, KryptoGO KYA and IDV) puts the case in. */
export const LOCAL_DECISION_STATUS = { approve: 'approved', decline: 'rejected' } as const;
export type LocalDecisionType = keyof typeof LOCAL_DECISION_STATUS;
export const isLocalDecisionType = (type: CaseActionType): type is LocalDecisionType =>
  Object.hasOwn(LOCAL_DECISION_STATUS, type);
