import { caseActions, caseDrifts, type Orm } from '@backoffice/db';
import { and, desc, eq, inArray, lt, ne, type SQL, sql } from 'drizzle-orm';
import { OPEN_ACTION_STATUSES } from '../actions/action-types';

export type DriftRow = typeof caseDrifts.$inferSelect;

/** The drift of a case not yet resolved (at most one: a partial unique index holds it). */
export function findUnresolvedDrift(tx: Orm, caseId: number): DriftRow | undefined {
  return tx
    .select()
    .from(caseDrifts)
    .where(and(eq(caseDrifts.caseId, caseId), ne(caseDrifts.status, 'resolved')))
    .get();
}

export function findDrift(tx: Orm, id: number): DriftRow | undefined {
  return tx.select().from(caseDrifts).where(eq(caseDrifts.id, id)).get();
}

export function insertDrift(tx: Orm, row: Omit<typeof caseDrifts.$inferInsert, 'id'>): DriftRow {
  return tx.insert(caseDrifts).values(row).returning().get();
}

export function updateDrift(tx: Orm, id: number, changes: Partial<typeof caseDrifts.$inferInsert>): DriftRow {
  return tx.update(caseDrifts).set(changes).where(eq(caseDrifts.id, id)).returning().get();
}

/** Another sighting of the same divergence: bookkeeping only (the drift itself was audited when found). */
export function markDriftSeen(tx: Orm, id: number, now: number): void {
  tx.update(caseDrifts)
    .set({ lastSeenAt: now, seenCount: sql`${caseDrifts.seenCount} + 1` })
    .where(eq(caseDrifts.id, id))
    .run();
}

/** Newest first, older than the keyset cursor `before` (a drift id) when given; `limit` rows at most. */
export function listDrifts(
  db: Orm,
  filter: 'unresolved' | 'resolved' | 'all',
  limit: number,
  before?: number,
): DriftRow[] {
  const status =
    filter === 'all'
      ? undefined
      : filter === 'resolved'
        ? eq(caseDrifts.status, 'resolved')
        : ne(caseDrifts.status, 'resolved');
  const where = and(status, before === undefined ? undefined : lt(caseDrifts.id, before));
  return db.select().from(caseDrifts).where(where).orderBy(desc(caseDrifts.id)).limit(limit).all();
}

export function countUnresolvedDrifts(db: Orm): number {
  return (
    db
      .select({ count: sql<number>`count(*)` })
      .from(caseDrifts)
      .where(ne(caseDrifts.status, 'resolved'))
      .get()?.count ?? 0
  );
}

const STATUS_ACTION_TYPES = ['approve', 'decline', 'request_resubmission'];

/** Our status actions on the case (decisions and resubmission requests) whose status passes `status`. */
function statusActionsOf(tx: Orm, caseId: number, status: SQL) {
  return tx
    .select({ id: caseActions.id, type: caseActions.type })
    .from(caseActions)
    .where(and(eq(caseActions.caseId, caseId), inArray(caseActions.type, STATUS_ACTION_TYPES), status));
}

/** The newest status action we applied on the case (a decision or a resubmission request), if any. */
export function lastAppliedStatusAction(tx: Orm, caseId: number) {
  return statusActionsOf(tx, caseId, eq(caseActions.status, 'applied'))
    .orderBy(desc(caseActions.resolvedAt), desc(caseActions.id))
    .get();
}

/** Our status actions still on their way to the provider (or awaiting a second person). */
export function openStatusActions(tx: Orm, caseId: number) {
  return statusActionsOf(tx, caseId, inArray(caseActions.status, [...OPEN_ACTION_STATUSES])).all();
}

/** Unresolved drifts now, and how many of them wait for a second manager, for the dashboard. */
export function driftCounts(db: Orm): { unresolved: number; awaitingApproval: number } {
  const rows = db
    .select({ status: caseDrifts.status, count: sql<number>`count(*)` })
    .from(caseDrifts)
    .where(ne(caseDrifts.status, 'resolved'))
    .groupBy(caseDrifts.status)
    .all();
  const awaitingApproval = rows.find((row) => row.status === 'awaiting_approval')?.count ?? 0;
  return { unresolved: rows.reduce((sum, row) => sum + row.count, 0), awaitingApproval };
}
