import { appendAudit, cases, type Orm, providerEvents, writeTransaction } from '@backoffice/db';
import {
  type DiditDecision,
  decisionToCaseFields,
  diditStatusToCaseStatus,
} from '@backoffice/providers/didit';
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../platform/deps';
import { type CaseRow, insertProviderCase, updateProviderCase } from '../cases/writes';

/** Didit statuses that mean "no outcome yet"; everything else is a decision or a terminal state. */
const UNDECIDED_STATUSES = new Set(['Not Started', 'In Progress']);
/** From these a session legitimately goes back to In Progress (the user redoes the listed steps). */
const REOPENABLE_STATUSES = new Set(['Not Started', 'In Progress', 'Resubmitted']);

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

export type IngestOutcome = 'applied' | 'unchanged' | 'duplicate' | 'stale' | 'in_doubt';

export interface IngestResult {
  outcome: IngestOutcome;
  caseId: number | null;
}

function classify(existing: CaseRow, update: DiditStateUpdate, source: IngestSource): IngestOutcome | null {
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
  return null;
}

function nextFields(update: DiditStateUpdate, nowMs: number) {
  if (update.decision) {
    const fields = decisionToCaseFields(update.decision);
    return {
      providerStatus: update.providerStatus,
      status: diditStatusToCaseStatus(update.providerStatus),
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
    status: diditStatusToCaseStatus(update.providerStatus),
    workflowId: update.workflowId,
    createdAt: update.eventAtMs ?? nowMs,
    subjectRef: update.vendorData,
  };
}

function apply(
  tx: Orm,
  deps: AppDeps,
  update: DiditStateUpdate,
  source: IngestSource,
): IngestResult & { version?: number; status?: string } {
  const now = deps.now();
  const existing = tx
    .select()
    .from(cases)
    .where(and(eq(cases.provider, 'didit'), eq(cases.externalId, update.sessionId)))
    .get();
  const fields = nextFields(update, now);
  const audit = {
    actorType: source.kind === 'webhook' ? ('provider' as const) : ('system' as const),
    actorId: source.kind === 'webhook' ? 'didit' : 'reconciliation',
    provider: 'didit',
    externalId: update.sessionId,
    requestId: source.requestId,
    reason: source.kind === 'webhook' ? `${source.eventType} ${source.eventId}` : 'reconciliation read',
    at: now,
  };

  if (!existing) {
    const { createdAt, ...rest } = fields;
    const inserted = insertProviderCase(
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
    return { outcome: 'applied', caseId: inserted.id, version: inserted.version, status: inserted.status };
  }

  const refused = classify(existing, update, source);
  if (refused) return { outcome: refused, caseId: existing.id };

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
  const updated = updateProviderCase(tx, existing, changes, providerEventAt, audit, now);
  return { outcome: 'applied', caseId: updated.id, version: updated.version, status: updated.status };
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
  const result = writeTransaction(deps.db, (tx) => {
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
  });
  if (result.outcome === 'applied' && result.caseId !== null && 'version' in result && result.version) {
    deps.events.publishCaseChanged({
      id: result.caseId,
      status: result.status ?? '',
      version: result.version,
    });
  }
  return { outcome: result.outcome, caseId: result.caseId };
}
