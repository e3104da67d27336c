import { caseActions, cases, type Orm, outbox, preparedQuery } from '@backoffice/db';
import { eq, sql } from 'drizzle-orm';
import { claimLeasedRows, dueLeasedRow, freshLeasedRow } from '../../platform/lease-repo';
import type { ProviderCall } from '../../providers/types';

export type OutboxRow = typeof outbox.$inferSelect;

export function insertOutboxRow(tx: Orm, actionId: number, call: ProviderCall, now: number): void {
  tx.insert(outbox)
    .values({
      actionId,
      // Operations are named `<provider>.<verb>`; the provider is kept on the row for operators.
      provider: call.operation.slice(0, call.operation.indexOf('.')),
      operation: call.operation,
      payload: JSON.stringify(call),
      ...freshLeasedRow(now),
    })
    .run();
}

/**
 * A manager's retry of a failed call: due at once, with a fresh attempt budget. The worker still re-reads
 * the provider first, since the action's own attempt count (see `countAttempt`) is kept.
 */
export function requeueOutboxRow(tx: Orm, actionId: number, now: number): void {
  tx.update(outbox)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, lockedUntil: null, updatedAt: now })
    .where(eq(outbox.actionId, actionId))
    .run();
}

export function setOutboxStatus(
  tx: Orm,
  actionId: number,
  status: 'abandoned' | 'done' | 'failed',
  now: number,
  lastError?: string | null,
): void {
  tx.update(outbox)
    .set({ status, lockedUntil: null, updatedAt: now, ...(lastError !== undefined ? { lastError } : {}) })
    .where(eq(outbox.actionId, actionId))
    .run();
}

/**
 * Takes up to `limit` due rows under a lease: pending rows whose time has come, and in-flight rows whose
 * lease ran out (the worker that held them died mid-call, so the call may or may not have landed).
 */
const anyDueRow = preparedQuery((orm) =>
  orm
    .select({ id: outbox.id })
    .from(outbox)
    .where(dueLeasedRow(outbox, sql.placeholder('now')))
    .limit(1)
    .prepare(),
);

/**
 * Whether `claimDueRows` would find anything, read without taking the write lock. The worker wakes on
 * every committed case change, and while webhooks stream in nearly all of those wakes find nothing due:
 * answering them with one prepared read instead of a write transaction keeps them off the writer.
 */
export function outboxHasDueRows(orm: Orm, now: number): boolean {
  return anyDueRow(orm).get({ now }) !== undefined;
}

export function claimDueRows(tx: Orm, now: number, leaseMs: number, limit: number): OutboxRow[] {
  return claimLeasedRows(tx, outbox, { now, leaseMs, limit });
}

/**
 * Records one more attempt on the row and on its action. Returns how many attempts the action had before
 * this one, across manual retries: the row's own count restarts with each retry (a fresh budget), the
 * action's never does, so it is what tells whether an earlier attempt may have landed.
 */
export function countAttempt(tx: Orm, row: OutboxRow, now: number): number {
  tx.update(outbox)
    .set({ attempts: row.attempts + 1, updatedAt: now })
    .where(eq(outbox.id, row.id))
    .run();
  const action = tx
    .select({ attempts: caseActions.attempts })
    .from(caseActions)
    .where(eq(caseActions.id, row.actionId))
    .get();
  if (!action) return row.attempts;
  tx.update(caseActions)
    .set({ attempts: action.attempts + 1 })
    .where(eq(caseActions.id, row.actionId))
    .run();
  return Math.max(action.attempts, row.attempts);
}

export function scheduleRetry(
  tx: Orm,
  actionId: number,
  nextAttemptAt: number,
  lastError: string,
  now: number,
): void {
  tx.update(outbox)
    .set({ status: 'pending', nextAttemptAt, lockedUntil: null, lastError, updatedAt: now })
    .where(eq(outbox.actionId, actionId))
    .run();
}

export function findOutboxRow(db: Orm, actionId: number): OutboxRow | undefined {
  return db.select().from(outbox).where(eq(outbox.actionId, actionId)).get();
}

export function findCase(tx: Orm, id: number) {
  return tx.select().from(cases).where(eq(cases.id, id)).get();
}

export function findAction(tx: Orm, id: number) {
  return tx.select().from(caseActions).where(eq(caseActions.id, id)).get();
}

export function updateAction(tx: Orm, id: number, changes: Partial<typeof caseActions.$inferInsert>) {
  return tx.update(caseActions).set(changes).where(eq(caseActions.id, id)).returning().get();
}
