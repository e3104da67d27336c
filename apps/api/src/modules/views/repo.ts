import { type Orm, savedViews, users } from '@backoffice/db';
import { asc, count, eq, or } from 'drizzle-orm';

export type SavedViewRow = typeof savedViews.$inferSelect;

/** The caller's own views and every shared one, each with its owner's name. */
export function visibleViews(db: Orm, userId: string) {
  return db
    .select({ view: savedViews, ownerName: users.name })
    .from(savedViews)
    .leftJoin(users, eq(users.id, savedViews.ownerId))
    .where(or(eq(savedViews.ownerId, userId), eq(savedViews.shared, true)))
    .orderBy(asc(savedViews.shared), asc(savedViews.name), asc(savedViews.id))
    .all();
}

export function findView(db: Orm, id: number) {
  return db
    .select({ view: savedViews, ownerName: users.name })
    .from(savedViews)
    .leftJoin(users, eq(users.id, savedViews.ownerId))
    .where(eq(savedViews.id, id))
    .get();
}

export function viewCountOf(db: Orm, userId: string): number {
  return db.select({ n: count() }).from(savedViews).where(eq(savedViews.ownerId, userId)).get()?.n ?? 0;
}

export function insertView(tx: Orm, row: typeof savedViews.$inferInsert): SavedViewRow {
  return tx.insert(savedViews).values(row).returning().get();
}

export function deleteView(tx: Orm, id: number): void {
  tx.delete(savedViews).where(eq(savedViews.id, id)).run();
}
