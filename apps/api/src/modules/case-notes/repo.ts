import { caseComments, caseMetadata, type Orm, users } from '@backoffice/db';
import { and, asc, desc, eq, isNull } from 'drizzle-orm';

export type CommentRow = typeof caseComments.$inferSelect;
export type MetadataRow = typeof caseMetadata.$inferSelect;

export function commentsOf(db: Orm, caseId: number, limit = 200): CommentRow[] {
  return db
    .select()
    .from(caseComments)
    .where(eq(caseComments.caseId, caseId))
    .orderBy(desc(caseComments.id))
    .limit(limit)
    .all();
}

export function metadataOf(db: Orm, caseId: number): MetadataRow[] {
  return db
    .select()
    .from(caseMetadata)
    .where(eq(caseMetadata.caseId, caseId))
    .orderBy(asc(caseMetadata.key))
    .all();
}

export function insertComment(tx: Orm, row: typeof caseComments.$inferInsert): CommentRow {
  return tx.insert(caseComments).values(row).returning().get();
}

export function upsertMetadata(tx: Orm, row: MetadataRow): void {
  tx.insert(caseMetadata)
    .values(row)
    .onConflictDoUpdate({
      target: [caseMetadata.caseId, caseMetadata.key],
      set: { value: row.value, updatedBy: row.updatedBy, updatedAt: row.updatedAt },
    })
    .run();
}

export function deleteMetadata(tx: Orm, caseId: number, key: string): void {
  tx.delete(caseMetadata)
    .where(and(eq(caseMetadata.caseId, caseId), eq(caseMetadata.key, key)))
    .run();
}

export function activeUsers(db: Orm) {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(isNull(users.disabledAt))
    .orderBy(asc(users.name))
    .all();
}

export function findActiveUser(db: Orm, id: string) {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.id, id), isNull(users.disabledAt)))
    .get();
}
