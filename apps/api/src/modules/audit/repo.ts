import { auditLog, type Db, users } from '@backoffice/db';
import { and, desc, eq, getTableColumns, gte, lt, lte, type SQL } from 'drizzle-orm';

export interface AuditFilter {
  actorId?: string;
  action?: string;
  caseId?: number;
  provider?: string;
  /** Inclusive bounds in epoch milliseconds. */
  fromMs?: number;
  toMs?: number;
  /** Keyset: only rows with a lower id (the log is read newest first). */
  beforeId?: number;
}

export type AuditRowWithActor = typeof auditLog.$inferSelect & { actorName: string | null };

function conditionsOf(filter: AuditFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.actorId !== undefined) conditions.push(eq(auditLog.actorId, filter.actorId));
  if (filter.action !== undefined) conditions.push(eq(auditLog.action, filter.action));
  if (filter.caseId !== undefined) conditions.push(eq(auditLog.caseId, filter.caseId));
  if (filter.provider !== undefined) conditions.push(eq(auditLog.provider, filter.provider));
  if (filter.fromMs !== undefined) conditions.push(gte(auditLog.at, filter.fromMs));
  if (filter.toMs !== undefined) conditions.push(lte(auditLog.at, filter.toMs));
  if (filter.beforeId !== undefined) conditions.push(lt(auditLog.id, filter.beforeId));
  return conditions.length > 0 ? and(...conditions) : undefined;
}

/** Newest first by id; the actor's current display name is joined in (the audit row itself has no FK). */
export function findAuditRows(db: Db, filter: AuditFilter, limit: number): AuditRowWithActor[] {
  return db.orm
    .select({ ...getTableColumns(auditLog), actorName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(conditionsOf(filter))
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .all();
}
