import type { CaseActionRequest, CaseActionStatus, CaseActionView, CaseSummary } from '@backoffice/contracts';
import type { CaseRow, Orm } from '@backoffice/db';
import type { AppDeps } from '../../platform/deps';
import { AppError, notFound } from '../../platform/errors';
import { applyIdempotentPost, type StoredResponse } from '../../platform/idempotency';
import { adapterFor } from '../../providers/registry';
import { type AuditEmitEntry, caseAuditRef, caseAuditSnapshot, emitAudit } from '../audit/emit';
import { checkAssigneeOverride } from '../cases/claim';
import { toCaseSummary } from '../cases/service';
import { touchCase } from '../cases/writes';
import { type ChecklistAtVersion, recordChecklist } from '../checklist/service';
import { insertOutboxRow } from '../outbox/repo';
import {
  type Actor,
  appliesHere,
  auditContext,
  auditReasonOf,
  decideCaseLocally,
  localApplicationEntry,
  outboxCallFor,
  refuseTransition,
} from './apply';
import { escalationRoleRefusal } from './escalation';
import { fourEyesReason } from './four-eyes';
import {
  decisionHistory,
  findCaseForUpdate,
  findReasonCode,
  insertAction,
  lastCaseChange,
  readFourEyes,
  reasonCodeAppliesTo,
  userRefs,
} from './repo';
import { toActionView } from './view';

export interface ActionAccepted {
  action: CaseActionView;
  case: CaseSummary;
}

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
      // Phone and e-mail go by type name in a list: the audit log refuses personal-data keys.
      return {
        face: request.face,
        document: request.document,
        ...(request.phone || request.email
          ? { contactItems: [...(request.phone ? ['phone'] : []), ...(request.email ? ['email'] : [])] }
          : {}),
      };
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

/** The note's length (not its text) for the audit row, when there is a note. */
const noteFacts = (note: string | null | undefined) => (note ? { noteLength: note.length } : {});

export interface RequestActionInput {
  caseId: number;
  ifMatch: number;
  idempotencyKey: string;
  request: CaseActionRequest;
  /** The case's review checklist, read before the transaction (null for requests that carry none). */
  checklist?: ChecklistAtVersion | null;
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
  const { request } = input;
  const result = applyIdempotentPost<ActionAccepted>(
    deps,
    {
      userId: actor.user.id,
      key: input.idempotencyKey,
      path: `/api/cases/${input.caseId}/actions`,
      request: { ifMatch: input.ifMatch, body: request },
    },
    (tx, now) => {
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
      const checklist = input.checklist ?? null;
      if (checklist && checklist.caseVersion !== target.version)
        throw staleVersion(tx, target, input.ifMatch);
      const checklistFacts = recordChecklist(tx, checklist, request, action);
      const auditReason = auditReasonOf(reason?.code);
      // Queued or awaiting a second person: only the version moves. Applied now: the decision moves it.
      const context = auditContext(actor);
      const requested = (current: CaseRow): AuditEmitEntry => ({
        ...caseAuditRef(target),
        action: 'case.action_requested',
        before: caseAuditSnapshot(target),
        after: {
          ...caseAuditSnapshot(current),
          actionId: action.id,
          type: action.type,
          actionStatus: status,
          ...auditParamsOf(request),
          ...noteFacts(note),
          ...(secondPerson ? { fourEyes: secondPerson } : {}),
          ...(appliesNow ? { local: true } : {}),
          ...(overriddenAssignee ? { overrodeAssignee: overriddenAssignee } : {}),
          ...checklistFacts,
        },
        reason: auditReason,
        at: now,
      });
      const touched = appliesNow ? null : touchCase(tx, target, now, { context, entries: requested });
      if (touched && !secondPerson) insertOutboxRow(tx, action.id, outboxCallFor(tx, target, action), now);
      let updated = touched;
      if (!updated) {
        emitAudit(tx, context, requested(target));
        updated = decideCaseLocally(tx, target, action, now, {
          context,
          entries: (decided) => localApplicationEntry(target, decided, action, auditReason, now),
        });
      }
      return { status: 202, body: { action: toActionView(tx, action), case: toCaseSummary(updated) } };
    },
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
