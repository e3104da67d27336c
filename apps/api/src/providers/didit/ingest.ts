import type { CaseStatus } from '@backoffice/contracts';
import { cases, type Orm, providerEvents, writeTransaction } from '@backoffice/db';
import { type DiditDecision, decisionToCaseFields, knownDiditCaseStatus } from '@backoffice/providers/didit';
import { and, eq } from 'drizzle-orm';
import {
  type CaseRow,
  insertProviderCase,
  setCaseFlag,
  updateProviderCase,
} from '../../modules/cases/writes';
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

/**
 * `in_doubt`: not applied, a durable re-read was queued; `flagged`: an unknown status was recorded on the
 * case's flag without moving it; `reread_queued`: the event carried no state, a durable re-read was queued.
 */
export type IngestOutcome =
  | 'applied'
  | 'unchanged'
  | 'duplicate'
  | 'stale'
  | 'in_doubt'
  | 'flagged'
  | 'reread_queued';

export interface IngestResult {
  outcome: IngestOutcome;
  caseId: number | null;
}

/** Whether this state would take a decided case back to an undecided one (undoing its decision). */
function reopensDecision(existing: CaseRow, status: CaseStatus): boolean {
  return DECIDED_CASE_STATUSES.has(existing.status as CaseStatus) && UNDECIDED_CASE_STATUSES.has(status);
}

function classify(
  existing: CaseRow,
  update: DiditStateUpdate,
  status: CaseStatus,
  source: IngestSource,
): IngestOutcome | null {
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
      subjectName: fields.subjectName,
      subjectCountry: fields.subjectCountry,
      documentNumber: fields.documentNumber,
      riskScore: fields.riskScore,
      riskBand: fields.riskBand,
      warningCount: fields.warningCount,
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
  const existing = tx
    .select()
    .from(cases)
    .where(and(eq(cases.provider, 'didit'), eq(cases.externalId, update.sessionId)))
    .get();
  const knownStatus = knownDiditCaseStatus(update.providerStatus);
  const audit = {
    actorType: source.kind === 'webhook' ? ('provider' as const) : ('system' as const),
    actorId: source.kind === 'webhook' ? 'didit' : 'reconciliation',
    provider: 'didit',
    externalId: update.sessionId,
    requestId: source.requestId,
    reason: source.kind === 'webhook' ? `${source.eventType} ${source.eventId}` : 'reconciliation read',
    at: now,
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
      return { outcome: 'unchanged', caseId: existing.id };
    }
    const flagged = setCaseFlag(tx, existing, 'unknown_provider_status', update.providerStatus, audit, now);
    return { outcome: 'flagged', caseId: flagged.id, version: flagged.version, status: flagged.status };
  }

  const refused = classify(existing, update, knownStatus, source);
  if (refused === 'in_doubt') rereadLater('in_doubt');
  if (refused) return { outcome: refused, caseId: existing.id };

  const fields = nextFields(update, knownStatus, now);
  // The customer reference is bound when the case is first seen and never re-read from later payloads.
  const { createdAt: _createdAt, subjectRef: _subjectRef, ...changes } = fields;
  const changed = Object.entries(changes).some(
    ([key, value]) => value !== undefined && existing[key as keyof CaseRow] !== value,
  );
  const providerEventAt =
    update.eventAtMs === null
      ? existing.providerEventAt
      : Math.max(update.eventAtMs, existing.providerEventAt ?? 0);
  if (!changed) {
    if (providerEventAt !== existing.providerEventAt) {
      tx.update(cases).set({ providerEventAt }).where(eq(cases.id, existing.id)).run();
    }
    return { outcome: 'unchanged', caseId: existing.id };
  }
  let updated = updateProviderCase(tx, existing, changes, providerEventAt, audit, now);
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

/** The DB step of `queueDiditReread`, inside a transaction the caller commits (or a group commit). */
export function queueDiditRereadIn(tx: Orm, deps: AppDeps, event: RereadEvent): IngestResult {
  const seen = tx
    .select({ id: providerEvents.id })
    .from(providerEvents)
    .where(and(eq(providerEvents.provider, 'didit'), eq(providerEvents.eventId, event.eventId)))
    .get();
  if (seen) return { outcome: 'duplicate' as const, caseId: null };
  const now = deps.now();
  const existing = tx
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.provider, 'didit'), eq(cases.externalId, event.sessionId)))
    .get();
  enqueueReread(tx, 'didit', event.sessionId, event.eventType, now);
  tx.insert(providerEvents)
    .values({
      provider: 'didit',
      eventId: event.eventId,
      eventType: event.eventType,
      externalId: event.sessionId,
      caseId: existing?.id ?? null,
      outcome: 'reread_queued',
      providerEventAt: event.eventAtMs,
      receivedAt: now,
    })
    .run();
  return { outcome: 'reread_queued' as const, caseId: existing?.id ?? null };
}

/**
 * Records a delivery that carries no authoritative state (`data.updated`) with a durable re-read of the
 * session, in one transaction: once this returns, a 2xx may be sent, because the re-read will happen
 * (retried until Didit answers, across restarts) even if Didit is down right now.
 */
export function queueDiditReread(deps: AppDeps, event: RereadEvent): IngestResult {
  return writeTransaction(deps.db, (tx) => queueDiditRereadIn(tx, deps, event));
}

/** What the DB step of an ingestion decided; `publishIngested` announces it once it is committed. */
export type IngestStep = IngestResult & { version?: number; status?: string };

/** The DB step of `ingestDiditState` (dedup, case change with its audit rows, event row), in the caller's transaction. */
export function ingestDiditStateIn(
  tx: Orm,
  deps: AppDeps,
  update: DiditStateUpdate,
  source: IngestSource,
): IngestStep {
  if (source.kind === 'webhook') {
    const seen = tx
      .select({ id: providerEvents.id })
      .from(providerEvents)
      .where(and(eq(providerEvents.provider, 'didit'), eq(providerEvents.eventId, source.eventId)))
      .get();
    if (seen) return { outcome: 'duplicate' as const, caseId: null };
  }
  const applied = apply(tx, deps, update, source);
  if (source.kind === 'webhook') {
    tx.insert(providerEvents)
      .values({
        provider: 'didit',
        eventId: source.eventId,
        eventType: source.eventType,
        externalId: update.sessionId,
        caseId: applied.caseId,
        outcome: applied.outcome,
        providerEventAt: update.eventAtMs,
        receivedAt: deps.now(),
      })
      .run();
  }
  return applied;
}

/** Announces a committed ingestion step to listeners; must run only after its transaction committed. */
export function publishIngested(deps: AppDeps, result: IngestStep): IngestResult {
  const moved = result.outcome === 'applied' || result.outcome === 'flagged';
  if (moved && result.caseId !== null && result.version) {
    deps.events.publishCaseChanged({
      id: result.caseId,
      status: result.status ?? '',
      version: result.version,
    });
  }
  return { outcome: result.outcome, caseId: result.caseId };
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
  const result = writeTransaction(deps.db, (tx) => ingestDiditStateIn(tx, deps, update, source));
  return publishIngested(deps, result);
}
