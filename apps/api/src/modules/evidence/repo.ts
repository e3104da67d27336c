import { auditLog, type Db, users } from '@backoffice/db';
import { and, asc, desc, eq, gt, inArray } from 'drizzle-orm';

/** Every audit row of one case, oldest first, exactly as stored. */
export function caseAuditRows(db: Db, caseId: number) {
  return db.orm.select().from(auditLog).where(eq(auditLog.caseId, caseId)).orderBy(asc(auditLog.id)).all();
}

/** The newest audit row's id and hash: the head of the chain. */
export function auditChainHead(db: Db): { id: number; hash: string } | undefined {
  return db.orm
    .select({ id: auditLog.id, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.id))
    .limit(1)
    .get();
}

export function namesAndRoles(db: Db, userIds: string[]): { id: string; name: string; role: string }[] {
  return db.orm
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(inArray(users.id, userIds))
    .all();
}

/** The `before` values of the audit rows of one action written after a time, newest first. */
export function auditBeforeValuesSince(db: Db, action: string, afterMs: number): { before: string | null }[] {
  return db.orm
    .select({ before: auditLog.before })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), gt(auditLog.at, afterMs)))
    .orderBy(desc(auditLog.id))
    .all();
}
