import { createHash } from 'node:crypto';
import { desc } from 'drizzle-orm';
import { canonicalJson } from './canonical-json';
import type { Db, Orm } from './client';
import { placeholdersFor, preparedQuery } from './prepared';
import { auditLog } from './schema';

export const AUDIT_GENESIS_HASH = '0'.repeat(64);

export type ActorType = 'user' | 'provider' | 'system';

export interface AuditEntry {
  actorType: ActorType;
  actorId: string | null;
  actorRole?: string | null;
  action: string;
  caseId?: number | null;
  provider?: string | null;
  externalId?: string | null;
  /** Snapshots of what changed; must never carry PII (names, dates of birth, document numbers, images). */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  reason?: string | null;
  requestId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  at?: number;
}

type HashedFields = Omit<typeof auditLog.$inferSelect, 'hash' | 'prevHash'>;

function rowHash(prevHash: string, row: HashedFields): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(row)).digest('hex');
}

/** Every column of an audit row but `hash` and `prev_hash`: what the row's hash covers. */
export type AuditRowContent = HashedFields;
/** One row's hash from its predecessor's, exactly as appendAudit computes it, for offline verifiers. */
export const auditRowHash = (prevHash: string, row: AuditRowContent): string => rowHash(prevHash, row);

// Every state change appends a row: both statements are prepared once per connection.
const lastAuditRow = preparedQuery((orm) =>
  orm
    .select({ id: auditLog.id, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.id))
    .limit(1)
    .prepare(),
);
const insertAuditRow = preparedQuery((orm) =>
  orm.insert(auditLog).values(placeholdersFor(auditLog)).prepare(),
);

/**
 * Appends one audit row chained to the previous one: hash = SHA-256(prev_hash ‖ canonical(row)).
 * Call it inside the same write transaction as the change it records.
 */
export function appendAudit(tx: Orm, entry: AuditEntry): { id: number; hash: string } {
  const last = lastAuditRow(tx).get();
  const prevHash = last?.hash ?? AUDIT_GENESIS_HASH;
  const row: HashedFields = {
    id: (last?.id ?? 0) + 1,
    at: entry.at ?? Date.now(),
    actorType: entry.actorType,
    actorId: entry.actorId,
    actorRole: entry.actorRole ?? null,
    action: entry.action,
    caseId: entry.caseId ?? null,
    provider: entry.provider ?? null,
    externalId: entry.externalId ?? null,
    before: entry.before ? canonicalJson(entry.before) : null,
    after: entry.after ? canonicalJson(entry.after) : null,
    reason: entry.reason ?? null,
    requestId: entry.requestId ?? null,
    ip: entry.ip ?? null,
    userAgent: entry.userAgent ?? null,
  };
  const hash = rowHash(prevHash, row);
  insertAuditRow(tx).run({ ...row, prevHash, hash });
  return { id: row.id, hash };
}

export type AuditVerification =
  | { ok: true; rows: number }
  | { ok: false; rows: number; firstBrokenId: number; reason: 'hash_mismatch' | 'chain_break' | 'id_gap' };

/** Walks the whole chain in id order and reports the first row whose hash or link does not hold. */
export function verifyAuditChain(db: Db): AuditVerification {
  let prevHash = AUDIT_GENESIS_HASH;
  let expectedId = 1;
  let rows = 0;
  const iterate = db.sqlite.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as Iterable<
    Record<string, unknown>
  >;
  for (const raw of iterate) {
    const { hash, prev_hash, ...rest } = raw;
    const row: HashedFields = {
      id: rest.id as number,
      at: rest.at as number,
      actorType: rest.actor_type as string,
      actorId: (rest.actor_id as string | null) ?? null,
      actorRole: (rest.actor_role as string | null) ?? null,
      action: rest.action as string,
      caseId: (rest.case_id as number | null) ?? null,
      provider: (rest.provider as string | null) ?? null,
      externalId: (rest.external_id as string | null) ?? null,
      before: (rest.before as string | null) ?? null,
      after: (rest.after as string | null) ?? null,
      reason: (rest.reason as string | null) ?? null,
      requestId: (rest.request_id as string | null) ?? null,
      ip: (rest.ip as string | null) ?? null,
      userAgent: (rest.user_agent as string | null) ?? null,
    };
    if (row.id !== expectedId) return { ok: false, rows, firstBrokenId: row.id, reason: 'id_gap' };
    if (prev_hash !== prevHash) return { ok: false, rows, firstBrokenId: row.id, reason: 'chain_break' };
    if (rowHash(prevHash, row) !== hash)
      return { ok: false, rows, firstBrokenId: row.id, reason: 'hash_mismatch' };
    prevHash = hash as string;
    expectedId += 1;
    rows += 1;
  }
  return { ok: true, rows };
}
