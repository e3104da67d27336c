import { type CaseRow, cases, completeRow, type Orm, placeholdersFor, preparedQuery } from '@backoffice/db';
import { eq } from 'drizzle-orm';
import {
  type AuditContext,
  type AuditEmitEntry,
  caseAuditRef,
  caseAuditSnapshot,
  emitAudit,
} from '../audit/emit';
import { dueAtFor, readSlaPolicy } from '../sla/repo';

/*
 * The only code that inserts or updates `cases` (a static test in cases/writes.test.ts holds every other
 * file to it). Each write takes the audit row(s) it must write and emits them in the same transaction, so a
 * case change cannot be committed without its trail (docs/architecture.md, "Audit").
 */

type CaseInsert = typeof cases.$inferInsert;

// Every new case from a provider is one run of this statement, built once per connection.
const insertCaseRow = preparedQuery((orm) =>
  orm
    .insert(cases)
    .values(placeholdersFor(cases, ['id']))
    .returning()
    .prepare(),
);
const insertedCase = (tx: Orm, values: Omit<CaseInsert, 'id'>): CaseRow =>
  insertCaseRow(tx).get(completeRow(cases, values)) as CaseRow;

/** Who and why, for the audit row of a provider-driven case change (the action is chosen here). */
export interface CaseChangeAudit {
  context: AuditContext;
  reason?: string | null;
}

/** The audit row(s) of a case write, built from the row as written (its new version, status, ...). */
export interface CaseAudit {
  context: AuditContext;
  entries: (written: CaseRow) => AuditEmitEntry | AuditEmitEntry[];
}

function emitAll(tx: Orm, audit: CaseAudit, written: CaseRow): void {
  const entries = audit.entries(written);
  for (const entry of Array.isArray(entries) ? entries : [entries]) emitAudit(tx, audit.context, entry);
}

/** Applies `changes` to one case and writes its audit row(s) in the caller's transaction. */
export function writeCase(
  tx: Orm,
  existing: Pick<CaseRow, 'id'>,
  changes: Omit<Partial<CaseInsert>, 'id'>,
  audit: CaseAudit,
): CaseRow {
  const written = tx.update(cases).set(changes).where(eq(cases.id, existing.id)).returning().get();
  emitAll(tx, audit, written);
  return written;
}

/** Bumps the case version so every open page holding the old one refetches before deciding. */
export const touchCase = (tx: Orm, row: CaseRow, now: number, audit: CaseAudit): CaseRow =>
  writeCase(tx, row, { version: row.version + 1, updatedAt: now }, audit);

/** A local decision (Ditto ID): the case takes the decided status at once, with a new version. */
export const setCaseDecision = (tx: Orm, row: CaseRow, status: string, now: number, audit: CaseAudit) =>
  writeCase(tx, row, { status, decidedAt: now, updatedAt: now, version: row.version + 1 }, audit);

/** A status change that decides nothing (escalation): `decidedAt` keeps the last decision, if any. */
export const moveCaseStatus = (tx: Orm, row: CaseRow, status: string, now: number, audit: CaseAudit) =>
  writeCase(tx, row, { status, updatedAt: now, version: row.version + 1 }, audit);

/** Inserts a case that starts with us (a Ditto submission), with its audit row(s). */
export function insertCase(tx: Orm, values: Omit<CaseInsert, 'id'>, audit: CaseAudit): CaseRow {
  const inserted = insertedCase(tx, values);
  emitAll(tx, audit, inserted);
  return inserted;
}

/**
 * New due times for open cases after an SLA policy change, recorded by the one settings row the caller
 * passes (the policy change is the decision; the due times follow from it).
 */
export function setCaseDueTimes(
  tx: Orm,
  dueTimes: { id: number; dueAt: number | null }[],
  context: AuditContext,
  entry: (changed: number) => AuditEmitEntry,
): number {
  for (const { id, dueAt } of dueTimes) tx.update(cases).set({ dueAt }).where(eq(cases.id, id)).run();
  emitAudit(tx, context, entry(dueTimes.length));
  return dueTimes.length;
}

/**
 * Bookkeeping without an audit row: the provider time of the newest event seen moved on while the case
 * itself did not change (the event is recorded in provider_events).
 */
export function advanceProviderEventAt(tx: Orm, row: Pick<CaseRow, 'id'>, providerEventAt: number | null) {
  tx.update(cases).set({ providerEventAt }).where(eq(cases.id, row.id)).run();
}

const DECIDED_STATUSES = new Set(['approved', 'rejected']);

/**
 * The review clock of a case after a write: it starts when the case enters needs_review, and the due time
 * follows the policy in force (re-derived while in review, since the risk band may change). A case that
 * leaves review keeps both, so a decided case still shows whether it was decided in time.
 */
function reviewClock(
  tx: Orm,
  before: Pick<CaseRow, 'status' | 'reviewEnteredAt' | 'dueAt'> | null,
  after: { provider: string; kind: string; status: string; riskBand: string | null },
  now: number,
): Pick<CaseRow, 'reviewEnteredAt' | 'dueAt'> {
  if (after.status !== 'needs_review') {
    return { reviewEnteredAt: before?.reviewEnteredAt ?? null, dueAt: before?.dueAt ?? null };
  }
  const reviewEnteredAt =
    before?.status === 'needs_review' && before.reviewEnteredAt !== null ? before.reviewEnteredAt : now;
  return { reviewEnteredAt, dueAt: dueAtFor(readSlaPolicy(tx), after, reviewEnteredAt) };
}

/** Inserts a case first seen from a provider and its `case.created` audit row, in the caller's transaction. */
export function insertProviderCase(
  tx: Orm,
  values: Omit<CaseInsert, 'id' | 'updatedAt' | 'decidedAt' | 'version'>,
  audit: CaseChangeAudit,
  now: number,
): CaseRow {
  const inserted = insertedCase(tx, {
    ...values,
    ...reviewClock(tx, null, { ...values, riskBand: values.riskBand ?? null }, now),
    updatedAt: now,
    decidedAt: DECIDED_STATUSES.has(values.status) ? now : null,
    version: 1,
  });
  emitAudit(tx, audit.context, {
    ...caseAuditRef(inserted),
    action: 'case.created',
    after: caseAuditSnapshot(inserted),
    reason: audit.reason ?? null,
    at: now,
  });
  return inserted;
}

/**
 * Applies a provider's new state to an existing case in the caller's transaction: bumps the version
 * (optimistic concurrency), keeps `decidedAt` at the moment of the decision, and writes the audit row
 * (`case.status_changed` when the status moved, `case.updated` otherwise).
 */
export function updateProviderCase(
  tx: Orm,
  existing: CaseRow,
  changes: Omit<Partial<CaseInsert>, 'id' | 'version'> & Pick<CaseRow, 'status' | 'providerStatus'>,
  providerEventAt: number | null,
  audit: CaseChangeAudit,
  now: number,
): CaseRow {
  // `escalated` is ours alone (no provider status maps onto it): a re-read that finds the provider where
  // it was must not silently hand the case back to the analysts. A real move at the provider still wins.
  if (existing.status === 'escalated' && existing.providerStatus === changes.providerStatus) {
    changes = { ...changes, status: existing.status };
  }
  const statusChanged =
    existing.status !== changes.status || existing.providerStatus !== changes.providerStatus;
  const decidedAt = DECIDED_STATUSES.has(changes.status) ? (statusChanged ? now : existing.decidedAt) : null;
  const clock = reviewClock(
    tx,
    existing,
    {
      provider: existing.provider,
      kind: existing.kind,
      status: changes.status,
      riskBand: changes.riskBand !== undefined ? changes.riskBand : existing.riskBand,
    },
    now,
  );
  const updated = tx
    .update(cases)
    .set({ ...changes, ...clock, updatedAt: now, decidedAt, providerEventAt, version: existing.version + 1 })
    .where(eq(cases.id, existing.id))
    .returning()
    .get();
  emitAudit(tx, audit.context, {
    ...caseAuditRef(existing),
    action: statusChanged ? 'case.status_changed' : 'case.updated',
    before: caseAuditSnapshot(existing),
    after: caseAuditSnapshot(updated),
    reason: audit.reason ?? null,
    at: now,
  });
  return updated;
}

/** Why ingestion put a case in front of a manager (see the `flag` column). */
/** A provider status is a short word; a longer one is cut so the flag stays a label, not a payload. */
const FLAG_DETAIL_MAX = 100;

export type CaseFlag = 'unknown_provider_status' | 'reopened_after_decision' | 'qa_disagreement' | 'drift';

/**
 * Flags a case for a manager in the caller's transaction, with its `case.flagged` audit row. The detail is
 * provider vocabulary (a raw status, or "from → to"), never personal data. Bumps the version so an open
 * page and a stale action notice.
 */
export function setCaseFlag(
  tx: Orm,
  existing: CaseRow,
  flag: CaseFlag,
  detail: string,
  audit: CaseChangeAudit,
  now: number,
): CaseRow {
  const updated = tx
    .update(cases)
    .set({
      flag,
      flagDetail: detail.slice(0, FLAG_DETAIL_MAX),
      flaggedAt: now,
      updatedAt: now,
      version: existing.version + 1,
    })
    .where(eq(cases.id, existing.id))
    .returning()
    .get();
  emitAudit(tx, audit.context, {
    ...caseAuditRef(existing),
    action: 'case.flagged',
    reason: audit.reason ?? null,
    at: now,
    before: { flag: existing.flag, flagDetail: existing.flagDetail, status: existing.status },
    after: { flag, flagDetail: updated.flagDetail, status: updated.status },
  });
  return updated;
}
