import {
  type ActionDecisionRequest,
  type AuditAction,
  type CaseActionRequest,
  type CaseActionView,
  roleHas,
} from '@backoffice/contracts';
import { type CaseRow, writeTransaction } from '@backoffice/db';
import type { AppDeps } from '../../platform/deps';
import { AppError, notFound } from '../../platform/errors';
import { type AuditEmitEntry, caseAuditRef, emitAudit } from '../audit/emit';
import { touchCase } from '../cases/writes';
import { insertOutboxRow, requeueOutboxRow, setOutboxStatus } from '../outbox/repo';
import {
  type Actor,
  appliesHere,
  auditContext,
  auditReasonOf,
  caselessAuditRef,
  decideCaseLocally,
  localApplicationEntry,
  outboxCallFor,
  refuseTransition,
} from './apply';
import { excludedApprovers } from './four-eyes';
import { showsActionEffect } from './policy';
import {
  type ActionRow,
  decisionHistory,
  findAction,
  findCaseForUpdate,
  insertDecisionNote,
  updateActionRow,
} from './repo';
import { toActionView } from './view';

/**
 * A second person's approval or rejection of a four-eyes request, or a manager's retry or abandonment
 * of a failed one. Each is allowed from exactly one state, so a repeated decision gets 409.
 */
export function decideAction(
  deps: AppDeps,
  actor: Actor,
  actionId: number,
  decision: ActionDecisionRequest,
): CaseActionView {
  const now = deps.now();
  const { user } = actor;
  const outcome = writeTransaction(deps.db, (tx) => {
    const action = findAction(tx, actionId);
    if (!action) throw notFound(`Action ${actionId}`);
    // A list change no case carries (providers/didit/lists) has no case to check or to touch.
    const target = action.caseId === null ? null : (findCaseForUpdate(tx, action.caseId) ?? null);
    if (action.caseId !== null && !target) throw notFound(`Case ${action.caseId}`);

    let next: Partial<ActionRow>;
    let auditAction: AuditAction;
    // A local decision (Ditto ID) approved by the second person is applied by that approval itself.
    let appliesLocally = false;
    if (decision.decision === 'approve' || decision.decision === 'reject') {
      if (action.status !== 'awaiting_approval') {
        throw new AppError(
          409,
          'action_not_awaiting_approval',
          `Action ${action.id} is ${action.status}; there is nothing to ${decision.decision}.`,
        );
      }
      if (action.requestedBy === user.id) {
        throw new AppError(
          403,
          'self_approval',
          'A four-eyes request must be approved or rejected by someone other than its requester.',
        );
      }
      // History read now, not at request time: a decision applied meanwhile counts too. Only letting a
      // reversal through needs someone uninvolved; saying no to it keeps the earlier decision standing.
      const excluded = target
        ? excludedApprovers(
            decisionHistory(tx, target.id),
            target,
            action.type as CaseActionRequest['type'],
            action.requestedBy,
          )
        : new Set<string>();
      if (decision.decision === 'approve' && excluded.has(user.id)) {
        throw new AppError(
          403,
          'self_approval',
          'This request would reverse a decision you took part in; someone who was not involved must approve or reject it.',
        );
      }
      if (decision.decision === 'approve') {
        // The case may have moved since the request (a webhook, another decision): check again.
        if (target) {
          refuseTransition(tx, target, action.type as CaseActionRequest['type'], action.id);
          appliesLocally = appliesHere(target, action.type as CaseActionRequest['type']);
        }
        if (appliesLocally) {
          next = { status: 'applied', approvedBy: user.id, approvedAt: now, resolvedAt: now };
        } else {
          next = { status: 'pending', approvedBy: user.id, approvedAt: now };
          insertOutboxRow(tx, action.id, outboxCallFor(tx, target, action), now);
        }
        auditAction = 'case.action_approved';
      } else {
        next = { status: 'rejected', approvedBy: user.id, approvedAt: now, resolvedAt: now };
        auditAction = 'case.action_rejected';
      }
    } else {
      if (!roleHas(user.role, 'actions:manage')) {
        throw new AppError(403, 'forbidden', `Your role (${user.role}) cannot retry or abandon actions.`);
      }
      if (action.status !== 'failed') {
        throw new AppError(
          409,
          'action_not_failed',
          `Action ${action.id} is ${action.status}; only a failed action can be ${decision.decision === 'retry' ? 'retried' : 'abandoned'}.`,
        );
      }
      if (decision.decision === 'retry') {
        const type = action.type as CaseActionRequest['type'];
        if (target && !showsActionEffect(target, type)) refuseTransition(tx, target, type, action.id);
        next = { status: 'pending', lastError: null };
        requeueOutboxRow(tx, action.id, now);
        auditAction = 'case.action_retried';
      } else {
        next = { status: 'abandoned', resolvedAt: now };
        setOutboxStatus(tx, action.id, 'abandoned', now);
        auditAction = 'case.action_abandoned';
      }
    }
    const updatedAction = updateActionRow(tx, action.id, next);
    // Free text stays in its own table; the audit row points at it.
    const note = decision.note
      ? insertDecisionNote(tx, {
          actionId: action.id,
          decision: decision.decision,
          note: decision.note,
          authorId: user.id,
          createdAt: now,
        })
      : null;
    const context = auditContext(actor);
    const decisionEntry = (current: CaseRow | null): AuditEmitEntry => ({
      ...(target ? caseAuditRef(target) : caselessAuditRef(action)),
      action: auditAction,
      before: {
        actionId: action.id,
        type: action.type,
        actionStatus: action.status,
        ...(target ? { version: target.version } : {}),
      },
      after: {
        actionId: action.id,
        type: action.type,
        actionStatus: updatedAction.status,
        ...(current ? { version: current.version } : {}),
        ...(note ? { noteId: note.id, noteLength: note.note.length } : {}),
      },
      reason: null,
      at: now,
    });
    if (!target) {
      emitAudit(tx, context, decisionEntry(null));
      return { view: toActionView(tx, updatedAction), updatedCase: null };
    }
    const updatedCase = appliesLocally
      ? decideCaseLocally(tx, target, action, now, {
          context,
          entries: (decided) => [
            decisionEntry(decided),
            localApplicationEntry(target, decided, action, auditReasonOf(action.reasonCode), now),
          ],
        })
      : touchCase(tx, target, now, { context, entries: decisionEntry });
    return { view: toActionView(tx, updatedAction), updatedCase };
  });
  if (outcome.updatedCase) {
    deps.events.publishCaseChanged({
      id: outcome.updatedCase.id,
      status: outcome.updatedCase.status,
      version: outcome.updatedCase.version,
    });
  }
  return outcome.view;
}
