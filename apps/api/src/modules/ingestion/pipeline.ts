import { type CaseRow, type Orm, writeTransaction } from '@backoffice/db';
import type { AppDeps } from '../../platform/deps';
import { findProviderEvent, insertProviderEvent } from './repo';

/**
 * What one delivery or read did to its case. `duplicate`: this event was recorded before; `stale`: older
 * than what the case holds; `in_doubt`: not applied, a durable re-read was queued; `flagged`: an unknown
 * status was recorded on the case's flag without moving it; `reread_queued`: the event carried no
 * state, a durable re-read was queued; `conflict`: the same id arrived again with different content.
 */
export type IngestOutcome =
  | 'applied'
  | 'unchanged'
  | 'duplicate'
  | 'stale'
  | 'in_doubt'
  | 'flagged'
  | 'reread_queued'
  | 'conflict';

/** The one result type of every provider's ingestion. */
export interface IngestResult {
  outcome: IngestOutcome;
  caseId: number | null;
  status: string | null;
}

/** What the database step decided; `publishIngested` announces it once it is committed. */
export interface IngestStep extends IngestResult {
  /** The case's version after the step; null when the case did not move. */
  version: number | null;
}

/** A delivery's identity at its provider, recorded once (`provider_events`) so a replay changes nothing. */
export interface IngestEvent {
  provider: string;
  eventId: string;
  eventType: string;
  externalId: string;
  providerEventAt: number | null;
}

export interface Ingestion {
  /** The delivery to deduplicate and record; null for a fresh read of the provider (reconciliation). */
  event: IngestEvent | null;
  /**
   * Replaces the event-id lookup where the provider's own key says more (Ditto: the same requester id
   * with other content is a conflict, not a duplicate); null when the delivery is new.
   */
  seen?(tx: Orm): IngestStep | null;
  /** Inserts or updates the case with its audit row (through `cases/writes`), or decides not to. */
  apply(tx: Orm): IngestStep;
}

export const unmoved = (
  outcome: IngestOutcome,
  caseId: number | null,
  status: string | null = null,
): IngestStep => ({
  outcome,
  caseId,
  status,
  version: null,
});

/**
 * The database step of every provider's ingestion, in the caller's transaction (its own, or a group
 * commit's savepoint): dedup → insert or update the case with its audit row → record the event.
 */
export function ingestIn(tx: Orm, deps: AppDeps, ingestion: Ingestion): IngestStep {
  const { event } = ingestion;
  if (ingestion.seen) {
    const seen = ingestion.seen(tx);
    if (seen) return seen;
  } else if (event) {
    const seen = findProviderEvent(tx, event.provider, event.eventId);
    if (seen) return unmoved('duplicate', seen.caseId);
  }
  const step = ingestion.apply(tx);
  if (event)
    insertProviderEvent(tx, { ...event, caseId: step.caseId, outcome: step.outcome, receivedAt: deps.now() });
  return step;
}

/** Announces a committed ingestion step to listeners; must run only after its transaction committed. */
export function publishIngested(deps: AppDeps, step: IngestStep): IngestResult {
  const moved = step.outcome === 'applied' || step.outcome === 'flagged';
  if (moved && step.caseId !== null && step.version !== null) {
    deps.events.publishCaseChanged({ id: step.caseId, status: step.status ?? '', version: step.version });
  }
  return { outcome: step.outcome, caseId: step.caseId, status: step.status };
}

/**
 * One ingestion in one transaction: the event's dedup row, the case change and its audit row commit
 * together or not at all; the change is published only after the commit.
 */
export function ingest(deps: AppDeps, ingestion: Ingestion): IngestResult {
  return publishIngested(
    deps,
    writeTransaction(deps.db, (tx) => ingestIn(tx, deps, ingestion)),
  );
}

/** The case columns every provider's mapping fills the same way: who the subject is and how risky. */
export type SubjectAndRisk = Pick<
  CaseRow,
  'subjectName' | 'subjectCountry' | 'documentNumber' | 'riskScore' | 'riskBand' | 'warningCount'
>;

/** The subject and risk columns of a provider's case fields, as the case row stores them. */
export function subjectAndRiskOf(fields: SubjectAndRisk): SubjectAndRisk {
  return {
    subjectName: fields.subjectName,
    subjectCountry: fields.subjectCountry,
    documentNumber: fields.documentNumber,
    riskScore: fields.riskScore,
    riskBand: fields.riskBand,
    warningCount: fields.warningCount,
  };
}
