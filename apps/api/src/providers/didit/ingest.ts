import type { CaseStatus } from '@backoffice/contracts';
import type { CaseRow, Orm } from '@backoffice/db';
import { type DiditDecision, decisionToCaseFields, knownDiditCaseStatus } from '@backoffice/providers/didit';
import { providerAuditContext, systemAuditContext } from '../../modules/audit/emit';
import {
  advanceProviderEventAt,
  insertProviderCase,
  setCaseFlag,
  updateProviderCase,
} from '../../modules/cases/writes';
import { checkDrift } from '../../modules/drift/detect';
import {
  type IngestEvent,
  type Ingestion,
  type IngestResult,
  type IngestStep,
  ingest,
  ingestIn,
  subjectAndRiskOf,
  unmoved,
} from '../../modules/ingestion/pipeline';
import { findProviderCase } from '../../modules/ingestion/repo';
import { enqueueReread } from '../../modules/reconcile/jobs-repo';
import type { AppDeps } from '../../platform/deps';

/** Didit statuses that mean "no outcome yet"; everything else is a decision or a terminal state. */
const UNDECIDED_STATUSES = new Set(['Not Started', 'In Progress']);
/** From these a session legitimately goes back to In Progress (the user redoes the listed steps). */
const REOPENABLE_STATUSES = new Set(['Not Started', 'In Progress', 'Resubmitted']);
/** A case that reached one of these has an outcome a reviewer or Didit's engine decided. */
const DECIDED_CASE_STATUSES = new Set<CaseStatus>(['approved', 'rejected']);
/** Case statuses without an outcome: moving a decided case here undoes its decision. */
const UNDECIDED_CASE_STATUSES = new Set<CaseStatus>(['pending', 'needs_review']);
/** Where a case first seen with a status we do not know waits: in front of a person, not out of sight. */
const UNKNOWN_STATUS_NEW_CASE: CaseStatus = 'needs_review';

export interface DiditStateUpdate {
  sessionId: string;
  providerStatus: string;
  /** Provider time of the event (ms); null when unknown. */
  eventAtMs: number | null;
  /** Full decision object when the provider sent or we fetched one. */
  decision: DiditDecision | null;
  vendorData: string | null;
  workflowId: string | null;
}

export type IngestSource =
  | { kind: 'webhook'; eventId: string; eventType: string; requestId: string }
  | { kind: 'reconcile'; requestId: string };

export type { IngestResult, IngestStep } from '../../modules/ingestion/pipeline';
export { publishIngested } from '../../modules/ingestion/pipeline';

/** Whether this state would take a decided case back to an undecided one (undoing its decision). */
function reopensDecision(existing: CaseRow, status: CaseStatus): boolean {
  return DECIDED_CASE_STATUSES.has(existing.status as CaseStatus) && UNDECIDED_CASE_STATUSES.has(status);
}

function classify(
  existing: CaseRow,
  update: DiditStateUpdate,
  status: CaseStatus,
  source: IngestSource,
): 'stale' | 'in_doubt' | null {
  if (source.kind === 'reconcile') return null; // a fresh read of the provider is the truth
  if (
    update.eventAtMs !== null &&
    existing.providerEventAt !== null &&
    update.eventAtMs < existing.providerEventAt
  ) {
    return 'stale';
  }
  // A late "In Progress" must never undo a decision; re-reading the provider settles what is true.
  if (UNDECIDED_STATUSES.has(update.providerStatus) && !REOPENABLE_STATUSES.has(existing.providerStatus)) {
    return 'in_doubt';
  }
  // A signed delivery can still be late or replayed out of order: only a re-read may undo a decision.
  if (reopensDecision(existing, status)) return 'in_doubt';
  return null;
}

function nextFields(update: DiditStateUpdate, status: CaseStatus, nowMs: number) {
  if (update.decision) {
    const fields = decisionToCaseFields(update.decision);
    return {
      providerStatus: update.providerStatus,
      status,
      ...subjectAndRiskOf(fields),
      workflowId: fields.workflowId ?? update.workflowId,
      createdAt: fields.createdAtMs ?? update.eventAtMs ?? nowMs,
      subjectRef: fields.subjectRef ?? update.vendorData,
      payload: JSON.stringify(update.decision),
    };
  }
  return {
    providerStatus: update.providerStatus,
    status,
    workflowId: update.workflowId,
    createdAt: update.eventAtMs ?? nowMs,
    subjectRef: update.vendorData,
  };
}

function apply(tx: Orm, deps: AppDeps, update: DiditStateUpdate, source: IngestSource): IngestStep {
  const now = deps.now();
  const existing = findProviderCase(tx, 'didit', update.sessionId);
  const knownStatus = knownDiditCaseStatus(update.providerStatus);
  const audit = {
    context:
      source.kind === 'webhook'
        ? providerAuditContext('didit', source.requestId)
        : systemAuditContext('reconciliation', source.requestId),
    reason: source.kind === 'webhook' ? `${source.eventType} ${source.eventId}` : 'reconciliation read',
  };
  // Only a delivery asks for a re-read: a reconciliation read already is one, and queuing another would loop.
  const rereadLater = (reason: string) => {
    if (source.kind === 'webhook') enqueueReread(tx, 'didit', update.sessionId, reason, now);
  };

  if (!existing) {
    const { createdAt, ...rest } = nextFields(update, knownStatus ?? UNKNOWN_STATUS_NEW_CASE, now);
    let inserted = insertProviderCase(
      tx,
      {
        provider: 'didit',
        kind: 'kyc_session',
        externalId: update.sessionId,
        warningCount: 0,
        ...rest,
        createdAt,
        providerEventAt: update.eventAtMs,
      },
      audit,
      now,
    );
    if (knownStatus === null) {
      inserted = setCaseFlag(tx, inserted, 'unknown_provider_status', update.providerStatus, audit, now);
      rereadLater('unknown_status');
    }
    return { outcome: 'applied', caseId: inserted.id, version: inserted.version, status: inserted.status };
  }

  if (knownStatus === null) {
    // A status we cannot place must not move the case (it might undo a decision or hide a review):
    // keep it where it is, show the raw status on its flag, and ask Didit again.
    rereadLater('unknown_status');
    if (existing.flag === 'unknown_provider_status' && existing.flagDetail === update.providerStatus) {
      return unmoved('unchanged', existing.id);
    }
    const flagged = setCaseFlag(tx, existing, 'unknown_provider_status', update.providerStatus, audit, now);
    return { outcome: 'flagged', caseId: flagged.id, version: flagged.version, status: flagged.status };
  }

  const refused = classify(existing, update, knownStatus, source);
  if (refused === 'in_doubt') rereadLater('in_doubt');
  if (refused) return unmoved(refused, existing.id);

  const fields = nextFields(update, knownStatus, now);
  // The customer reference is bound when the case is first seen and never re-read from later payloads.
  const { createdAt: _createdAt, subjectRef: _subjectRef, ...changes } = fields;
  const providerEventAt =
    update.eventAtMs === null
      ? existing.providerEventAt
      : Math.max(update.eventAtMs, existing.providerEventAt ?? 0);
  // A state that diverges from our own decision is held as a drift, never applied (docs/reliability.md, "Drift").
  const drift = checkDrift(tx, now, existing, {
    changes,
    providerEventAt,
    source: source.kind,
    context: audit.context,
    reason: audit.reason,
  });
  if ('hold' in drift) return drift.hold;
  const current = drift.proceed;
  const changed = Object.entries(changes).some(
    ([key, value]) => value !== undefined && current[key as keyof CaseRow] !== value,
  );
  if (!changed) {
    if (providerEventAt !== current.providerEventAt) advanceProviderEventAt(tx, current, providerEventAt);
    if (current === existing) return unmoved('unchanged', current.id);
    return { outcome: 'applied', caseId: current.id, version: current.version, status: current.status };
  }
  let updated = updateProviderCase(tx, current, changes, providerEventAt, audit, now);
  if (reopensDecision(existing, knownStatus)) {
    // Didit itself confirmed it (this is a fresh read), yet a decision was undone: a manager must know.
    updated = setCaseFlag(
      tx,
      updated,
      'reopened_after_decision',
      `${existing.providerStatus} → ${update.providerStatus}`,
      audit,
      now,
    );
  }
  return { outcome: 'applied', caseId: updated.id, version: updated.version, status: updated.status };
}

export interface RereadEvent {
  sessionId: string;
  eventId: string;
  eventType: string;
  eventAtMs: number | null;
  requestId: string;
}

const webhookEvent = (
  sessionId: string,
  event: { eventId: string; eventType: string; eventAtMs: number | null },
): IngestEvent => ({
  provider: 'didit',
  eventId: event.eventId,
  eventType: event.eventType,
  externalId: sessionId,
  providerEventAt: event.eventAtMs,
});

/** A delivery without state: recorded with a durable re-read of the session instead of applied. */
function rereadIngestion(deps: AppDeps, event: RereadEvent): Ingestion {
  return {
    event: webhookEvent(event.sessionId, event),
    apply(tx) {
      const existing = findProviderCase(tx, 'didit', event.sessionId);
      enqueueReread(tx, 'didit', event.sessionId, event.eventType, deps.now());
      return unmoved('reread_queued', existing?.id ?? null);
    },
  };
}

/** The DB step of `queueDiditReread`, inside a transaction the caller commits (or a group commit). */
export function queueDiditRereadIn(tx: Orm, deps: AppDeps, event: RereadEvent): IngestStep {
  return ingestIn(tx, deps, rereadIngestion(deps, event));
}

/**
 * Records a delivery that carries no authoritative state (`data.updated`) with a durable re-read of the
 * session, in one transaction: once this returns, a 2xx may be sent, because the re-read will happen
 * (retried until Didit answers, across restarts) even if Didit is down right now.
 */
export function queueDiditReread(deps: AppDeps, event: RereadEvent): IngestResult {
  return ingest(deps, rereadIngestion(deps, event));
}

/** The DB step of `ingestDiditState` (dedup, case change with its audit rows, event row), in the caller's transaction. */
export function ingestDiditStateIn(
  tx: Orm,
  deps: AppDeps,
  update: DiditStateUpdate,
  source: IngestSource,
): IngestStep {
  return ingestIn(tx, deps, diditIngestion(deps, update, source));
}

function diditIngestion(deps: AppDeps, update: DiditStateUpdate, source: IngestSource): Ingestion {
  return {
    event:
      source.kind === 'webhook'
        ? webhookEvent(update.sessionId, { ...source, eventAtMs: update.eventAtMs })
        : null,
    apply: (tx) => apply(tx, deps, update, source),
  };
}

/**
 * Applies one Didit state to its case in a single transaction: the event's dedup row, the case change
 * and its audit row commit together or not at all. Publishes the change only after the commit.
 */
export function ingestDiditState(
  deps: AppDeps,
  update: DiditStateUpdate,
  source: IngestSource,
): IngestResult {
  return ingest(deps, diditIngestion(deps, update, source));
}
