import { type Db, writeTransaction } from '@backoffice/db';

export interface RefusalCount {
  day: number;
  provider: string;
  status: number;
  count: number;
  lastAt: number;
}

/** Adds counted refusals to their day's rows (drizzle/0022_webhook_refusals.sql), in one transaction. */
export function addRefusalCounts(db: Db, counts: readonly RefusalCount[]): void {
  if (counts.length === 0) return;
  const upsert = db.sqlite.prepare(
    `INSERT INTO webhook_refusals (day, provider, status, count, last_at) VALUES (@day, @provider, @status, @count, @lastAt)
     ON CONFLICT (day, provider, status) DO UPDATE SET count = count + excluded.count,
       last_at = max(last_at, excluded.last_at)`,
  );
  writeTransaction(db, () => {
    for (const count of counts) upsert.run(count);
  });
}

/** The refusals of whole UTC days [fromDay, toDay), per provider and status. */
export function refusalCountsIn(db: Db, fromDay: number, toDay: number): RefusalCount[] {
  return db.sqlite
    .prepare(
      `SELECT 0 AS day, provider, status, sum(count) AS count, max(last_at) AS lastAt FROM webhook_refusals
        WHERE day >= ? AND day < ? GROUP BY provider, status ORDER BY provider, status`,
    )
    .all(fromDay, toDay) as RefusalCount[];
}
