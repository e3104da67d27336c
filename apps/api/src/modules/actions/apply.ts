import type { CaseActionRequest } from '@backoffice/contracts';
import type { CaseRow, Orm } from '@backoffice/db';
import { AppError } from '../../platform/errors';
import { adapterFor } from '../../providers/registry';
import {
  type AuditEmitEntry,
  actorAuditContext,
  caseAuditRef,
  caseAuditSnapshot,
  type RequestActor,
} from '../audit/emit';
import { type CaseAudit, moveCaseStatus, setCaseDecision } from '../cases/writes';
import { actionReference, type OutboxCall } from '../outbox/calls';
import { isLocalDecisionType, isStatusAction, LOCAL_DECISION_STATUS } from './action-types';
import { ESCALATION_STATUS, isEscalationType } from './escalation';
import { decisionChannelOf, transitionVerdict } from './policy';
import { type ActionRow, findReasonCode, hasOpenStatusAction } from './repo';

/*
 * Carrying out an action, shared by its request (request-action.ts) and a second person's approval
 * (decide-action.ts): the transition check, the provider's outbox call, and a decision applied here.
 */

export type Actor = RequestActor;

export const auditContext = actorAuditContext;

/** The audit row's reason for an action: its reason code. The note stays on the action row. */
export const auditReasonOf = (reasonCode: string | null | undefined) => reasonCode ?? null;

function caselessParams(action: ActionRow): { provider?: unknown; listUuid?: unknown } {
  try {
    return JSON.parse(action.params) as { provider?: unknown; listUuid?: unknown };
  } catch {
    return {};
  }
}

/** The provider of an action no case carries: named in its params. */
function providerOfCaselessAction(action: ActionRow): string {
  const { provider } = caselessParams(action);
  return typeof provider === 'string' ? provider : '';
}

/**
 * Where the audit rows of an action no case carries point: its provider and the provider-side list it
 * changes (today the only such actions are Didit list changes).
 */
export function caselessAuditRef(action: ActionRow) {
  const { listUuid } = caselessParams(action);
  return {
    caseId: null,
    provider: providerOfCaselessAction(action),
    externalId: typeof listUuid === 'string' ? listUuid : null,
  };
}

/**
 * What the worker will send, built by the case's provider from the stored action and the case as it is
 * now; for an action no case carries (`target` null), from the action alone.
 */
export function outboxCallFor(tx: Orm, target: CaseRow | null, action: ActionRow): OutboxCall {
  const outbox = adapterFor(target?.provider ?? providerOfCaselessAction(action))?.outbox;
  if (!outbox || (!target && !outbox.callWithoutCase)) {
    throw new AppError(
      500,
      'internal_error',
      `${target ? `Case ${target.id}` : `Action ${action.id}`} has no provider to send to; nothing was queued.`,
    );
  }
  const reference = actionReference(action.id);
  const label = action.reasonCode
    ? (findReasonCode(tx, action.reasonCode)?.label ?? action.reasonCode)
    : null;
  const comment = `${[label, action.note].filter(Boolean).join(' — ')} (${reference})`;
  if (!target) return outbox.callWithoutCase!(action, { reference, comment });
  return outbox.callFor(target, action, { reference, comment });
}

export function refuseTransition(
  tx: Orm,
  target: CaseRow,
  type: CaseActionRequest['type'],
  exceptActionId?: number,
): void {
  const verdict = transitionVerdict(
    target,
    type,
    (isStatusAction(type) || isEscalationType(type)) && hasOpenStatusAction(tx, target.id, exceptActionId),
  );
  if (!verdict.allowed) throw new AppError(409, 'transition_not_allowed', verdict.reason);
}

/** Escalation and local decisions (Ditto ID, KryptoGO KYA and IDV) have no provider to wait for. */
export const appliesHere = (target: CaseRow, type: CaseActionRequest['type']) =>
  isEscalationType(type) || decisionChannelOf(target) === 'local';

/**
 * The case after an action applied here: a local decision (nothing to call at the provider) decides it;
 * an escalation moves it between the analysts' and the managers' views without deciding it.
 */
export function decideCaseLocally(
  tx: Orm,
  target: CaseRow,
  action: ActionRow,
  now: number,
  audit: CaseAudit,
): CaseRow {
  const type = action.type as CaseActionRequest['type'];
  if (isEscalationType(type)) return moveCaseStatus(tx, target, ESCALATION_STATUS[type], now, audit);
  if (!isLocalDecisionType(type)) {
    throw new AppError(500, 'internal_error', `Action ${action.id} is not a local decision.`);
  }
  return setCaseDecision(tx, target, LOCAL_DECISION_STATUS[type], now, audit);
}

/** The audit row of a local decision: written by the person whose step applied it, marked `local`. */
export function localApplicationEntry(
  target: CaseRow,
  decided: CaseRow,
  action: ActionRow,
  reason: string | null,
  now: number,
): AuditEmitEntry {
  return {
    ...caseAuditRef(target),
    action: 'case.action_applied',
    // Applied straight from the request, the action had no earlier status of its own.
    before: {
      ...caseAuditSnapshot(target),
      ...(action.status === 'applied' ? {} : { actionStatus: action.status }),
    },
    after: {
      ...caseAuditSnapshot(decided),
      actionId: action.id,
      type: action.type,
      requestedBy: action.requestedBy,
      actionStatus: 'applied',
      local: true,
    },
    reason,
    at: now,
  };
}
