import { type AuditEntry, appendAudit, cases, type Orm } from '@backoffice/db';
import { eq } from 'drizzle-orm';
import { dueAtFor, readSlaPolicy } from '../sla/repo';

export type CaseRow = typeof cases.$inferSelect;
type CaseInsert = typeof cases.$inferInsert;

/** Who and why, for the audit row of a provider-driven case change (the action is chosen here). */
export type CaseChangeAudit = Omit<AuditEntry, 'action' | 'caseId' | 'before' | 'after'>;

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

/** What the audit trail keeps of a case: no names, dates of birth or document numbers (R14, R23). */
export function caseAuditSnapshot(
  row: Pick<CaseRow, 'status' | 'providerStatus' | 'riskScore' | 'riskBand' | 'warningCount'>,
) {
  return {
    status: row.status,
    providerStatus: row.providerStatus,
    riskScore: row.riskScore,
    riskBand: row.riskBand,
    warningCount: row.warningCount,
  };
}

/** Inserts a case first seen from a provider and its `case.created` audit row, in the caller's transaction. */
export function insertProviderCase(
  tx: Orm,
  values: Omit<CaseInsert, 'id' | 'updatedAt' | 'decidedAt' | 'version'>,
  audit: CaseChangeAudit,
  now: number,
): CaseRow {
  const inserted = tx
    .insert(cases)
    .values({
      ...values,
      ...reviewClock(tx, null, { ...values, riskBand: values.riskBand ?? null }, now),
      updatedAt: now,
      decidedAt: DECIDED_STATUSES.has(values.status) ? now : null,
      version: 1,
    })
    .returning()
    .get();
  appendAudit(tx, {
    ...audit,
    action: 'case.created',
    caseId: inserted.id,
    after: caseAuditSnapshot(inserted),
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
  appendAudit(tx, {
    ...audit,
    action: statusChanged ? 'case.status_changed' : 'case.updated',
    caseId: existing.id,
    before: caseAuditSnapshot(existing),
    after: caseAuditSnapshot(updated),
  });
  return updated;
}

/** Why ingestion put a case in front of a manager (see the `flag` column). */
/** A provider status is a short word; a longer one is cut so the flag stays a label, not a payload. */
const FLAG_DETAIL_MAX = 100;

export type CaseFlag = 'unknown_provider_status' | 'reopened_after_decision' | 'qa_disagreement';

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
  appendAudit(tx, {
    ...audit,
    action: 'case.flagged',
    caseId: existing.id,
    before: { flag: existing.flag, flagDetail: existing.flagDetail, status: existing.status },
    after: { flag, flagDetail: updated.flagDetail, status: updated.status },
  });
  return updated;
}
