import type {
  CaseActionType,
  DriftDecisionRequest,
  DriftListQuery,
  DriftListResponse,
  DriftResolveRequest,
  DriftView,
} from '@backoffice/contracts';
import { type CaseRow, type Orm, writeTransaction } from '@backoffice/db';
import type { AppDeps } from '../../platform/deps';
import { AppError, notFound } from '../../platform/errors';
import { applyIdempotentPost, type StoredResponse } from '../../platform/idempotency';
import { type Actor, auditContext, outboxCallFor } from '../actions/apply';
import { excludedApprovers, fourEyesReason } from '../actions/four-eyes';
import { decisionChannelOf, transitionVerdict } from '../actions/policy';
import {
  decisionHistory,
  findCaseForUpdate,
  hasOpenStatusAction,
  insertAction,
  readFourEyes,
} from '../actions/repo';
import { type AuditContext, caseAuditRef, emitAudit } from '../audit/emit';
import { updateProviderCase } from '../cases/writes';
import { insertOutboxRow } from '../outbox/repo';
import { closeDriftOnCase } from './detect';
import { countUnresolvedDrifts, type DriftRow, findDrift, listDrifts, updateDrift } from './repo';

type Resolution = DriftResolveRequest['resolution'];

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The status action a resolution amounts to, for the transition table and the four-eyes rules of the
 * actions module: pushing ours repeats our decision; accepting theirs decides as the provider did (or,
 * for an undecided provider state, reopens the case as a resubmission would).
 */
function actionTypeOf(drift: DriftRow, resolution: Resolution): CaseActionType {
  const status = resolution === 'push_ours' ? drift.ourStatus : drift.theirStatus;
  if (status === 'approved') return 'approve';
  if (status === 'rejected') return 'decline';
  return 'request_resubmission';
}

/** Why our decision cannot be sent again, or null when it can. */
function pushRefusal(tx: Orm, target: CaseRow, drift: DriftRow): string | null {
  if (decisionChannelOf(target) !== 'provider') {
    return `${target.provider} ${target.kind} cases are decided here alone; there is no provider decision to send our decision to.`;
  }
  // Checked against the provider's state, since that is what the call will meet there.
  const verdict = transitionVerdict(
    { ...target, status: drift.theirStatus, providerStatus: drift.theirProviderStatus },
    actionTypeOf(drift, 'push_ours'),
    hasOpenStatusAction(tx, target.id),
  );
  return verdict.allowed ? null : verdict.reason;
}

function secondPersonReason(
  tx: Orm,
  target: CaseRow,
  drift: DriftRow,
  resolution: Resolution,
): string | null {
  return fourEyesReason(
    readFourEyes(tx),
    target,
    actionTypeOf(drift, resolution),
    decisionHistory(tx, target.id),
  );
}

function toView(tx: Orm, drift: DriftRow): DriftView {
  const target = findCaseForUpdate(tx, drift.caseId);
  const open = drift.status !== 'resolved' && target !== undefined;
  return {
    id: drift.id,
    caseId: drift.caseId,
    provider: drift.provider,
    kind: drift.kind,
    ours: { status: drift.ourStatus, providerStatus: drift.ourProviderStatus },
    theirs: {
      status: drift.theirStatus,
      providerStatus: drift.theirProviderStatus,
      seenAt: iso(drift.lastSeenAt),
    },
    source: drift.source === 'webhook' ? 'webhook' : 'reconcile',
    detectedAt: iso(drift.detectedAt),
    seenCount: drift.seenCount,
    status: drift.status as DriftView['status'],
    resolution: (drift.resolution as DriftView['resolution']) ?? null,
    requestedBy: drift.requestedBy,
    resolvedBy: drift.resolvedBy,
    resolvedAt: drift.resolvedAt === null ? null : iso(drift.resolvedAt),
    actionId: drift.actionId,
    pushRefusal: open ? pushRefusal(tx, target, drift) : null,
    fourEyes: {
      accept_provider: open ? secondPersonReason(tx, target, drift, 'accept_provider') : null,
      push_ours: open ? secondPersonReason(tx, target, drift, 'push_ours') : null,
    },
  };
}

export function listDriftViews(deps: AppDeps, query: DriftListQuery): DriftListResponse {
  const db = deps.db.orm;
  // One row more than the page tells whether an older page exists without a count.
  const rows = listDrifts(db, query.status, query.limit + 1, query.before);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((row) => toView(db, row)),
    unresolved: countUnresolvedDrifts(db),
    nextBefore: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** Carries out a resolution in the caller's transaction: the case change, the drift row and their audit rows. */
/** A resolution being applied: which drift of which case, how it is resolved, when and by whom (audit). */
interface ResolutionAtHand {
  drift: DriftRow;
  target: CaseRow;
  resolution: Resolution;
  now: number;
  context: AuditContext;
}

function applyResolution(
  tx: Orm,
  { drift, target, resolution, now, context }: ResolutionAtHand,
  people: { requestedBy: string; approvedBy: string | null },
): CaseRow {
  let actionId: number | null = null;
  let updated: CaseRow;
  const reason = `drift ${drift.id}: ${resolution === 'push_ours' ? 'our decision pushed again' : 'provider state accepted'}`;
  const resolvedEntry = (written: CaseRow) => ({
    ...caseAuditRef(target),
    action: 'case.drift_resolved' as const,
    before: { driftId: drift.id, driftStatus: drift.status, version: target.version },
    after: {
      driftId: drift.id,
      resolution,
      ours: { status: drift.ourStatus, providerStatus: drift.ourProviderStatus },
      theirs: { status: drift.theirStatus, providerStatus: drift.theirProviderStatus },
      requestedBy: people.requestedBy,
      ...(people.approvedBy ? { approvedBy: people.approvedBy } : {}),
      ...(actionId !== null ? { actionId } : {}),
      version: written.version,
    },
    reason,
    at: now,
  });
  if (resolution === 'push_ours') {
    const refusal = pushRefusal(tx, target, drift);
    if (refusal) throw new AppError(409, 'transition_not_allowed', refusal);
    const action = insertAction(tx, {
      caseId: target.id,
      type: actionTypeOf(drift, 'push_ours'),
      params: JSON.stringify({}),
      reasonCode: null,
      note: null,
      status: 'pending',
      requestedBy: people.requestedBy,
      requestedAt: now,
      caseVersion: target.version,
      approvedBy: people.approvedBy,
      approvedAt: people.approvedBy ? now : null,
    });
    actionId = action.id;
    // The call starts from the provider's state, which is what it changes there.
    const asProviderHasIt = { ...target, providerStatus: drift.theirProviderStatus };
    insertOutboxRow(tx, action.id, outboxCallFor(tx, asProviderHasIt, action), now);
    updated = closeDriftOnCase(tx, target, now, context, resolvedEntry);
  } else {
    const changes = JSON.parse(drift.theirChanges) as Parameters<typeof updateProviderCase>[2];
    const flag = target.flag === 'drift' ? { flag: null, flagDetail: null, flaggedAt: null } : {};
    const providerEventAt =
      drift.theirEventAt === null
        ? target.providerEventAt
        : Math.max(drift.theirEventAt, target.providerEventAt ?? 0);
    updated = updateProviderCase(
      tx,
      target,
      { ...changes, ...flag },
      providerEventAt,
      { context, reason },
      now,
    );
    emitAudit(tx, context, resolvedEntry(updated));
  }
  updateDrift(tx, drift.id, {
    status: 'resolved',
    resolution,
    requestedBy: people.requestedBy,
    requestedAt: drift.requestedAt ?? now,
    resolvedBy: people.approvedBy ?? people.requestedBy,
    resolvedAt: now,
    actionId,
  });
  return updated;
}

function loadDrift(tx: Orm, id: number): { drift: DriftRow; target: CaseRow } {
  const drift = findDrift(tx, id);
  if (!drift) throw notFound(`Drift ${id}`);
  const target = findCaseForUpdate(tx, drift.caseId);
  if (!target) throw notFound(`Case ${drift.caseId}`);
  return { drift, target };
}

function publish(deps: AppDeps, row: CaseRow | null): void {
  if (row) deps.events.publishCaseChanged({ id: row.id, status: row.status, version: row.version });
}

/**
 * A manager's resolution of an open drift. When the resolution reverses a decision (the four-eyes rules of
 * the actions module say so), it waits for a second manager instead of being applied.
 */
export function resolveDrift(
  deps: AppDeps,
  actor: Actor,
  input: { id: number; idempotencyKey: string; request: DriftResolveRequest },
): StoredResponse<DriftView> {
  let changed: CaseRow | null = null;
  const result = applyIdempotentPost<DriftView>(
    deps,
    {
      userId: actor.user.id,
      key: input.idempotencyKey,
      path: `/api/drift/${input.id}/resolve`,
      request: { body: input.request },
    },
    (tx, now) => {
      const { drift, target } = loadDrift(tx, input.id);
      if (drift.status !== 'open') {
        throw new AppError(
          409,
          'drift_not_open',
          `Drift ${drift.id} is ${drift.status.replace('_', ' ')}; it cannot be resolved again.`,
        );
      }
      const { resolution } = input.request;
      if (resolution === 'push_ours') {
        const refusal = pushRefusal(tx, target, drift);
        if (refusal) throw new AppError(409, 'transition_not_allowed', refusal);
      }
      const context = auditContext(actor);
      const secondPerson = secondPersonReason(tx, target, drift, resolution);
      if (secondPerson) {
        updateDrift(tx, drift.id, {
          status: 'awaiting_approval',
          resolution,
          requestedBy: actor.user.id,
          requestedAt: now,
        });
        emitAudit(tx, context, {
          ...caseAuditRef(target),
          action: 'case.drift_resolution_requested',
          before: { driftId: drift.id, driftStatus: drift.status },
          after: {
            driftId: drift.id,
            driftStatus: 'awaiting_approval',
            resolution,
            fourEyes: secondPerson,
          },
          reason: null,
          at: now,
        });
      } else {
        const people = { requestedBy: actor.user.id, approvedBy: null };
        changed = applyResolution(tx, { drift, target, resolution, now, context }, people);
      }
      return { status: 200, body: toView(tx, findDrift(tx, drift.id) as DriftRow) };
    },
  );
  publish(deps, changed);
  return result;
}

/** A second manager approves or rejects a resolution waiting for one; nobody approves their own. */
export function decideDrift(
  deps: AppDeps,
  actor: Actor,
  id: number,
  request: DriftDecisionRequest,
): DriftView {
  const now = deps.now();
  let changed: CaseRow | null = null;
  const view = writeTransaction(deps.db, (tx) => {
    const { drift, target } = loadDrift(tx, id);
    if (drift.status !== 'awaiting_approval' || !drift.resolution || !drift.requestedBy) {
      throw new AppError(
        409,
        'drift_not_awaiting_approval',
        `Drift ${drift.id} is ${drift.status.replace('_', ' ')}; there is no resolution to ${request.decision}.`,
      );
    }
    const resolution = drift.resolution as Resolution;
    if (drift.requestedBy === actor.user.id) {
      throw new AppError(
        403,
        'self_approval',
        'A resolution that reverses a decision must be approved or rejected by someone other than its requester.',
      );
    }
    const excluded = excludedApprovers(
      decisionHistory(tx, target.id),
      target,
      actionTypeOf(drift, resolution),
      drift.requestedBy,
    );
    if (request.decision === 'approve' && excluded.has(actor.user.id)) {
      throw new AppError(
        403,
        'self_approval',
        'This resolution would reverse a decision you took part in; someone who was not involved must approve it.',
      );
    }
    const context = auditContext(actor);
    if (request.decision === 'approve') {
      const people = { requestedBy: drift.requestedBy, approvedBy: actor.user.id };
      changed = applyResolution(tx, { drift, target, resolution, now, context }, people);
    } else {
      updateDrift(tx, drift.id, { status: 'open', resolution: null, requestedBy: null, requestedAt: null });
      emitAudit(tx, context, {
        ...caseAuditRef(target),
        action: 'case.drift_resolution_rejected',
        before: { driftId: drift.id, driftStatus: drift.status, resolution, requestedBy: drift.requestedBy },
        after: { driftId: drift.id, driftStatus: 'open' },
        reason: null,
        at: now,
      });
    }
    return toView(tx, findDrift(tx, drift.id) as DriftRow);
  });
  publish(deps, changed);
  return view;
}
