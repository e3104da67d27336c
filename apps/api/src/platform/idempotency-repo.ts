import { idempotencyKeys, type Orm } from '@backoffice/db';
import { and, eq, lt } from 'drizzle-orm';

export type StoredResponseRow = typeof idempotencyKeys.$inferSelect;

export function findStoredResponse(tx: Orm, userId: string, key: string): StoredResponseRow | undefined {
  return tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
    .get();
}

export function storeResponse(tx: Orm, row: typeof idempotencyKeys.$inferInsert): void {
  tx.insert(idempotencyKeys).values(row).run();
}

/** Returns how many stored responses went. */
export function deleteStoredResponsesBefore(tx: Orm, before: number): number {
  return tx.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, before)).run().changes;
}
