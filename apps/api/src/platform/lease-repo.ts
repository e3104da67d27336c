import type { Orm } from '@backoffice/db';
import { and, asc, eq, inArray, lte, or, type Placeholder, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';

/**
 * A table of work rows taken under a lease (the outbox, the ingest jobs): `pending` rows wait for their
 * `nextAttemptAt`, `in_flight` rows are held by a worker until `lockedUntil`.
 */
export type LeasedTable = SQLiteTable & {
  id: SQLiteColumn;
  status: SQLiteColumn;
  nextAttemptAt: SQLiteColumn;
  lockedUntil: SQLiteColumn;
  updatedAt: SQLiteColumn;
};

/** The lease columns of a new work row: pending, due at once, not yet attempted. */
export const freshLeasedRow = (now: number) => ({
  status: 'pending',
  attempts: 0,
  nextAttemptAt: now,
  createdAt: now,
  updatedAt: now,
});

/**
 * A row of `table` that is due at `now` (a value, or a placeholder of a prepared query): pending and its
 * time has come, or in flight with its lease run out.
 */
export function dueLeasedRow(table: LeasedTable, now: number | Placeholder): SQL | undefined {
  return or(
    and(eq(table.status, 'pending'), lte(table.nextAttemptAt, now)),
    and(eq(table.status, 'in_flight'), lte(table.lockedUntil, now)),
  );
}

/**
 * Takes up to `limit` due rows of `table` under a lease of `leaseMs`: pending rows whose time has come,
 * and in-flight rows whose lease ran out (the worker that held them died mid-call, so the work may or may
 * not have been done). `alsoSet` adds columns to the claiming update (an attempt counter, say).
 */
export function claimLeasedRows<T extends LeasedTable>(
  tx: Orm,
  table: T,
  {
    now,
    leaseMs,
    limit,
    alsoSet = {},
  }: { now: number; leaseMs: number; limit: number; alsoSet?: Record<string, SQL> },
): T['$inferSelect'][] {
  const due = tx
    .select()
    .from(table as SQLiteTable)
    .where(dueLeasedRow(table, now))
    .orderBy(asc(table.nextAttemptAt), asc(table.id))
    .limit(limit)
    .all() as T['$inferSelect'][];
  if (due.length === 0) return [];
  tx.update(table as SQLiteTable)
    .set({ status: 'in_flight', lockedUntil: now + leaseMs, updatedAt: now, ...alsoSet } as Record<
      string,
      unknown
    >)
    .where(
      inArray(
        table.id,
        due.map((row) => (row as { id: number }).id),
      ),
    )
    .run();
  return due;
}
