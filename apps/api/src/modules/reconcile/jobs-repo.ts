import { type Db, ingestJobs, type Orm, syncState } from '@backoffice/db';
import { and, eq, inArray, min, sql } from 'drizzle-orm';
import { claimLeasedRows } from '../../platform/lease-repo';

export type IngestJobRow = typeof ingestJobs.$inferSelect;

/**
 * Queues a re-read of one provider subject in the caller's transaction. A subject already waiting keeps
 * its one job (made due now): many deliveries about one session need one read of its current state.
 */
export function enqueueReread(
  tx: Orm,
  provider: string,
  externalId: string,
  reason: string,
  now: number,
): void {
  const waiting = tx
    .select({ id: ingestJobs.id })
    .from(ingestJobs)
    .where(
      and(
        eq(ingestJobs.provider, provider),
        eq(ingestJobs.externalId, externalId),
        eq(ingestJobs.status, 'pending'),
      ),
    )
    .get();
  if (waiting) {
    tx.update(ingestJobs)
      .set({ nextAttemptAt: sql`min(${ingestJobs.nextAttemptAt}, ${now})`, updatedAt: now })
      .where(eq(ingestJobs.id, waiting.id))
      .run();
    return;
  }
  tx.insert(ingestJobs)
    .values({
      provider,
      externalId,
      reason,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .run();
}

/** Due pending jobs, and in-flight ones whose lease ran out (their worker died mid-read), under a new lease. */
export function claimDueJobs(tx: Orm, now: number, leaseMs: number, limit: number): IngestJobRow[] {
  const due = claimLeasedRows(tx, ingestJobs, {
    now,
    leaseMs,
    limit,
    alsoSet: { attempts: sql`${ingestJobs.attempts} + 1` },
  });
  return due.map((row) => ({ ...row, attempts: row.attempts + 1 }));
}

export function finishJob(tx: Orm, id: number, status: 'done' | 'failed', now: number, error: string | null) {
  tx.update(ingestJobs)
    .set({ status, lockedUntil: null, lastError: error, updatedAt: now })
    .where(eq(ingestJobs.id, id))
    .run();
}

export function rescheduleJob(tx: Orm, id: number, at: number, error: string, now: number) {
  tx.update(ingestJobs)
    .set({ status: 'pending', lockedUntil: null, nextAttemptAt: at, lastError: error, updatedAt: now })
    .where(eq(ingestJobs.id, id))
    .run();
}

export interface IngestJobSummary {
  pending: number;
  failed: number;
  oldestPendingAt: number | null;
}

/** Jobs still to run (pending or in flight) and jobs given up, for the sync status. */
export function summarizeJobs(db: Db, provider: string): IngestJobSummary {
  const open = db.orm
    .select({ count: sql<number>`count(*)`, oldest: min(ingestJobs.createdAt) })
    .from(ingestJobs)
    .where(and(eq(ingestJobs.provider, provider), inArray(ingestJobs.status, ['pending', 'in_flight'])))
    .get();
  const failed = db.orm
    .select({ count: sql<number>`count(*)` })
    .from(ingestJobs)
    .where(and(eq(ingestJobs.provider, provider), eq(ingestJobs.status, 'failed')))
    .get();
  return { pending: open?.count ?? 0, failed: failed?.count ?? 0, oldestPendingAt: open?.oldest ?? null };
}

export function readSyncValue(db: Db, key: string): string | null {
  return (
    db.orm.select({ value: syncState.value }).from(syncState).where(eq(syncState.key, key)).get()?.value ??
    null
  );
}

export function writeSyncValue(db: Db, key: string, value: string, now: number): void {
  db.orm
    .insert(syncState)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: syncState.key, set: { value, updatedAt: now } })
    .run();
}
