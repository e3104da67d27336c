import {
  type ActionDecisionRequest,
  type CaseActionRequest,
  type CaseActionStatus,
  type CaseActionView,
  type CaseSummary,
  FourEyesSettings,
  type ReasonCode,
  roleHas,
} from '@backoffice/contracts';
import { appendAudit, type Orm, writeTransaction } from '@backoffice/db';
import type { AppDeps } from '../../platform/deps';
import { AppError, notFound } from '../../platform/errors';
import { requestFingerprint, runIdempotent, type StoredResponse } from '../../platform/idempotency';
import { adapterFor } from '../../providers/registry';
import type { RequestContext, SignedInUser } from '../auth/service';
import { checkAssigneeOverride } from '../cases/claim';
import { toCaseSummary } from '../cases/service';
import { actionReference, type OutboxCall } from '../outbox/calls';
import { insertOutboxRow, requeueOutboxRow, setOutboxStatus } from '../outbox/repo';
import { ESCALATION_STATUS, escalationRoleRefusal, isEscalationType } from './escalation';
import {
  decisionChannelOf,
  excludedApprovers,
  fourEyesReason,
  isLocalDecisionType,
  isStatusAction,
  LOCAL_DECISION_STATUS,
  showsActionEffect,
  transitionVerdict,
} from './policy';
import {
  type ActionRow,
  actionsWithStatus,
  type CaseRow,
  decisionHistory,
  findAction,
  findCaseForUpdate,
  findReasonCode,
  hasOpenStatusAction,
  insertAction,
  insertDecisionNote,
  insertReasonCodesIfEmpty,
  lastCaseChange,
  listReasonCodes,
  moveCaseStatus,
  readFourEyes,
  reasonCodeAppliesTo,
  setCaseDecision,
  touchCase,
  updateActionRow,
  userRefs,
  writeFourEyes,
} from './repo';
import { toActionView, toActionViews } from './view';

export interface ActionAccepted {
  action: CaseActionView;
  case: CaseSummary;
}

interface Actor {
  user: SignedInUser;
  context: RequestContext;
}

const auditActor = ({ user, context }: Actor) => ({
  actorType: 'user' as const,
  actorId: user.id,
  actorRole: user.role,
  requestId: context.requestId,
  ip: context.ip,
  userAgent: context.userAgent,
});

const caseSnapshot = (row: CaseRow) => ({
  status: row.status,
  providerStatus: row.providerStatus,
  version: row.version,
});

/** `If-Match: 7`, `"7"` or `W/"7"`: the case version the reviewer saw. */
export function parseIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw new AppError(
      428,
      'precondition_required',
      'Send If-Match with the case version you are looking at, so a decision is never taken on a stale page.',
    );
  }
  const match = /^(?:W\/)?"?(\d{1,12})"?$/.exec(header.trim());
  if (!match)
    throw new AppError(400, 'invalid_if_match', 'If-Match must be the case version, e.g. If-Match: 7.');
  return Number(match[1]);
}

function staleVersion(tx: Orm, target: CaseRow, seen: number): AppError {
  const last = lastCaseChange(tx, target.id);
  let what = '';
  if (last) {
    const who =
      last.actorType === 'user' && last.actorId
        ? (userRefs(tx, [last.actorId]).get(last.actorId)?.name ?? 'another user')
        : last.actorType === 'provider'
          ? `the provider (${last.actorId ?? 'unknown'})`
          : `the system (${last.actorId ?? 'unknown'})`;
    what = ` Last change: ${last.action} by ${who} at ${new Date(last.at).toISOString()}.`;
  }
  return new AppError(
    409,
    'stale_version',
    `Case ${target.id} changed since you loaded it (you saw version ${seen}, it is now version ${target.version}, provider status ${target.providerStatus}).${what} Reload the case and decide again.`,
  );
}

const noteOf = (request: CaseActionRequest): string | null =>
  'note' in request ? (request.note ?? null) : null;

function reasonFor(tx: Orm, request: CaseActionRequest): { code: string; label: string } | null {
  if (
    request.type === 'provider_comment' ||
    request.type === 'provider_metadata' ||
    request.type === 'return_to_queue'
  )
    return null;
  const reason = findReasonCode(tx, request.reasonCode);
  if (!reason?.active) {
    throw new AppError(400, 'invalid_reason_code', `"${request.reasonCode}" is not an active reason code.`);
  }
  if (!reasonCodeAppliesTo(reason).includes(request.type)) {
    throw new AppError(400, 'invalid_reason_code', `"${reason.label}" is not a reason for ${request.type}.`);
  }
  return { code: reason.code, label: reason.label };
}

function paramsOf(request: CaseActionRequest): Record<string, unknown> {
  switch (request.type) {
    case 'request_resubmission':
      return { nodes: request.nodes };
    case 'blocklist':
      return { face: request.face, document: request.document };
    case 'provider_metadata':
      return { entries: request.entries };
    default:
      return {};
  }
}

/**
 * What the audit row keeps of the action's parameters: metadata values are free text that may carry
 * personal data, so only their keys and lengths (the values stay on the action row).
 */
function auditParamsOf(request: CaseActionRequest): Record<string, unknown> {
  if (request.type === 'provider_metadata') {
    return {
      entries: request.entries.map((entry) => ({ key: entry.key, valueLength: entry.value.length })),
    };
  }
  return paramsOf(request);
}

/** The audit row's reason for an action: its reason code. The note stays on the action row. */
const auditReasonOf = (reasonCode: string | null | undefined) => reasonCode ?? null;

/** The note's length (not its text) for the audit row, when there is a note. */
const noteFacts = (note: string | null | undefined) => (note ? { noteLength: note.length } : {});

/** What the worker will send, built by the case's provider from the stored action and the case as it is now. */
function outboxCallFor(tx: Orm, target: CaseRow, action: ActionRow): OutboxCall {
  const outbox = adapterFor(target.provider)?.outbox;
  if (!outbox) {
    throw new AppError(
      500,
      'internal_error',
      `Case ${target.id} has no provider to send to; nothing was queued.`,
    );
  }
  const reference = actionReference(action.id);
  const label = action.reasonCode
    ? (findReasonCode(tx, action.reasonCode)?.label ?? action.reasonCode)
    : null;
  const comment = `${[label, action.note].filter(Boolean).join(' — ')} (${reference})`;
  return outbox.callFor(target, action, { reference, comment });
}

function refuseTransition(
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
const appliesHere = (target: CaseRow, type: CaseActionRequest['type']) =>
  isEscalationType(type) || decisionChannelOf(target) === 'local';

/**
 * The case after an action applied here: a local decision (nothing to call at the provider) decides it;
 * an escalation moves it between the analysts' and the managers' views without deciding it.
 */
function decideCaseLocally(tx: Orm, target: CaseRow, action: ActionRow, now: number): CaseRow {
  const type = action.type as CaseActionRequest['type'];
  if (isEscalationType(type)) return moveCaseStatus(tx, target, ESCALATION_STATUS[type], now);
  if (!isLocalDecisionType(type)) {
    throw new AppError(500, 'internal_error', `Action ${action.id} is not a local decision.`);
  }
  return setCaseDecision(tx, target, LOCAL_DECISION_STATUS[type], now);
}

/** The audit row of a local decision: written by the person whose step applied it, marked `local`. */
function auditLocalApplication(
  tx: Orm,
  actor: Actor,
  target: CaseRow,
  decided: CaseRow,
  action: ActionRow,
  reason: string | null,
  now: number,
): void {
  appendAudit(tx, {
    ...auditActor(actor),
    action: 'case.action_applied',
    caseId: target.id,
    provider: target.provider,
    externalId: target.externalId,
    // Applied straight from the request, the action had no earlier status of its own.
    before: {
      ...caseSnapshot(target),
      ...(action.status === 'applied' ? {} : { actionStatus: action.status }),
    },
    after: {
      ...caseSnapshot(decided),
      actionId: action.id,
      type: action.type,
      requestedBy: action.requestedBy,
      actionStatus: 'applied',
      local: true,
    },
    reason,
    at: now,
  });
}

export interface RequestActionInput {
  caseId: number;
  ifMatch: number;
  idempotencyKey: string;
  request: CaseActionRequest;
}

/**
 * Transaction 1 of a reviewer action (docs/reliability.md R9–R13): checks the version, the provider's transition
 * table, the reason and four-eyes, then writes the action, its outbox row and its audit row together,
 * with the stored response for replays. No network here: the outbox worker calls the provider.
 */
export function requestCaseAction(
  deps: AppDeps,
  actor: Actor,
  input: RequestActionInput,
): StoredResponse<ActionAccepted> {
  const now = deps.now();
  const { request } = input;
  const result = writeTransaction(deps.db, (tx) =>
    runIdempotent<ActionAccepted>(
      tx,
      {
        userId: actor.user.id,
        key: input.idempotencyKey,
        method: 'POST',
        path: `/api/cases/${input.caseId}/actions`,
        fingerprint: requestFingerprint({ ifMatch: input.ifMatch, body: request }),
      },
      now,
      () => {
        const target = findCaseForUpdate(tx, input.caseId);
        if (!target) throw notFound(`Case ${input.caseId}`);
        if (target.version !== input.ifMatch) throw staleVersion(tx, target, input.ifMatch);
        const overriddenAssignee = checkAssigneeOverride(tx, target, actor.user.id, request);
        refuseTransition(tx, target, request.type);
        adapterFor(target.provider)?.checkRequest?.(target, request);
        const roleRefusal = escalationRoleRefusal(actor.user.role, target, request.type);
        if (roleRefusal) throw new AppError(403, 'forbidden', roleRefusal);
        const reason = reasonFor(tx, request);
        const note = noteOf(request);
        const secondPerson = fourEyesReason(
          readFourEyes(tx),
          target,
          request.type,
          decisionHistory(tx, target.id),
        );
        // A local decision or an escalation has no provider to wait for: unless a second person must
        // approve it, it is applied in this very transaction.
        const appliesNow = !secondPerson && appliesHere(target, request.type);
        const status: CaseActionStatus = secondPerson
          ? 'awaiting_approval'
          : appliesNow
            ? 'applied'
            : 'pending';
        const action = insertAction(tx, {
          caseId: target.id,
          type: request.type,
          params: JSON.stringify(paramsOf(request)),
          reasonCode: reason?.code ?? null,
          note,
          status,
          requestedBy: actor.user.id,
          requestedAt: now,
          caseVersion: target.version,
          resolvedAt: appliesNow ? now : null,
        });
        const auditReason = auditReasonOf(reason?.code);
        // Queued or awaiting a second person: only the version moves. Applied now: the decision moves it.
        const touched = appliesNow ? null : touchCase(tx, target, now);
        appendAudit(tx, {
          ...auditActor(actor),
          action: 'case.action_requested',
          caseId: target.id,
          provider: target.provider,
          externalId: target.externalId,
          before: caseSnapshot(target),
          after: {
            ...caseSnapshot(touched ?? target),
            actionId: action.id,
            type: action.type,
            actionStatus: status,
            ...auditParamsOf(request),
            ...noteFacts(note),
            ...(secondPerson ? { fourEyes: secondPerson } : {}),
            ...(appliesNow ? { local: true } : {}),
            ...(overriddenAssignee ? { overrodeAssignee: overriddenAssignee } : {}),
          },
          reason: auditReason,
          at: now,
        });
        if (touched && !secondPerson) insertOutboxRow(tx, action.id, outboxCallFor(tx, target, action), now);
        let updated = touched;
        if (!updated) {
          updated = decideCaseLocally(tx, target, action, now);
          auditLocalApplication(tx, actor, target, updated, action, auditReason, now);
        }
        return { status: 202, body: { action: toActionView(tx, action), case: toCaseSummary(updated) } };
      },
    ),
  );
  if (!result.replayed) {
    deps.events.publishCaseChanged({
      id: result.body.case.id,
      status: result.body.case.status,
      version: result.body.case.version,
    });
  }
  return result;
}

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
    const target = findCaseForUpdate(tx, action.caseId);
    if (!target) throw notFound(`Case ${action.caseId}`);

    let next: Partial<ActionRow>;
    let auditAction: string;
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
      const excluded = excludedApprovers(
        decisionHistory(tx, target.id),
        target,
        action.type as CaseActionRequest['type'],
        action.requestedBy,
      );
      if (decision.decision === 'approve' && excluded.has(user.id)) {
        throw new AppError(
          403,
          'self_approval',
          'This request would reverse a decision you took part in; someone who was not involved must approve or reject it.',
        );
      }
      if (decision.decision === 'approve') {
        // The case may have moved since the request (a webhook, another decision): check again.
        refuseTransition(tx, target, action.type as CaseActionRequest['type'], action.id);
        appliesLocally = appliesHere(target, action.type as CaseActionRequest['type']);
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
        if (!showsActionEffect(target, type)) refuseTransition(tx, target, type, action.id);
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
    const updatedCase = appliesLocally
      ? decideCaseLocally(tx, target, action, now)
      : touchCase(tx, target, now);
    appendAudit(tx, {
      ...auditActor(actor),
      action: auditAction,
      caseId: target.id,
      provider: target.provider,
      externalId: target.externalId,
      before: {
        actionId: action.id,
        type: action.type,
        actionStatus: action.status,
        version: target.version,
      },
      after: {
        actionId: action.id,
        type: action.type,
        actionStatus: updatedAction.status,
        version: updatedCase.version,
        ...(note ? { noteId: note.id, noteLength: note.note.length } : {}),
      },
      reason: null,
      at: now,
    });
    if (appliesLocally) {
      const requestReason = auditReasonOf(action.reasonCode);
      auditLocalApplication(tx, actor, target, updatedCase, action, requestReason, now);
    }
    return { view: toActionView(tx, updatedAction), updatedCase };
  });
  deps.events.publishCaseChanged({
    id: outcome.updatedCase.id,
    status: outcome.updatedCase.status,
    version: outcome.updatedCase.version,
  });
  return outcome.view;
}

export function listActionInbox(
  deps: AppDeps,
  statuses: readonly CaseActionStatus[],
  limit: number,
): CaseActionView[] {
  return toActionViews(deps.db.orm, actionsWithStatus(deps.db.orm, statuses, limit));
}

/* ----------------------------------------------------------------------------- reason codes */

const DEFAULT_REASON_CODES: { code: string; label: string; appliesTo: CaseActionRequest['type'][] }[] = [
  { code: 'documents_verified', label: 'Documents verified', appliesTo: ['approve'] },
  { code: 'manual_review_cleared', label: 'Manual review cleared', appliesTo: ['approve'] },
  { code: 'false_positive_aml', label: 'AML hit is a false positive', appliesTo: ['approve'] },
  { code: 'document_expired', label: 'Document expired', appliesTo: ['decline'] },
  { code: 'document_forged', label: 'Document forged or tampered', appliesTo: ['decline', 'blocklist'] },
  { code: 'face_mismatch', label: 'Face does not match the document', appliesTo: ['decline'] },
  { code: 'liveness_failed', label: 'Liveness check failed', appliesTo: ['decline'] },
  { code: 'sanctions_match', label: 'Confirmed sanctions match', appliesTo: ['decline'] },
  { code: 'pep_unacceptable_risk', label: 'PEP with unacceptable risk', appliesTo: ['decline'] },
  { code: 'duplicate_identity', label: 'Duplicate identity', appliesTo: ['decline', 'blocklist'] },
  {
    code: 'other',
    label: 'Other (explain in the note)',
    appliesTo: ['approve', 'decline', 'request_resubmission', 'escalate'],
  },
  { code: 'blurry_document', label: 'Blurry document', appliesTo: ['request_resubmission'] },
  { code: 'glare', label: 'Glare on the document', appliesTo: ['request_resubmission'] },
  { code: 'incomplete_capture', label: 'Incomplete capture', appliesTo: ['request_resubmission'] },
  { code: 'wrong_document', label: 'Wrong document type', appliesTo: ['request_resubmission'] },
  { code: 'confirmed_fraud', label: 'Confirmed fraud', appliesTo: ['blocklist', 'decline'] },
  { code: 'synthetic_identity', label: 'Synthetic identity', appliesTo: ['blocklist', 'decline'] },
  { code: 'needs_manager_opinion', label: "Needs a manager's opinion", appliesTo: ['escalate'] },
  { code: 'suspected_fraud', label: 'Suspected fraud', appliesTo: ['escalate'] },
  { code: 'high_risk_relationship', label: 'High-risk relationship', appliesTo: ['escalate'] },
];

/** Fills an empty reason-code table with the defaults once; an edited list is never touched again. */
export function seedReasonCodes(deps: AppDeps): number {
  const inserted = writeTransaction(deps.db, (tx) =>
    insertReasonCodesIfEmpty(
      tx,
      DEFAULT_REASON_CODES.map((reason, index) => ({
        code: reason.code,
        label: reason.label,
        appliesTo: JSON.stringify(reason.appliesTo),
        active: true,
        sortOrder: index,
      })),
    ),
  );
  if (inserted > 0) deps.logger.info({ inserted }, 'seeded the default reason codes');
  return inserted;
}

export function reasonCodeViews(deps: AppDeps): ReasonCode[] {
  return listReasonCodes(deps.db.orm).map((row) => ({
    code: row.code,
    label: row.label,
    appliesTo: reasonCodeAppliesTo(row),
    active: row.active,
  }));
}

/* ------------------------------------------------------------------------- four-eyes settings */

export function getFourEyes(deps: AppDeps): FourEyesSettings {
  return readFourEyes(deps.db.orm);
}

export function setFourEyes(deps: AppDeps, actor: Actor, value: FourEyesSettings): FourEyesSettings {
  const next = FourEyesSettings.parse({ ...value, actions: [...new Set(value.actions)] });
  const now = deps.now();
  writeTransaction(deps.db, (tx) => {
    const before = readFourEyes(tx);
    writeFourEyes(tx, next, actor.user.id, now);
    appendAudit(tx, {
      ...auditActor(actor),
      action: 'settings.four_eyes_changed',
      before,
      after: next,
      at: now,
    });
  });
  return next;
}
